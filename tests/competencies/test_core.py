import pytest

from competencies.levels import Level
from competencies.models import Competency, CompetencyArea, CompetencyEvidence
from competencies.selectors import evidenced_levels_for_user
from competencies.services import evidence_record


def test_levels_are_ordered_and_parse_by_name():
    assert Level.UNDERSTAND < Level.ENGAGE < Level.ANALYSE < Level.REASON
    assert Level.from_label(" analyse ") is Level.ANALYSE
    with pytest.raises(ValueError, match="use one of Understand, Engage, Analyse, Reason"):
        Level.from_label("expert")


@pytest.mark.django_db
def test_evidence_keeps_the_best_level_per_source(learner):
    area = CompetencyArea.objects.create(name="Data quality", slug="data-quality")
    dq = Competency.objects.create(code="DQ1", name="Judging data quality", description="x", area=area)
    evidence_record(
        user=learner, competency=dq, level=Level.ENGAGE, source="Good quality data", source_key="course:1"
    )
    evidence_record(
        user=learner, competency=dq, level=Level.UNDERSTAND, source="Good quality data", source_key="course:1"
    )
    assert CompetencyEvidence.objects.get().level == Level.ENGAGE
    evidence_record(user=learner, competency=dq, level=Level.ANALYSE, source="Python", source_key="course:2")
    assert CompetencyEvidence.objects.count() == 2
    assert evidenced_levels_for_user(user=learner) == {dq.pk: Level.ANALYSE}

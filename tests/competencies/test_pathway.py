"""The pathway against the learning app's real courses: completed courses give evidence, the rest close the gap."""

import pytest

from competencies.levels import Level
from competencies.selectors import gap_for_user
from competencies.services import staff_profile_set
from learning.models import CourseCompetency, CoursePage
from learning.pathway import pathway_for_user
from learning.services import enrolment_start, lesson_complete
from tests.factories.learning import add_catalogue, add_course


@pytest.fixture
def catalogue(site_with_home):
    return add_catalogue()


def course(catalogue, slug, level, links, prerequisites=()):
    page = add_course(
        catalogue,
        slug=slug,
        level=level,
        pass_mark=0,
        lessons=[[]],
        title=slug.replace("-", " ").capitalize(),
    )
    for competency, link_level in links:
        CourseCompetency.objects.create(course=page, competency=competency, level=link_level)
    if prerequisites:
        page.prerequisites.set(prerequisites)
        page.save_revision().publish()
    return page


def complete(user, page):
    """Pass a course the way a learner does: enrol, complete its only lesson."""
    page = CoursePage.objects.get(pk=page.pk)  # as a view loads it
    enrolment = enrolment_start(user=user, course=page)
    lesson = page.get_children().specific().first()
    lesson_complete(course_attempt=enrolment.attempts.get(), lesson=lesson)


@pytest.fixture
def courses(catalogue, small_framework):
    f = small_framework
    c = {}
    c["dq-basics"] = course(catalogue, "dq-basics", Level.UNDERSTAND, [(f["dq1"], Level.UNDERSTAND)])
    c["dq-practice"] = course(
        catalogue, "dq-practice", Level.ENGAGE, [(f["dq1"], Level.ENGAGE)], [c["dq-basics"]]
    )
    c["charts"] = course(catalogue, "charts", Level.UNDERSTAND, [(f["vc1"], Level.UNDERSTAND)])
    c["describing"] = course(catalogue, "describing", Level.ENGAGE, [(f["an1"], Level.ENGAGE)])
    c["analysis"] = course(
        catalogue,
        "analysis",
        Level.ANALYSE,
        [(f["an1"], Level.ANALYSE), (f["dq1"], Level.ANALYSE)],
        [c["describing"]],
    )
    c["reasoning"] = course(catalogue, "reasoning", Level.REASON, [(f["an1"], Level.REASON)])
    c["dq-draft"] = course(catalogue, "dq-draft", Level.ENGAGE, [(f["dq1"], Level.ENGAGE)])
    c["dq-draft"].unpublish()
    return c


@pytest.mark.django_db
def test_gap_and_pathway_after_two_completed_courses(client_for, learner, small_framework, courses):
    f = small_framework
    staff_profile_set(user=learner, job_profile=f["analyst"], governance_profiles=[], actor=learner)
    complete(learner, courses["dq-basics"])  # evidence DQ1 at Understand
    complete(learner, courses["charts"])  # evidence VC1 at Understand
    gap = {row.competency.code: row for row in gap_for_user(user=learner)}
    assert (gap["DQ1"].required, gap["DQ1"].evidenced, gap["DQ1"].met) == (
        Level.ENGAGE,
        Level.UNDERSTAND,
        False,
    )
    assert (gap["VC1"].required, gap["VC1"].evidenced, gap["VC1"].met) == (
        Level.UNDERSTAND,
        Level.UNDERSTAND,
        True,
    )
    assert (gap["AN1"].required, gap["AN1"].evidenced) == (Level.ANALYSE, None)

    steps = pathway_for_user(user=learner)
    titles = [step.course.title for step in steps]
    # Closes DQ1 (Engage) and AN1 (up to Analyse); not the Reason course (above need), the draft, or passed ones.
    assert titles == ["Describing", "Dq practice", "Analysis"]  # by level, then title
    analysis = steps[2]
    assert [p.title for p in analysis.prerequisites] == ["Describing"]
    assert [(c.code, lvl) for c, lvl in analysis.closes] == [("AN1", Level.ANALYSE)]  # DQ1 only needs Engage

    page = client_for(learner).get("/my-role/gap/").content.decode()
    assert page.index("Describing<") < page.index("Dq practice<") < page.index("Analysis<")
    assert "Take Describing first." in page
    an1 = analysis.closes[0][0]
    assert f"Develops {an1.name} (to Analyse level)." in page  # names, not codes (issue 18.5)
    assert "Reasoning" not in page


@pytest.mark.django_db
def test_prerequisites_come_first_even_at_a_higher_level(catalogue, learner, small_framework):
    f = small_framework
    staff_profile_set(user=learner, job_profile=f["analyst"], governance_profiles=[], actor=learner)
    intro = course(catalogue, "zz-intro", Level.ENGAGE, [(f["an1"], Level.ENGAGE)])
    main = course(catalogue, "aa-main", Level.ENGAGE, [(f["an1"], Level.ENGAGE)], [intro])
    titles = [s.course.title for s in pathway_for_user(user=learner)]
    assert titles.index("Zz intro") < titles.index("Aa main")
    assert main.pk


@pytest.mark.django_db
def test_no_pathway_when_every_gap_is_closed(learner, small_framework, courses):
    staff_profile_set(
        user=learner, job_profile=None, governance_profiles=[small_framework["steward"]], actor=learner
    )
    complete(learner, courses["describing"])
    complete(learner, courses["analysis"])  # DQ1 at Analyse meets the steward's need
    assert pathway_for_user(user=learner) == []


@pytest.mark.django_db
def test_coverage_lists_competencies_no_published_course_develops(
    client_for, hr_user, small_framework, catalogue
):
    course(catalogue, "charts", Level.UNDERSTAND, [(small_framework["vc1"], Level.UNDERSTAND)])
    draft = course(catalogue, "dq-draft", Level.ENGAGE, [(small_framework["dq1"], Level.ENGAGE)])
    draft.unpublish()
    page = client_for(hr_user).get("/framework/reports/coverage/").content.decode()
    undeveloped = page.split("Competencies no course develops")[1].split("Role profiles nobody holds")[0]
    assert "DQ1" in undeveloped and "AN1" in undeveloped and "VC1" not in undeveloped

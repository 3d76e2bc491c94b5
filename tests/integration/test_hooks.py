"""What a lower layer shows because a higher one registered it (config/architecture.py): champions on the gap
page and under lessons, the lesson's discussion link, the header's notifications link, the pathway on the gap
page, and the lab telling learning that an exercise was passed."""

# ruff: noqa: F811 - the fixtures below are imported from the other test packages
import io
import json

import pytest
from wagtail import hooks

from competencies.levels import Level
from competencies.services import evidence_record, staff_profile_set
from jupyterlite import demo as lab_demo
from jupyterlite.hooks import EXERCISE_PASSED_HOOK
from jupyterlite.models import Exercise
from jupyterlite.services import expected_answer
from tests.competencies.conftest import small_framework  # noqa: F401
from tests.learning.conftest import add_course, catalogue, competency, course, enrolled  # noqa: F401

pytestmark = pytest.mark.django_db


def test_lesson_offers_its_discussion_and_a_champion_for_each_competency(
    client_for, learner, course, enrolled
):
    lesson = course.lessons().first()
    response = client_for(learner).get(lesson.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h2 class="govuk-heading-s">Stuck?</h2>' in html
    assert (
        '<a class="govuk-link" href="/champions/competency/DQ1/">Find a champion for Judging data quality</a>'
        in html
    )
    assert f'href="/community/discuss/{lesson.pk}/">Discuss this lesson</a>' in html


def test_gap_links_a_champion_only_for_competencies_still_to_close(client_for, learner, small_framework):
    f = small_framework
    staff_profile_set(user=learner, job_profile=f["analyst"], governance_profiles=[], actor=None)
    evidence_record(user=learner, competency=f["an1"], level=Level.ANALYSE, source="x", source_key="course:1")
    response = client_for(learner).get("/my-role/gap/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Find a champion for Judging data quality" in html  # DQ1 still to close
    assert 'href="/champions/competency/DQ1/"' in html
    assert "Find a champion for Describing data" not in html  # AN1 met
    # Learning's pathway section is there, with nothing to suggest: no course develops these competencies.
    assert '<h2 class="govuk-heading-l">Your pathway</h2>' in html
    assert "No published course develops the competencies you still need" in html


def test_header_links_notifications_for_members_only(client_for, learner, site_with_home):
    member = client_for(learner).get("/").content.decode()
    assert 'href="/community/notifications/">Notifications</a>' in member
    anonymous = client_for(None).get("/").content.decode()
    assert "Notifications" not in anonymous and "Sign in" in anonymous


@pytest.fixture
def exercise(db):
    lab_demo.load(stdout=io.StringIO())
    return Exercise.objects.filter(is_published=True).order_by("slug").first()


def test_lab_announces_a_passed_exercise_once_every_question_is_right(client_for, learner, exercise):
    heard = []
    questions = list(exercise.questions.all())
    assert len(questions) > 1
    client = client_for(learner)

    def answer(question, value):
        body = json.dumps({"question": question.key, "value": value})
        response = client.post("/exercises/api/answer/", body, content_type="application/json")
        assert response.status_code == 201
        return response.json()["correct"]

    with hooks.register_temporarily(EXERCISE_PASSED_HOOK, heard.append):
        assert answer(questions[0], str(expected_answer(question=questions[0]))) is True
        assert heard == []  # one right answer is not a passed exercise
        for question in questions[1:]:
            assert answer(question, str(expected_answer(question=question))) is True
    assert [(e.user, e.exercise_id) for e in heard] == [(learner, exercise.pk)]

"""Reading lessons is cheap: a plain GET writes nothing unless where the learner is has changed, and the lesson
page's queries stay within a fixed ceiling however many lessons the course has."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from learning.models import Enrolment
from learning.services import VISIT_REFRESH

pytestmark = pytest.mark.django_db


def writes(captured) -> list[str]:
    return [
        q["sql"]
        for q in captured
        if not q["sql"].lstrip().upper().startswith(("SELECT", "SAVEPOINT", "RELEASE"))
    ]


def test_reading_the_same_lesson_again_writes_nothing(client_for, learner, course, lessons, enrolled):
    client = client_for(learner)
    assert client.get(lessons[0].url).status_code == 200
    enrolment = Enrolment.objects.get(pk=enrolled.pk)
    assert enrolment.last_lesson_id == lessons[0].pk
    with CaptureQueriesContext(connection) as captured:
        assert client.get(lessons[0].url).status_code == 200
    assert [sql for sql in writes(captured) if "learning_enrolment" in sql] == []
    assert Enrolment.objects.get(pk=enrolled.pk).last_activity_at == enrolment.last_activity_at


def test_moving_to_another_lesson_records_it(client_for, learner, course, lessons, enrolled):
    client = client_for(learner)
    client.get(lessons[0].url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(lessons[1].url).status_code == 200
    assert len([sql for sql in writes(captured) if "learning_enrolment" in sql]) == 1
    assert Enrolment.objects.get(pk=enrolled.pk).last_lesson_id == lessons[1].pk
    body = client.get(course.url).content.decode()
    assert f'href="{lessons[1].url}"' in body  # "continue where you left off" follows the visit


def test_a_long_read_refreshes_the_activity_time_every_few_minutes(client_for, learner, lessons, enrolled):
    client = client_for(learner)
    client.get(lessons[0].url)
    stale = (
        Enrolment.objects.get(pk=enrolled.pk).last_activity_at - VISIT_REFRESH - datetime.timedelta(seconds=1)
    )
    Enrolment.objects.filter(pk=enrolled.pk).update(last_activity_at=stale)
    client.get(lessons[0].url)
    refreshed = Enrolment.objects.get(pk=enrolled.pk)
    assert refreshed.last_lesson_id == lessons[0].pk and refreshed.last_activity_at > stale


def test_the_lesson_page_reads_its_course_outline_from_the_cache_until_something_is_published(
    client_for, learner, course, lessons, enrolled, competency
):
    from learning.models import LessonPage

    client = client_for(learner)
    client.get(lessons[0].url)  # builds the site's chrome and the course outline
    with CaptureQueriesContext(connection) as captured:
        body = client.get(lessons[0].url).content.decode()
    assert "lesson 1 of 2" in body and f"Find a champion for {competency.name}" in body
    # The competencies (through the course's links) and the course itself came from the cached outline.
    assert not [q["sql"] for q in captured if "learning_coursecompetency" in q["sql"]]
    assert not [q["sql"] for q in captured if 'FROM "learning_coursepage"' in q["sql"]]
    extra = LessonPage(
        title="Extra reading", slug="extra", body=[("paragraph", "<p>More.</p>")], required=False
    )
    course.add_child(instance=extra)
    extra.save_revision().publish()
    assert "lesson 1 of 3" in client.get(lessons[0].url).content.decode()
    competency.name = "Judging data quality well"
    competency.save()
    assert "Find a champion for Judging data quality well" in client.get(lessons[0].url).content.decode()

"""The demo curriculum: idempotent, valid as authored, and every course can be passed with the right answers."""

import json
from io import StringIO

import pytest

from competencies.levels import Level
from jupyterlite import demo as lab_demo
from learning import demo
from learning.models import CourseIndexPage, CoursePage, Enrolment, LessonPage
from learning.services import enrolment_start
from tests.curriculum.test_pages_and_journey import pass_exercises

pytestmark = pytest.mark.django_db


def right_answer_data(snapshot):
    kind = snapshot["kind"]
    if kind == "single":
        return {"answer": next(o["id"] for o in snapshot["options"] if o["correct"])}
    if kind == "multiple":
        return {"answer": [o["id"] for o in snapshot["options"] if o["correct"]]}
    if kind == "ordering":
        return {f"position-{o['id']}": str(n) for n, o in enumerate(snapshot["options"], start=1)}
    if kind == "numeric":
        return {"answer": snapshot["answer"]}
    return {"answer": snapshot["accepted"][0]}


def test_demo_is_idempotent_and_covers_every_level(site_with_home):
    lab_demo.load(stdout=StringIO())
    demo.load(stdout=StringIO())
    demo.load(stdout=StringIO())
    assert CourseIndexPage.objects.count() == 1
    assert set(CoursePage.objects.values_list("level", flat=True)) == {level.value for level in Level}
    packs = [json.loads((folder / "course.json").read_text()) for folder in demo.pack_folders()]
    assert LessonPage.objects.count() == sum(len(course["lessons"]) for course in packs)


def test_demo_lessons_validate_as_authored(site_with_home):
    lab_demo.load(stdout=StringIO())
    demo.load(stdout=StringIO())
    for lesson in LessonPage.objects.all():
        lesson.body.stream_block.clean(lesson.body)  # raises on an invalid question


def test_every_demo_course_can_be_passed(client_for, learner, site_with_home, monkeypatch):
    monkeypatch.setattr("jupyterlite.services.RATE_LIMIT", 1000)
    lab_demo.load(stdout=StringIO())
    demo.load(stdout=StringIO())
    client = client_for(learner)
    assert client.get("/learn/").status_code == 200
    for course in CoursePage.objects.order_by("path"):
        for prerequisite in course.prerequisites.all():
            assert Enrolment.objects.get(user=learner, course=prerequisite).completed_at
        enrolment_start(user=learner, course=course)
        assert client.get(course.url).status_code == 200
        for lesson in course.lessons().specific():
            lesson = LessonPage.objects.get(pk=lesson.pk)
            assert client.get(lesson.url).status_code == 200
            for child in lesson.questions():
                snapshot = child.block.snapshot(child.value, block_id=child.id)
                data = {"action": "answer", "question": str(child.id), **right_answer_data(snapshot)}
                assert client.post(lesson.url, data).status_code == 302
            pass_exercises(client, lesson)
            client.post(lesson.url, {"action": "complete"})
        enrolment = Enrolment.objects.get(user=learner, course=course)
        assert enrolment.completed_at and enrolment.best_score == 100, course.title

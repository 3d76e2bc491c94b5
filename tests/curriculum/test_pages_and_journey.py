"""Every course and lesson page renders with working links, and the newcomer's journey from the issue:
pick the Data analyst role, see a gap and a pathway, pass an Understand course, do an Analyse lesson with a
lab exercise, and see the gap shrink."""

import json
import re
from urllib.parse import urldefrag

import pytest

from competencies.models import Competency, RoleProfile
from competencies.selectors import (
    evidenced_levels_for_user,
    gap_for_user,
    staff_profile_for_user,
)
from jupyterlite.services import expected_answer
from learning.models import CoursePage, Enrolment, LessonCompletion, LessonPage
from learning.pathway import pathway_for_user
from tests.curriculum.conftest import right_answer_data

pytestmark = pytest.mark.django_db
HREF = re.compile(r'href="([^"]*)"')
# Static assets are served by the web server, not Django, in tests; logging out would end the crawl.
SKIP = ("/accounts/logout/", "/static/")


def check_links(client, url: str, checked: dict[str, int]) -> None:
    response = client.get(url)
    assert response.status_code == 200, url
    for href in set(HREF.findall(response.content.decode())):
        target = urldefrag(href.replace("&amp;", "&")).url
        if (
            not target.startswith("/")
            or target.startswith("//")
            or target.startswith(SKIP)
            or target in checked
        ):
            continue
        checked[target] = client.get(target).status_code
        assert checked[target] < 400, f"{url} links to {target}, which answers {checked[target]}"


def pass_exercises(client, lesson: LessonPage) -> None:
    for child in lesson.body:
        if child.block_type == "exercise":
            for question in child.value["exercise"].questions.all():
                answer = {"question": question.key, "value": expected_answer(question=question)}
                response = client.post(
                    "/exercises/api/answer/", json.dumps(answer), content_type="application/json"
                )
                assert response.status_code == 201 and response.json()["correct"], question.key


def test_every_course_and_lesson_renders_with_no_broken_links_and_can_be_passed(
    learner_client, demo_learner, monkeypatch
):
    monkeypatch.setattr("jupyterlite.services.RATE_LIMIT", 1000)
    checked: dict[str, int] = {}
    courses = list(CoursePage.objects.live().order_by("path"))
    for course in courses:
        check_links(learner_client, course.url, checked)
        assert learner_client.post(course.url, {"action": "start"}).status_code == 302, course.slug
        for lesson in course.lessons():
            lesson = LessonPage.objects.get(pk=lesson.pk)
            check_links(learner_client, lesson.url, checked)
            answer_lesson(learner_client, lesson)
            pass_exercises(learner_client, lesson)
            learner_client.post(lesson.url, {"action": "complete"})
        enrolment = Enrolment.objects.get(user=demo_learner, course=course)
        assert enrolment.completed_at and enrolment.best_score == 100, course.title
        check_links(learner_client, course.url, checked)
    assert any(url.startswith("/exercises/") or url.startswith("/datasets/") for url in checked)
    assert len(checked) > 20


def answer_lesson(client, lesson: LessonPage) -> None:
    lesson = LessonPage.objects.get(pk=lesson.pk)
    assert client.get(lesson.url).status_code == 200
    for child in lesson.questions():
        snapshot = child.block.snapshot(child.value, block_id=child.id)
        data = {"action": "answer", "question": str(child.id), **right_answer_data(snapshot)}
        assert client.post(lesson.url, data).status_code == 302


def total_levels_to_go(user) -> int:
    return sum(row.levels_to_go for row in gap_for_user(user=user))


def test_the_newcomer_journey(learner_client, demo_learner):
    analyst = RoleProfile.objects.get(code="data-analyst")
    response = learner_client.post("/my-role/", {"job_profile": analyst.pk})
    assert response.status_code == 302
    assert staff_profile_for_user(user=demo_learner).job_profile == analyst
    gap_page = learner_client.get("/my-role/gap/")
    assert gap_page.status_code == 200
    gap_before = total_levels_to_go(demo_learner)
    assert gap_before > 0
    pathway = pathway_for_user(user=demo_learner)
    understand = CoursePage.objects.get(slug="reading-charts-and-tables-critically")
    assert understand.pk in {step.course.pk for step in pathway}
    assert understand.title in gap_page.content.decode()

    assert learner_client.post(understand.url, {"action": "start"}).status_code == 302
    for lesson in understand.lessons():
        answer_lesson(learner_client, lesson)
        assert learner_client.post(lesson.url, {"action": "complete"}).status_code == 302
    enrolment = Enrolment.objects.get(user=demo_learner, course=understand)
    assert enrolment.completed_at is not None and enrolment.best_score == 100

    dq1 = Competency.objects.get(code="DQ1")
    assert evidenced_levels_for_user(user=demo_learner)[dq1.pk] == understand.level
    assert total_levels_to_go(demo_learner) < gap_before

    python = CoursePage.objects.get(slug="analysing-council-data-with-python")
    lesson = LessonPage.objects.child_of(python).get(slug="loading-and-filtering")
    assert learner_client.post(python.url, {"action": "start"}).status_code == 302
    answer_lesson(learner_client, lesson)
    exercise = next(child.value["exercise"] for child in lesson.body if child.block_type == "exercise")
    assert not LessonCompletion.objects.filter(lesson=lesson, attempt__enrolment__user=demo_learner).exists()
    for question in exercise.questions.all():
        response = learner_client.post(
            "/exercises/api/answer/",
            json.dumps({"question": question.key, "value": expected_answer(question=question)}),
            content_type="application/json",
        )
        assert response.status_code == 201 and response.json()["correct"]
    assert LessonCompletion.objects.filter(lesson=lesson, attempt__enrolment__user=demo_learner).exists()
    course_page = learner_client.get(python.url).content.decode()
    assert "1 of 4" in course_page or "25%" in course_page

"""The catalogue's filters and counts (a plain GET form), the header link, "My courses", and query ceilings."""

import uuid

import pytest

from competencies.levels import Level
from learning.models import CourseCompetency
from learning.services import enrolment_start, lesson_visit

from .conftest import add_course, q_numeric, q_single, q_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def shelf(catalogue, competency):
    """Three courses: Understand 20 min (with DQ1), Engage 45 min, Reason 90 min (with DQ1)."""
    understand = add_course(catalogue, slug="u", level=Level.UNDERSTAND, title="Reading a table")
    engage = add_course(catalogue, slug="e", level=Level.ENGAGE, title="Recording data well")
    engage.estimated_minutes = 45
    engage.save_revision().publish()
    reason = add_course(catalogue, slug="r", level=Level.REASON, title="Telling the story")
    reason.estimated_minutes = 90
    reason.save_revision().publish()
    CourseCompetency.objects.create(course=understand, competency=competency, level=Level.UNDERSTAND)
    CourseCompetency.objects.create(course=reason, competency=competency, level=Level.REASON)
    return {"u": understand, "e": engage, "r": reason}


def titles(response):
    body = response.content.decode()
    return [t for t in ("Reading a table", "Recording data well", "Telling the story") if t in body]


def test_catalogue_lists_every_course_with_counts_and_no_javascript(client, catalogue, shelf):
    response = client.get(catalogue.url)
    body = response.content.decode()
    assert response.status_code == 200
    assert "3 courses" in body
    assert titles(response) == ["Reading a table", "Recording data well", "Telling the story"]
    assert 'method="get"' in body and "Apply filters" in body
    assert "Understand (1)" in body and "Analyse (0)" in body
    assert "DQ1 Judging data quality (2)" in body
    assert "Under 30 minutes (1)" in body and "More than an hour (1)" in body
    assert "Only courses for my role" not in body  # not offered until the role selector is wired


def test_filters_by_level_competency_and_time(client, catalogue, shelf, competency):
    response = client.get(catalogue.url, {"level": [Level.ENGAGE, Level.REASON]})
    assert titles(response) == ["Recording data well", "Telling the story"]
    assert "2 courses match your filters" in response.content.decode()
    response = client.get(catalogue.url, {"competency": competency.pk})
    assert titles(response) == ["Reading a table", "Telling the story"]
    body = response.content.decode()
    assert "Engage (0)" in body and "Reason (1)" in body  # counts respect the other filters
    response = client.get(catalogue.url, {"time": ["30-60"]})
    assert titles(response) == ["Recording data well"]
    assert "1 course matches your filters" in response.content.decode()  # issue 18.5: singular verb
    response = client.get(catalogue.url, {"competency": competency.pk, "time": ["under-30"]})
    assert titles(response) == ["Reading a table"]
    response = client.get(catalogue.url, {"level": [Level.ANALYSE]})
    assert (
        "0 courses" in response.content.decode()
        and "No courses match these filters" in response.content.decode()
    )


def test_bad_filter_values_are_ignored_not_errors(client, catalogue, shelf):
    response = client.get(catalogue.url, {"level": "nine", "competency": "x", "time": "forever"})
    assert response.status_code == 200
    assert "3 courses" in response.content.decode()  # every course, as with no filter
    assert titles(response) == ["Reading a table", "Recording data well", "Telling the story"]


def test_draft_courses_are_not_listed(client, catalogue, shelf):
    shelf["e"].unpublish()
    assert titles(client.get(catalogue.url)) == ["Reading a table", "Telling the story"]


def test_learn_is_in_the_header_and_my_courses_on_my_learning(client, client_for, learner, catalogue, course):
    assert 'href="/learn/"' in client.get("/").content.decode()
    signed_in = client_for(learner)
    body = signed_in.get("/my-learning/").content.decode()
    assert "My courses" in body and "You have not started a course yet" in body
    enrolment = enrolment_start(user=learner, course=course)
    second = list(course.lessons())[1]
    lesson_visit(enrolment=enrolment, lesson=second)
    body = signed_in.get("/my-learning/").content.decode()
    assert course.title in body and "0% complete" in body
    assert f'href="{second.url}">Continue where you left off' in body


def test_my_courses_shows_only_my_own(client_for, learner, other_learner, course):
    enrolment_start(user=other_learner, course=course)
    response = client_for(learner).get("/my-learning/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "My courses" in body and "You have not started a course yet" in body
    assert course.title not in body
    other = client_for(other_learner).get("/my-learning/")
    assert other.status_code == 200 and course.title in other.content.decode()


def _grow(catalogue, *, courses, questions_per_lesson, learners):
    from home.services import user_create

    people = [
        user_create(email=f"grow-{uuid.uuid4().hex[:8]}@test.gov.uk", password=None) for n in range(learners)
    ]
    made = []
    for _ in range(courses):
        body = [q_single(), q_numeric(), q_text()] * questions_per_lesson
        course = add_course(catalogue, slug=f"grow-{uuid.uuid4().hex[:8]}", lessons=[body] * 3)
        for person in people:
            enrolment_start(user=person, course=course)
        made.append(course)
    return made


def test_catalogue_query_count_is_flat(client_for, learner, catalogue, django_assert_max_num_queries):
    client = client_for(learner)
    _grow(catalogue, courses=2, questions_per_lesson=1, learners=1)
    client.get(catalogue.url)
    with django_assert_max_num_queries(16) as small:
        response = client.get(catalogue.url)
    assert response.status_code == 200 and "2 courses" in response.content.decode()
    _grow(catalogue, courses=10, questions_per_lesson=1, learners=3)
    client.get(catalogue.url)  # publishing dropped the site's cached menu and branding: rebuilt once
    with django_assert_max_num_queries(16) as large:
        response = client.get(catalogue.url)
    assert response.status_code == 200 and "12 courses" in response.content.decode()
    assert len(large.captured_queries) == len(small.captured_queries)


def test_lesson_page_query_count_is_flat(client_for, learner, catalogue, django_assert_max_num_queries):
    from learning.models import LessonPage

    def measure(course):
        enrolment_start(user=learner, course=course)
        lesson = LessonPage.objects.child_of(course).order_by("path")[1]
        client = client_for(learner)
        for child in lesson.questions()[:2]:  # some answered, with feedback shown
            client.post(lesson.url, {"action": "answer", "question": str(child.id), "answer": "1"})
        client.get(lesson.url)
        with django_assert_max_num_queries(12) as counted:
            assert client.get(lesson.url).status_code == 200
        return len(counted.captured_queries)

    small = measure(_grow(catalogue, courses=1, questions_per_lesson=1, learners=1)[0])
    big = _grow(catalogue, courses=1, questions_per_lesson=6, learners=8)[0]
    for n in range(8):
        add_course(catalogue, slug=f"extra-{n}", lessons=[[q_single()]])
    from wagtail.models import Page

    for n in range(10):  # more lessons in the big course
        from learning.models import LessonPage as LP

        extra = LP(title=f"Extra {n}", slug=f"extra-lesson-{n}", body=[q_single()])
        Page.objects.get(pk=big.pk).specific.add_child(instance=extra)
        extra.save_revision().publish()
    assert measure(big) == small


def test_dashboard_query_count_is_flat(client_for, learner, catalogue, django_assert_max_num_queries):
    client = client_for(learner)
    first = _grow(catalogue, courses=2, questions_per_lesson=1, learners=0)
    for course in first:
        enrolment_start(user=learner, course=course)
    client.get("/my-learning/")
    with django_assert_max_num_queries(18) as small:
        response = client.get("/my-learning/")
    assert response.status_code == 200
    assert all(course.title in response.content.decode() for course in first)
    more = _grow(catalogue, courses=8, questions_per_lesson=1, learners=0)
    for course in more:
        enrolment_start(user=learner, course=course)
    client.get("/my-learning/")  # publishing dropped the site's cached menu and branding: rebuilt once
    with django_assert_max_num_queries(18) as large:
        response = client.get("/my-learning/")
    assert response.status_code == 200
    assert all(course.title in response.content.decode() for course in first + more)
    assert len(large.captured_queries) == len(small.captured_queries)

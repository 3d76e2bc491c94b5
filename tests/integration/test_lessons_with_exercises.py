"""Where the apps meet: exercises inside lessons, the discussion link, and "courses for my role"."""

import io
import json
from decimal import Decimal

import pytest

from competencies.levels import Level
from jupyterlite import demo as lab_demo
from jupyterlite.models import Attempt, Exercise
from jupyterlite.services import expected_answer
from learning.models import CourseCompetency, LessonCompletion
from learning.services import enrolment_start
from tests.factories.competencies import CompetencyAreaFactory, CompetencyFactory
from tests.factories.learning import add_catalogue, add_course, q_single


@pytest.fixture
def catalogue(site_with_home):
    return add_catalogue()


@pytest.fixture
def competency(db):
    area = CompetencyAreaFactory(name="Data quality", slug="data-quality")
    return CompetencyFactory(code="DQ1", name="Judging data quality", description="x", area=area)


@pytest.fixture
def exercise(db):
    lab_demo.load(stdout=io.StringIO())
    return Exercise.objects.filter(is_published=True).order_by("slug").first()


@pytest.fixture
def lab_course(catalogue, exercise):
    return add_course(
        catalogue,
        slug="python",
        level=Level.ANALYSE,
        lessons=[[("exercise", {"exercise": exercise, "heading": ""})]],
    )


def post_answer(client, question, value):
    return client.post(
        "/exercises/api/answer/",
        json.dumps({"question": question.key, "value": value}),
        content_type="application/json",
    )


@pytest.mark.django_db
def test_lesson_with_an_exercise_completes_when_the_exercise_is_passed(
    client_for, learner, lab_course, exercise
):
    enrolment = enrolment_start(user=learner, course=lab_course)
    lesson = lab_course.lessons().specific().get()
    client = client_for(learner)
    response = client.get(lesson.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert exercise.title in html and "Discuss this lesson" in html
    for question in exercise.questions.all():
        assert str(expected_answer(question=question)) not in html or question.expected_value == ""
    questions = list(exercise.questions.all())
    assert post_answer(client, questions[0], "-12345").json()["correct"] is False
    assert not LessonCompletion.objects.filter(lesson=lesson).exists()
    for question in questions:
        response = post_answer(client, question, str(expected_answer(question=question)))
        assert response.status_code == 201 and response.json()["correct"] is True
    assert LessonCompletion.objects.filter(lesson=lesson, attempt__enrolment=enrolment).exists()
    enrolment.refresh_from_db()
    assert enrolment.attempts.get().finished_at is not None


@pytest.mark.django_db
def test_another_learners_pass_does_not_complete_my_lesson(
    client_for, learner, other_learner, lab_course, exercise
):
    enrolment_start(user=learner, course=lab_course)
    client = client_for(other_learner)
    questions = list(exercise.questions.all())
    for question in questions:
        response = post_answer(client, question, str(expected_answer(question=question)))
        # The other learner's answers are taken and marked right: they pass the exercise themselves.
        assert response.status_code == 201 and response.json()["correct"] is True
    assert Attempt.objects.filter(user=other_learner, correct=True).count() == len(questions)
    assert not Attempt.objects.filter(user=learner).exists()
    assert not LessonCompletion.objects.exists()


@pytest.mark.django_db
def test_courses_for_my_role_filter(client_for, learner, catalogue, competency):
    from competencies.models import RoleProfile, RoleRequirement
    from competencies.services import staff_profile_set

    matching = add_course(catalogue, slug="matching", lessons=[[q_single()]])
    CourseCompetency.objects.create(course=matching, competency=competency, level=Level.UNDERSTAND)
    too_high = add_course(catalogue, slug="too-high", level=Level.REASON, lessons=[[q_single()]])
    CourseCompetency.objects.create(course=too_high, competency=competency, level=Level.REASON)
    add_course(catalogue, slug="unrelated", lessons=[[q_single()]])
    client = client_for(learner)
    assert "for_my_role" not in client.get(catalogue.url).content.decode()  # no role chosen yet
    role = RoleProfile.objects.create(code="adviser", job_title="Customer services adviser", description="x")
    RoleRequirement.objects.create(role=role, competency=competency, level=Level.ENGAGE)
    role.save_revision().publish()
    competency.save_revision().publish()
    staff_profile_set(user=learner, job_profile=role, governance_profiles=[], actor=learner)
    response = client.get(catalogue.url, {"for_my_role": "1"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Course matching" in html
    assert "Course too-high" not in html and "Course unrelated" not in html


@pytest.fixture
def quiz_and_lab_course(catalogue, exercise):
    return add_course(
        catalogue,
        slug="quiz-and-lab",
        level=Level.ANALYSE,
        pass_mark=70,
        lessons=[[q_single(attempts=2)], [("exercise", {"exercise": exercise, "heading": ""})]],
    )


def answer_quiz_right(client, lesson):
    block = next(block for block in lesson.body.raw_data if block["type"] == "single_choice")
    right = next(option["id"] for option in block["value"]["options"] if option["value"]["correct"])
    return client.post(lesson.url, {"action": "answer", "question": block["id"], "answer": right})


@pytest.mark.django_db
def test_lab_checks_count_toward_the_course_score(client_for, learner, quiz_and_lab_course, exercise):
    """Issue 17.2: each check of a lab exercise is a mark in the course score, like a question."""
    from learning.services import course_attempt_score

    enrolment = enrolment_start(user=learner, course=quiz_and_lab_course)
    quiz, lab = quiz_and_lab_course.lessons().specific()
    client = client_for(learner)
    answer_quiz_right(client, quiz)
    take = enrolment.attempts.get()
    questions = list(exercise.questions.all())
    lessons = list(quiz_and_lab_course.lessons().specific())
    # The quiz right and no lab check yet: 1 of 1 + len(questions) marks.
    expected = (Decimal(100) / (1 + len(questions))).quantize(Decimal("0.01"))
    assert course_attempt_score(course_attempt=take, lessons=lessons) == expected
    # A wrong check costs nothing; a right one is a full mark.
    assert post_answer(client, questions[0], "-12345").json()["correct"] is False
    assert post_answer(client, questions[0], str(expected_answer(question=questions[0]))).json()["correct"]
    expected = (Decimal(200) / (1 + len(questions))).quantize(Decimal("0.01"))
    assert course_attempt_score(course_attempt=take, lessons=lessons) == expected
    for question in questions[1:]:
        post_answer(client, question, str(expected_answer(question=question)))
    take.refresh_from_db()
    assert take.finished_at is not None and take.passed and take.score == 100


@pytest.mark.django_db
def test_a_lab_check_from_an_earlier_take_does_not_count_in_a_retake(
    client_for, learner, quiz_and_lab_course, exercise
):
    from learning.services import course_attempt_score

    questions = list(exercise.questions.all())
    client = client_for(learner)
    post_answer(client, questions[0], str(expected_answer(question=questions[0])))
    assert Attempt.objects.filter(user=learner, correct=True).count() == 1
    enrolment = enrolment_start(user=learner, course=quiz_and_lab_course)
    take = enrolment.attempts.get()
    lessons = list(quiz_and_lab_course.lessons().specific())
    assert course_attempt_score(course_attempt=take, lessons=lessons) == 0

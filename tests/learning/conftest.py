"""Fixtures for learning: a published catalogue with a small course of known questions, and competencies."""

import pytest

from competencies.levels import Level
from competencies.models import Competency, CompetencyArea
from learning.models import CourseCompetency, CourseIndexPage, CoursePage, LessonPage
from learning.services import enrolment_start


def q_single(prompt="Which is a characteristic of good quality data?", attempts=2):
    return (
        "single_choice",
        {
            "prompt": f"<p>{prompt}</p>",
            "hint": "Think about when the data arrives.",
            "explanation": "<p>Timely data arrives in time to act on.</p>",
            "max_attempts": attempts,
            "options": [
                {"text": "Timely", "correct": True, "feedback": "Yes: available when needed."},
                {"text": "Expensive", "correct": False, "feedback": "Cost says nothing about quality."},
                {"text": "Colourful", "correct": False, "feedback": ""},
            ],
        },
    )


def q_numeric(attempts=2):
    return (
        "numeric",
        {
            "prompt": "<p>200 records, 30 without a postcode: what percentage have one?</p>",
            "answer": "85",
            "tolerance": "0.5",
            "unit": "%",
            "hint": "",
            "explanation": "<p>170 of 200 is 85%.</p>",
            "max_attempts": attempts,
        },
    )


def q_text(attempts=2):
    return (
        "short_text",
        {
            "prompt": "<p>What does FOI stand for?</p>",
            "accepted_answers": ["Freedom of Information"],
            "pattern": "",
            "case_sensitive": False,
            "hint": "",
            "explanation": "",
            "max_attempts": attempts,
        },
    )


def add_course(parent, *, slug="good-data", level=Level.UNDERSTAND, pass_mark=50, lessons=None, title=None):
    course = CoursePage(
        title=title or f"Course {slug}",
        slug=slug,
        level=level,
        summary="A short course.",
        audience="Everyone.",
        learning_outcomes="Name the characteristics of good data\nSpot a doubtful figure",
        estimated_minutes=20,
        pass_mark=pass_mark,
    )
    parent.add_child(instance=course)
    course.save_revision().publish()
    for index, body in enumerate(lessons if lessons is not None else [[q_single()], [q_numeric(), q_text()]]):
        lesson = LessonPage(
            title=f"Lesson {index + 1}",
            slug=f"lesson-{index + 1}",
            body=[("paragraph", "<p>Good data is useful, usable and used.</p>"), *body],
        )
        course.add_child(instance=lesson)
        lesson.save_revision().publish()
    return course


@pytest.fixture
def catalogue(site_with_home):
    from home.models import HomePage

    home = HomePage.objects.get()
    index = CourseIndexPage(title="Courses", slug="learn", introduction="Our courses.")
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def competency(db):
    area = CompetencyArea.objects.create(name="Data quality", slug="data-quality")
    return Competency.objects.create(code="DQ1", name="Judging data quality", description="x", area=area)


@pytest.fixture
def course(catalogue, competency):
    course = add_course(catalogue)
    CourseCompetency.objects.create(course=course, competency=competency, level=Level.UNDERSTAND)
    return course


@pytest.fixture
def lessons(course):
    return list(course.lessons().specific())


def question_ids(lesson):
    return [str(child.id) for child in LessonPage.objects.get(pk=lesson.pk).questions()]


def options(lesson, index=0):
    """[(option id, correct)] of the index-th question of `lesson`."""
    child = LessonPage.objects.get(pk=lesson.pk).questions()[index]
    return [(o["id"], o["correct"]) for o in child.block.snapshot(child.value, block_id=child.id)["options"]]


@pytest.fixture
def enrolled(learner, course):
    return enrolment_start(user=learner, course=course)

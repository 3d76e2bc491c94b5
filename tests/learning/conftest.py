"""Fixtures for learning: a published catalogue with a small course of known questions, and competencies."""

import pytest

from competencies.levels import Level
from competencies.models import Competency, CompetencyArea
from learning.models import CourseCompetency, LessonPage
from learning.services import enrolment_start
from tests.factories.learning import add_catalogue, add_course, q_numeric, q_single, q_text  # noqa: F401


@pytest.fixture
def catalogue(site_with_home):
    return add_catalogue()


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

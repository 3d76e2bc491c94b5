"""The course catalogue: an index page, published courses with lessons, and the question blocks lessons hold."""

import datetime
from unittest import mock

import factory
import wagtail_factories
from django.utils import timezone

from competencies.levels import Level
from learning.models import CourseAttempt, CourseIndexPage, CoursePage, Enrolment, LessonPage


class PublishedPageFactory(wagtail_factories.PageFactory):
    """A page added under `parent` and published, as an editor would."""

    class Meta:
        abstract = True
        skip_postgeneration_save = True  # publishing saves the page

    @factory.post_generation
    def publish(page, create, extracted, **kwargs):
        if create:
            page.save_revision().publish()


class CourseIndexPageFactory(PublishedPageFactory):
    title = "Courses"
    slug = "learn"
    introduction = "Our courses."

    class Meta:
        model = CourseIndexPage


class CoursePageFactory(PublishedPageFactory):
    title = factory.LazyAttribute(lambda page: f"Course {page.slug}")
    slug = "good-data"
    level = Level.UNDERSTAND
    summary = "A short course."
    audience = "Everyone."
    learning_outcomes = "Name the characteristics of good data\nSpot a doubtful figure"
    estimated_minutes = 20
    pass_mark = 50

    class Meta:
        model = CoursePage


class LessonPageFactory(PublishedPageFactory):
    title = factory.Sequence(lambda n: f"Lesson {n + 1}")
    slug = factory.Sequence(lambda n: f"lesson-{n + 1}")
    body = factory.LazyFunction(lambda: [("paragraph", "<p>Good data is useful, usable and used.</p>")])

    class Meta:
        model = LessonPage


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
    """A published course under `parent` with published lessons, each a paragraph and then `lessons[i]`'s
    blocks (by default one lesson of a single-choice question and one of a numeric and a text question)."""
    fields = {"title": title} if title else {}
    course = CoursePageFactory(parent=parent, slug=slug, level=level, pass_mark=pass_mark, **fields)
    for index, body in enumerate(lessons if lessons is not None else [[q_single()], [q_numeric(), q_text()]]):
        LessonPageFactory(
            parent=course,
            title=f"Lesson {index + 1}",
            slug=f"lesson-{index + 1}",
            body=[("paragraph", "<p>Good data is useful, usable and used.</p>"), *body],
        )
    return course


def add_catalogue():
    """The published course index under the site's home page (the home page must exist)."""
    from home.models import HomePage

    return CourseIndexPageFactory(parent=HomePage.objects.get())


# Required learning: a course with one lesson and a certificate that may expire, and a pass of it.


def catalogue():
    """The course catalogue under the home page (the home app's demo content must be loaded)."""
    from home.models import HomePage

    existing = CourseIndexPage.objects.first()
    if existing:
        return existing
    index = CourseIndexPage(title="Courses", slug="learn", introduction="Our courses.")
    HomePage.objects.get().add_child(instance=index)
    index.save_revision().publish()
    return index


def course(*, slug: str, title: str | None = None, valid_months: int | None = None, window: int = 30):
    page = CoursePage(
        title=title or slug.replace("-", " ").capitalize(),
        slug=slug,
        level=1,
        summary="A short course.",
        audience="Everyone.",
        learning_outcomes="Know the rules",
        estimated_minutes=20,
        pass_mark=0,
        certificate_valid_months=valid_months,
        renewal_window_days=window,
    )
    catalogue().add_child(instance=page)
    page.save_revision().publish()
    lesson = LessonPage(title="Lesson 1", slug="lesson-1", body=[("paragraph", "<p>Read this.</p>")])
    page.add_child(instance=lesson)
    lesson.save_revision().publish()
    return page


def pass_course(*, user, course: CoursePage, at: datetime.datetime):
    """`user` passes `course` at `at` through the real completion service (certificate, evidence, receivers)."""
    from learning.services import course_retake, enrolment_start, lesson_complete

    with mock.patch("django.utils.timezone.now", return_value=at):
        enrolment = Enrolment.objects.filter(user=user, course=course).first()
        if enrolment is None:
            take = enrolment_start(user=user, course=course).attempts.get()
        else:
            take = course_retake(enrolment=enrolment)
        lesson_complete(course_attempt=take, lesson=course.get_children().specific().first())
    return CourseAttempt.objects.get(pk=take.pk)


def london(*args) -> datetime.datetime:
    """An aware datetime on the council's clock (Europe/London)."""
    return datetime.datetime(*args, tzinfo=timezone.get_default_timezone())

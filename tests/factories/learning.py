"""The course catalogue: an index page, published courses with lessons, and the question blocks lessons hold."""

import factory
import wagtail_factories

from competencies.levels import Level
from learning.models import CourseIndexPage, CoursePage, LessonPage


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

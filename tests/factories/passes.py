"""Passing courses for required learning: a published course (one lesson, no questions), a pass at a given
time through the real completion service, and times on the council's clock."""

import datetime
from unittest import mock

from django.utils import timezone

from learning.models import CourseAttempt, CourseIndexPage, CoursePage, Enrolment, LessonPage


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

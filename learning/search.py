"""Courses and lessons in the one site search: published pages anyone may see, through Wagtail's search
backend (PostgreSQL full-text search in production, the database backend on SQLite)."""

from home.search import PageProvider

from .models import CoursePage, LessonPage


def course_provider():
    return PageProvider(
        key="courses",
        label="Courses",
        order=10,
        models=[CoursePage],
        label_for=lambda page: page.level_label,
    )


def lesson_provider():
    return PageProvider(
        key="lessons", label="Lessons", order=20, models=[LessonPage], label_for=lambda p: "Lesson"
    )

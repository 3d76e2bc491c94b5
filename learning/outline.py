"""What a lesson page shows about its course that no learner changes: the course, its published lessons and the
competencies it develops. Read from one cache entry on a plain GET, instead of three queries.

The entry's key carries the site's content token (home.site_cache), so it is dropped with the site's chrome
whenever a page is published, unpublished, moved, saved or deleted, or a competency is saved; POSTs and
previews always read the database.
"""

from __future__ import annotations

from functools import cached_property

from django.core.cache import cache

from competencies.models import Competency
from home.site_cache import CACHE_SECONDS, content_token

from .models import CoursePage, LessonPage


class CourseOutline:
    def __init__(self, lesson: LessonPage):
        self.course_path = lesson.path[: -lesson.steplen]

    @cached_property
    def course(self) -> CoursePage:
        return CoursePage.objects.get(path=self.course_path)

    @cached_property
    def lessons(self) -> list[LessonPage]:
        return list(self.course.lessons())

    @cached_property
    def competencies(self) -> list[Competency]:
        return list(Competency.objects.filter(course_links__course=self.course).order_by("code").distinct())

    def load(self) -> CourseOutline:
        for name in ("course", "lessons", "competencies"):
            getattr(self, name)
        return self


def course_outline(request, lesson: LessonPage, *, cached: bool) -> CourseOutline:
    """The outline of `lesson`'s course; from the cache when `cached` and the site's token is known."""
    token = content_token(request) if cached else None
    if token is None:
        return CourseOutline(lesson)
    key = f"learning:outline:{token}:{lesson.path[: -lesson.steplen]}"
    outline = cache.get(key)
    if outline is None:
        outline = CourseOutline(lesson).load()
        cache.set(key, outline, CACHE_SECONDS)
    return outline

from django.apps import AppConfig


class LearningConfig(AppConfig):
    """Courses, lessons, quizzes, enrolment, progress and grading."""

    name = "learning"

    def ready(self):
        from . import permissions  # noqa: F401 - registers the can_* predicates

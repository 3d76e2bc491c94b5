from django.apps import AppConfig


class LearningConfig(AppConfig):
    """Courses, lessons, quizzes, enrolment, progress and grading."""

    name = "learning"

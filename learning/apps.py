from django.apps import AppConfig


def exercise_passed(*, child, user, course_attempt) -> bool:
    """A lesson's exercise counts as done once the learner has answered all its questions correctly."""
    from jupyterlite.selectors import exercise_ids_passed

    exercise = child.value.get("exercise")
    return exercise is not None and exercise.pk in exercise_ids_passed(user=user, exercise_ids=[exercise.pk])


class LearningConfig(AppConfig):
    """Courses, lessons, quizzes, enrolment, progress and grading."""

    name = "learning"

    def ready(self):
        from . import permissions  # noqa: F401 - registers the can_* predicates
        from .completion import register_requirement

        register_requirement("exercise", exercise_passed, label="Check your answers to the exercise")

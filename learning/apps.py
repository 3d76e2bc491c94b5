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
        from django.db.models.signals import post_save

        from . import permissions  # noqa: F401 - registers the can_* predicates
        from .models import CourseIndexPage

        post_save.connect(
            _course_index_saved, sender=CourseIndexPage, dispatch_uid="learning_review_workflow"
        )
        # Lesson pages cache their course's outline, competencies included (learning/outline.py).
        from competencies.models import Competency
        from home.site_cache import chrome_clear

        post_save.connect(chrome_clear, sender=Competency, dispatch_uid="learning_outline_competency")
        from .completion import register_requirement

        register_requirement("exercise", exercise_passed, label="Check your answers to the exercise")


def _course_index_saved(sender, instance, created, raw=False, **kwargs):
    """A new course index goes under the "Academy review" workflow."""
    if created and not raw:
        from .services import assign_review_workflow

        assign_review_workflow(catalogue=instance)

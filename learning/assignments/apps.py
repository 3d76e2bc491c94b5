from django.apps import AppConfig


class AssignmentsConfig(AppConfig):
    """Required learning: courses and pathways assigned by role, team, service area or person, with due
    dates, yearly refreshers, reminders and the compliance view for HR and line managers."""

    name = "learning.assignments"
    label = "assignments"
    verbose_name = "Required learning"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import permissions, receivers  # noqa: F401 - registers predicates and completion receivers

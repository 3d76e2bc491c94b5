from django.apps import AppConfig


class StaffConfig(AppConfig):
    """The council's staff list: service areas, teams, line managers, role profiles, invitations, leavers."""

    name = "competencies.staff"
    label = "staff"
    verbose_name = "Staff records"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import permissions, receivers  # noqa: F401 - registers predicates and sign-in receivers

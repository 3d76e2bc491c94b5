from django.apps import AppConfig


class CompetenciesConfig(AppConfig):
    """The data competency framework, role profiles, gap analysis and HR reports."""

    name = "competencies"
    verbose_name = "Competency framework"

    def ready(self):
        from . import permissions  # noqa: F401 - registers the can_* predicates

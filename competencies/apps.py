from django.apps import AppConfig


class CompetenciesConfig(AppConfig):
    """The data competency framework, role profiles, gap analysis and HR reports."""

    name = "competencies"

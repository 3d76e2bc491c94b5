from django.apps import AppConfig


class MaturityConfig(AppConfig):
    """The team data-maturity self-assessment: the model, teams, rounds, answers, results and pathways."""

    name = "competencies.maturity"
    label = "maturity"
    verbose_name = "Team data maturity"

    def ready(self):
        from . import permissions  # noqa: F401 - registers the can_* predicates

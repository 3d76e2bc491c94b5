from django.apps import AppConfig


class ChampionsConfig(AppConfig):
    """The data champions directory: profiles, applications, the log of each step and the coverage report."""

    name = "community.champions"
    label = "champions"
    verbose_name = "Data champions"

    def ready(self):
        from . import permissions  # noqa: F401 - registers the can_* predicates

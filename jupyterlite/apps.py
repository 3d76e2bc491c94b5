from django.apps import AppConfig


class JupyterliteConfig(AppConfig):
    """The in-browser lab build, sample datasets, exercises and answer checking."""

    name = "jupyterlite"

    def ready(self):
        from . import permissions  # noqa: F401 - registers the can_* rules

from django.apps import AppConfig


class JupyterliteConfig(AppConfig):
    """The in-browser lab build, sample datasets, exercises and answer checking."""

    name = "jupyterlite"

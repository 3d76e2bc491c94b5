from django.apps import AppConfig


class EventsConfig(AppConfig):
    """Community-of-practice events: an events index page, event pages, sign-ups and calendar files."""

    name = "community.events"
    label = "events"
    verbose_name = "Community events"

    def ready(self):
        from . import permissions  # noqa: F401 - registers the can_* predicates

from django.apps import AppConfig


class CommunityConfig(AppConfig):
    """Forums, moderation, notifications and the data champions directory."""

    name = "community"

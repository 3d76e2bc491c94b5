from django.apps import AppConfig


class CommunityConfig(AppConfig):
    """Forums, moderation and notifications."""

    name = "community"

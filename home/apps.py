from django.apps import AppConfig


class HomeConfig(AppConfig):
    """Accounts, roles, site branding, home and content pages, the learner's dashboard."""

    name = "home"
    verbose_name = "Home and accounts"

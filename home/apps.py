from django.apps import AppConfig


class HomeConfig(AppConfig):
    """Accounts, roles, site branding, home and content pages, the learner's dashboard."""

    name = "home"
    verbose_name = "Home and accounts"

    def ready(self):
        from . import receivers  # noqa: F401 - connects the MFA security-log receivers
        from .site_cache import connect_receivers

        connect_receivers()

"""Template tags for the sign-in pages."""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def sso_password_login() -> bool:
    """False when the council has hidden the email-and-password route behind single sign-on."""
    return settings.SSO_PASSWORD_LOGIN

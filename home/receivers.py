"""Security log lines for authenticator changes: allauth reports these only through its MFA signals."""

import logging

from allauth.mfa import signals
from django.dispatch import receiver

security_log = logging.getLogger("academy.security")


def _log(event: str, user, authenticator) -> None:
    security_log.info("mfa %s user_id=%s type=%s", event, user.pk, getattr(authenticator, "type", ""))


@receiver(signals.authenticator_added)
def on_added(sender, request, user, authenticator, **kwargs):
    _log("added", user, authenticator)


@receiver(signals.authenticator_removed)
def on_removed(sender, request, user, authenticator, **kwargs):
    _log("removed", user, authenticator)


@receiver(signals.authenticator_reset)
def on_reset(sender, request, user, authenticator, **kwargs):
    _log("reset", user, authenticator)


@receiver(signals.authentication_failed)
def on_failed(sender, request, user, authenticator=None, **kwargs):
    security_log.warning("mfa failure user_id=%s", user.pk)

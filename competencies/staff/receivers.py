"""Link a member's staff record when they sign up or sign in (by email, or through single sign-on)."""

from allauth.account.signals import user_logged_in, user_signed_up
from django.dispatch import receiver

from . import services


def _extra_data(sociallogin) -> dict | None:
    account = getattr(sociallogin, "account", None)
    return getattr(account, "extra_data", None) or None


@receiver(user_signed_up, dispatch_uid="staff_link_on_sign_up")
def link_on_sign_up(sender, request, user, sociallogin=None, **kwargs):
    services.staff_record_link(user=user, extra_data=_extra_data(sociallogin))


@receiver(user_logged_in, dispatch_uid="staff_link_on_sign_in")
def link_on_sign_in(sender, request, user, sociallogin=None, **kwargs):
    services.staff_record_link(user=user, extra_data=_extra_data(sociallogin))

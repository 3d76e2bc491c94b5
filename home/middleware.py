"""Require a second factor before HR and Academy admin accounts reach protected areas."""

import logging

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect

from . import roles

security_log = logging.getLogger("academy.security")

# Set in the session when an identity provider asserted MFA at sign-in (single sign-on).
SESSION_PROVIDER_MFA = "academy_provider_mfa"


def user_has_second_factor(request) -> bool:
    return bool(request.session.get(SESSION_PROVIDER_MFA)) or is_mfa_enabled(request.user)


class MfaRequiredMiddleware:
    """HR and admin accounts without an authenticator are sent to set one up."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._must_set_up(request):
            security_log.info("mfa required redirect user_id=%s", request.user.pk)
            messages.warning(
                request,
                "Your role gives you access to staff records and the admin. Set up an authenticator app "
                "to continue.",
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    @staticmethod
    def _must_set_up(request) -> bool:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return False
        if not request.path.startswith(tuple(settings.MFA_PROTECTED_PATH_PREFIXES)):
            return False
        return roles.requires_mfa(user) and not user_has_second_factor(request)

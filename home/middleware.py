"""Require a second factor for HR and admin accounts; keep personal pages out of caches; log refusals."""

import logging

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.cache import add_never_cache_headers

from . import roles

security_log = logging.getLogger("academy.security")

# Set in the session when an identity provider asserted MFA at sign-in (single sign-on).
SESSION_PROVIDER_MFA = "academy_provider_mfa"


def user_has_second_factor(request) -> bool:
    return bool(request.session.get(SESSION_PROVIDER_MFA)) or is_mfa_enabled(request.user)


# Where an account that must use a second factor is sent until it has one.
MFA_SETUP_URL_NAME = "mfa_activate_totp"


def mfa_exempt_path(path: str) -> bool:
    """Setting up the second factor, signing out, and static files: reachable before the second factor."""
    return path.startswith(tuple(settings.MFA_EXEMPT_PATH_PREFIXES))


class MfaRequiredMiddleware:
    """Every request of an account that must use a second factor (roles.requires_mfa) is sent to set one up
    until it has one; only MFA set-up, sign-out and static files are exempt (MFA_EXEMPT_PATH_PREFIXES)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._must_set_up(request):
            security_log.info(
                "mfa required redirect user_id=%s method=%s path=%s",
                request.user.pk,
                request.method,
                request.path,
            )
            messages.warning(
                request,
                "Your role gives you access to staff records, reports or moderation. Set up an authenticator "
                "app to continue.",
            )
            return redirect(MFA_SETUP_URL_NAME)
        return self.get_response(request)

    @staticmethod
    def _must_set_up(request) -> bool:
        # The path first: static files (the lab's too) then never load the session or the user.
        if mfa_exempt_path(request.path):
            return False
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return False
        return roles.requires_mfa(user) and not user_has_second_factor(request)


class AdminAccessMiddleware:
    """A signed-in member without admin access who opens the Wagtail admin gets a 403 page. (Wagtail would send
    them to sign in, and the sign-in page, seeing them signed in, straight back: a redirect loop.) Admin pages
    get the admin's Content Security Policy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(settings.ADMIN_PATH_PREFIX) and not request.path.startswith(
            settings.ADMIN_PATH_PREFIX + "login/"
        ):
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated and not user.has_perm("wagtailadmin.access_admin"):
                raise PermissionDenied("No admin access")
            response = self.get_response(request)
            # The admin's own Content Security Policy (django-csp reads this as the response leaves): the
            # strictest the Wagtail admin works under (tests/home/test_admin_csp_browser.py).
            response._csp_replace = settings.ADMIN_CONTENT_SECURITY_POLICY
            return response
        return self.get_response(request)


SENSITIVE_PATH_PREFIXES = ("/accounts/", "/admin/", "/my-learning/", "/signed-out/")


class SensitivePageMiddleware:
    """Pages about a signed-in person are never stored by browsers or proxies; refusals are logged."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code >= 500:
            # Error pages may say the database is down: ask nothing of it, and never cache them.
            add_never_cache_headers(response)
            return response
        if self._shared_asset(response):
            pass  # the view declared it public: the same bytes for everyone (the lab's files)
        elif request.path.startswith(SENSITIVE_PATH_PREFIXES) or self._signed_in(request):
            add_never_cache_headers(response)
        if response.status_code == 403:
            user = getattr(request, "user", None)
            security_log.warning(
                "permission denied user_id=%s method=%s path=%s",
                getattr(user, "pk", None) if user is not None and user.is_authenticated else None,
                request.method,
                request.path,
            )
        return response

    @staticmethod
    def _shared_asset(response) -> bool:
        return "public" in response.get("Cache-Control", "").split(", ")

    @staticmethod
    def _signed_in(request) -> bool:
        session = getattr(request, "session", None)
        return session is not None and SESSION_KEY in session

"""django-allauth adapters: allowed email domains, the Learner group, single sign-on and security logging."""

import logging

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django import forms
from django.conf import settings
from django.shortcuts import render
from django.urls import reverse

from . import services, sso
from .middleware import SESSION_PROVIDER_MFA

security_log = logging.getLogger("academy.security")

ALLAUTH_MFA_STAGE = "allauth.mfa.stages.AuthenticateStage"
PROVIDER_AWARE_MFA_STAGE = "home.sso.stages.ProviderAwareAuthenticateStage"


def email_domain_allowed(email: str) -> bool:
    allowed = [d.lower().lstrip("@") for d in settings.ACCOUNT_ALLOWED_EMAIL_DOMAINS]
    if not allowed or "*" in allowed:
        return True
    domain = email.rsplit("@", 1)[-1].lower()
    return domain in allowed


class AccountAdapter(DefaultAccountAdapter):
    def clean_email(self, email: str) -> str:
        email = super().clean_email(email)
        if not email_domain_allowed(email):
            domains = ", ".join(settings.ACCOUNT_ALLOWED_EMAIL_DOMAINS)
            raise forms.ValidationError(
                f"Use your council email address. Accounts can only be made with an address ending in: {domains}."
            )
        return email.lower()

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            services.user_join_learners(user=user)
            security_log.info("sign-up user_id=%s method=password", user.pk)
        return user

    def is_open_for_signup(self, request) -> bool:
        # With the password route hidden, new members join through single sign-on only.
        return settings.SSO_PASSWORD_LOGIN

    def authenticate(self, request, **credentials):
        if not settings.SSO_PASSWORD_LOGIN and "password" in credentials:
            raise forms.ValidationError(
                "Sign in with your council account. Signing in with an email address and password is turned off."
            )
        return super().authenticate(request, **credentials)

    def authentication_failed(self, request, **credentials) -> None:
        # Never the address or the password: only that a password sign-in failed.
        security_log.warning("sign-in failure method=password")

    def get_login_stages(self) -> list[str]:
        return [PROVIDER_AWARE_MFA_STAGE if s == ALLAUTH_MFA_STAGE else s for s in super().get_login_stages()]

    def login(self, request, user) -> None:
        super().login(request, user)
        provider = getattr(request, "_academy_sso_provider", "")
        request.session[SESSION_PROVIDER_MFA] = bool(
            provider and getattr(request, "_academy_provider_mfa", False)
        )
        request.session[sso.SESSION_SSO_PROVIDER] = provider
        request.session[sso.SESSION_SSO_LOGOUT_URL] = getattr(request, "_academy_sso_logout_url", "")
        security_log.info(
            "sign-in success user_id=%s method=%s provider_mfa=%s",
            user.pk,
            f"sso:{provider}" if provider else "password",
            request.session[SESSION_PROVIDER_MFA],
        )

    def logout(self, request) -> None:
        user_id = request.user.pk
        logout_url = request.session.get(sso.SESSION_SSO_LOGOUT_URL, "")
        super().logout(request)
        if logout_url:
            # The new, anonymous session offers the provider's sign-out on the page we send them to.
            request.session[sso.SESSION_SSO_LOGOUT_URL] = logout_url
        security_log.info("sign-out user_id=%s", user_id)

    def get_logout_redirect_url(self, request) -> str:
        # Asked before the session ends: a single sign-on session goes on to offer the provider's sign-out.
        if request.session.get(sso.SESSION_SSO_LOGOUT_URL):
            return reverse("home:signed_out")
        return super().get_logout_redirect_url(request)


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """Sign-in through the council's identity provider."""

    def is_open_for_signup(self, request, sociallogin) -> bool:
        return True

    def pre_social_login(self, request, sociallogin) -> None:
        provider = sociallogin.account.provider
        extra = sociallogin.account.extra_data
        expected_nonce = sociallogin.state.get(sso.NONCE_STATE_KEY)
        if not expected_nonce or sso.id_token_claims(extra).get("nonce") != expected_nonce:
            security_log.warning("sign-in failure method=sso:%s reason=nonce", provider)
            raise ImmediateHttpResponse(self._refusal(request, reason="nonce"))
        if sociallogin.is_existing:
            sso.profile_fill_blanks(user=sociallogin.user, extra_data=extra)
        else:
            email = sociallogin.user.email or sso.claimed_email(extra)
            if not email or not email_domain_allowed(email):
                security_log.warning("sign-in refused method=sso:%s reason=email-domain", provider)
                raise ImmediateHttpResponse(self._refusal(request, reason="domain", email=email))
        request._academy_sso_provider = provider
        request._academy_provider_mfa = sso.provider_asserted_mfa(extra)
        request._academy_sso_logout_url = sso.provider_logout_url(
            request=request, extra_data=extra, app=sociallogin.account.get_provider(request).app
        )

    def populate_user(self, request, sociallogin, data):
        user = super().populate_user(request, sociallogin, data)
        for field, value in sso.profile_from_claims(sociallogin.account.extra_data).items():
            setattr(user, field, value)
        return user

    def save_user(self, request, sociallogin, form=None):
        user = super().save_user(request, sociallogin, form=form)
        services.user_join_learners(user=user)
        security_log.info("sign-up user_id=%s method=sso:%s", user.pk, sociallogin.account.provider)
        return user

    def on_authentication_error(self, request, provider, error=None, exception=None, extra_context=None):
        # The exception's class, never its text: provider error text can echo tokens back.
        security_log.warning(
            "sign-in failure method=sso:%s error=%s exception=%s",
            getattr(provider, "id", provider),
            error,
            type(exception).__name__ if exception else "",
        )

    @staticmethod
    def _refusal(request, *, reason: str, email: str = ""):
        context = {
            "reason": reason,
            "email": email,
            "allowed_domains": settings.ACCOUNT_ALLOWED_EMAIL_DOMAINS,
        }
        return render(request, "socialaccount/sign_in_refused.html", context, status=403)

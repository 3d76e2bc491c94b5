"""Single sign-on, configured by environment variables only. Off unless a provider's variables are set.

Entra ID (Microsoft 365): SSO_MICROSOFT_TENANT_ID, SSO_MICROSOFT_CLIENT_ID, SSO_MICROSOFT_CLIENT_SECRET.
Any other OpenID Connect issuer: SSO_OIDC_ISSUER, SSO_OIDC_CLIENT_ID, SSO_OIDC_CLIENT_SECRET (SSO_OIDC_NAME
labels it). SSO_PASSWORD_LOGIN=false hides the email-and-password route once single sign-on is on.
"""

import os

from django.core.exceptions import ImproperlyConfigured

__all__ = [
    "SOCIALACCOUNT_PROVIDERS",
    "SSO_ENABLED",
    "SSO_PASSWORD_LOGIN",
    "SOCIALACCOUNT_ADAPTER",
    "SOCIALACCOUNT_AUTO_SIGNUP",
    "SOCIALACCOUNT_EMAIL_AUTHENTICATION",
    "SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT",
    "SOCIALACCOUNT_STORE_TOKENS",
    "SOCIALACCOUNT_LOGIN_ON_GET",
    "SOCIALACCOUNT_REQUESTS_TIMEOUT",
]


def _env(name: str) -> str:
    return os.environ.get(name, "").strip()


def _microsoft_app() -> dict | None:
    tenant, client_id = _env("SSO_MICROSOFT_TENANT_ID"), _env("SSO_MICROSOFT_CLIENT_ID")
    if not (tenant or client_id):
        return None
    if not (tenant and client_id and _env("SSO_MICROSOFT_CLIENT_SECRET")):
        raise ImproperlyConfigured(
            "Microsoft sign-in needs SSO_MICROSOFT_TENANT_ID, SSO_MICROSOFT_CLIENT_ID and SSO_MICROSOFT_CLIENT_SECRET."
        )
    if tenant.lower() in {"common", "organizations", "consumers"}:
        # Emails are trusted as verified only because the tenant is the council's own directory.
        raise ImproperlyConfigured(
            "SSO_MICROSOFT_TENANT_ID must be the council's own tenant ID, not a shared one."
        )
    return {
        "client_id": client_id,
        "secret": _env("SSO_MICROSOFT_CLIENT_SECRET"),
        "settings": {"tenant": tenant, "oauth_pkce_enabled": True},
    }


def _oidc_app() -> dict | None:
    issuer, client_id = _env("SSO_OIDC_ISSUER"), _env("SSO_OIDC_CLIENT_ID")
    if not (issuer or client_id):
        return None
    if not (issuer and client_id and _env("SSO_OIDC_CLIENT_SECRET")):
        raise ImproperlyConfigured(
            "OpenID Connect sign-in needs SSO_OIDC_ISSUER, SSO_OIDC_CLIENT_ID and SSO_OIDC_CLIENT_SECRET."
        )
    if not issuer.startswith("https://"):
        raise ImproperlyConfigured("SSO_OIDC_ISSUER must be an https:// address.")
    return {
        "provider_id": "council",
        "name": _env("SSO_OIDC_NAME") or "your council account",
        "client_id": client_id,
        "secret": _env("SSO_OIDC_CLIENT_SECRET"),
        "settings": {"server_url": issuer, "oauth_pkce_enabled": True},
    }


def sso_settings() -> dict:
    microsoft, oidc = _microsoft_app(), _oidc_app()
    providers: dict = {
        "microsoft": {"provider_class": "home.sso.microsoft.provider.CouncilMicrosoftProvider", "APPS": []},
        "openid_connect": {
            "provider_class": "home.sso.oidc.provider.CouncilOpenIDConnectProvider",
            "APPS": [],
        },
    }
    if microsoft:
        providers["microsoft"]["APPS"].append(microsoft)
    if oidc:
        providers["openid_connect"]["APPS"].append(oidc)
    enabled = bool(microsoft or oidc)
    password_login = _env("SSO_PASSWORD_LOGIN").lower() not in {"0", "false", "no", "off"}
    return {
        "SOCIALACCOUNT_PROVIDERS": providers,
        "SSO_ENABLED": enabled,
        # Without single sign-on the password route is the only way in, so it cannot be hidden.
        "SSO_PASSWORD_LOGIN": password_login or not enabled,
    }


_sso = sso_settings()
SOCIALACCOUNT_PROVIDERS = _sso["SOCIALACCOUNT_PROVIDERS"]
SSO_ENABLED = _sso["SSO_ENABLED"]
SSO_PASSWORD_LOGIN = _sso["SSO_PASSWORD_LOGIN"]

SOCIALACCOUNT_ADAPTER = "home.adapters.SocialAccountAdapter"
SOCIALACCOUNT_AUTO_SIGNUP = True
# The provider's verified email finds the existing member, who is then linked rather than duplicated.
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_REQUESTS_TIMEOUT = 10

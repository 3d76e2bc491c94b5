"""Single sign-on with the council's identity provider (Entra ID / Microsoft 365, or any OpenID Connect issuer).

The two providers are thin subclasses of django-allauth's own: they always verify the ID token's signature
against the issuer's published keys, bind it to the sign-in with a nonce, and keep the claims the Academy uses
(`amr` for MFA, job title and department) in the social account's extra data under "id_token".
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping

# Authentication-method references (RFC 8176) that mean the provider checked more than one factor.
MFA_AMR_VALUES = frozenset({"mfa"})
NONCE_STATE_KEY = "academy_nonce"

# Session keys kept for the length of an SSO session.
SESSION_SSO_PROVIDER = "academy_sso_provider"
SESSION_SSO_LOGOUT_URL = "academy_sso_logout_url"

JOB_TITLE_CLAIMS = ("jobTitle", "job_title", "title")
DEPARTMENT_CLAIMS = ("department", "dept")


def new_nonce() -> str:
    return secrets.token_urlsafe(24)


def id_token_claims(extra_data: Mapping) -> Mapping:
    """The verified ID token claims the provider adapter stored for this sign-in."""
    claims = extra_data.get("id_token")
    return claims if isinstance(claims, Mapping) else {}


def provider_asserted_mfa(extra_data: Mapping) -> bool:
    """True when the verified ID token's `amr` claim says the person used multi-factor authentication."""
    amr = id_token_claims(extra_data).get("amr") or []
    if isinstance(amr, str):
        amr = [amr]
    return bool(MFA_AMR_VALUES.intersection(str(v).lower() for v in amr))


def _first_claim(sources: tuple[Mapping, ...], names: tuple[str, ...]) -> str:
    for source in sources:
        for name in names:
            value = source.get(name)
            if isinstance(value, str) and value.strip():
                return value.strip()[:150]
    return ""


def first_claim(extra_data: Mapping, names: tuple[str, ...]) -> str:
    """The first non-empty claim among `names` in the directory profile, user info or ID token."""
    userinfo = extra_data.get("userinfo") if isinstance(extra_data.get("userinfo"), Mapping) else {}
    return _first_claim((extra_data, userinfo, id_token_claims(extra_data)), names)


def profile_from_claims(extra_data: Mapping) -> dict[str, str]:
    """Job title and department from the directory profile, user info or ID token, whichever has them."""
    userinfo = extra_data.get("userinfo") if isinstance(extra_data.get("userinfo"), Mapping) else {}
    sources = (extra_data, userinfo, id_token_claims(extra_data))
    return {
        "job_title": _first_claim(sources, JOB_TITLE_CLAIMS),
        "department": _first_claim(sources, DEPARTMENT_CLAIMS),
    }


def profile_fill_blanks(*, user, extra_data: Mapping) -> list[str]:
    """Fill the member's empty job title and department from the provider; never overwrite what they set."""
    changed = []
    for field, value in profile_from_claims(extra_data).items():
        if value and not getattr(user, field):
            setattr(user, field, value)
            changed.append(field)
    if changed:
        user.save(update_fields=changed)
    return changed


def provider_logout_url(*, request, extra_data: Mapping, app) -> str:
    """The provider's RP-initiated sign-out address, returning the person to the Academy's home page."""
    from django.utils.http import urlencode

    endpoint = extra_data.get("end_session_endpoint") or ""
    if not isinstance(endpoint, str) or not endpoint.startswith("https://"):
        return ""
    query = urlencode(
        {"client_id": app.client_id, "post_logout_redirect_uri": request.build_absolute_uri("/")}
    )
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"


def claimed_email(extra_data: Mapping) -> str:
    """The address the provider gave, before the Academy's own checks (which drop disallowed ones)."""
    userinfo = extra_data.get("userinfo") if isinstance(extra_data.get("userinfo"), Mapping) else {}
    sources = (extra_data, userinfo, id_token_claims(extra_data))
    return _first_claim(sources, ("mail", "email", "userPrincipalName")).lower()

"""ID token checks shared by both providers."""

from __future__ import annotations

import requests
from allauth.socialaccount.internal import jwtkit
from allauth.socialaccount.providers.oauth2.client import OAuth2Error


def verify_id_token(*, id_token: str | None, openid_config: dict, client_id: str) -> dict:
    """Verify signature (always: defence in depth), issuer, audience and expiry; return the claims.

    allauth skips the signature check for tokens fetched over TLS from the token endpoint, which the
    OpenID Connect spec allows; the Academy checks it anyway so a substituted token is caught.
    """
    if not id_token:
        raise OAuth2Error("The identity provider did not return an ID token.")
    try:
        return jwtkit.verify_and_decode(
            credential=id_token,
            keys_url=openid_config["jwks_uri"],
            issuer=openid_config["issuer"],
            audience=client_id,
            lookup_kid=jwtkit.lookup_kid_jwk,
            verify_signature=True,
        )
    except (KeyError, ValueError, requests.RequestException) as exc:
        raise OAuth2Error("The ID token could not be verified.") from exc

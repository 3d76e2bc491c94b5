"""A fake identity provider for tests: answers discovery, token, JWKS, user info and Microsoft Graph as the
real ones would, over a requests transport adapter (no network). ID tokens are signed with an RSA key made
for the test run; `tamper_*` switches let a test break one thing at a time."""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import time
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlparse

import jwt
import requests
from cryptography.hazmat.primitives.asymmetric import rsa
from requests.adapters import BaseAdapter
from requests.models import Response

CLIENT_ID = "academy-client-id"
CLIENT_SECRET = "academy-client-secret"
TENANT = "4f1c0d5e-1111-2222-3333-444455556666"
MS_ISSUER = f"https://login.microsoftonline.com/{TENANT}/v2.0"
OIDC_ISSUER = "https://id.example-council.gov.uk/realms/staff"

_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
_OTHER_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
KID = "test-key-1"


def _jwk() -> dict:
    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(_KEY.public_key()))
    return {**jwk, "kid": KID, "use": "sig", "alg": "RS256"}


@dataclass
class Person:
    """Who signs in at the provider."""

    email: str
    oid: str = field(default_factory=lambda: secrets.token_hex(8))
    given_name: str = "Sam"
    family_name: str = "Singh"
    job_title: str | None = "Data Analyst"
    department: str | None = "Public Health"
    amr: tuple[str, ...] = ("pwd",)


class FakeIdentityProvider(BaseAdapter):
    def __init__(self, *, kind: str):
        super().__init__()
        self.kind = kind  # "microsoft" or "oidc"
        self.issuer = MS_ISSUER if kind == "microsoft" else OIDC_ISSUER
        self.person: Person | None = None
        self.codes: dict[str, dict] = {}
        self.tokens: dict[str, Person] = {}
        self.requests: list[str] = []
        self.sign_with_other_key = False
        self.alter_id_token: dict = {}

    # --- what the browser does at the provider ---------------------------------------------
    def authorise(self, authorize_url: str, person: Person) -> dict:
        """The person signs in at the provider; returns the callback query the browser carries back."""
        params = {k: v[0] for k, v in parse_qs(urlparse(authorize_url).query).items()}
        assert params["client_id"] == CLIENT_ID and params["response_type"] == "code"
        code = secrets.token_urlsafe(16)
        self.codes[code] = {**params, "person": person}
        return {"code": code, "state": params["state"]}

    # --- what the server side asks --------------------------------------------------------
    def send(self, request, **kwargs):
        self.requests.append(f"{request.method} {request.url.split('?')[0]}")
        url = urlparse(request.url)
        path = url.path
        if path.endswith("/.well-known/openid-configuration"):
            return self._json(request, self._discovery())
        if path.endswith("/keys") or path.endswith("/certs"):
            return self._json(request, {"keys": [_jwk()]})
        if path.endswith("/token"):
            return self._token(request)
        if path.endswith("/v1.0/me") or path.endswith("/userinfo"):
            person = self.tokens.get(request.headers.get("Authorization", "").removeprefix("Bearer "))
            if person is None:
                return self._json(request, {"error": "invalid_token"}, status=401)
            return self._json(request, self._profile(person))
        return self._json(request, {"error": "not_found"}, status=404)

    def close(self):
        pass

    def _discovery(self) -> dict:
        base = self.issuer.removesuffix("/v2.0") if self.kind == "microsoft" else self.issuer
        if self.kind == "microsoft":
            endpoints = {
                "authorization_endpoint": f"{base}/oauth2/v2.0/authorize",
                "token_endpoint": f"{base}/oauth2/v2.0/token",
                "jwks_uri": f"{base}/discovery/v2.0/keys",
                "end_session_endpoint": f"{base}/oauth2/v2.0/logout",
                "userinfo_endpoint": "https://graph.microsoft.com/oidc/userinfo",
            }
        else:
            endpoints = {
                "authorization_endpoint": f"{base}/protocol/openid-connect/auth",
                "token_endpoint": f"{base}/protocol/openid-connect/token",
                "jwks_uri": f"{base}/protocol/openid-connect/certs",
                "end_session_endpoint": f"{base}/protocol/openid-connect/logout",
                "userinfo_endpoint": f"{base}/protocol/openid-connect/userinfo",
            }
        return {
            "issuer": self.issuer,
            "response_types_supported": ["code"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "token_endpoint_auth_methods_supported": ["client_secret_post", "client_secret_basic"],
            **endpoints,
        }

    def _token(self, request):
        form = {
            k: v[0]
            for k, v in parse_qs(
                request.body if isinstance(request.body, str) else request.body.decode()
            ).items()
        }
        grant = self.codes.pop(form.get("code", ""), None)
        if grant is None or form.get("client_secret") != CLIENT_SECRET:
            return self._json(request, {"error": "invalid_grant"}, status=400)
        verifier = form.get("code_verifier", "")
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
        if grant.get("code_challenge") != challenge or form.get("redirect_uri") != grant["redirect_uri"]:
            return self._json(request, {"error": "invalid_grant"}, status=400)
        person = grant["person"]
        access_token = secrets.token_urlsafe(24)
        self.tokens[access_token] = person
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "aud": CLIENT_ID,
            "sub": f"sub-{person.oid}",
            "oid": person.oid,
            "iat": now,
            "nbf": now,
            "exp": now + 3600,
            "nonce": grant.get("nonce"),
            "amr": list(person.amr),
            "email": person.email,
            "email_verified": True,
            "name": f"{person.given_name} {person.family_name}",
            **self.alter_id_token,
        }
        key = _OTHER_KEY if self.sign_with_other_key else _KEY
        id_token = jwt.encode(claims, key, algorithm="RS256", headers={"kid": KID})
        return self._json(
            request,
            {"access_token": access_token, "token_type": "Bearer", "expires_in": 3600, "id_token": id_token},
        )

    def _profile(self, person: Person) -> dict:
        if self.kind == "microsoft":
            return {
                "id": person.oid,
                "displayName": f"{person.given_name} {person.family_name}",
                "givenName": person.given_name,
                "surname": person.family_name,
                "mail": person.email,
                "userPrincipalName": person.email,
                "jobTitle": person.job_title,
                "department": person.department,
            }
        return {
            "sub": f"sub-{person.oid}",
            "email": person.email,
            "email_verified": True,
            "given_name": person.given_name,
            "family_name": person.family_name,
            "job_title": person.job_title,
            "department": person.department,
        }

    @staticmethod
    def _json(request, body, status=200):
        response = Response()
        response.status_code = status
        response._content = json.dumps(body).encode()
        response.headers["Content-Type"] = "application/json"
        response.url = request.url
        response.request = request
        response.encoding = "utf-8"
        return response


def session_with(idp: FakeIdentityProvider) -> requests.Session:
    session = requests.Session()
    session.mount("https://", idp)
    session.mount("http://", idp)
    return session

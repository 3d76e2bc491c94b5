"""Single sign-on through the full authorisation-code flow, with the identity provider's endpoints faked."""

from __future__ import annotations

import logging
from urllib.parse import parse_qs, urlparse

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import get_user_model

from home import roles
from tests.conftest import PASSWORD, give_authenticator
from tests.home import fake_idp
from tests.home.fake_idp import FakeIdentityProvider, Person

User = get_user_model()

MS_LOGIN = "/accounts/microsoft/login/"
MS_CALLBACK = "/accounts/microsoft/login/callback/"
OIDC_LOGIN = "/accounts/oidc/council/login/"
OIDC_CALLBACK = "/accounts/oidc/council/login/callback/"


def microsoft_app() -> dict:
    return {
        "client_id": fake_idp.CLIENT_ID,
        "secret": fake_idp.CLIENT_SECRET,
        "settings": {"tenant": fake_idp.TENANT, "oauth_pkce_enabled": True},
    }


def oidc_app() -> dict:
    return {
        "provider_id": "council",
        "name": "Council staff account",
        "client_id": fake_idp.CLIENT_ID,
        "secret": fake_idp.CLIENT_SECRET,
        "settings": {"server_url": fake_idp.OIDC_ISSUER, "oauth_pkce_enabled": True},
    }


def enable_sso(settings, monkeypatch, *, kind: str) -> FakeIdentityProvider:
    providers = {key: {**value, "APPS": []} for key, value in settings.SOCIALACCOUNT_PROVIDERS.items()}
    if kind == "microsoft":
        providers["microsoft"]["APPS"] = [microsoft_app()]
    else:
        providers["openid_connect"]["APPS"] = [oidc_app()]
    settings.SOCIALACCOUNT_PROVIDERS = providers
    settings.SSO_ENABLED = True
    idp = FakeIdentityProvider(kind=kind)
    monkeypatch.setattr(
        "home.adapters.SocialAccountAdapter.get_requests_session", lambda self: fake_idp.session_with(idp)
    )
    return idp


@pytest.fixture
def microsoft(settings, monkeypatch):
    return enable_sso(settings, monkeypatch, kind="microsoft")


@pytest.fixture(params=["microsoft", "oidc"])
def idp(request, settings, monkeypatch):
    return enable_sso(settings, monkeypatch, kind=request.param)


def paths_for(idp: FakeIdentityProvider) -> tuple[str, str]:
    return (MS_LOGIN, MS_CALLBACK) if idp.kind == "microsoft" else (OIDC_LOGIN, OIDC_CALLBACK)


def start(client, idp) -> str:
    """Press "Sign in with your council account": returns the provider's authorisation URL."""
    login_path, _ = paths_for(idp)
    response = client.post(login_path)
    assert response.status_code == 302, response.content[:500]
    location = response["Location"]
    assert location.startswith(idp.issuer.removesuffix("/v2.0"))
    return location


def sign_in(client, idp, person: Person, *, tamper_state: bool = False):
    authorize_url = start(client, idp)
    query = idp.authorise(authorize_url, person)
    if tamper_state:
        query["state"] = query["state"][:-2] + "xx"
    _, callback = paths_for(idp)
    return client.get(callback, query)


def signed_in_user_id(client):
    return client.session.get("_auth_user_id")


# --- Configuration ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_sso_is_off_by_default(client):
    response = client.get("/accounts/login/")
    assert b"Sign in with your council account" not in response.content
    assert b'name="password"' in response.content
    assert client.post(MS_LOGIN).status_code == 404
    assert client.post(OIDC_LOGIN).status_code == 404


@pytest.mark.django_db
def test_sign_in_page_offers_council_account_first(client, idp):
    html = client.get("/accounts/login/").content.decode()
    sso_at = html.index("Sign in with your council account")
    assert sso_at < html.index('name="password"')
    assert "Or sign in with your email address and password" in html


@pytest.mark.django_db
def test_authorisation_request_uses_pkce_nonce_and_openid_scope(client, idp):
    params = parse_qs(urlparse(start(client, idp)).query)
    assert "openid" in params["scope"][0].split()
    assert params["code_challenge_method"] == ["S256"]
    assert len(params["nonce"][0]) >= 20 and len(params["state"][0]) >= 8
    assert params["redirect_uri"][0].endswith(paths_for(idp)[1])


def test_settings_from_environment_only(monkeypatch):
    from config.settings import sso

    for name in [n for n in __import__("os").environ if n.startswith("SSO_")]:
        monkeypatch.delenv(name)
    off = sso.sso_settings()
    assert off["SSO_ENABLED"] is False and off["SSO_PASSWORD_LOGIN"] is True
    monkeypatch.setenv("SSO_MICROSOFT_TENANT_ID", fake_idp.TENANT)
    monkeypatch.setenv("SSO_MICROSOFT_CLIENT_ID", "cid")
    monkeypatch.setenv("SSO_MICROSOFT_CLIENT_SECRET", "sec")
    monkeypatch.setenv("SSO_PASSWORD_LOGIN", "false")
    on = sso.sso_settings()
    assert on["SSO_ENABLED"] is True and on["SSO_PASSWORD_LOGIN"] is False
    assert on["SOCIALACCOUNT_PROVIDERS"]["microsoft"]["APPS"][0]["settings"]["tenant"] == fake_idp.TENANT
    monkeypatch.setenv("SSO_MICROSOFT_TENANT_ID", "common")
    with pytest.raises(Exception, match="council's own tenant"):
        sso.sso_settings()
    monkeypatch.delenv("SSO_MICROSOFT_CLIENT_SECRET")
    with pytest.raises(Exception, match="SSO_MICROSOFT_CLIENT_SECRET"):
        sso.sso_settings()


# --- First sign-in, domains, linking ------------------------------------------------------


@pytest.mark.django_db
def test_first_sign_in_creates_a_verified_learner(client, idp):
    response = sign_in(client, idp, Person(email="Sam.Singh@Test.gov.uk"))
    assert response.status_code == 302 and response["Location"] == "/my-learning/"
    user = User.objects.get(email="sam.singh@test.gov.uk")
    assert signed_in_user_id(client) == str(user.pk)
    assert roles.role_names(user) == frozenset({roles.LEARNER})
    address = EmailAddress.objects.get(user=user)
    assert address.verified and address.primary and address.email == "sam.singh@test.gov.uk"
    assert (user.first_name, user.last_name) == ("Sam", "Singh")
    assert (user.job_title, user.department) == ("Data Analyst", "Public Health")
    assert not user.has_usable_password()
    assert SocialAccount.objects.filter(user=user).count() == 1
    assert client.get("/my-learning/").status_code == 200


@pytest.mark.django_db
def test_second_sign_in_reuses_the_account(client, idp):
    person = Person(email="sam@test.gov.uk")
    sign_in(client, idp, person)
    client.post("/accounts/logout/")
    sign_in(client, idp, person)
    assert User.objects.filter(email="sam@test.gov.uk").count() == 1
    assert SocialAccount.objects.count() == 1


@pytest.mark.django_db
def test_disallowed_domain_is_refused_and_no_account_made(client, idp, settings):
    settings.ACCOUNT_ALLOWED_EMAIL_DOMAINS = ["essex.gov.uk"]
    response = sign_in(client, idp, Person(email="someone@gmail.com"))
    assert response.status_code == 403
    body = response.content.decode()
    assert "someone@gmail.com, cannot be used for the Data Academy" in body, body[body.index("<main") :]
    assert "essex.gov.uk" in body and "No Data Academy account has been made" in body
    assert not User.objects.exists() and not SocialAccount.objects.exists()
    assert signed_in_user_id(client) is None


@pytest.mark.django_db
def test_existing_member_is_linked_not_duplicated_and_profile_kept(client, idp, learner):
    # The learner set a department already; the provider's must not overwrite it. Job title is blank.
    response = sign_in(client, idp, Person(email="learner@test.gov.uk", department="Finance"))
    assert response.status_code == 302
    assert signed_in_user_id(client) == str(learner.pk)
    assert User.objects.count() == 1
    assert SocialAccount.objects.get().user_id == learner.pk
    learner.refresh_from_db()
    assert learner.department == "Adult Social Care"
    assert learner.job_title == "Data Analyst"
    assert learner.has_usable_password()


@pytest.mark.django_db
def test_missing_claims_leave_the_profile_blank(client, idp):
    sign_in(client, idp, Person(email="nojob@test.gov.uk", job_title=None, department=None))
    user = User.objects.get(email="nojob@test.gov.uk")
    assert (user.job_title, user.department) == ("", "")


# --- Tampering ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_tampered_state_is_refused(client, idp):
    response = sign_in(client, idp, Person(email="sam@test.gov.uk"), tamper_state=True)
    assert b"There was a problem signing you in" in response.content
    assert signed_in_user_id(client) is None and not User.objects.exists()


@pytest.mark.django_db
def test_replayed_callback_is_refused(client, idp):
    person = Person(email="sam@test.gov.uk")
    authorize_url = start(client, idp)
    query = idp.authorise(authorize_url, person)
    _, callback = paths_for(idp)
    client.get(callback, query)
    client.post("/accounts/logout/")
    response = client.get(callback, query)
    assert b"There was a problem signing you in" in response.content
    assert signed_in_user_id(client) is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    "tamper",
    [
        {"sign_with_other_key": True},
        {"alter_id_token": {"aud": "someone-elses-client"}},
        {"alter_id_token": {"iss": "https://attacker.example.com"}},
        {"alter_id_token": {"exp": 1000}},
        {"alter_id_token": {"nonce": "not-the-nonce-we-sent"}},
    ],
    ids=["signature", "audience", "issuer", "expired", "nonce"],
)
def test_tampered_id_token_is_refused(client, idp, tamper, caplog):
    for name, value in tamper.items():
        setattr(idp, name, value)
    with caplog.at_level(logging.INFO, logger="academy.security"):
        response = sign_in(client, idp, Person(email="sam@test.gov.uk"))
    assert response.status_code in (401, 403)
    assert b"signing you in" in response.content or b"could not confirm the sign-in" in response.content
    assert signed_in_user_id(client) is None and not User.objects.exists()
    assert any("sign-in failure method=sso" in r.getMessage() for r in caplog.records)


# --- MFA --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_provider_mfa_is_honoured_for_hr(client, microsoft, hr_user):
    give_authenticator(hr_user)
    response = sign_in(client, microsoft, Person(email=hr_user.email, amr=("pwd", "mfa")))
    assert response.status_code == 302 and response["Location"] == "/my-learning/"
    assert signed_in_user_id(client) == str(hr_user.pk)
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_provider_mfa_stands_in_for_an_academy_authenticator(client, microsoft, admin_user):
    sign_in(client, microsoft, Person(email=admin_user.email, amr=("mfa",)))
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_without_provider_mfa_hr_still_needs_academy_mfa(client, microsoft, hr_user):
    give_authenticator(hr_user)
    response = sign_in(client, microsoft, Person(email=hr_user.email, amr=("pwd",)))
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert signed_in_user_id(client) is None


@pytest.mark.django_db
def test_without_provider_mfa_hr_without_authenticator_must_set_one_up(client, microsoft, hr_user):
    sign_in(client, microsoft, Person(email=hr_user.email, amr=("pwd",)))
    assert signed_in_user_id(client) == str(hr_user.pk)
    assert client.get("/admin/")["Location"] == "/accounts/2fa/totp/activate/"


@pytest.mark.django_db
@pytest.mark.parametrize("fixture", ["hr_user", "admin_user"])
def test_password_sign_in_after_sso_does_not_carry_provider_mfa(request, client, microsoft, fixture):
    user = request.getfixturevalue(fixture)
    sign_in(client, microsoft, Person(email=user.email, amr=("mfa",)))
    assert client.get("/admin/").status_code == 200
    client.post("/accounts/logout/")
    client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert signed_in_user_id(client) == str(user.pk)
    assert client.get("/admin/")["Location"] == "/accounts/2fa/totp/activate/"


# --- Sign-out and the password route --------------------------------------------------------


@pytest.mark.django_db
def test_sign_out_ends_session_and_offers_provider_sign_out(client, idp):
    sign_in(client, idp, Person(email="sam@test.gov.uk"))
    response = client.post("/accounts/logout/")
    assert response.status_code == 302 and response["Location"] == "/signed-out/"
    assert signed_in_user_id(client) is None
    assert client.get("/my-learning/").status_code == 302
    page = client.get("/signed-out/").content.decode()
    assert "You have signed out of the Data Academy" in page
    assert "Sign out of your council account" in page
    link = page.split("Sign out of your council account")[0].rsplit('href="', 1)[1].split('"', 1)[0]
    parsed = urlparse(link.replace("&amp;", "&"))
    assert parsed.path.endswith("/logout")
    assert parse_qs(parsed.query)["client_id"] == [fake_idp.CLIENT_ID]
    assert parse_qs(parsed.query)["post_logout_redirect_uri"] == ["http://testserver/"]


@pytest.mark.django_db
def test_password_sign_out_does_not_offer_provider_sign_out(client, microsoft, learner):
    client.post("/accounts/login/", {"login": learner.email, "password": PASSWORD})
    response = client.post("/accounts/logout/")
    assert response["Location"] == "/"


@pytest.mark.django_db
def test_password_route_can_be_hidden(client, microsoft, settings, learner):
    settings.SSO_PASSWORD_LOGIN = False
    html = client.get("/accounts/login/").content.decode()
    assert "Sign in with your council account" in html and 'name="password"' not in html
    response = client.post("/accounts/login/", {"login": learner.email, "password": PASSWORD})
    assert response.status_code == 200
    assert "Signing in with an email address and password is turned off" in response.content.decode()
    assert signed_in_user_id(client) is None
    signup = client.post(
        "/accounts/signup/", {"email": "new@test.gov.uk", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert not User.objects.filter(email="new@test.gov.uk").exists()
    assert signup.status_code == 200 and b"closed" in signup.content.lower()
    # Single sign-on still makes new members.
    sign_in(client, microsoft, Person(email="new@test.gov.uk"))
    assert User.objects.filter(email="new@test.gov.uk").exists()


@pytest.mark.django_db
def test_security_log_has_events_but_no_personal_data(client, microsoft, caplog):
    with caplog.at_level(logging.INFO, logger="academy.security"):
        sign_in(client, microsoft, Person(email="sam@test.gov.uk", amr=("mfa",)))
        client.post("/accounts/logout/")
        client.post("/accounts/login/", {"login": "sam@test.gov.uk", "password": "wrong-password-123"})
    messages = [r.getMessage() for r in caplog.records if r.name == "academy.security"]
    user = User.objects.get()
    assert f"sign-up user_id={user.pk} method=sso:microsoft" in messages
    assert f"sign-in success user_id={user.pk} method=sso:microsoft provider_mfa=True" in messages
    assert f"sign-out user_id={user.pk}" in messages
    assert "sign-in failure method=password" in messages
    assert not any("sam@" in m or "wrong-password" in m for m in messages)

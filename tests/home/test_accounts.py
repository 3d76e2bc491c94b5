import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache

from home import roles

User = get_user_model()


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    cache.clear()
    yield
    cache.clear()


def signup(client, email="new.starter@test.gov.uk", password="a-long-enough-password"):
    return client.post("/accounts/signup/", {"email": email, "password1": password, "password2": password})


@pytest.mark.django_db
def test_sign_up_verify_email_then_sign_in(client):
    response = signup(client)
    assert response.status_code == 302
    user = User.objects.get(email="new.starter@test.gov.uk")
    assert roles.has_role(user, roles.LEARNER)
    assert not EmailAddress.objects.get(user=user).verified
    # Unverified: signing in sends you to "verify your email", not in.
    client.logout()
    response = client.post("/accounts/login/", {"login": user.email, "password": "a-long-enough-password"})
    assert response.status_code == 302 and "confirm-email" in response["Location"]
    key_url = re.search(r"https?://[^\s]+/accounts/confirm-email/[^\s]+", mail.outbox[-1].body).group(0)
    path = key_url.split("testserver", 1)[-1]
    response = client.post(path)
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified
    client.logout()
    response = client.post("/accounts/login/", {"login": user.email, "password": "a-long-enough-password"})
    assert response.status_code == 302 and response["Location"] == "/my-learning/"
    assert client.get("/my-learning/").status_code == 200


@pytest.mark.django_db
def test_sign_up_limited_to_council_domains(client, settings):
    settings.ACCOUNT_ALLOWED_EMAIL_DOMAINS = ["essex.gov.uk"]
    response = signup(client, email="someone@gmail.com")
    assert response.status_code == 200
    assert "Use your council email address" in response.content.decode()
    assert not User.objects.filter(email="someone@gmail.com").exists()
    assert signup(client, email="someone@essex.gov.uk").status_code == 302
    assert User.objects.filter(email="someone@essex.gov.uk").exists()


@pytest.mark.django_db
def test_sign_up_does_not_reveal_existing_accounts(client, learner):
    new = signup(client, email="brand.new@test.gov.uk")
    client.logout()
    existing = signup(client, email=learner.email)
    assert new.status_code == existing.status_code == 302
    assert new["Location"] == existing["Location"]
    assert User.objects.filter(email=learner.email).count() == 1


@pytest.mark.django_db
def test_password_reset_does_not_reveal_existing_accounts(client, learner):
    known = client.post("/accounts/password/reset/", {"email": learner.email})
    unknown = client.post("/accounts/password/reset/", {"email": "nobody@test.gov.uk"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]


@pytest.mark.django_db
def test_login_is_throttled_after_repeated_failures(client, learner):
    for _ in range(5):
        response = client.post("/accounts/login/", {"login": learner.email, "password": "wrong-password"})
        assert response.status_code == 200
    response = client.post(
        "/accounts/login/", {"login": learner.email, "password": "correct-horse-battery-staple"}
    )
    # Even the right password is refused while the limit holds.
    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_wagtail_admin_login_goes_through_allauth(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    # The old admin login form cannot be posted to either.
    response = client.post("/admin/login/", {"username": "x", "password": "y"})
    assert response.status_code in (302, 405)
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_change_email_page_for_signed_in_member(client_for, learner):
    response = client_for(learner).get("/accounts/email/")
    assert response.status_code == 200
    assert learner.email in response.content.decode()

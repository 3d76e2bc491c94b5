"""Sensitive pages are not cached, security events are logged without personal data, and a database outage
gives a clear 503 page that recovers by itself."""

import logging

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client

from home import roles, services
from tests.conftest import PASSWORD, give_authenticator


def security_messages(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "academy.security"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/my-learning/", "/accounts/email/", "/accounts/2fa/"])
def test_personal_pages_are_no_store(client_for, learner, path):
    response = client_for(learner).get(path)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


@pytest.mark.django_db
def test_sign_in_page_is_no_store_and_public_pages_are_not(client, site_with_home):
    assert "no-store" in client.get("/accounts/login/")["Cache-Control"]
    assert "no-store" not in client.get("/").get("Cache-Control", "")


@pytest.mark.django_db
def test_any_page_for_a_signed_in_member_is_no_store(client_for, learner, site_with_home):
    assert "no-store" in client_for(learner).get("/")["Cache-Control"]


@pytest.mark.django_db
def test_sign_in_success_and_failure_logged_without_email_or_password(client, learner, caplog):
    with caplog.at_level(logging.INFO, logger="academy.security"):
        client.post("/accounts/login/", {"login": learner.email, "password": "not-the-password-1"})
        client.post("/accounts/login/", {"login": learner.email, "password": PASSWORD})
    messages = security_messages(caplog)
    assert "sign-in failure method=password" in messages
    assert f"sign-in success user_id={learner.pk} method=password provider_mfa=False" in messages
    assert not any(learner.email in m or "not-the-password" in m or PASSWORD in m for m in messages)


@pytest.mark.django_db
def test_mfa_changes_and_failures_logged(client_for, hr_user, caplog):
    from allauth.mfa import signals
    from allauth.mfa.models import Authenticator

    with caplog.at_level(logging.INFO, logger="academy.security"):
        authenticator = give_authenticator(hr_user)
        signals.authenticator_added.send(
            Authenticator, request=None, user=hr_user, authenticator=authenticator
        )
        signals.authentication_failed.send(
            Authenticator, request=None, user=hr_user, authenticator=authenticator
        )
        signals.authenticator_removed.send(
            Authenticator, request=None, user=hr_user, authenticator=authenticator
        )
    messages = security_messages(caplog)
    assert f"mfa added user_id={hr_user.pk} type=totp" in messages
    assert f"mfa failure user_id={hr_user.pk}" in messages
    assert f"mfa removed user_id={hr_user.pk} type=totp" in messages


@pytest.mark.django_db
def test_role_change_logged(learner, admin_user, caplog):
    with caplog.at_level(logging.INFO, logger="academy.security"):
        services.user_set_roles(user=learner, role_names=[roles.CHAMPION], actor=admin_user)
    assert any(
        m.startswith(f"role change user_id={learner.pk}") and f"actor_id={admin_user.pk}" in m
        for m in security_messages(caplog)
    )


@pytest.mark.django_db
def test_permission_denial_logged(client_for, learner, caplog):
    from django.core.exceptions import PermissionDenied
    from django.urls import path

    def forbidden(request):
        raise PermissionDenied

    with caplog.at_level(logging.INFO, logger="academy.security"):
        from django.test import override_settings
        from django.urls import include

        urls = type(
            "urls", (), {"urlpatterns": [path("forbidden/", forbidden), path("", include("config.urls"))]}
        )
        with override_settings(ROOT_URLCONF=urls):
            response = client_for(learner).post("/forbidden/")
    assert response.status_code == 403
    assert f"permission denied user_id={learner.pk} method=POST path=/forbidden/" in security_messages(caplog)


# --- Database outage --------------------------------------------------------------------------


@pytest.mark.django_db
def test_database_outage_gives_503_page_then_recovers(client_for, learner, monkeypatch):
    client = client_for(learner)
    client.raise_request_exception = False
    assert client.get("/my-learning/").status_code == 200

    def unreachable(self):
        raise OperationalError("connection refused")

    with monkeypatch.context() as m:
        m.setattr(BaseDatabaseWrapper, "ensure_connection", unreachable)
        response = client.get("/my-learning/")
        anonymous = Client(raise_request_exception=False).get("/accounts/login/")
    for r in (response, anonymous):
        assert r.status_code == 503
        assert r["Retry-After"] == "30" and "no-store" in r["Cache-Control"]
        body = r.content.decode()
        assert "Sorry, the service is unavailable" in body and "Traceback" not in body
    assert client.get("/my-learning/").status_code == 200


@pytest.mark.django_db
def test_other_errors_still_give_the_500_page(client_for, learner, monkeypatch):
    client = client_for(learner)
    client.raise_request_exception = False

    def broken(request):
        raise RuntimeError("bug")

    monkeypatch.setattr("home.views.dashboard_panels", broken)
    response = client.get("/my-learning/")
    assert response.status_code == 500 and b"Sorry, there is a problem with the service" in response.content


@pytest.mark.django_db
def test_moderation_action_logged_without_the_reason_text(champion, learner, caplog):
    from community.models import Category
    from community.moderation import post_hide
    from community.services import topic_create

    category = Category.objects.create(name="Data quality", slug="data-quality")
    category.moderators.add(champion)
    topic = topic_create(
        user=learner, category=category, title="Duplicates", source="How do I find duplicates?"
    )
    post = topic.posts.get(number=1)
    with caplog.at_level(logging.INFO, logger="academy.security"):
        post_hide(actor=champion, post=post, reason="Contains a resident's home address")
    messages = security_messages(caplog)
    assert any(
        f"moderation action=hide actor_id={champion.pk}" in m and f"post_id={post.pk}" in m for m in messages
    )
    assert not any("home address" in m for m in messages)

"""Sign-in limits behind the TLS proxy: every request reaches the app from the proxy's address (REMOTE_ADDR),
the client's own address is in X-Forwarded-For. Limits count per client and per account, never site-wide."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client, override_settings

from tests.factories.home import PASSWORD, make_user

ROOT = Path(__file__).resolve().parents[2]
PROXY = "10.0.0.2"


def behind_proxy(client_ip: str) -> Client:
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=client_ip)


def sign_in(client: Client, email: str, password: str):
    return client.post("/accounts/login/", {"login": email, "password": password})


def signed_in(response, client) -> bool:
    return response.status_code == 302 and "_auth_user_id" in client.session


def settings_under(env: dict) -> list[str]:
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.ALLAUTH_TRUSTED_PROXY_COUNT, s.ALLAUTH_TRUSTED_CLIENT_IP_HEADER)"
    )
    environ = {k: v for k, v in os.environ.items() if k not in {"TRUSTED_PROXY_COUNT", "CLIENT_IP_HEADER"}}
    environ.update({"DJANGO_SETTINGS_MODULE": "config.settings.dev", **env})
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return out.stdout.split()


def test_the_trusted_proxy_and_client_ip_header_come_from_the_environment():
    assert settings_under({"TRUSTED_PROXY_COUNT": "1"}) == ["1", "None"]
    assert settings_under({"CLIENT_IP_HEADER": "X-Real-IP"}) == ["0", "X-Real-IP"]
    assert settings_under({}) == ["0", "None"]


@pytest.mark.django_db
@override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_one_persons_wrong_passwords_lock_out_only_that_client_and_that_account():
    victim = make_user("victim@test.gov.uk")
    colleague = make_user("colleague@test.gov.uk")
    attacker = behind_proxy("203.0.113.66")
    for _ in range(6):
        assert not signed_in(sign_in(attacker, victim.email, "wrong-password-123"), attacker)

    # A colleague elsewhere in the council, through the same proxy, signs in as usual.
    elsewhere = behind_proxy("198.51.100.7")
    assert signed_in(sign_in(elsewhere, colleague.email, PASSWORD), elsewhere)
    # The attacked account is protected from every client, and the attacking client is stopped for everyone.
    fresh = behind_proxy("198.51.100.8")
    assert not signed_in(sign_in(fresh, victim.email, PASSWORD), fresh)
    attacker = behind_proxy("203.0.113.66")
    assert not signed_in(sign_in(attacker, colleague.email, PASSWORD), attacker)


@pytest.mark.django_db
@override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_a_busy_morning_of_sign_ins_through_the_proxy_is_not_limited():
    """The "login" limit is 30 a minute per client: 40 colleagues signing in through one proxy all get in."""
    for number in range(40):
        user = make_user(f"colleague{number}@test.gov.uk")
        client = behind_proxy(f"198.51.100.{number + 1}")
        assert signed_in(sign_in(client, user.email, PASSWORD), client), number


@pytest.mark.django_db
@override_settings(ALLAUTH_TRUSTED_CLIENT_IP_HEADER="X-Real-IP")
def test_a_client_ip_header_set_by_the_proxy_is_used_instead():
    victim = make_user("victim@test.gov.uk")
    colleague = make_user("colleague@test.gov.uk")
    attacker = Client(REMOTE_ADDR=PROXY, HTTP_X_REAL_IP="203.0.113.66")
    for _ in range(6):
        sign_in(attacker, victim.email, "wrong-password-123")
    elsewhere = Client(REMOTE_ADDR=PROXY, HTTP_X_REAL_IP="198.51.100.7")
    assert signed_in(sign_in(elsewhere, colleague.email, PASSWORD), elsewhere)


def test_no_sign_in_limit_is_site_wide():
    from django.conf import settings

    for action, spec in settings.ACCOUNT_RATE_LIMITS.items():
        for rate in spec.split(","):
            assert rate.rsplit("/", 1)[-1] in {"ip", "key", "user"}, (action, rate)

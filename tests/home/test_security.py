import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_check(settings_module: str, extra_env: dict) -> subprocess.CompletedProcess:
    env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
            "TRUSTED_PROXY_COUNT",
            "CLIENT_IP_HEADER",
        }
    }
    env.update({"DJANGO_SETTINGS_MODULE": settings_module, **extra_env})
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


PRODUCTION_ENV = {
    "SECRET_KEY": "x7Hq2-very-long-random-production-secret-key-for-the-deploy-check-0123456789",
    "ALLOWED_HOSTS": "academy.example.gov.uk",
    "DATABASE_URL": "sqlite:////tmp/academy-deploy-check.sqlite3",
    "TRUSTED_PROXY_COUNT": "1",
    "ACCOUNT_ALLOWED_EMAIL_DOMAINS": "example.gov.uk",
}


def test_deploy_check_passes_with_production_settings():
    result = run_check("config.settings.production", PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr


def test_deploy_check_fails_with_development_settings():
    result = run_check("config.settings.dev", {})
    assert result.returncode != 0
    assert "security.W018" in result.stdout + result.stderr  # DEBUG on


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"])
def test_production_refuses_to_start_without_its_secrets(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    if missing == "DATABASE_URL":
        env["DATABASE_URL"] = ""
    result = run_check("config.settings.production", env)
    assert result.returncode != 0
    assert f"{missing} must be set" in result.stderr


def test_production_cookies_are_host_prefixed():
    code = "from django.conf import settings as s; print(s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME, s.SECURE_HSTS_SECONDS)"
    env = {**os.environ, **PRODUCTION_ENV, "DJANGO_SETTINGS_MODULE": "config.settings.production"}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    out = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout.split()
    assert out == ["__Host-sessionid", "__Host-csrftoken", "31536000"]


@pytest.mark.django_db
def test_security_headers_on_pages(client, site_with_home):
    response = client.get("/")
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "'nonce-" in csp and "object-src 'none'" in csp
    nonce = csp.split("'nonce-", 1)[1].split("'", 1)[0]
    assert f'nonce="{nonce}"' in response.content.decode()
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "unsafe-inline" not in csp


def test_production_refuses_to_start_without_saying_how_to_find_the_client_behind_the_proxy():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "TRUSTED_PROXY_COUNT"}
    result = run_check("config.settings.production", env)
    assert result.returncode != 0
    assert "TRUSTED_PROXY_COUNT" in result.stderr
    assert run_check("config.settings.production", {**env, "CLIENT_IP_HEADER": "X-Real-IP"}).returncode == 0


def test_production_refuses_to_start_without_allowed_email_domains_unless_told_any_may_sign_up():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "ACCOUNT_ALLOWED_EMAIL_DOMAINS"}
    result = run_check("config.settings.production", env)
    assert result.returncode != 0 and "ACCOUNT_ALLOWED_EMAIL_DOMAINS must be set" in result.stderr
    assert (
        run_check("config.settings.production", {**env, "ACCOUNT_ALLOWED_EMAIL_DOMAINS": "*"}).returncode == 0
    )


def test_a_star_lets_any_domain_sign_up(settings):
    from home.adapters import email_domain_allowed

    settings.ACCOUNT_ALLOWED_EMAIL_DOMAINS = ["*"]
    assert email_domain_allowed("someone@elsewhere.org")
    settings.ACCOUNT_ALLOWED_EMAIL_DOMAINS = ["example.gov.uk"]
    assert not email_domain_allowed("someone@elsewhere.org")

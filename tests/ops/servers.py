"""Start real gunicorn app servers against the test database, and talk to them as a browser behind a
TLS-terminating load balancer would (X-Forwarded-Proto: https, cookies kept by hand as they are Secure)."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")
REDIS_TEST_URL = "redis://127.0.0.1:6379/14"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def shared_database_url(*, port: int | None = None) -> str:
    s = connection.settings_dict
    return f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{port or s['PORT'] or 5432}/{s['NAME']}"


def _forget_cached_pages() -> None:
    """Empty the database cache a server without Redis uses (`academy_cache`): a flush between tests keeps
    that table, so an earlier test's cached site and routes (home/site_cache.py) would point at pages that
    are gone."""
    if "academy_cache" in connection.introspection.table_names():
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM academy_cache")


class AppServer:
    def __init__(
        self,
        *,
        database_url: str,
        redis_url: str | None = REDIS_TEST_URL,
        workers: int = 1,
        extra_env: dict[str, str] | None = None,
    ):
        self.port = free_port()
        _forget_cached_pages()
        self.log = tempfile.NamedTemporaryFile("w+", prefix="academy-gunicorn-", suffix=".log")  # noqa: SIM115
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.ops.scaleout_settings",
            "SECRET_KEY": "scale-out-test-secret-key-long-enough-for-the-deploy-check-0123456789",
            "ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": database_url,
            "DB_CONN_MAX_AGE": "60",
            "TRUSTED_PROXY_COUNT": "0",
            "ACCOUNT_ALLOWED_EMAIL_DOMAINS": "*",
            **(extra_env or {}),
        }
        env.pop("REDIS_URL", None)
        if redis_url:
            env["REDIS_URL"] = redis_url
        self.process = subprocess.Popen(
            [
                str(GUNICORN),
                "config.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(workers),
                "--timeout",
                "30",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=self.log,
        )
        self.base = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 60
        while not reachable("127.0.0.1", self.port):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.log.seek(0)
                raise RuntimeError(f"gunicorn did not start: {self.log.read()[-2000:]}")
            time.sleep(0.2)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


class Browser:
    """Cookies shared across servers, as one browser behind one load balancer."""

    def __init__(self):
        self.cookies: dict[str, str] = {}

    def request(
        self, server: AppServer, method: str, path: str, data: dict | None = None
    ) -> requests.Response:
        headers = {
            "X-Forwarded-Proto": "https",
            "Host": f"127.0.0.1:{server.port}",
            "Origin": f"https://127.0.0.1:{server.port}",
            "Referer": f"https://127.0.0.1:{server.port}{path}",
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        response = requests.request(
            method, server.base + path, data=data, headers=headers, allow_redirects=False, timeout=30
        )
        for name, value in response.cookies.items():
            self.cookies[name] = value
        return response

    def get(self, server, path):
        return self.request(server, "GET", path)

    def post_form(self, server, path, data: dict) -> requests.Response:
        """GET the form's page for its CSRF token, then POST it."""
        page = self.get(server, path).text
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        return self.request(server, "POST", path, {**data, "csrfmiddlewaretoken": token})

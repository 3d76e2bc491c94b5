"""The documented backup paths, run as an operator would: a populated site is backed up, restored into an
empty database, and renders the same pages.

Both paths run in subprocesses against real databases (SQLite files; PostgreSQL databases when the suite
runs on PostgreSQL), because restoring is about whole databases, not a test transaction.
"""

import json
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]

RENDER = r"""
import hashlib, json, re
from django.test import Client
from wagtail.models import Page
volatile = [re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"'), re.compile(r'nonce-[^ ;\x27"]+|nonce="[^"]+"')]
client = Client()
out = {}
for page in Page.objects.live().filter(depth__gt=1).order_by("path")[:60]:
    response = client.get(page.url)
    html = response.content.decode()
    for pattern in volatile:
        html = pattern.sub("", html)
    out[page.url] = [response.status_code, hashlib.sha256(html.encode()).hexdigest()]
print("PAGES=" + json.dumps(out))
"""


def manage(database_url: str, *args: str, stdin: str | None = None) -> str:
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update({"DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "config.settings.test"})
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def rendered_pages(database_url: str) -> dict:
    out = manage(database_url, "shell", "-c", RENDER)
    return json.loads(out.split("PAGES=", 1)[1])


def populate(database_url: str) -> dict:
    manage(database_url, "migrate", "--noinput")
    manage(database_url, "createcachetable")
    manage(database_url, "load_demo_content")
    pages = rendered_pages(database_url)
    # Lessons send anonymous visitors to sign in (302); every other page renders.
    statuses = [status for status, _ in pages.values()]
    assert statuses.count(200) >= 3 and set(statuses) <= {200, 302}, pages
    return pages


def on_postgres() -> bool:
    return settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


def test_backup_site_json_restores_identical_pages_into_an_empty_database(tmp_path):
    if on_postgres():
        source, target = create_pg_database("src"), create_pg_database("dst")
    else:
        source, target = (
            f"sqlite:///{tmp_path / 'source.sqlite3'}",
            f"sqlite:///{tmp_path / 'restored.sqlite3'}",
        )
    before = populate(source)
    backup = tmp_path / "backup.json"
    manage(source, "backup_site", str(backup))
    manage(target, "migrate", "--noinput")
    manage(target, "createcachetable")
    manage(target, "flush", "--noinput")  # remove what data migrations made; the backup has it all
    manage(target, "loaddata", str(backup))
    assert rendered_pages(target) == before


# --- PostgreSQL: pg_dump / pg_restore ------------------------------------------------------------


def pg_url(name: str) -> str:
    db = settings.DATABASES["default"]
    user = db.get("USER") or "postgres"
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return f"postgres://{user}@{host}:{port}/{name}"


def psql(*args: str) -> None:
    db = settings.DATABASES["default"]
    subprocess.run(
        [
            "psql",
            "-h",
            db.get("HOST") or "127.0.0.1",
            "-U",
            db.get("USER") or "postgres",
            "-d",
            "postgres",
            "-v",
            "ON_ERROR_STOP=1",
            *args,
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )


_created: list[str] = []


def create_pg_database(suffix: str) -> str:
    name = f"academy_backup_{suffix}_{uuid.uuid4().hex[:8]}"
    psql("-c", f'CREATE DATABASE "{name}"')
    _created.append(name)
    return pg_url(name)


@pytest.fixture(autouse=True, scope="module")
def _drop_created_databases():
    yield
    for name in _created:
        psql("-c", f'DROP DATABASE IF EXISTS "{name}"')


@pytest.mark.skipif(not shutil.which("pg_dump"), reason="pg_dump is not installed")
def test_pg_dump_restores_identical_pages(tmp_path):
    if not on_postgres():
        pytest.skip("pg_dump/pg_restore is the PostgreSQL path; this run uses SQLite")
    source, target = create_pg_database("pgsrc"), create_pg_database("pgdst")
    before = populate(source)
    dump = tmp_path / "academy.dump"
    subprocess.run(
        ["pg_dump", "--format=custom", "--no-owner", f"--file={dump}", source], check=True, timeout=300
    )
    subprocess.run(["pg_restore", "--no-owner", f"--dbname={target}", str(dump)], check=True, timeout=300)
    assert rendered_pages(target) == before

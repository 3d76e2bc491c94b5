"""Shared fixtures: one user per role, clients, and the browser (Playwright on Debian's chromium) with axe."""

import os
import shutil
from collections.abc import Callable

import pytest
from django.core.management import call_command

from home import roles
from tests.factories.home import PASSWORD, make_user  # noqa: F401 - one definition, re-exported for older tests

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def pytest_collection_modifyitems(config, items):
    """Browser tests skip with a clear message when chromium is missing, unless REQUIRE_BROWSER=1 (CI)."""
    have_browser = shutil.which(CHROMIUM) is not None or os.path.exists(CHROMIUM)
    if have_browser:
        return
    if os.environ.get("REQUIRE_BROWSER") == "1":
        raise pytest.UsageError(
            f"Browser tests are required (REQUIRE_BROWSER=1) but {CHROMIUM} is missing: "
            "apt-get install -y chromium"
        )
    skip = pytest.mark.skip(
        reason=f"{CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium) "
        "to run browser tests"
    )
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def learner(db):
    return make_user(
        "learner@test.gov.uk", first_name="Lee", last_name="Learner", department="Adult Social Care"
    )


@pytest.fixture
def other_learner(db):
    return make_user("other@test.gov.uk", first_name="Olu", last_name="Other", department="Highways")


@pytest.fixture
def champion(db):
    return make_user("champion@test.gov.uk", roles.CHAMPION, first_name="Chloe", last_name="Champion")


@pytest.fixture
def hr_user(db):
    return make_user("hr@test.gov.uk", roles.HR, first_name="Hari", last_name="Patel")


@pytest.fixture
def admin_user(db):
    return make_user("admin@test.gov.uk", roles.ACADEMY_ADMIN, first_name="Ada", last_name="Admin")


def give_authenticator(user):
    """Activate a TOTP authenticator for `user`, as if they had set one up."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    return TOTP.activate(user, generate_totp_secret()).instance


@pytest.fixture
def client_for(client, db) -> Callable:
    """`client_for(user)` gives a test client signed in as `user` (None → anonymous). Accounts that must use a
    second factor (HR, admins, moderators) get an authenticator unless `with_mfa=False`."""
    from django.test import Client

    def _make(user, *, with_mfa: bool = True):
        c = Client()
        if user is None:
            return c
        # Read afresh: the roles and moderation the test gave `user` since the object was loaded count.
        if with_mfa and roles.requires_mfa(type(user).objects.get(pk=user.pk)):
            from allauth.mfa.utils import is_mfa_enabled

            if not is_mfa_enabled(user):
                give_authenticator(user)
        c.force_login(user)
        return c

    return _make


@pytest.fixture
def site_with_home(db):
    """The demo home app content (home page, branding, accessibility statement, help page), without demo users."""
    from io import StringIO

    from home import demo

    demo.load(stdout=StringIO())
    return demo


# --- Browser -------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def _playwright_browser(_serialized_db):
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def _serialized_db(django_db_setup, django_db_blocker):
    """The migrated database's contents, serialized once (browser tests ask for serialized rollback)."""
    from django.db import connection

    _AFTER_FLUSH["serialized"] = getattr(connection, "_test_serialized_contents", None)
    return _AFTER_FLUSH["serialized"]


# --- Parallel runs: the data migrations' rows after a transactional test ---------------------------------

_AFTER_FLUSH: dict = {"blocker": None, "serialized": None}


@pytest.fixture(scope="session", autouse=True)
def _keep_db_blocker(django_db_blocker):
    _AFTER_FLUSH["blocker"] = django_db_blocker


def _is_transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    names = getattr(item, "fixturenames", ())
    return (
        bool(marker and marker.kwargs.get("transaction"))
        or "transactional_db" in names
        or "live_server" in names
    )


def _is_database_test(item) -> bool:
    names = getattr(item, "fixturenames", ())
    return item.get_closest_marker("django_db") is not None or "db" in names


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """A transactional test's teardown empties every table, data migrations' rows (roles, root page) too. Run
    alone, pytest-django orders those tests last; under pytest-xdist an ordinary database test may follow one
    on the same worker, so before it (and before its transaction opens) the migrated contents are put back."""
    if _AFTER_FLUSH["blocker"] is None or _is_transactional(item) or not _is_database_test(item):
        return
    from django.contrib.auth.models import Group
    from django.db import connection

    serialized = _AFTER_FLUSH["serialized"] or getattr(connection, "_test_serialized_contents", None)
    with _AFTER_FLUSH["blocker"].unblock():
        if serialized and not Group.objects.exists():
            # Emptied first: a flush without serialized rollback re-creates content types and permissions
            # (post_migrate) under new ids, which the migrated contents would clash with. Sequences are kept
            # (as a transactional test's own flush keeps them), so new rows never reuse the restored ids.
            call_command(
                "flush", interactive=False, inhibit_post_migrate=True, reset_sequences=False, verbosity=0
            )
            connection.creation.deserialize_db_from_string(serialized)


def _restore_migration_data(serialized):
    """Playwright's sync API runs an event loop, so Django sees a fresh connection object without the
    serialized contents and skips restoring the data migrations' rows (root page, roles) after a flush."""
    from django.db import connection

    if serialized and not hasattr(connection, "_test_serialized_contents"):
        connection.creation.deserialize_db_from_string(serialized)
        connection._test_serialized_contents = serialized


@pytest.fixture
def page(_serialized_db, _playwright_browser, live_server):
    """A fresh browser page; `page.off_host_requests` lists any request that left the test server."""
    _restore_migration_data(_serialized_db)
    context = _playwright_browser.new_context(
        base_url=live_server.url, viewport={"width": 1200, "height": 900}
    )
    pg = context.new_page()
    pg.set_default_timeout(15000)
    pg.off_host_requests = []
    host = live_server.url

    def _record(request):
        if not (request.url.startswith(host) or request.url.startswith(("data:", "blob:", "about:"))):
            pg.off_host_requests.append(request.url)

    pg.on("request", _record)
    yield pg
    context.close()


@pytest.fixture
def axe_check():
    """`axe_check(page)` fails the test with a readable list of any WCAG 2.2 AA violation on the page."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def _check(pg, context=None):
        results = axe.run(pg, context=context, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
        violations = results.response["violations"]
        report = "\n".join(
            f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
            for v in violations
        )
        assert not violations, f"axe found {len(violations)} violation(s) on {pg.url}:\n{report}"

    return _check


@pytest.fixture
def sign_in(live_server):
    """`sign_in(page, user)` signs in through the real form, by keyboard."""

    def _sign_in(pg, user, password=PASSWORD):
        pg.goto("/accounts/login/")
        pg.get_by_label("Email").fill(user.email)
        pg.get_by_label("Password").fill(password)
        pg.get_by_label("Password").press("Enter")
        pg.wait_for_load_state()

    return _sign_in


@pytest.fixture
def sign_in_with_second_factor(live_server):
    """`sign_in_with_second_factor(page, user)`: a session an identity provider vouched for (MFA done), for
    the HR and admin pages that need a second factor."""
    from django.test import Client

    from home.middleware import SESSION_PROVIDER_MFA

    def _sign_in(pg, user):
        client = Client()
        client.force_login(user)
        session = client.session
        session[SESSION_PROVIDER_MFA] = True
        session.save()
        pg.context.add_cookies([{"name": "sessionid", "value": session.session_key, "url": live_server.url}])

    return _sign_in


@pytest.fixture
def demo_content(db):
    call_command("load_demo_content", verbosity=0)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters and cached pages live in the cache: every test starts with an empty one."""
    from django.core.cache import cache

    cache.clear()
    yield

"""Two app servers (gunicorn) on different ports, one PostgreSQL and one Redis: a session, a rate limit and
a write made through one are seen through the other, so a council can run several behind a load balancer."""

import pytest
from allauth.account.models import EmailAddress
from django.db import connection

from tests.conftest import PASSWORD, make_user
from tests.ops.servers import REDIS_TEST_URL, AppServer, Browser, reachable, shared_database_url

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        not reachable("127.0.0.1", 6379),
        reason="needs Redis on 127.0.0.1:6379 (apt-get install redis-server)",
    ),
]


@pytest.fixture
def postgres():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: set DATABASE_URL=postgres://postgres@127.0.0.1:5432/<name>")


@pytest.fixture
def redis_store():
    import redis

    client = redis.Redis.from_url(REDIS_TEST_URL)
    client.flushdb()
    yield client
    client.flushdb()


@pytest.fixture
def two_servers(postgres, redis_store):
    servers = []
    try:
        servers = [AppServer(database_url=shared_database_url()) for _ in range(2)]
        yield servers
    finally:
        for server in servers:
            server.stop()


def test_session_write_and_rate_limit_are_shared(two_servers, redis_store):
    a, b = two_servers
    assert a.port != b.port
    member = make_user("shared@test.gov.uk", first_name="Shay", last_name="Shared")

    # Session: sign in through A, carry on through B.
    browser = Browser()
    response = browser.post_form(a, "/accounts/login/", {"login": member.email, "password": PASSWORD})
    assert response.status_code == 302 and response.headers["Location"] == "/my-learning/"
    page = browser.get(b, "/my-learning/")
    assert page.status_code == 200 and "My learning" in page.text
    assert "no-store" in page.headers["Cache-Control"]
    assert any(key.startswith(b":1:django.contrib.sessions") for key in redis_store.keys("*"))

    # A write through B (add an email address) is there through A, and in the database.
    response = browser.post_form(
        b, "/accounts/email/", {"email": "shay.second@test.gov.uk", "action_add": ""}
    )
    assert response.status_code == 302
    assert EmailAddress.objects.filter(user=member, email="shay.second@test.gov.uk").exists()
    assert "shay.second@test.gov.uk" in browser.get(a, "/accounts/email/").text

    # Rate limit: five failed sign-ins split across both servers lock the account out on either.
    attacker = Browser()
    for server in (a, b, a, b, a):
        response = attacker.post_form(
            server, "/accounts/login/", {"login": member.email, "password": "wrong-1234567"}
        )
        assert response.status_code == 200 and "Too many failed login attempts" not in response.text
    for server in (b, a):
        response = attacker.post_form(
            server, "/accounts/login/", {"login": member.email, "password": PASSWORD}
        )
        assert response.status_code == 200
        assert "Too many failed login attempts" in response.text

"""A real outage: a gunicorn server reaches PostgreSQL through a proxy we cut and restore. While the database
is unreachable it answers 503 with a plain page (no stack trace); when it is back, the same server recovers."""

import contextlib
import socket
import threading

import pytest
from django.core.management import call_command
from django.db import connection

from tests.conftest import PASSWORD, make_user
from tests.ops.servers import AppServer, Browser, free_port, shared_database_url

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


class TcpProxy:
    """Forwards 127.0.0.1:port to PostgreSQL; `cut()` drops the listener and every open connection."""

    def __init__(self, *, port: int, target: tuple[str, int]):
        self.port, self.target = port, target
        self.connections: list[socket.socket] = []
        self.listener = None

    def start(self):
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", self.port))
        self.listener.listen(16)
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            self.connections += [client, upstream]
            for src, dst in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(src, dst), daemon=True).start()

    @staticmethod
    def _pipe(src, dst):
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)

    def cut(self):
        # shutdown() wakes the thread blocked in accept(); close() alone would leave the port listening.
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)
        self.listener.close()
        for s in self.connections:
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
                s.close()
        self.connections = []


@pytest.fixture
def postgres():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: set DATABASE_URL=postgres://postgres@127.0.0.1:5432/<name>")


def test_unreachable_database_gives_503_then_recovers(postgres):
    call_command(
        "createcachetable", "academy_cache", verbosity=0
    )  # without Redis, the cache lives in the database
    member = make_user("outage@test.gov.uk")
    settings = connection.settings_dict
    proxy = TcpProxy(
        port=free_port(), target=(settings["HOST"] or "127.0.0.1", int(settings["PORT"] or 5432))
    )
    proxy.start()
    server = AppServer(database_url=shared_database_url(port=proxy.port), redis_url=None)
    try:
        browser = Browser()
        response = browser.post_form(
            server, "/accounts/login/", {"login": member.email, "password": PASSWORD}
        )
        assert response.status_code == 302
        assert browser.get(server, "/my-learning/").status_code == 200

        proxy.cut()
        for _ in range(2):  # the broken pooled connection, then a refused new one
            down = browser.get(server, "/my-learning/")
            assert down.status_code == 503
            assert "Sorry, the service is unavailable" in down.text and "Traceback" not in down.text
            assert down.headers["Retry-After"] == "30" and "no-store" in down.headers["Cache-Control"]

        proxy.start()
        back = browser.get(server, "/my-learning/")
        assert back.status_code == 200 and "My learning" in back.text
    finally:
        server.stop()
        proxy.cut()

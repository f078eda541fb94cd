"""gunicorn, started as the documented command does (``-c config/gunicorn.py``), believes
``X-Forwarded-Proto`` only from VERTROUWDE_PROXIES: its own default would believe anything on
127.0.0.1, and Django would then take the request for https.

With DEBUG off an http request is redirected to https (SECURE_SSL_REDIRECT); one believed
to have come in over https is answered (the language switch: a redirect home). Neither
needs a database or the static files' manifest.
"""

from __future__ import annotations

import http.client
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import omgeving_zonder

pytestmark = pytest.mark.langzaam(reden="starts gunicorn in a subprocess, twice")

ROOT = Path(__file__).resolve().parent.parent
PAD = "/i18n/setlang/"


class Gunicorn:
    """gunicorn on a socket opened here on 127.0.0.1 (so it listens nowhere else)."""

    def __init__(self, tmp_path: Path, **omgeving):
        self.sok = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sok.bind(("127.0.0.1", 0))
        self.sok.listen(16)
        self.sok.set_inheritable(True)
        self.poort = self.sok.getsockname()[1]
        env = omgeving_zonder(
            "DATABASE_URL", "VERTROUWDE_PROXIES", "TRUSTED_PROXIES", "FORWARDED_ALLOW_IPS"
        )
        env.update(
            DEBUG="false",
            SECRET_KEY=secrets.token_urlsafe(50),
            ALLOWED_HOSTS="127.0.0.1",
            DATABASE_URL=f"sqlite:///{tmp_path / 'leeg.sqlite3'}",
            **omgeving,
        )
        self.logboek = tmp_path / "gunicorn.log"
        with open(self.logboek, "wb") as uit:
            self.proces = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.py", "config.wsgi"]
                + ["--bind", f"fd://{self.sok.fileno()}", "--workers", "1"]
                + ["--no-control-socket"],
                cwd=ROOT, env=env, stdout=uit, stderr=subprocess.STDOUT,
                pass_fds=[self.sok.fileno()],
            )  # fmt: skip

    def vraag(self, **koppen) -> http.client.HTTPResponse:
        """GET the language switch from 127.0.0.1, with ``koppen`` as headers."""
        for _ in range(300):  # until a worker answers; the listening socket is already open
            if self.proces.poll() is not None:
                pytest.fail(f"gunicorn stopped:\n{self.logboek.read_text()}")
            verbinding = http.client.HTTPConnection("127.0.0.1", self.poort, timeout=30)
            try:
                verbinding.request("GET", PAD, headers=koppen)
                return verbinding.getresponse()
            except OSError:
                time.sleep(0.1)
        pytest.fail(f"gunicorn did not answer:\n{self.logboek.read_text()}")

    def stoppen(self):
        self.proces.terminate()
        self.proces.wait(timeout=30)
        self.sok.close()


@pytest.fixture
def gunicorn(tmp_path):
    servers = []

    def _starten(**omgeving) -> Gunicorn:
        map_ = tmp_path / str(len(servers))
        map_.mkdir()
        server = Gunicorn(map_, **omgeving)
        servers.append(server)
        return server

    yield _starten
    for server in servers:
        server.stoppen()


def _naar_https(antwoord) -> bool:
    return antwoord.status == 301 and antwoord.getheader("Location", "").startswith("https://")


def test_without_trusted_proxies_a_forwarded_proto_from_localhost_is_not_believed(gunicorn):
    server = gunicorn()
    assert _naar_https(server.vraag())  # plain http: to https
    assert _naar_https(server.vraag(**{"X-Forwarded-Proto": "https"}))  # still http


def test_with_localhost_as_trusted_proxy_it_is_believed(gunicorn):
    server = gunicorn(VERTROUWDE_PROXIES="127.0.0.1")
    assert _naar_https(server.vraag())  # the proxy says nothing: http
    antwoord = server.vraag(**{"X-Forwarded-Proto": "https"})
    assert antwoord.status == 302 and antwoord.getheader("Location") == "/"  # answered as https

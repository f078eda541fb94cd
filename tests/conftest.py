"""A small world for the tests: the seed, the three roles, and accounts in them.

The fixtures only name what a test gets; the builders are in ``tests/bouwers.py``.

Slow tests (marker ``langzaam``) run in CI only: ``make test`` here leaves them out and
says how many, unless ``CI`` or ``ALLES`` is set, ``-m`` names the marker, or the command
line names which tests to run.
"""

from __future__ import annotations

import email
import os
import socket
from email import policy
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.contrib.auth.models import Group
from django.test import override_settings

from tests import bouwers
from werkgroep import rollen

# Slow tests in files of their own apps, with why; tests/test_belasting.py and
# tests/e2e/ mark themselves.
LANGZAAM = {
    "tests/test_project.py::test_demo_creates_the_three_accounts_with_the_seed": (
        "manage.py demo in a subprocess: migrate, the seed and three accounts"
    ),
    "tests/test_project.py::test_debug_off_with_a_secret_key_starts": (
        "starts Django in a subprocess with the production settings"
    ),
    "tests/test_security.py::test_the_deploy_check_is_clean_with_production_settings": (
        "check --deploy in a subprocess"
    ),
    "tests/test_reservekopie.py::test_pg_dump_and_pg_restore_give_identical_data": (
        "pg_dump and pg_restore of the seed on PostgreSQL"
    ),
}
UITGELATEN = pytest.StashKey[list]()


def _alles(config) -> bool:
    """Run the slow tests too: in CI, with ALLES=1, with ``-m langzaam`` (or any -m naming
    it), or when the command line names the tests (a file, a folder below tests/, an id)."""
    if os.environ.get("CI") or os.environ.get("ALLES"):
        return True
    if "langzaam" in (config.option.markexpr or ""):
        return True
    standaard = {config.rootpath, config.rootpath / "tests"}
    return any(
        Path(config.rootpath, a.split("::")[0]).resolve() not in standaard for a in config.args
    )


def pytest_collection_modifyitems(config, items):
    for item in items:
        reden = LANGZAAM.get(item.nodeid.split("[")[0])
        if reden:
            item.add_marker(pytest.mark.langzaam(reden=reden))
    if _alles(config):
        return
    langzaam = [item for item in items if item.get_closest_marker("langzaam")]
    if langzaam:
        items[:] = [item for item in items if not item.get_closest_marker("langzaam")]
        config.hook.pytest_deselected(items=langzaam)
    namen = [item.nodeid for item in langzaam]
    if hasattr(config, "workeroutput"):  # an xdist worker: tell the controller
        config.workeroutput["langzaam"] = namen
    else:
        config.stash[UITGELATEN] = namen


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    """xdist's controller: what the worker left out (every worker collects the same)."""
    namen = getattr(node, "workeroutput", {}).get("langzaam")
    if namen is not None:
        node.config.stash[UITGELATEN] = namen


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    namen = config.stash.get(UITGELATEN, [])
    if namen:
        bestanden = sorted({n.split("::")[0] for n in namen})
        terminalreporter.write_line(
            f"{len(namen)} slow tests (marker langzaam) were not run: {', '.join(bestanden)}. "
            "CI runs them; here: ALLES=1 make test, or pytest -m langzaam.",
            yellow=True,
        )


@pytest.fixture(scope="session", autouse=True)
def _snelle_wachtwoorden():
    """Passwords hashed with MD5 in the tests instead of PBKDF2's million rounds: half a
    second per account, a few accounts per test. What a password does (log in, lock out,
    reset) is tested, not how hard it is to crack; the tests that start the site in a
    subprocess (the demo, the deploy check) run the real settings."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True)
def _nederlands(settings):
    settings.LANGUAGE_CODE = "nl-be"


@pytest.fixture(autouse=True)
def _bestanden_apart(settings, tmp_path_factory):
    """Uploaded files (meeting files) of every test go to a folder of their own, never
    into the project's media folder."""
    settings.MEDIA_ROOT = str(tmp_path_factory.mktemp("media"))


@pytest.fixture
def seed(db):
    return bouwers.seed()


@pytest.fixture
def secretariaat(db):
    return bouwers.secretariaat()


@pytest.fixture
def coordinator(db):
    return bouwers.coordinator()


@pytest.fixture
def lid(seed):
    """Johan Dejonckheere, member of the seed's working group."""
    return bouwers.lid("Johan", "Dejonckheere")


@pytest.fixture
def andere_werkgroep(seed):
    return bouwers.werkgroep(titel="Andere groep", slug="andere-groep")


@pytest.fixture
def lid_andere_werkgroep(andere_werkgroep):
    """A member of another working group only."""
    deelnemer = bouwers.lidmaatschap(
        andere_werkgroep, bouwers.maak_deelnemer(voornaam="Greta", achternaam="Buiten")
    ).deelnemer
    return bouwers.lid_van_deelnemer(deelnemer, gebruikersnaam="gbuiten")


@pytest.fixture
def client_van(client):
    """Log a user in on the test client: ``client_van(user)``."""

    def _aanmelden(user):
        client.force_login(user)
        return client

    return _aanmelden


def omgeving_zonder(*namen: str) -> dict[str, str]:
    """The environment for a subprocess of the site, without ``namen``.

    The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for this process; a subprocess
    stands for a real server, where the deploy check rightly refuses it.
    """
    weg = {*namen, "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return {k: v for k, v in os.environ.items() if k not in weg}


def rollen_bestaan() -> bool:
    return (
        Group.objects.filter(name__in=[rollen.SECRETARIAAT, rollen.COORDINATOR, rollen.LID]).count()
        == 3
    )


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """On SQLite, test in a file rather than in memory.

    An in-memory database is one connection, which Django shares with the browser
    tests' live server: two requests at once (the admin's autocomplete) then trip
    over each other's savepoints. With a file every thread has its own connection
    and waits for the write lock, as gunicorn's workers do in production.

    ``TEST_SQLITE_BESTAND`` names a fixed file instead, for ``--reuse-db`` across runs
    (``make mutate`` runs the same tests once per mutant and would migrate every time).
    """
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        bestand = os.environ.get("TEST_SQLITE_BESTAND") or str(
            tmp_path_factory.mktemp("testdatabank") / "test.sqlite3"
        )
        database.setdefault("TEST", {})["NAME"] = bestand


def smtp_controller_starten(handler) -> Controller:
    """aiosmtpd's ``Controller`` on a free port of 127.0.0.1, started: the port is one the
    system just handed out (each xdist worker its own), tried again should another process
    take it between our look and the server's bind. Only aiosmtpd's public API."""
    for _poging in range(5):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            poort = s.getsockname()[1]
        controller = Controller(handler, hostname="127.0.0.1", port=poort)
        try:
            controller.start()
        except OSError:  # taken in between
            continue
        return controller
    raise RuntimeError("no free port for the test SMTP server")


class _Postbus:
    """What the test SMTP server received, each message parsed (``email.policy.default``)."""

    def __init__(self):
        self.berichten = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.berichten.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


@pytest.fixture(scope="session")
def _smtp_controller():
    postbus = _Postbus()
    controller = smtp_controller_starten(postbus)
    yield controller, postbus
    controller.stop()


@pytest.fixture
def smtp_server(_smtp_controller, settings):
    """A real SMTP server on 127.0.0.1, and Django's SMTP backend sending to it: the list of
    messages it received (``email.message.EmailMessage``: headers, ``get_body``, parts)."""
    controller, postbus = _smtp_controller
    postbus.berichten.clear()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    return postbus.berichten

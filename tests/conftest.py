"""A small world for the tests: the seed, the three roles, and accounts in them.

The fixtures only name what a test gets; the builders are in ``tests/bouwers.py``.
"""

from __future__ import annotations

import os

import pytest
from django.contrib.auth.models import Group

from tests import bouwers
from werkgroep import rollen


@pytest.fixture(autouse=True)
def _nederlands(settings):
    settings.LANGUAGE_CODE = "nl-be"


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
    """
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        bestand = tmp_path_factory.mktemp("testdatabank") / "test.sqlite3"
        database.setdefault("TEST", {})["NAME"] = str(bestand)

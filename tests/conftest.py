"""A small world for the tests: the seed, the three roles, and helpers to grow data."""

from __future__ import annotations

import itertools
import os

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from kern.datums import Datumaanduiding
from werkgroep import rollen
from werkgroep.models import (
    Deelnemer,
    Lidmaatschap,
    Organisatie,
    Thema,
    Vergadering,
    Werkgroep,
)
from werkgroep.services import account_aanmaken

WACHTWOORD = "een-lang-testwachtwoord"
_teller = itertools.count(1)


@pytest.fixture(autouse=True)
def _nederlands(settings):
    settings.LANGUAGE_CODE = "nl-be"


@pytest.fixture
def seed(db):
    call_command("loaddata", "regierol_lokale_besturen", verbosity=0)
    return Werkgroep.objects.get(slug="regierol-van-de-lokale-besturen")


@pytest.fixture
def secretariaat(db):
    return account_aanmaken(
        gebruikersnaam="secretariaat", wachtwoord=WACHTWOORD, rol=rollen.SECRETARIAAT, staff=True
    )


@pytest.fixture
def coordinator(db):
    return account_aanmaken(
        gebruikersnaam="coordinator", wachtwoord=WACHTWOORD, rol=rollen.COORDINATOR, staff=True
    )


@pytest.fixture
def lid(seed):
    """Johan Dejonckheere, member of the seed's working group."""
    return account_aanmaken(
        gebruikersnaam="jdejonckheere",
        wachtwoord=WACHTWOORD,
        rol=rollen.LID,
        deelnemer=Deelnemer.objects.get_by_natural_key("Johan", "Dejonckheere"),
    )


@pytest.fixture
def andere_werkgroep(seed):
    thema = Thema.objects.create(naam="Levenslang leren", slug="levenslang-leren")
    return Werkgroep.objects.create(thema=thema, titel="Andere groep", slug="andere-groep")


@pytest.fixture
def lid_andere_werkgroep(andere_werkgroep):
    """A member of another working group only."""
    deelnemer = maak_deelnemer(voornaam="Greta", achternaam="Buiten")
    Lidmaatschap.objects.create(werkgroep=andere_werkgroep, deelnemer=deelnemer)
    return account_aanmaken(
        gebruikersnaam="gbuiten", wachtwoord=WACHTWOORD, rol=rollen.LID, deelnemer=deelnemer
    )


@pytest.fixture
def client_van(client):
    """Log a user in on the test client: ``client_van(user)``."""

    def _aanmelden(user):
        client.force_login(user)
        return client

    return _aanmelden


def maak_deelnemer(**velden) -> Deelnemer:
    n = next(_teller)
    velden.setdefault("voornaam", f"Voornaam{n}")
    velden.setdefault("achternaam", f"Achternaam{n}")
    return Deelnemer.objects.create(**velden)


def maak_vergadering(werkgroep, datum: str, **velden) -> Vergadering:
    vergadering = Vergadering(werkgroep=werkgroep, **velden)
    vergadering.datum = Datumaanduiding.parse(datum)
    vergadering.full_clean()
    vergadering.save()
    return vergadering


def groei(werkgroep: Werkgroep, aantal: int) -> None:
    """Add ``aantal`` organisations, participants with memberships, and meetings."""
    from werkgroep.models import Aanwezigheid, Agendapunt

    for _ in range(aantal):
        n = next(_teller)
        moeder = Organisatie.objects.create(naam=f"Organisatie {n}")
        org = Organisatie.objects.create(naam=f"Dienst {n}", moeder=moeder)
        deelnemer = maak_deelnemer(organisatie=org)
        Lidmaatschap.objects.create(werkgroep=werkgroep, deelnemer=deelnemer)
        vergadering = Vergadering.objects.create(
            werkgroep=werkgroep,
            kenmerk=f"groei-{n}",
            precisie="dag",
            datum_van=f"2006-{1 + n % 12:02d}-{1 + n % 28:02d}",
            datum_tot=f"2006-{1 + n % 12:02d}-{1 + n % 28:02d}",
        )
        Agendapunt.objects.create(
            vergadering=vergadering, volgorde=1, titel=f"Punt {n}", spreker=deelnemer
        )
        Aanwezigheid.objects.create(vergadering=vergadering, deelnemer=deelnemer)


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

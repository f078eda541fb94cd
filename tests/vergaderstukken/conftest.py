"""A meeting with attendees for the minutes and files: the seed's 06/06/2006 meeting, where
Michel Bortels (a member with an account) was present and Johan Dejonckheere was not."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests import bouwers
from werkgroep.models import Vergadering
from werkgroep.services import adres_wijzigen


@pytest.fixture
def vergadering(seed):
    return Vergadering.objects.get(kenmerk="2006-06-06")


@pytest.fixture
def aanwezige(seed, vergadering):
    """Michel Bortels: a member with an account and an address, present at the meeting."""
    account = bouwers.lid("Michel", "Bortels")
    adres_wijzigen(account=account, email="michel.bortels@example.be")  # the person's one address
    bouwers.aanwezigheid(vergadering, account.deelnemer)
    return account


def notulen_url(vergadering, naam: str = "vergaderstukken:notulen") -> str:
    return reverse(naam, args=[vergadering.pk])


def tekst_posten(client, vergadering, tekst: str, versie: int):
    return client.post(notulen_url(vergadering), {"tekst": tekst, "gelezen_versie": versie})


def stap(client, vergadering, naam: str, versie: int):
    return client.post(
        notulen_url(vergadering, "vergaderstukken:notulen_status"),
        {"stap": naam, "gelezen_versie": versie},
    )


def tekstbestand_opladen(vergadering, door, titel: str = "Agenda"):
    """A small text file attached to ``vergadering`` through the service."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from vergaderstukken import services

    bestand = SimpleUploadedFile("agenda.txt", b"Agenda\n1. Welkom\n", "text/plain")
    return services.vergaderstuk_toevoegen(
        vergadering=vergadering, soort="document", titel=titel, bestand=bestand, door=door
    )

"""Two members of the secretariat confirming one request at the same moment: the person is
forgotten once, the other is told it was carried out already, on SQLite and PostgreSQL.

Each confirmation is a real request in a thread of its own with its own connection, as two
server workers would make them. On PostgreSQL both are held just before they lock the
request, so their transactions truly overlap; SQLite's take the write lock when they begin.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.urls import reverse

from persoonsgegevens import export, services
from persoonsgegevens.models import Uitvoer, Wisverzoek
from tests import bouwers
from tests.gelijktijdig import in_draden
from werkgroep.models import Deelnemer

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_confirmations_at_once_forget_the_person_once(seed):
    aanvrager = bouwers.secretariaat()
    deelnemer = bouwers.maak_deelnemer(
        voornaam="Anna", achternaam="Wedloop", email="anna@voorbeeld.be", telefoon="02 000 00 00"
    )
    services.uitvoer_vastleggen(
        deelnemer=deelnemer,
        gegevens=export.verzamelen(deelnemer),
        door=aanvrager,
        via=Uitvoer.Via.BEHEER,
    )
    verzoek = services.wissen_aanvragen(deelnemer=deelnemer, door=aanvrager)
    url = reverse("admin:persoonsgegevens_wisverzoek_bevestigen", args=[verzoek.pk])
    clients = [bouwers.aangemeld(bouwers.secretariaat(gebruikersnaam=naam)) for naam in ("b", "c")]

    postgres = connection.vendor == "postgresql"
    samen = threading.Barrier(2, timeout=20)
    echt = services.vergrendelen

    def vergrendelen(pk):
        if postgres:
            samen.wait()
        return echt(pk)

    antwoorden = in_draden(
        [lambda c=c: c.post(url, follow=True) for c in clients],
        vervangen=(services, "vergrendelen", vergrendelen),
    )
    assert all(not isinstance(a, Exception) for a in antwoorden), antwoorden
    teksten = [a.content.decode() for a in antwoorden]
    assert sum("De persoon is vergeten" in t for t in teksten) == 1
    assert sum("Dit verzoek is al uitgevoerd" in t for t in teksten) == 1
    verzoek.refresh_from_db()
    assert verzoek.status == Wisverzoek.Status.UITGEVOERD
    deelnemer = Deelnemer.objects.get(pk=deelnemer.pk)
    assert (deelnemer.naam, deelnemer.email, deelnemer.telefoon) == (verzoek.pseudoniem, "", "")

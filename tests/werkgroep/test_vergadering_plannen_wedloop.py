"""Two tabs saving one meeting's place at the same moment, on the site: exactly one wins,
the other is shown both values and saves nothing, on SQLite and PostgreSQL.

Each save runs in a thread of its own with its own connection, as two server workers
would. On PostgreSQL both requests are held just before they lock the stored meeting, so
their transactions truly overlap; SQLite's take the write lock when they begin.
"""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection
from django.urls import reverse

from kern.versies import bewaring
from tests import bouwers
from tests.bouwers import aangemeld
from tests.formulieren import formulier
from tests.gelijktijdig import in_draden
from werkgroep.models import Vergadering

pytestmark = pytest.mark.django_db(transaction=True)


def tegelijk(*verzoeken):
    postgres = connection.vendor == "postgresql"
    samen = threading.Barrier(len(verzoeken), timeout=20)
    echt_vergrendelen = bewaring.vergrendelen
    gewacht = threading.local()

    def vergrendelen(queryset, pk):
        if postgres and not getattr(gewacht, "ja", False):
            gewacht.ja = True  # the meeting first, then each agenda row: wait once
            samen.wait()
        return echt_vergrendelen(queryset, pk)

    return in_draden(verzoeken, vervangen=(bewaring, "vergrendelen", vergrendelen))


def test_two_tabs_saving_the_same_field_at_once_one_wins(seed):
    vergadering = Vergadering.objects.create(
        werkgroep=seed,
        datum_van=dt.date(2027, 3, 4),
        datum_tot=dt.date(2027, 3, 4),
        kenmerk="2027-03-04",
        plaats="Brussel",
    )
    url = reverse("werkgroep:vergadering_bewerken", args=[vergadering.pk])
    eerste = aangemeld(bouwers.secretariaat())
    tweede = aangemeld(bouwers.secretariaat(gebruikersnaam="secretariaat2"))
    plaatsen = ["Gent", "Leuven"]
    verzoeken = [
        (lambda c, d: lambda: c.post(url, d))(
            client, {**formulier(client.get(url), "vergadering-plannen"), "plaats": plaats}
        )
        for client, plaats in zip([eerste, tweede], plaatsen, strict=True)
    ]
    antwoorden = tegelijk(*verzoeken)
    assert all(not isinstance(a, Exception) for a in antwoorden), antwoorden
    assert sorted(a.status_code for a in antwoorden) == [200, 302]
    winnaar = plaatsen[[a.status_code for a in antwoorden].index(302)]
    verliezer = next(a for a in antwoorden if a.status_code == 200).content.decode()
    assert "Gent" in verliezer and "Leuven" in verliezer
    vergadering.refresh_from_db()
    assert vergadering.plaats == winnaar

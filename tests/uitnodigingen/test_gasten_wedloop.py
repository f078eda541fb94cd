"""Two secretaries save the attendance with a guest at once, each in a thread with its own
database connection, as two server workers would. On PostgreSQL both are held until both
transactions are open, so they truly overlap at the meeting's lock; SQLite's requests take
the write lock when they begin and so run one after the other. Either way one save wins and
the other is told that the guest changed, nothing of it saved."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from tests import bouwers
from tests.bouwers import aangemeld
from tests.gelijktijdig import in_draden
from tests.uitnodigingen.test_gasten import _formulier
from uitnodigingen import services as uitnodigingen_services
from uitnodigingen.models import Uitnodiging

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_saves_at_once_keep_one_guest_status_and_tell_the_other():
    werkgroep = bouwers.seed()
    gisteren = timezone.localdate() - dt.timedelta(days=1)
    vergadering = bouwers.maak_vergadering(werkgroep, gisteren.strftime("%d/%m/%Y"))
    anna = Uitnodiging.objects.create(
        vergadering=vergadering, email="anna@elders.be", naam="Anna Peeters",
        uitgenodigd_op=timezone.now(),
    )  # fmt: skip
    secretaris = bouwers.secretariaat()
    url = reverse("uitnodigingen:vergadering_aanwezigheid", args=[vergadering.pk])
    clients = [aangemeld(secretaris), aangemeld(secretaris)]
    formulieren = [_formulier(c.get(url)) for c in clients]
    for data, status in zip(formulieren, ["aanwezig", "afwezig"], strict=True):
        data[f"u{anna.pk}"] = status

    postgres = connection.vendor == "postgresql"
    samen = threading.Barrier(2, timeout=20)
    echt = uitnodigingen_services.vergrendelen

    def vergrendelen(*args):  # inside the save's transaction, before the meeting's lock
        if postgres:
            samen.wait()
        return echt(*args)

    antwoorden = in_draden(
        [lambda c=c, d=d: c.post(url, d) for c, d in zip(clients, formulieren, strict=True)],
        vervangen=(uitnodigingen_services, "vergrendelen", vergrendelen),
    )

    assert all(not isinstance(a, Exception) for a in antwoorden), antwoorden
    assert sorted(a.status_code for a in antwoorden) == [200, 302]
    (gewonnen,) = [d for d, a in zip(formulieren, antwoorden, strict=True) if a.status_code == 302]
    (verloren,) = [a for a in antwoorden if a.status_code == 200]
    anna.refresh_from_db()
    assert anna.aanwezigheid == gewonnen[f"u{anna.pk}"]
    assert "Anna Peeters" in verloren.content.decode().split("Kijk na:")[1]

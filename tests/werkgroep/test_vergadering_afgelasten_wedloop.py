# ruff: noqa: F811 - the fixtures of test_uitnodigen, imported by name
"""Two tabs cancelling one meeting at the same moment, on the site: one cancels, the other
is told it was cancelled meanwhile, and the invited get one cancellation, on SQLite and
PostgreSQL (each request in a thread of its own, as two server workers; on PostgreSQL both
are held just before they lock the meeting, so their transactions truly overlap)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.urls import reverse

from kern import versies
from tests import bouwers
from tests.bouwers import aangemeld
from tests.gelijktijdig import in_draden
from tests.uitnodigingen.test_uitnodigen import (  # noqa: F401 - fixtures
    ics_van,
    leden,
    uitnodigen,
    vergadering,
)
from werkgroep.models import Vergadering

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_tabs_cancelling_at_once_cancel_once_and_tell_the_invited_once(
    leden, vergadering, smtp_server, django_capture_on_commit_callbacks
):
    eerste = aangemeld(bouwers.secretariaat())
    tweede = aangemeld(bouwers.secretariaat(gebruikersnaam="secretariaat2"))
    uitnodigen(eerste, vergadering, [leden["michel"]], capture=django_capture_on_commit_callbacks)
    smtp_server.clear()
    url = reverse("werkgroep:vergadering_afgelasten", args=[vergadering.pk])
    postgres = connection.vendor == "postgresql"
    samen = threading.Barrier(2, timeout=20)
    echt_vergrendelen = versies.vergrendelen

    def vergrendelen(queryset, pk):
        if postgres:
            samen.wait()
        return echt_vergrendelen(queryset, pk)

    antwoorden = in_draden(
        [lambda: eerste.post(url, follow=True), lambda: tweede.post(url, follow=True)],
        vervangen=(versies, "vergrendelen", vergrendelen),
    )
    assert all(not isinstance(a, Exception) for a in antwoorden), antwoorden
    teksten = [a.content.decode() for a in antwoorden]
    assert sum("De vergadering is afgelast" in t for t in teksten) == 1
    assert sum("De vergadering is intussen geannuleerd" in t for t in teksten) == 1
    vergadering.refresh_from_db()
    assert vergadering.status == Vergadering.Status.GEANNULEERD
    (bericht,) = smtp_server
    assert str(ics_van(bericht)["method"]) == "CANCEL"

"""Two admin saves of a meeting from the same page at the same moment: one wins, the other
is refused (kern/verouderd.py), on SQLite and PostgreSQL.

As in ``tests/projecten/test_wedloop.py``: each save in a thread with its own connection,
held on PostgreSQL until both transactions are open, just before the guard locks the row.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests import bouwers
from tests.formulieren import formulier
from tests.projecten.test_wedloop import tegelijk
from werkgroep.models import Vergadering

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_admin_saves_of_one_meeting_at_once_one_wins_the_other_is_refused(seed, secretariaat):
    vergadering = Vergadering.objects.get(kenmerk="2006-12")
    url = reverse("admin:werkgroep_vergadering_change", args=[vergadering.pk])
    an = bouwers.secretariaat(gebruikersnaam="avermeulen")
    tabs = [bouwers.aangemeld(secretariaat), bouwers.aangemeld(an)]
    plaatsen = ["Leuven", "Gent"]
    data = [formulier(tab.get(url)) for tab in tabs]
    for d, plaats in zip(data, plaatsen, strict=True):
        d["plaats"] = plaats
    antwoorden = tegelijk(
        *[lambda tab=tab, d=d: tab.post(url, d) for tab, d in zip(tabs, data, strict=True)]
    )
    assert all(not isinstance(a, Exception) for a in antwoorden), antwoorden
    codes = [a.status_code for a in antwoorden]
    assert sorted(codes) == [200, 302], codes
    winnaar = plaatsen[codes.index(302)]
    assert "Niets is bewaard" in antwoorden[codes.index(200)].content.decode()
    vergadering.refresh_from_db()
    assert vergadering.plaats == winnaar

"""A meeting recorded afterwards (issue 25, item 1): the new meeting's form offers the
group's members today to tick as present, saved with the meeting through the one save of
attendance; refused for a meeting whose day has not come (``vergadering_begonnen``).

The browser's count from home: tests/e2e/test_vergadering_plannen.py.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.formulieren import formulier
from werkgroep import selectors
from werkgroep.models import Vergadering

pytestmark = pytest.mark.django_db

FORM = "vergadering-plannen"


@pytest.fixture
def client(client_van, secretariaat):
    return client_van(secretariaat)


def _nieuw(seed):
    return reverse("werkgroep:vergadering_nieuw", args=[seed.slug])


def _met_aanwezigen(client, seed, datum: dt.date, aantal: int) -> tuple[dict, list[int]]:
    data = formulier(client.get(_nieuw(seed)), FORM)
    leden = [d.pk for d in selectors.leden_vandaag(seed)][:aantal]
    assert len(leden) == aantal
    data.update(
        {"datum": datum.strftime("%d/%m/%Y"), "agenda-0-titel": "Verwelkoming"},
        aanwezigen=[str(pk) for pk in leden],
    )
    return data, leden


def test_members_ticked_on_a_new_meeting_of_today_are_recorded_present(client, seed):
    vandaag = timezone.localdate()
    data, leden = _met_aanwezigen(client, seed, vandaag, 4)
    antwoord = client.post(_nieuw(seed), data, follow=True)
    vergadering = Vergadering.objects.get(werkgroep=seed, datum_van=vandaag)
    assert antwoord.redirect_chain[-1][0] == reverse(
        "werkgroep:vergadering_detail", args=[vergadering.pk]
    )
    inhoud = antwoord.content.decode()
    assert "De vergadering is gepland." in inhoud and "4 aanwezigen opgenomen." in inhoud
    assert sorted(
        vergadering.aanwezigheden.filter(status="aanwezig").values_list("deelnemer", flat=True)
    ) == sorted(leden)
    assert vergadering.aanwezigheden.count() == 4


def test_ticking_present_for_a_meeting_still_to_come_is_refused_and_nothing_saved(client, seed):
    morgen = timezone.localdate() + dt.timedelta(days=1)
    data, _leden = _met_aanwezigen(client, seed, morgen, 2)
    antwoord = client.post(_nieuw(seed), data)
    assert antwoord.status_code == 200
    assert "De vergadering is nog niet gehouden" in antwoord.content.decode()
    assert not Vergadering.objects.filter(werkgroep=seed, datum_van=morgen).exists()


def test_a_meeting_to_come_without_anyone_ticked_is_planned(client, seed):
    morgen = timezone.localdate() + dt.timedelta(days=1)
    data, _leden = _met_aanwezigen(client, seed, morgen, 0)
    client.post(_nieuw(seed), data)
    assert Vergadering.objects.get(werkgroep=seed, datum_van=morgen).aanwezigheden.count() == 0


def test_the_edit_form_offers_no_attendees(client, seed):
    vergadering = Vergadering.objects.create(
        werkgroep=seed, datum_van=dt.date(2026, 1, 5), datum_tot=dt.date(2026, 1, 5)
    )
    pagina = client.get(reverse("werkgroep:vergadering_bewerken", args=[vergadering.pk]))
    assert 'name="aanwezigen"' not in pagina.content.decode()
    assert 'name="aanwezigen"' in client.get(_nieuw(seed)).content.decode()

"""Steps refused before their time (issue 25, item 9): minutes go for approval, and a
meeting is marked "gehouden", only on or after the meeting's day
(``werkgroep.selectors.vergadering_begonnen``, the one rule); before it the page does not
offer the step and the service refuses it in Dutch."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests import bouwers
from vergaderstukken import services as stukken
from vergaderstukken.models import Notulen
from werkgroep import services as werkgroep_services
from werkgroep.models import Vergadering

pytestmark = pytest.mark.django_db

DAG = dt.date(2006, 3, 14)


def _op(seed, datum: dt.date, **velden) -> Vergadering:
    return bouwers.maak_vergadering(seed, datum.strftime("%d/%m/%Y"), **velden)


def _concept(vergadering, secretariaat) -> Notulen:
    notulen, _ = stukken.notulen_opslaan(
        vergadering=vergadering, gelezen_versie=0, tekst="Verslag.", door=secretariaat
    )
    return notulen


# ---- minutes for approval


@pytest.mark.parametrize("vandaag", [DAG, DAG + dt.timedelta(days=1)])
def test_minutes_go_for_approval_on_or_after_the_meetings_day(seed, secretariaat, vandaag):
    vergadering = _op(seed, DAG)
    notulen, _aantal = stukken.notulen_ter_goedkeuring(
        notulen=_concept(vergadering, secretariaat), door=secretariaat, vandaag=vandaag
    )
    assert notulen.status == Notulen.Status.TER_GOEDKEURING


def test_minutes_are_refused_for_approval_the_day_before(seed, secretariaat):
    vergadering = _op(seed, DAG)
    notulen = _concept(vergadering, secretariaat)
    with pytest.raises(ValidationError) as fout:
        stukken.notulen_ter_goedkeuring(
            notulen=notulen, door=secretariaat, vandaag=DAG - dt.timedelta(days=1)
        )
    assert fout.value.messages == [
        "De vergadering is op 14/03/2006: de notulen gaan ter goedkeuring op of na die dag."
    ]
    notulen.refresh_from_db()
    assert notulen.status == Notulen.Status.CONCEPT


def test_the_minutes_page_offers_sending_only_from_the_meetings_day(client_van, seed, secretariaat):
    """A meeting next week: no button, the day named, and a forged post refused."""
    volgende_week = timezone.localdate() + dt.timedelta(days=7)
    vergadering = _op(seed, volgende_week, status="gepland")
    _concept(vergadering, secretariaat)
    client = client_van(secretariaat)
    url = reverse("vergaderstukken:notulen", args=[vergadering.pk])
    tekst = client.get(url).content.decode()
    assert 'value="ter_goedkeuring"' not in tekst
    assert f"vanaf {volgende_week:%d/%m/%Y}" in tekst
    antwoord = client.post(
        reverse("vergaderstukken:notulen_status", args=[vergadering.pk]),
        {"stap": "ter_goedkeuring", "gelezen_versie": 1},
        follow=True,
    )
    assert "de notulen gaan ter goedkeuring op of na die dag." in antwoord.content.decode()
    assert Notulen.objects.get(vergadering=vergadering).status == Notulen.Status.CONCEPT
    # Today is the day: the button is there.
    Vergadering.objects.filter(pk=vergadering.pk).update(
        datum_van=timezone.localdate(), datum_tot=timezone.localdate()
    )
    assert 'value="ter_goedkeuring"' in client.get(url).content.decode()


# ---- "gehouden"


@pytest.mark.parametrize("vandaag", [DAG, DAG + dt.timedelta(days=35)])
def test_a_meeting_is_marked_held_on_or_after_its_day(seed, vandaag):
    vergadering = _op(seed, DAG, status="gepland")
    werkgroep_services.aanwezigheid_opnemen(
        vergadering=vergadering, statussen={}, gelezen={}, gehouden=True, vandaag=vandaag
    )
    vergadering.refresh_from_db()
    assert vergadering.status == Vergadering.Status.GEHOUDEN


def test_a_meeting_is_not_marked_held_before_its_day(seed):
    """Five weeks ahead, as the issue found it; the attendance is not saved either."""
    vergadering = _op(seed, DAG, status="gepland")
    lid = bouwers.maak_deelnemer()
    with pytest.raises(ValidationError) as fout:
        werkgroep_services.aanwezigheid_opnemen(
            vergadering=vergadering,
            statussen={lid.pk: "aanwezig"},
            gelezen={},
            gehouden=True,
            vandaag=DAG - dt.timedelta(days=35),
        )
    assert fout.value.messages == [
        "De vergadering van 14/03/2006 is nog niet gehouden: vink ‘gehouden’ aan op of na die dag."
    ]
    vergadering.refresh_from_db()
    assert vergadering.status == Vergadering.Status.GEPLAND
    assert not vergadering.aanwezigheden.exists()


def test_the_attendance_screen_offers_held_only_from_the_meetings_day(
    client_van, seed, secretariaat
):
    over_vijf_weken = timezone.localdate() + dt.timedelta(days=35)
    vergadering = _op(seed, over_vijf_weken, status="gepland")
    client = client_van(secretariaat)
    url = reverse("uitnodigingen:vergadering_aanwezigheid", args=[vergadering.pk])
    pagina = client.get(url)
    assert "gehouden" not in pagina.context["form"].fields
    assert 'name="gehouden"' not in pagina.content.decode()
    Vergadering.objects.filter(pk=vergadering.pk).update(
        datum_van=timezone.localdate(), datum_tot=timezone.localdate()
    )
    assert 'name="gehouden"' in client.get(url).content.decode()

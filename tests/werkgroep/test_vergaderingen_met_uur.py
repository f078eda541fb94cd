"""Two meetings on one day told apart in every list by date (issue 25, item 5): the start
hour follows the date when one is recorded ("15/01/2027 14:00", ``Vergadering.datum_uur``,
the one place of that format) on the year's list, the home lists, the copy of the last
meeting, the attendance screen and search; no query more (the pins of those pages hold)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import bouwers
from tests.bouwers import aangemeld
from werkgroep.models import Vergadering

pytestmark = pytest.mark.django_db

DAG = timezone.localdate() + dt.timedelta(days=10)
OOIT = dt.date(2026, 1, 5)  # a past day, for "recent" and the attendance to do


def _twee(seed, dag: dt.date) -> tuple[Vergadering, Vergadering]:
    tekst = dag.strftime("%d/%m/%Y")
    return (
        bouwers.maak_vergadering(seed, tekst, aanvang=dt.time(10), plaats="Gent"),
        bouwers.maak_vergadering(seed, tekst, aanvang=dt.time(14, 30), plaats="Brussel"),
    )


def test_the_date_with_its_hour_only_when_an_hour_is_recorded(seed):
    met, _ander = _twee(seed, DAG)
    assert met.datum_uur == f"{DAG:%d/%m/%Y} 10:00"
    zonder = bouwers.maak_vergadering(seed, "december 2027")
    assert zonder.datum_uur == str(zonder.datum) == "december 2027"


def test_the_years_list_and_the_home_lists_show_the_hour(seed, secretariaat):
    _twee(seed, DAG)
    for gehouden in _twee(seed, OOIT):
        gehouden.status = Vergadering.Status.GEHOUDEN
        gehouden.save()
    client = aangemeld(secretariaat)
    jaar = client.get(reverse("werkgroep:vergaderingen_jaar", args=[DAG.year])).content.decode()
    assert f"{DAG:%d/%m/%Y} 10:00" in jaar and f"{DAG:%d/%m/%Y} 14:30" in jaar
    home = client.get(reverse("site:home")).content.decode()
    for dag in (DAG, OOIT):  # to come, and recent
        assert f"{dag:%d/%m/%Y} 10:00" in home and f"{dag:%d/%m/%Y} 14:30" in home
    # The attendance still to record: two links, each with its hour.
    assert f"Aanwezigheid invullen: vergadering {OOIT:%d/%m/%Y} 10:00" in home
    assert f"Aanwezigheid invullen: vergadering {OOIT:%d/%m/%Y} 14:30" in home


def test_the_copy_the_attendance_screen_and_search_show_the_hour(seed, secretariaat):
    vroeg, laat = _twee(seed, OOIT)
    client = aangemeld(secretariaat)
    kopie = client.get(
        reverse("werkgroep:vergadering_nieuw", args=[seed.slug]) + "?kopie=vorige"
    ).content.decode()
    assert f"Overgenomen van de vorige vergadering ({OOIT:%d/%m/%Y} 14:30)" in kopie
    scherm = client.get(reverse("uitnodigingen:vergadering_aanwezigheid", args=[vroeg.pk]))
    assert f"{OOIT:%d/%m/%Y} 10:00" in scherm.content.decode()
    zoeken = client.get(reverse("site:zoeken"), {"q": "Brussel"}).content.decode()
    assert f"{OOIT:%d/%m/%Y} 14:30" in zoeken

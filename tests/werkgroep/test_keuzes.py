"""Choices carry their behaviour: pages ask the choice, not a string literal."""

import datetime as dt

from django.urls import reverse

from kern.datums import Datumaanduiding, Precisie
from werkgroep.models import Lidmaatschap, Rol, Vergadering


def test_only_a_day_is_a_known_day():
    assert Precisie.DAG.dag_bekend
    assert not Precisie.MAAND.dag_bekend
    assert not Precisie.MAANDEN.dag_bekend
    assert Datumaanduiding.parse("25/09/2006").dag_bekend
    assert not Datumaanduiding.parse("december 2006").dag_bekend


def test_only_the_unknown_role_is_unknown():
    assert [r for r in Rol if not r.bekend] == [Rol.ONBEKEND]
    assert not Lidmaatschap(rol=Rol.ONBEKEND).rol_bekend
    assert Lidmaatschap(rol=Rol.EXPERT).rol_bekend


def test_each_meeting_status_knows_its_badge():
    Status = Vergadering.Status
    assert Status.GEPLAND.badge == "text-bg-info"
    assert Status.GEANNULEERD.badge == "text-bg-secondary"
    assert Status.GEHOUDEN.badge == ""
    assert Vergadering(status=Status.GEANNULEERD).status_badge == "text-bg-secondary"


def test_the_meetings_page_marks_planned_and_open_dates(client_van, coordinator, seed):
    """December 2006 is planned and known only to the month: both show."""
    vergadering = Vergadering.objects.get(kenmerk="2006-12")
    assert vergadering.gepland and not vergadering.dag_bekend
    pagina = client_van(coordinator).get(reverse("vergaderingen_jaar", args=[2006])).content
    assert b'<span class="badge text-bg-info">gepland</span>' in pagina
    detail = (
        client_van(coordinator).get(reverse("vergadering_detail", args=[vergadering.pk])).content
    )
    assert b"dag nog niet vastgelegd" in detail
    gehouden = Vergadering.objects.filter(datum_van__lt=dt.date(2006, 7, 1), precisie="dag")
    assert (
        not client_van(coordinator)
        .get(reverse("vergadering_detail", args=[gehouden.first().pk]))
        .content.count(b"dag nog niet vastgelegd")
    )

"""Choices carry their behaviour: pages ask the choice, not a string literal."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

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
    assert Status.GEPLAND.badge == "info"
    assert Status.GEANNULEERD.badge == "secondary"
    assert Status.GEHOUDEN.badge == ""
    assert Vergadering(status=Status.GEANNULEERD).status_badge == "secondary"


def test_the_meetings_pages_say_only_the_recorded_status(client_van, coordinator, seed):
    """December 2006 is known only to the month and stored as planned: now that its month
    has passed, the pages say no status was recorded (issue 22's rule, as in the reports),
    not "gepland"; a held, a cancelled and a coming meeting say what was recorded."""
    vergadering = Vergadering.objects.get(kenmerk="2006-12")
    assert vergadering.gepland and not vergadering.dag_bekend
    gehouden = Vergadering.objects.get(kenmerk="2006-02-27")
    gehouden.status = Vergadering.Status.GEHOUDEN
    gehouden.save()
    geannuleerd = Vergadering.objects.get(kenmerk="2006-04-14")
    geannuleerd.status = Vergadering.Status.GEANNULEERD
    geannuleerd.save()
    lijst = (
        client_van(coordinator).get(reverse("werkgroep:vergaderingen_jaar", args=[2006])).content
    )
    assert b">gepland<" not in lijst and b"voorzien" not in lijst
    assert lijst.count(b'<span class="text-muted">niet vastgelegd</span>') == 5
    assert b'<span class="badge text-bg-secondary">geannuleerd</span>' in lijst
    assert b"<td>gehouden</td>" in lijst
    komend = timezone.localdate() + dt.timedelta(days=30)
    Vergadering.objects.filter(pk=gehouden.pk).update(
        datum_van=komend, datum_tot=komend, status=Vergadering.Status.GEPLAND
    )
    lijst = (
        client_van(coordinator)
        .get(reverse("werkgroep:vergaderingen_jaar", args=[komend.year]))
        .content
    )
    assert b'<span class="badge text-bg-info">voorzien</span>' in lijst
    detail = (
        client_van(coordinator)
        .get(reverse("werkgroep:vergadering_detail", args=[vergadering.pk]))
        .content
    )
    assert b'<dd class="col-sm-9">niet vastgelegd</dd>' in detail
    assert b"dag nog niet vastgelegd" in detail
    gehouden = Vergadering.objects.filter(datum_van__lt=dt.date(2006, 7, 1), precisie="dag")
    assert (
        not client_van(coordinator)
        .get(reverse("werkgroep:vergadering_detail", args=[gehouden.first().pk]))
        .content.count(b"dag nog niet vastgelegd")
    )

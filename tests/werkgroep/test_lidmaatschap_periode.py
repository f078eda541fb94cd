"""A membership counts only from its start to its end date, both days included
(``Lidmaatschap.objects.lopend``): for the group's page and meetings, the calendar feed,
search, the invite page and the attendance list. Each is tested allowed and refused."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from config import zoeken
from kern.datums import Datumaanduiding
from tests import bouwers
from uitnodigingen import selectors as uitnodigingen_selectors
from vergaderstukken.models import Notulen
from werkgroep import selectors
from werkgroep.models import Lidmaatschap
from werkgroep.services import kalendersleutel_geven

D = dt.date


@pytest.fixture
def groep(db):
    return bouwers.werkgroep(titel="Groep met einde", slug="groep-met-einde")


@pytest.fixture
def greta(groep):
    """Greta Tijdelijk: a member account whose membership the test gives dates."""
    deelnemer = bouwers.maak_deelnemer(
        voornaam="Greta", achternaam="Tijdelijk", email="greta@voorbeeld.be"
    )
    return bouwers.lid_van_deelnemer(deelnemer, gebruikersnaam="gtijdelijk")


def lid_van(groep, account, van=None, tot=None) -> Lidmaatschap:
    return Lidmaatschap.objects.create(
        werkgroep=groep, deelnemer=account.deelnemer, van=van, tot=tot
    )


def vergadering(groep, datum: str, **velden):
    return bouwers.maak_vergadering(groep, datum, plaats=f"Zaal {datum}", **velden)


# ---- The rule ------------------------------------------------------------------------------


def test_a_membership_counts_from_its_first_to_its_last_day_included(groep, greta):
    lid = lid_van(groep, greta, van=D(2006, 1, 1), tot=D(2006, 6, 30))
    lopend = Lidmaatschap.objects.filter(pk=lid.pk).lopend
    assert not lopend(D(2005, 12, 31)).exists()
    assert lopend(D(2006, 1, 1)).exists()
    assert lopend(D(2006, 6, 30)).exists()
    assert not lopend(D(2006, 7, 1)).exists()


def test_a_date_with_the_precision_of_a_month_counts_on_any_of_its_days(groep, greta):
    """A meeting in "juni/juli 2006" may fall on the membership's last day; "juli 2006" not."""
    lid = lid_van(groep, greta, van=D(2006, 1, 1), tot=D(2006, 6, 30))
    lopend = Lidmaatschap.objects.filter(pk=lid.pk).lopend
    for tekst, telt in [("juni/juli 2006", True), ("juli 2006", False), ("december 2005", False)]:
        datum = Datumaanduiding.parse(tekst)
        assert lopend(datum.van, tot=datum.tot).exists() is telt, tekst


def test_open_ends_run_for_ever(groep, greta):
    lid = lid_van(groep, greta)
    assert Lidmaatschap.objects.filter(pk=lid.pk).lopend(D(1990, 1, 1)).exists()
    assert Lidmaatschap.objects.filter(pk=lid.pk).lopend(D(2990, 1, 1)).exists()


def test_without_a_date_a_membership_counts_today(groep, greta):
    vandaag = timezone.localdate()
    lid = lid_van(groep, greta, tot=vandaag)
    assert Lidmaatschap.objects.filter(pk=lid.pk).lopend().exists()
    lid.tot = vandaag - dt.timedelta(days=1)
    lid.save()
    assert not Lidmaatschap.objects.filter(pk=lid.pk).lopend().exists()


# ---- Meetings, the group's page, the calendar, search ------------------------------------


def test_a_member_sees_the_meetings_held_while_a_member_and_no_other(groep, greta, client_van):
    lid_van(groep, greta, van=D(2006, 1, 1), tot=D(2006, 6, 30))
    ervoor = vergadering(groep, "15/12/2005")
    eerste = vergadering(groep, "01/01/2006")
    laatste = vergadering(groep, "30/06/2006")
    venster = vergadering(groep, "juni/juli 2006")
    erna = vergadering(groep, "01/07/2006")
    client = client_van(greta)
    for gezien in (eerste, laatste, venster):
        assert (
            client.get(reverse("werkgroep:vergadering_detail", args=[gezien.pk])).status_code == 200
        )
    for verborgen in (ervoor, erna):
        assert (
            client.get(reverse("werkgroep:vergadering_detail", args=[verborgen.pk])).status_code
            == 404
        )
        assert (
            client.get(reverse("vergaderstukken:notulen_pdf", args=[verborgen.pk])).status_code
            == 404
        )
    jaar = client.get(reverse("werkgroep:vergaderingen_jaar", args=[2006])).context["vergaderingen"]
    assert {v.pk for v in jaar} == {eerste.pk, laatste.pk, venster.pk}


def test_the_groups_page_is_open_while_the_membership_runs_today(groep, greta, client_van):
    vandaag = timezone.localdate()
    lid = lid_van(groep, greta, van=vandaag - dt.timedelta(days=100), tot=vandaag)
    client = client_van(greta)
    assert client.get(reverse("werkgroep:werkgroep_detail", args=[groep.slug])).status_code == 200
    assert list(selectors.mijn_werkgroepen(greta)) == [groep]

    lid.tot = vandaag - dt.timedelta(days=1)
    lid.save()
    assert client.get(reverse("werkgroep:werkgroep_detail", args=[groep.slug])).status_code == 404
    assert list(selectors.mijn_werkgroepen(greta)) == []
    assert groep.titel not in client.get(reverse("site:home")).content.decode()


def test_a_membership_that_has_not_begun_opens_nothing_yet(groep, greta, client_van):
    vandaag = timezone.localdate()
    lid_van(groep, greta, van=vandaag + dt.timedelta(days=1))
    assert (
        client_van(greta).get(reverse("werkgroep:werkgroep_detail", args=[groep.slug])).status_code
        == 404
    )


def test_the_calendar_feed_holds_the_meetings_until_the_membership_ends(groep, greta, client):
    vandaag = timezone.localdate()
    einde = vandaag + dt.timedelta(days=30)
    lid_van(groep, greta, tot=einde)
    binnen = vergadering(groep, einde.strftime("%d/%m/%Y"))
    buiten = vergadering(groep, (einde + dt.timedelta(days=1)).strftime("%d/%m/%Y"))
    sleutel = kalendersleutel_geven(account=greta).sleutel
    antwoord = client.get(reverse("werkgroep:kalender_feed", args=[sleutel, groep.slug]))
    feed = b"".join(antwoord.streaming_content).decode()
    assert binnen.plaats in feed
    assert buiten.plaats not in feed


def test_search_finds_only_the_meetings_held_while_a_member(groep, greta):
    lid_van(groep, greta, van=D(2006, 1, 1), tot=D(2006, 6, 30))
    binnen = vergadering(groep, "30/06/2006")
    buiten = vergadering(groep, "01/07/2006")
    for v, tekst in [
        (binnen, "Het overleg over de zonnepanelen"),
        (buiten, "Nog eens de zonnepanelen"),
    ]:
        Notulen.objects.create(vergadering=v, status=Notulen.Status.VASTGELEGD, tekst=tekst)
    treffers = {g.sleutel: g.treffers for g in zoeken.zoeken(greta, "zonnepanelen").groepen}
    assert [t.url for t in treffers["vergaderingen"]] == [
        reverse("werkgroep:vergadering_detail", args=[binnen.pk])
    ]


# ---- The invite page and the attendance list ----------------------------------------------


def _aangeboden(client, vergadering) -> set[str]:
    formulier = client.get(reverse("uitnodigingen:uitnodigen", args=[vergadering.pk])).context[
        "form"
    ]
    return {naam for _pk, naam in formulier.fields["leden"].choices}


def test_the_invite_page_offers_those_who_are_members_on_the_meetings_day(
    groep, greta, secretariaat, client_van
):
    dag = timezone.localdate() + dt.timedelta(days=30)
    lid = lid_van(groep, greta, tot=dag)
    komend = vergadering(groep, dag.strftime("%d/%m/%Y"))
    client = client_van(secretariaat)
    assert _aangeboden(client, komend) == {"Greta Tijdelijk <greta@voorbeeld.be>"}

    lid.tot = dag - dt.timedelta(days=1)
    lid.save()
    assert _aangeboden(client, komend) == set()
    assert list(uitnodigingen_selectors.uit_te_nodigen_leden(komend)) == []
    # Sent anyway (a page opened before the end was recorded): not a choice, nobody invited.
    antwoord = client.post(
        reverse("uitnodigingen:uitnodigen", args=[komend.pk]),
        {"leden": [greta.deelnemer.pk], "gasten": ""},
    )
    assert antwoord.status_code == 200 and antwoord.context["form"].errors
    assert not komend.uitnodigingen.exists()


def test_the_attendance_list_has_a_member_row_only_while_a_member(groep, greta, secretariaat):
    lid_van(groep, greta, van=D(2006, 1, 1), tot=D(2006, 6, 30))
    laatste = vergadering(groep, "30/06/2006")
    erna = vergadering(groep, "01/07/2006")
    assert [(r.deelnemer.pk, r.lid) for r in selectors.aanwezigheidsrijen(laatste)] == [
        (greta.deelnemer.pk, True)
    ]
    assert selectors.aanwezigheidsrijen(erna) == []

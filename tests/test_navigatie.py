"""The navigation per role: every entry opens for the role that sees it, an entry the role
may not open is not there, and "Kosten" and "Verslagen" lead into a working group's ledger
(its latest year with data, not the current year) and reports (config/navigatie.py)."""

from __future__ import annotations

import datetime as dt
import re
from unittest import mock

import pytest
from django.urls import reverse

from tests import bouwers

SLUG = "regierol-van-de-lokale-besturen"
KOSTEN_2006 = f"/werkgroepen/{SLUG}/kosten/2006/"
JAARVERSLAGEN = f"/werkgroepen/{SLUG}/jaarverslag/"
VANDAAG = dt.date(2026, 11, 27)  # a year without data


@pytest.fixture
def rollen(seed, coordinator, secretariaat):
    return {
        "lid_a": bouwers.lid("Johan", "Dejonckheere"),
        "lid_b": bouwers.lid("Michel", "Bortels"),
        "coordinator": coordinator,
        "secretariaat": secretariaat,
    }


def menu(client) -> dict[str, str]:
    """The navigation's entries: text -> address."""
    html = client.get(reverse("site:home")).content.decode()
    balk = re.search(r'<ul class="navbar-nav.*?</ul>', html, re.S)[0]
    return {
        tekst.strip(): adres
        for adres, tekst in re.findall(r'<a class="nav-link" href="([^"]+)">([^<]+)</a>', balk)
    }


IEDEREEN = ["Vergaderingen", "Projecten", "Validering", "Deelnemers", "Organisaties"]
IEDEREEN += ["Mijn kalender"]
PER_ROL = {
    "lid_a": IEDEREEN,
    "lid_b": IEDEREEN,
    "coordinator": [*IEDEREEN, "Kosten", "Verslagen", "Beheer"],
    "secretariaat": [
        *IEDEREEN,
        "Kosten",
        "Controle kosten",
        "Verslagen",
        "Inzagelogboek",
        "Beheer",
    ],
}


@pytest.mark.parametrize("rol", PER_ROL)
def test_each_role_sees_the_entries_it_may_open_and_only_those(rollen, rol):
    assert list(menu(bouwers.aangemeld(rollen[rol]))) == PER_ROL[rol]


@pytest.mark.parametrize("rol", PER_ROL)
def test_every_entry_opens_for_the_role_that_sees_it(rollen, rol):
    client = bouwers.aangemeld(rollen[rol])
    with mock.patch("django.utils.timezone.localdate", return_value=VANDAAG):
        for tekst, adres in menu(client).items():
            assert client.get(adres, follow=True).status_code == 200, tekst


@pytest.mark.parametrize("rol", ["lid_a", "lid_b"])
def test_a_member_cannot_open_the_costs_or_the_reports(rollen, rol):
    client = bouwers.aangemeld(rollen[rol])
    assert client.get(reverse("site:kosten")).status_code == 404
    assert client.get(reverse("site:verslagen")).status_code == 404


def test_the_search_box_and_the_menu_are_only_there_after_logging_in(client, db):
    html = client.get(reverse("login")).content.decode()
    assert 'role="search"' not in html and "navbar-nav" not in html


# ---- Kosten ---------------------------------------------------------------------------------


@pytest.mark.parametrize("rol", ["coordinator", "secretariaat"])
def test_kosten_opens_the_latest_year_with_costs_not_the_current_one(rollen, rol):
    client = bouwers.aangemeld(rollen[rol])
    with mock.patch("django.utils.timezone.localdate", return_value=VANDAAG):
        antwoord = client.get(menu(client)["Kosten"])
    assert antwoord.status_code == 302 and antwoord["Location"] == KOSTEN_2006


def test_with_several_groups_kosten_lists_each_with_its_latest_year(
    client_van, coordinator, seed, andere_werkgroep
):
    """A year with costs, else with meetings, else this year."""
    bouwers.maak_vergadering(andere_werkgroep, "14/03/2004")
    bouwers.kostenpost(andere_werkgroep, jaar=2003, vergadering_zoals_geschreven="03/03/03")
    leeg = bouwers.werkgroep(titel="Lege groep", slug="lege-groep", thema="Leeg", thema_slug="leeg")
    with mock.patch("django.utils.timezone.localdate", return_value=VANDAAG):
        html = client_van(coordinator).get(reverse("site:kosten")).content.decode()
    assert re.findall(r'<a href="([^"]+)">([^<]+)</a> <span', html) == [
        ("/werkgroepen/andere-groep/kosten/2003/", "Andere groep"),
        ("/werkgroepen/lege-groep/kosten/2026/", "Lege groep"),
        (KOSTEN_2006, "Regierol van de lokale besturen"),
    ]
    andere_werkgroep.kostenposten.all().delete()
    with mock.patch("django.utils.timezone.localdate", return_value=VANDAAG):
        html = client_van(coordinator).get(reverse("site:kosten")).content.decode()
    assert "/werkgroepen/andere-groep/kosten/2004/" in html  # its meetings' year
    assert leeg.slug in html


@pytest.mark.parametrize("naam", ["site:kosten", "site:verslagen"])
def test_the_list_of_groups_keeps_its_query_count(
    client_van, coordinator, seed, naam, django_assert_num_queries
):
    client = client_van(coordinator)
    for n in range(2):
        bouwers.werkgroep(titel=f"Groep {n}", slug=f"groep-{n}", thema_slug=f"t-{n}")
    # What every page costs (session and user, the permissions (2), the savepoint and the
    # session saved: 9) and the groups with their year (1).
    with django_assert_num_queries(10):
        assert client.get(reverse(naam)).status_code == 200
    for n in range(2, 30):
        werkgroep = bouwers.werkgroep(titel=f"Groep {n}", slug=f"groep-{n}", thema_slug=f"t-{n}")
        bouwers.kostenpost(werkgroep, jaar=2000 + n)
    with django_assert_num_queries(10):
        assert client.get(reverse(naam)).status_code == 200


# ---- Verslagen ------------------------------------------------------------------------------


@pytest.mark.parametrize("rol", ["coordinator", "secretariaat"])
def test_verslagen_opens_the_groups_years_of_reports(rollen, rol):
    client = bouwers.aangemeld(rollen[rol])
    antwoord = client.get(menu(client)["Verslagen"])
    assert antwoord.status_code == 302 and antwoord["Location"] == JAARVERSLAGEN
    assert "Jaarverslagen van" in client.get(JAARVERSLAGEN).content.decode()


def test_with_several_groups_verslagen_lists_them(client_van, coordinator, seed, andere_werkgroep):
    html = client_van(coordinator).get(reverse("site:verslagen")).content.decode()
    inhoud = html.split('id="inhoud"')[1].split("</main>")[0]  # not the footer's links
    assert re.findall(r'<a href="([^"]+)">([^<]+)</a>', inhoud) == [
        ("/werkgroepen/andere-groep/jaarverslag/", "Andere groep"),
        (JAARVERSLAGEN, "Regierol van de lokale besturen"),
    ]

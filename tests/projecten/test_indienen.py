"""Submitting a fiche asks for confirmation first, because a member cannot undo it."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.bouwers import FICHE_INDIENEN_URL as INDIENEN
from tests.bouwers import aangemeld, werkwaardig
from tests.bouwers import fiche_bevestigen as bevestigen
from tests.bouwers import fiche_posten as opslaan


def test_the_confirmation_url_is_named(seed):
    assert reverse("projecten:fiche_indienen", args=["werkwaardig"]) == INDIENEN


def test_indienen_saves_the_text_as_a_concept_and_asks_for_confirmation(lid):
    client = aangemeld(lid)
    antwoord = opslaan(client, 0, indienen=True, doelgroep="Kwetsbare werkzoekenden")
    assert antwoord.status_code == 302
    assert antwoord["Location"] == INDIENEN + "?werkgroep=regierol-van-de-lokale-besturen"
    fiche = werkwaardig()
    assert (fiche.status, fiche.doelgroep, fiche.versie) == (
        "concept",
        "Kwetsbare werkzoekenden",
        1,
    )
    pagina = client.get(antwoord["Location"])
    tekst = pagina.content.decode()
    assert "Uw tekst is bewaard als concept." in tekst
    assert "Weet u zeker dat u de fiche wilt indienen?" in tekst
    assert "Kwetsbare werkzoekenden" in tekst  # what is submitted, shown
    assert 'name="gelezen_versie" value="1"' in tekst
    # A plain form: no script, works without JavaScript and under the CSP.
    assert "onclick" not in tekst and "confirm(" not in tekst
    assert '<button type="submit" name="bevestigen"' in tekst
    assert 'href="/projecten/werkwaardig/fiche/?werkgroep=regierol-van-de-lokale-besturen"' in tekst


def test_confirming_submits_the_fiche(lid):
    client = aangemeld(lid)
    opslaan(client, 0, indienen=True, doelgroep="x")
    antwoord = bevestigen(client, 1)
    assert antwoord.status_code == 302
    fiche = werkwaardig()
    assert (fiche.status, fiche.versie, fiche.gewijzigd_door) == ("ingediend", 2, lid)
    pagina = client.get(antwoord["Location"]).content.decode()
    assert "De fiche is ingediend bij het secretariaat." in pagina


def test_not_confirming_leaves_a_concept_the_member_can_still_change(lid):
    client = aangemeld(lid)
    opslaan(client, 0, indienen=True, doelgroep="x")
    assert client.get(INDIENEN).status_code == 200  # and the member follows "Nee, terug"
    assert werkwaardig().status == "concept"
    assert opslaan(client, 1, doelgroep="y").status_code == 302
    assert werkwaardig().doelgroep == "y"


def test_a_fiche_changed_after_the_confirmation_page_opened_is_not_submitted(lid, viaene):
    johan, jean_marie = aangemeld(lid), aangemeld(viaene)
    opslaan(johan, 0, indienen=True, doelgroep="Van Johan")
    opslaan(jean_marie, 1, doelgroep="Van Jean-Marie")
    antwoord = bevestigen(johan, 1)
    assert antwoord.status_code == 302
    fiche = werkwaardig()
    assert (fiche.status, fiche.doelgroep) == ("concept", "Van Jean-Marie")
    tijd = timezone.localtime(fiche.history.get(versie=2).history_date).strftime("%H:%M")
    pagina = johan.get(antwoord["Location"]).content.decode()
    assert f"Niet ingediend: de fiche werd intussen gewijzigd door Jean-Marie Viaene, {tijd}." in (
        pagina
    )


def test_confirming_twice_submits_once(lid):
    client = aangemeld(lid)
    opslaan(client, 0, indienen=True, doelgroep="x")
    bevestigen(client, 1)
    antwoord = bevestigen(client, 1)
    assert antwoord.status_code == 302
    assert "Deze fiche is al ingediend." in client.get(antwoord["Location"]).content.decode()
    assert werkwaardig().versie == 2


@pytest.mark.parametrize("methode", ["get", "post"])
def test_readers_cannot_submit(coordinator, secretariaat, seed, methode):
    for user in (coordinator, secretariaat):
        antwoord = getattr(aangemeld(user), methode)(INDIENEN, {"gelezen_versie": "0"})
        assert antwoord.status_code == 403
    assert werkwaardig().status == "concept"


def test_members_of_other_projects_get_404(bortels):
    assert bevestigen(aangemeld(bortels), 0).status_code == 404
    assert werkwaardig().status == "concept"

"""The journeys of issues 7 and 11, each in a real Chromium against the live server.

The steps are in ``reizen.py``; here they run on the seed and the database is checked.
Each journey also fails on any Content-Security-Policy violation, script error or failed
request (4xx, 5xx) the browser reports: a page whose script the policy blocks cannot pass.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from financien.models import Kostenpost
from projecten.models import Projectfiche
from tests.bouwers import WACHTWOORD
from tests.e2e import reizen
from validering.models import Score, Subgroep
from werkgroep.models import Vergadering

# Chromium and a live server: about half a minute of the two cores, so CI runs them and
# `make test` here only when asked (ALLES=1, or naming tests/e2e).
pytestmark = [pytest.mark.e2e, pytest.mark.langzaam(reden="Chromium against a live server")]


def aanmelden(page, live_server, gebruikersnaam):
    reizen.aanmelden(page, live_server.url, gebruikersnaam, WACHTWOORD)


def test_the_secretariat_logs_a_meeting_with_agenda_attendance_and_a_cost_line(
    page, live_server, wereld, browserfouten
):
    aanmelden(page, live_server, "secretariaat")
    reizen.vergadering_loggen(
        page, live_server.url, datum="14/12/2006", plaats="Brussel, VVSG",
        agendapunt="Stand van zaken Werk.waardig",
    )  # fmt: skip
    vergadering = Vergadering.objects.get(
        werkgroep__slug="regierol-van-de-lokale-besturen", plaats="Brussel, VVSG"
    )
    assert str(vergadering.datum) == "14/12/2006"
    assert [(a.titel, str(a.spreker)) for a in vergadering.agendapunten.all()] == [
        ("Stand van zaken Werk.waardig", "Johan Dejonckheere")
    ]
    assert [str(a.deelnemer) for a in vergadering.aanwezigheden.all()] == ["Ann Jughmans"]

    rij = reizen.kostenpost_loggen(
        page, live_server.url, datum="14/12/2006", omschrijving="Broodjeslunch", bedrag="1.234,56"
    )
    kost = Kostenpost.objects.get(omschrijving="Broodjeslunch")
    assert kost.bedrag == Decimal("1234.56")
    assert kost.vergadering == vergadering  # linked: exactly one meeting has that date
    assert "€\u00a01.234,56" in rij  # the changelist shows it the Belgian way
    assert browserfouten == []


def test_a_member_fills_in_and_submits_the_fiche(page, live_server, wereld, browserfouten):
    aanmelden(page, live_server, "jdejonckheere")
    reizen.fiche_indienen(
        page,
        doelgroep="Langdurig werkzoekenden in de sociale economie",
        aanpak="Trajectbegeleiding op maat, samen met het OCMW.",
    )
    fiche = Projectfiche.objects.get(project__slug="werkwaardig")
    assert fiche.status == "ingediend"
    assert fiche.doelgroep == "Langdurig werkzoekenden in de sociale economie"
    assert fiche.aanpak == "Trajectbegeleiding op maat, samen met het OCMW."
    assert fiche.gewijzigd_door.username == "jdejonckheere"
    assert browserfouten == []


def test_a_member_saves_the_fiche_in_two_tabs_and_keeps_both_edits(
    page, live_server, wereld, browserfouten
):
    aanmelden(page, live_server, "jdejonckheere")
    melding = reizen.fiche_in_twee_tabbladen(
        page, doelgroep="Doelgroep uit het eerste tabblad", aanpak="Aanpak uit het tweede"
    )
    assert "u zelf, in een ander venster" in melding
    fiche = Projectfiche.objects.get(project__slug="werkwaardig")
    assert (fiche.doelgroep, fiche.aanpak) == (
        "Doelgroep uit het eerste tabblad",
        "Aanpak uit het tweede",
    )
    assert browserfouten == []


def test_a_rapporteur_scores_their_subgroup(page, live_server, wereld, browserfouten):
    peers = Subgroep.objects.get(
        sessie__vergadering__kenmerk="2006-06-06", soort__slug="projectpromotoren-en-andere-actoren"
    )
    peers.rapporteur = wereld["ajughmans"].deelnemer
    peers.save()

    aanmelden(page, live_server, "ajughmans")
    scores = reizen.subgroep_scoren(page, sterktes="Duidelijke handleiding voor lokale besturen.")

    assert len(scores) == peers.sessie.methodeversie.criteria.count()
    gegeven = Score.objects.filter(subgroep=peers).order_by("criterium__volgorde")
    assert [s.score for s in gegeven] == scores
    peers.refresh_from_db()
    assert peers.sterktes == "Duidelijke handleiding voor lokale besturen."
    assert browserfouten == []


def test_a_coordinator_downloads_the_yearly_report_pdf(page, live_server, wereld, browserfouten):
    aanmelden(page, live_server, "coordinator")
    naam, tekst = reizen.jaarverslag_downloaden(page, jaar=2006)
    assert naam == "jaarverslag-regierol-van-de-lokale-besturen-2006.pdf"
    assert "Regierol van de lokale besturen" in tekst
    assert "Werk.waardig" in tekst
    assert "oktober/november 2006" in tekst  # a date keeps its precision in the PDF
    # The years in one report, as the source document has them.
    naam, tekst = reizen.jaarverslag_downloaden(page, jaar="2005–2006")
    assert naam == "jaarverslag-regierol-van-de-lokale-besturen-2005-2006.pdf"
    assert "Beschrijving acties 2005" in tekst and "Beschrijving acties 2006" in tekst
    assert browserfouten == []


def test_a_coordinator_makes_the_report_as_of_a_chosen_day(
    page, live_server, wereld, browserfouten
):
    """1 September 2006, before the autumn meetings: the PDF says so on its cover and plans
    what was still to come in the source's word; the page's own link carries the day."""
    aanmelden(page, live_server, "coordinator")
    naam, tekst = reizen.jaarverslag_op_datum(page, jaar=2006, datum="2006-09-01")
    assert naam == "jaarverslag-regierol-van-de-lokale-besturen-2006.pdf"
    assert "Opgemaakt op 1 september 2006" in tekst
    assert "25/09/2006 · vergadering · voorzien" in tekst
    assert "gepland" not in tekst and "plenaire" not in tekst
    assert browserfouten == []


def test_the_secretariat_imports_the_ledger_as_libreoffice_saved_it(
    page, live_server, wereld, browserfouten
):
    """The ODS file LibreOffice Calc (nl-BE) wrote, chosen in the browser's file field."""
    aanmelden(page, live_server, "secretariaat")
    voor = Kostenpost.objects.count()
    pad = Path(__file__).resolve().parents[1] / "bestanden" / "grootboek_calc.ods"
    voorvertoning, melding = reizen.grootboek_importeren(page, live_server.url, pad)
    assert "4 nieuw" in voorvertoning, voorvertoning
    assert Kostenpost.objects.count() == voor + 4
    zaal = Kostenpost.objects.get(omschrijving="zaalhuur")
    assert zaal.vergadering_zoals_geschreven == "december 2006"
    assert "Traceback" not in melding
    assert browserfouten == []

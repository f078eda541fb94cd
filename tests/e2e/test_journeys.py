"""The four journeys of issue 7, each in a real Chromium against the live server.

Each journey also fails on any Content-Security-Policy violation or script error the
browser reports, so a page whose JavaScript the policy blocks cannot pass.
"""

from __future__ import annotations

import io
import re
from decimal import Decimal

import pypdf
import pytest

from financien.models import Kostenpost
from projecten.models import Projectfiche
from tests.e2e.conftest import aanmelden, kies_autocomplete
from validering.models import Score, Subgroep
from werkgroep.models import Vergadering

pytestmark = pytest.mark.e2e


def test_the_secretariat_logs_a_meeting_with_agenda_attendance_and_a_cost_line(
    page, live_server, wereld, csp_schendingen
):
    aanmelden(page, live_server, "secretariaat")
    page.goto(f"{live_server.url}/admin/werkgroep/vergadering/add/")
    kies_autocomplete(page, "id_werkgroep", "Regierol")
    page.get_by_label("Datum").fill("14/12/2006")
    page.get_by_label("Plaats").fill("Brussel, VVSG")
    page.get_by_role("button", name=re.compile("Nog een agendapunt toevoegen", re.I)).click()
    page.locator('[name="agendapunten-0-volgorde"]').fill("1")
    page.locator('[name="agendapunten-0-titel"]').fill("Stand van zaken Werk.waardig")
    kies_autocomplete(page, "id_agendapunten-0-spreker", "Dejonckheere")
    page.get_by_role("button", name=re.compile("Nog een aanwezigheid toevoegen", re.I)).click()
    kies_autocomplete(page, "id_aanwezigheden-0-deelnemer", "Jughmans")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    page.wait_for_selector(".messagelist .success")

    vergadering = Vergadering.objects.get(werkgroep__slug="regierol-van-de-lokale-besturen",
                                          plaats="Brussel, VVSG")  # fmt: skip
    assert str(vergadering.datum) == "14/12/2006"
    assert [(a.titel, str(a.spreker)) for a in vergadering.agendapunten.all()] == [
        ("Stand van zaken Werk.waardig", "Johan Dejonckheere")
    ]
    assert [str(a.deelnemer) for a in vergadering.aanwezigheden.all()] == ["Ann Jughmans"]

    page.goto(f"{live_server.url}/admin/financien/kostenpost/add/")
    kies_autocomplete(page, "id_werkgroep", "Regierol")
    page.get_by_label("Vergadering (zoals geschreven)").fill("14/12/2006")
    kies_autocomplete(page, "id_categorie", "catering")
    page.get_by_label("Omschrijving").fill("Broodjeslunch")
    page.get_by_label("Status").select_option(label="voorzien")
    page.get_by_label("Bedrag (EUR)").fill("1.234,56")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    page.wait_for_selector(".messagelist .success")

    kost = Kostenpost.objects.get(omschrijving="Broodjeslunch")
    assert kost.bedrag == Decimal("1234.56")
    assert kost.vergadering == vergadering  # linked: exactly one meeting has that date
    rij = page.get_by_role("row", name="14/12/2006: Broodjeslunch")
    assert "€\u00a01.234,56" in rij.inner_text()  # the changelist shows it the Belgian way
    assert csp_schendingen == []


def test_a_member_fills_in_and_submits_the_fiche(page, live_server, wereld, csp_schendingen):
    aanmelden(page, live_server, "jdejonckheere")
    page.get_by_role("link", name="Projectfiche").first.click()
    page.get_by_label("Doelgroep").fill("Langdurig werkzoekenden in de sociale economie")
    page.get_by_label("Aanpak").fill("Trajectbegeleiding op maat, samen met het OCMW.")
    page.get_by_role("button", name="Opslaan als concept").click()
    page.get_by_text("De fiche is opgeslagen.").wait_for()
    page.get_by_role("button", name="Indienen").click()
    page.get_by_text("De fiche is ingediend bij het secretariaat.").wait_for()

    fiche = Projectfiche.objects.get(project__slug="werkwaardig")
    assert fiche.status == "ingediend"
    assert fiche.doelgroep == "Langdurig werkzoekenden in de sociale economie"
    assert fiche.aanpak == "Trajectbegeleiding op maat, samen met het OCMW."
    assert fiche.gewijzigd_door.username == "jdejonckheere"
    assert page.get_by_label("Doelgroep").is_disabled()  # submitted: read-only now
    assert csp_schendingen == []


def test_a_rapporteur_scores_their_subgroup(page, live_server, wereld, csp_schendingen):
    peers = Subgroep.objects.get(
        sessie__vergadering__kenmerk="2006-06-06", soort__slug="projectpromotoren-en-andere-actoren"
    )
    peers.rapporteur = wereld["ajughmans"].deelnemer
    peers.save()

    aanmelden(page, live_server, "ajughmans")
    page.get_by_role("link", name="Scores van de subgroep").click()
    keuzes = page.locator('select[name^="score_"]')
    aantal = keuzes.count()
    assert aantal == peers.sessie.methodeversie.criteria.count()
    for i in range(aantal):
        keuzes.nth(i).select_option(str(1 + i % 4))
    page.get_by_label("Sterktes").fill("Duidelijke handleiding voor lokale besturen.")
    page.get_by_role("button", name="Scores opslaan").click()
    page.get_by_text("De scores zijn opgeslagen.").wait_for()

    peers.refresh_from_db()
    gegeven = list(Score.objects.filter(subgroep=peers).order_by("criterium__volgorde"))
    assert [s.score for s in gegeven] == [1 + i % 4 for i in range(aantal)]
    assert peers.sterktes == "Duidelijke handleiding voor lokale besturen."
    assert csp_schendingen == []


def test_a_coordinator_downloads_the_yearly_report_pdf(page, live_server, wereld, csp_schendingen):
    aanmelden(page, live_server, "coordinator")
    page.get_by_role("link", name="Jaarverslagen").first.click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Jaarverslag 2006 als PDF").click()
    pdf = download.value
    assert pdf.suggested_filename.endswith(".pdf")
    with open(pdf.path(), "rb") as bestand:
        lezer = pypdf.PdfReader(io.BytesIO(bestand.read()))
    tekst = "\n".join(p.extract_text() for p in lezer.pages)
    assert "Regierol van de lokale besturen" in tekst
    assert "2006" in tekst
    assert "Werk.waardig" in tekst
    assert csp_schendingen == []

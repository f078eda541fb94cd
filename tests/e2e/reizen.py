"""The four journeys as browser steps, shared by the tests and ``scripts/rooktest.py``.

Each step drives the pages as a person would and checks what the page says; the
tests add checks on the database, the smoke test runs them against a deployed site.
"""

from __future__ import annotations

import io
import re

import pypdf

GROEP = "Regierol"


def aanmelden(page, basis: str, gebruikersnaam: str, wachtwoord: str) -> None:
    """Log in through the real login form."""
    page.goto(f"{basis}/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill(gebruikersnaam)
    page.get_by_label("Wachtwoord").fill(wachtwoord)
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url(f"{basis}/")


def afmelden(page, basis: str) -> None:
    page.context.clear_cookies()


def kies_autocomplete(page, select_id: str, zoekterm: str) -> None:
    """Pick a value in one of the admin's select2 autocomplete fields."""
    page.locator(f"#{select_id} + .select2").click()
    page.locator(".select2-container--open .select2-search__field").fill(zoekterm)
    page.locator(".select2-results__option", has_text=zoekterm).first.click()


def vergadering_loggen(page, basis: str, *, datum: str, plaats: str, agendapunt: str) -> None:
    """The secretariat adds a meeting with one agenda item and one attendee in the admin."""
    page.goto(f"{basis}/admin/werkgroep/vergadering/add/")
    kies_autocomplete(page, "id_werkgroep", GROEP)
    page.get_by_label("Datum").fill(datum)
    page.get_by_label("Plaats").fill(plaats)
    page.get_by_role("button", name=re.compile("Nog een agendapunt toevoegen", re.I)).click()
    page.locator('[name="agendapunten-0-volgorde"]').fill("1")
    page.locator('[name="agendapunten-0-titel"]').fill(agendapunt)
    kies_autocomplete(page, "id_agendapunten-0-spreker", "Dejonckheere")
    page.get_by_role("button", name=re.compile("Nog een aanwezigheid toevoegen", re.I)).click()
    kies_autocomplete(page, "id_aanwezigheden-0-deelnemer", "Jughmans")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    page.wait_for_selector(".messagelist .success")


def kostenpost_loggen(page, basis: str, *, datum: str, omschrijving: str, bedrag: str) -> str:
    """The secretariat adds a catering line; returns its row in the changelist as shown."""
    page.goto(f"{basis}/admin/financien/kostenpost/add/")
    kies_autocomplete(page, "id_werkgroep", GROEP)
    page.get_by_label("Vergadering (zoals geschreven)").fill(datum)
    kies_autocomplete(page, "id_categorie", "catering")
    page.get_by_label("Omschrijving").fill(omschrijving)
    page.get_by_label("Status").select_option(label="voorzien")
    page.get_by_label("Bedrag (EUR)").fill(bedrag)
    page.get_by_role("button", name="Opslaan", exact=True).click()
    page.wait_for_selector(".messagelist .success")
    return page.get_by_role("row", name=f"{datum}: {omschrijving}").inner_text()


def fiche_indienen(page, *, doelgroep: str, aanpak: str) -> None:
    """A member, on the home page, opens their project's fiche, saves, then submits and confirms."""
    page.get_by_role("link", name="Projectfiche").first.click()
    page.get_by_label("Doelgroep").fill(doelgroep)
    page.get_by_label("Aanpak").fill(aanpak)
    page.get_by_role("button", name="Opslaan als concept").click()
    page.get_by_text("De fiche is opgeslagen.").wait_for()
    page.get_by_role("button", name="Indienen").click()
    page.get_by_text("Weet u zeker dat u de fiche wilt indienen?").wait_for()
    page.get_by_role("button", name="Ja, fiche indienen").click()
    page.get_by_text("De fiche is ingediend bij het secretariaat.").wait_for()
    assert page.get_by_label("Doelgroep").is_disabled()  # submitted: read-only now


def fiche_in_twee_tabbladen(page, *, doelgroep: str, aanpak: str) -> str:
    """A member opens the fiche in two tabs, changes one field in each, and saves both.

    The second save merges with the first; returns the message that says so.
    """
    page.get_by_role("link", name="Projectfiche").first.click()
    tweede = page.context.new_page()
    tweede.goto(page.url)
    page.get_by_label("Doelgroep").fill(doelgroep)
    page.get_by_role("button", name="Opslaan als concept").click()
    page.get_by_text("De fiche is opgeslagen.").wait_for()
    tweede.get_by_label("Aanpak").fill(aanpak)
    tweede.get_by_role("button", name="Opslaan als concept").click()
    melding = tweede.get_by_text("Samengevoegd met wat intussen opgeslagen werd")
    melding.wait_for()
    tekst = melding.inner_text()
    tweede.close()
    return tekst


def subgroep_scoren(page, *, sterktes: str) -> list[int]:
    """A rapporteur, on the home page, opens their subgroup and scores every criterion."""
    page.get_by_role("link", name="Scores van de subgroep").first.click()
    keuzes = page.locator('select[name^="score_"]')
    scores = [1 + i % 4 for i in range(keuzes.count())]
    for i, score in enumerate(scores):
        keuzes.nth(i).select_option(str(score))
    page.get_by_label("Sterktes").fill(sterktes)
    page.get_by_role("button", name="Scores opslaan").click()
    page.get_by_text("De scores zijn opgeslagen.").wait_for()
    return scores


def jaarverslag_downloaden(page, *, jaar: int | str) -> tuple[str, str]:
    """A coordinator downloads a yearly report (a year, or years as "2005–2006"); returns
    its file name and its text."""
    link = page.get_by_role("link", name=f"Jaarverslag {jaar} als PDF")
    if not link.count():  # not on the years page yet
        page.get_by_role("link", name="Jaarverslagen").first.click()
    with page.expect_download() as download:
        link.click()
    pdf = download.value
    with open(pdf.path(), "rb") as bestand:
        lezer = pypdf.PdfReader(io.BytesIO(bestand.read()))
    return pdf.suggested_filename, "\n".join(p.extract_text() for p in lezer.pages)


def jaarverslag_op_datum(page, *, jaar: int, datum: str) -> tuple[str, str]:
    """A coordinator opens a year's report page, chooses the day it is made on (the date
    field, as a browser fills it: "2006-09-01"), and downloads its PDF; returns the file
    name and the PDF's text."""
    page.get_by_role("link", name="Jaarverslagen").first.click()
    page.get_by_role("link", name=str(jaar), exact=True).first.click()
    page.get_by_label("Opgemaakt op").fill(datum)
    page.get_by_role("button", name="Verslag op deze datum").click()
    page.wait_for_url(f"**datum={datum}")
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF", exact=True).click()
    pdf = download.value
    with open(pdf.path(), "rb") as bestand:
        lezer = pypdf.PdfReader(io.BytesIO(bestand.read()))
    return pdf.suggested_filename, "\n".join(p.extract_text() for p in lezer.pages)


def grootboek_importeren(page, basis: str, pad) -> tuple[str, str]:
    """The secretariat uploads a ledger file as an office program saved it, reads what it
    would do, and confirms; returns the preview's sentence and the message after saving."""
    page.goto(f"{basis}/admin/financien/kostenpost/import/")
    page.locator("input[type=file]").set_input_files(pad)
    formaat = page.locator("select[name=format]")
    if formaat.count():
        formaat.select_option(label=str(pad).rsplit(".", 1)[-1])
    page.get_by_role("button", name="Bestand nakijken").click()
    voorvertoning = page.get_by_text("Hieronder ziet u wat het bestand zou doen").inner_text()
    page.get_by_role("button", name="Importeren bevestigen").click()
    page.wait_for_selector(".messagelist .success")
    return voorvertoning, page.locator(".messagelist").inner_text()

"""A participant asks for their data and then to be forgotten, tried in Chromium as a new user
would, at phone and laptop width (issue 26): one member of the secretariat answers both from
the admin (a real download of the archive, then the request, which says what stays and why);
he cannot confirm his own request; a second member finds it from the admin's start page and
confirms it. Afterwards the admin and the site show the pseudonym, the report made before is
byte for byte what it was, and a report made afterwards names the pseudonym, not the person.

The secretariat's clicks and fills are counted (``Stappen``) and printed per answer. The
archive's HTML, as the person reads it, is checked on its own."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile

import pypdf
import pytest
from django.urls import reverse

from persoonsgegevens.models import Uitvoer, Wisverzoek
from rapportage.models import Verslagbestand
from tests import bouwers
from tests.bouwers import WACHTWOORD
from tests.e2e import reizen
from tests.e2e.test_axe import schendingen
from werkgroep.models import Aanwezigheid, Deelnemer, Vergadering

pytestmark = [pytest.mark.e2e, pytest.mark.langzaam(reden="Chromium against a live server")]

NAAM = "Johan Dejonckheere"
ADRES = "johan.dejonckheere@voorbeeld.be"
TELEFOON = "09 123 45 67"
HOOGTE = {375: 740, 1280: 900}
# The day the kept report was made (and sent): a report date of its own, so the report made
# after the erasure (dated today) is another row and another file.
VERSTUURD_OP = "2007-01-15"


class Stappen:
    """The clicks and fills a person makes, counted: the measure of "in minutes"."""

    def __init__(self) -> None:
        self.aantal = 0

    def klik(self, locator) -> None:
        self.aantal += 1
        locator.click()

    def vul(self, locator, tekst: str) -> None:
        self.aantal += 1
        locator.fill(tekst)

    def kies(self, locator, label: str) -> None:
        self.aantal += 1
        locator.select_option(label=label)


def _pagina(browser, live_server, breedte: int, gebruikersnaam: str):
    context = browser.new_context(
        viewport={"width": breedte, "height": HOOGTE[breedte]},
        locale="nl-BE",
        base_url=live_server.url,
        accept_downloads=True,
    )
    page = context.new_page()
    reizen.aanmelden(page, live_server.url, gebruikersnaam, WACHTWOORD)
    return page


def _pdf_tekst(inhoud: bytes) -> str:
    return "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(inhoud)).pages)


def _menu(page, stappen: Stappen, naam: str) -> None:
    """Follow the site's menu link ``naam``; on a phone, open the menu first."""
    menu = page.get_by_role("button", name="Menu")
    if menu.is_visible():
        stappen.klik(menu)
    stappen.klik(page.get_by_role("link", name=naam, exact=True).first)


def _deelnemers_zoeken(page, stappen: Stappen, zoekterm: str) -> None:
    """From the site's home page to the admin's list of participants, searched."""
    _menu(page, stappen, "Beheer")
    stappen.klik(page.get_by_role("link", name="Deelnemers", exact=True).first)
    stappen.vul(page.locator("#searchbar"), zoekterm)
    stappen.klik(page.get_by_role("button", name="Zoeken"))
    page.wait_for_url(re.compile(r"[?&]q="))


def _actie(page, stappen: Stappen, rij: str, actie: str) -> None:
    """Tick ``rij``'s box (unless ticked) and run ``actie`` on it."""
    vakje = page.get_by_role("row", name=re.compile(rij)).locator("input.action-select")
    if not vakje.is_checked():
        stappen.klik(vakje)
    stappen.kies(page.locator("select[name=action]"), actie)
    stappen.klik(page.get_by_role("button", name="Uitvoeren"))


@pytest.fixture
def johan(wereld):
    """The seed's Johan Dejonckheere with his account, an address, a phone number, and his
    attendance at a 2006 meeting (the seed has none); a member of the group in 2006, so the
    yearly report lists him."""
    deelnemer = Deelnemer.objects.get_by_natural_key("Johan", "Dejonckheere")
    deelnemer.email, deelnemer.telefoon = ADRES, TELEFOON
    deelnemer.save()
    bouwers.aanwezigheid(Vergadering.objects.get(kenmerk="2006-06-06"), deelnemer)
    bouwers.secretariaat(gebruikersnaam="tweede")  # the second member of the secretariat
    return deelnemer


@pytest.mark.parametrize("breedte", [375, 1280])
def test_a_participant_is_answered_and_forgotten_from_the_site_and_reports_read_as_before(
    browser, live_server, johan, breedte
):
    gevonden: list[str] = []
    a = _pagina(browser, live_server, breedte, "secretariaat")

    # Before: the 2006 report was made and sent, naming him; the site keeps it.
    naam_pdf, oud_tekst = reizen.jaarverslag_op_datum(a, jaar=2006, datum=VERSTUURD_OP)
    assert NAAM in oud_tekst
    bewaard = Verslagbestand.objects.get(verslagdatum=dt.date.fromisoformat(VERSTUURD_OP))
    bewaard_rij = Verslagbestand.objects.filter(pk=bewaard.pk).values().get()
    aanwezig = list(
        Aanwezigheid.objects.filter(deelnemer=johan).values_list("vergadering", "status")
    )
    a.goto("/")

    # Art. 15: his data, downloaded from the list of participants.
    inzage = Stappen()
    _deelnemers_zoeken(a, inzage, "Dejonckheere")
    with a.expect_download() as download:
        _actie(a, inzage, "Dejonckheere", "Persoonsgegevens uitvoeren (AVG art. 15)")
    assert download.value.suggested_filename == "persoonsgegevens-johan-dejonckheere.zip"
    with zipfile.ZipFile(download.value.path()) as archief:
        json_tekst = archief.read("gegevens.json").decode()
        html_tekst = archief.read("gegevens.html").decode()
    for waarde in ("Dejonckheere", ADRES, TELEFOON, "jdejonckheere"):
        assert waarde in json_tekst and waarde in html_tekst, waarde
    json.loads(json_tekst)
    assert Uitvoer.objects.filter(deelnemer=johan).count() == 1

    # Art. 17: the request, on the export just made; the page says what stays and why.
    wissen = Stappen()
    _actie(a, wissen, "Dejonckheere", "Vergeten (AVG art. 17)…")
    a.wait_for_url("**/aanvragen/**")
    inhoud = a.locator("#content").inner_text()
    assert "Wat blijft, en waarom" in inhoud and "art. 17.3.b en e" in inhoud
    assert "Wat verdwijnt" in inhoud
    export_op = re.search(r"werd gemaakt op (\d\d/\d\d/\d{4} \d\d:\d\d)", inhoud)[1]
    gevonden += schendingen(a, a.url)
    wissen.klik(a.get_by_role("button", name="Wissen aanvragen"))
    a.locator(".messagelist .success").wait_for()
    # The request's page names the export at the time the request page gave (not in UTC).
    assert f"Export van {NAAM} op {export_op}" in a.locator("#content").inner_text()
    verzoek = Wisverzoek.objects.get(deelnemer=johan)
    assert verzoek.status == Wisverzoek.Status.OPEN
    stappen_a = wissen.aantal

    # He who asked cannot confirm: the list offers him no link, and the page (by its
    # address) says so and offers no button.
    a.get_by_role("link", name=re.compile("Verzoeken om vergeten te worden", re.I)).first.click()
    rij = a.get_by_role("row", name=re.compile(verzoek.pseudoniem))
    assert "wacht op een tweede lid van het secretariaat" in rij.inner_text()
    assert rij.get_by_role("link", name="Bevestigen").count() == 0
    a.goto(reverse("admin:persoonsgegevens_wisverzoek_bevestigen", args=[verzoek.pk]))
    melding = a.locator(".errornote")
    assert "U vroeg dit wissen zelf aan" in melding.inner_text()
    # Said at the top, before the long lists of what stays and goes.
    lijsten = a.get_by_role("heading", name="Wat blijft, en waarom")
    assert melding.bounding_box()["y"] < lijsten.bounding_box()["y"]
    assert a.get_by_role("button", name="Bevestigen en wissen").count() == 0

    # A second member of the secretariat finds it from the admin's start page by links.
    b = _pagina(browser, live_server, breedte, "tweede")
    _menu(b, wissen, "Beheer")
    wissen.klik(b.get_by_role("link", name="Verzoeken om vergeten te worden"))
    bevestigen = b.get_by_role("row", name=re.compile(verzoek.pseudoniem)).get_by_role(
        "link", name="Bevestigen"
    )
    if breedte >= 1000:  # on a laptop in sight, not beyond the table's scrolling edge
        tabel = b.locator("#changelist .results").bounding_box()
        knop = bevestigen.bounding_box()
        assert knop["x"] + knop["width"] <= tabel["x"] + tabel["width"]
    wissen.klik(bevestigen)
    assert NAAM in b.locator("#content").inner_text()
    gevonden += schendingen(b, b.url)
    wissen.klik(b.get_by_role("button", name="Bevestigen en wissen"))
    assert verzoek.pseudoniem in b.locator(".messagelist .success").inner_text()
    verzoek.refresh_from_db()
    assert verzoek.status == Wisverzoek.Status.UITGEVOERD
    print(
        f"\n{breedte} px: art. 15 in {inzage.aantal} steps, art. 17 in {stappen_a} + "
        f"{wissen.aantal - stappen_a} steps (request + confirmation), after logging in"
    )

    # The admin and the site show the pseudonym, not the name.
    code = verzoek.pseudoniem.removeprefix("Persoon ")
    b.goto(f"/admin/werkgroep/deelnemer/?q={code}")
    rij = b.locator("#result_list tbody tr")
    assert rij.count() == 1
    assert rij.inner_text().split("\t")[1:3] == [code, "Persoon"]
    b.goto("/admin/werkgroep/deelnemer/")
    assert "Dejonckheere" not in b.locator("#result_list").inner_text()
    b.goto("/")
    _menu(b, Stappen(), "Deelnemers")
    lijst = b.locator("main").inner_text()  # "surname, first name", as every name there
    assert f"{code}, Persoon" in lijst and "Dejonckheere" not in lijst
    # The access log still records that his data was exported, under the pseudonym.
    b.goto("/inzagelogboek/")
    logboek = b.locator("main").inner_text()
    assert f"Persoonsgegevens van {verzoek.pseudoniem}" in logboek
    assert "Dejonckheere" not in logboek
    # His attendance still counts, under the pseudonym.
    assert (
        list(Aanwezigheid.objects.filter(deelnemer=johan).values_list("vergadering", "status"))
        == aanwezig
    )

    # The report made before is as it was, byte for byte; one made now names the pseudonym.
    assert Verslagbestand.objects.filter(pk=bewaard.pk).values().get() == bewaard_rij
    assert _pdf_tekst(bytes(bewaard_rij["pdf"])) == oud_tekst
    a.goto("/")
    nieuw_pdf, nieuw_tekst = reizen.jaarverslag_downloaden(a, jaar=2006)
    assert nieuw_pdf == naam_pdf
    assert verzoek.pseudoniem in nieuw_tekst
    assert "Dejonckheere" not in nieuw_tekst

    a.context.close()
    b.context.close()
    assert not gevonden, "\n".join(gevonden)


def test_the_archive_the_person_receives_reads_in_dutch_and_names_what_it_links_to(
    browser, live_server, johan
):
    """What the person is sent (``gegevens.html``) is for a reader, not a database: the
    meeting he attended by its date, his working group by its name, yes and no in Dutch."""
    a = _pagina(browser, live_server, 1280, "secretariaat")
    _deelnemers_zoeken(a, Stappen(), "Dejonckheere")
    with a.expect_download() as download:
        _actie(a, Stappen(), "Dejonckheere", "Persoonsgegevens uitvoeren (AVG art. 15)")
    with zipfile.ZipFile(download.value.path()) as archief:
        html_tekst = archief.read("gegevens.html").decode()
    a.set_content(html_tekst)
    tabellen = {
        kop.inner_text(): kop.locator("xpath=following-sibling::table[1]").inner_text()
        for kop in a.locator("h2").all()
    }
    a.context.close()
    tekst = "\n".join(f"{kop}\n{tabel}" for kop, tabel in tabellen.items())
    fouten = []
    if re.search(r"\b(True|False)\b", tekst):
        fouten.append("True/False instead of ja/nee")
    if re.search(r"\b(User|Group)\b", tekst):
        fouten.append("English headings (User, Group)")
    aanwezigheden = next(t for k, t in tabellen.items() if k.startswith("Aanwezigheden"))
    if not re.search(r"06/06/2006|6 juni 2006", aanwezigheden):
        fouten.append(f"the meeting he attended is not named by its date: {aanwezigheden!r}")
    lidmaatschappen = next(t for k, t in tabellen.items() if k.startswith("Lidmaatschappen"))
    if "Regierol van de lokale besturen" not in lidmaatschappen:
        fouten.append(f"the working group is not named: {lidmaatschappen!r}")
    assert not fouten, "\n".join(fouten)

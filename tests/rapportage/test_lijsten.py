"""A large report at every size: above the limits (rapportage.lijsten) its costs are added up
per meeting and category and its participants counted, and the full ledger and participant
list travel as an XLSX inside the PDF and beside it on the report's page; below them (the
seed) it prints every line and carries no file."""

from __future__ import annotations

import hashlib
import io

import openpyxl
import pypdf
import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from financien.models import Kostenpost
from financien.selectors import grootboek
from kern.pdf import render_pdf
from rapportage import lijsten, taken
from rapportage.verslag import THEMAWERKING, WERKGROEP, Verslag
from tests import bouwers
from tests.bench.vermenigvuldigen import vermenigvuldig
from werkgroep.models import Lidmaatschap, Vergadering

SLUG = "regierol-van-de-lokale-besturen"
XLSX = "kosten-en-deelnemers-regierol-van-de-lokale-besturen-2006.xlsx"


@pytest.fixture
def klein(monkeypatch):
    """Limits the seed is above: its 2006 ledger (6 lines) and its 11 participants."""
    monkeypatch.setattr(lijsten, "MAX_KOSTENPOSTEN", 3)
    monkeypatch.setattr(lijsten, "MAX_DEELNEMERS", 5)


def verslag(periode="2006", soort=WERKGROEP, slug=SLUG, taal="nl-be"):
    with translation.override(taal):
        return render_pdf(*Verslag.uit_periode(soort, slug, periode).document())


def tekst(pdf: bytes) -> str:
    lezer = pypdf.PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(p.extract_text() for p in lezer.pages).split())


def ingesloten(pdf: bytes) -> dict[str, bytes]:
    return {
        naam: inhoud for naam, (inhoud, *_) in pypdf.PdfReader(io.BytesIO(pdf)).attachments.items()
    }


def bladen(xlsx: bytes) -> dict[str, list[tuple]]:
    boek = openpyxl.load_workbook(io.BytesIO(xlsx), read_only=True)
    return {blad.title: list(blad.iter_rows(values_only=True)) for blad in boek.worksheets}


def test_below_the_limits_the_report_prints_every_line_and_carries_no_file(seed):
    pdf = verslag()
    assert ingesloten(pdf) == {}
    woorden = tekst(pdf)
    assert "broodjeslunch" in woorden and "Els Baele" in woorden
    assert "bijgevoegde bestand" not in woorden


def test_above_them_costs_are_added_up_per_meeting_and_category(seed, klein):
    woorden = tekst(verslag())
    assert (
        f"6 kostenposten, per vergadering opgeteld per categorie. Elke kostenpost staat op "
        f"zijn regel in het bijgevoegde bestand {XLSX}." in woorden
    )
    assert "broodjeslunch" not in woorden  # a line's own words are in the file
    assert "Gefactureerd Voorzien Nog te bepalen" in woorden
    # December: a catering line and a speaker's line, both still to be determined.
    december = woorden[woorden.index("december 2006 catering") :].replace("/ ", "/")
    assert december.startswith("december 2006 catering 1 bedrag spreker/experten 1 bedrag")
    assert "11 deelnemers. De volledige lijst, met organisatie, rol en project, staat" in woorden
    assert "Els Baele" not in woorden
    # The year's totals stay as they are.
    assert "waarvan intern gefactureerd € 36,30" in woorden


def test_the_embedded_xlsx_holds_every_line_and_participant(seed, klein):
    pdf = verslag()
    (naam, inhoud), *_rest = ingesloten(pdf).items()
    assert naam == XLSX and _rest == []
    gelezen = bladen(inhoud)
    assert list(gelezen) == ["Grootboek 2006", "Deelnemers", "Vergaderingen"]
    kop, *regels, totaal = gelezen["Grootboek 2006"]
    # The ledger export's columns and order (financien.resources.grootboek_dataset).
    assert kop == ("werkgroep", "vergadering", "categorie", "omschrijving", "status", "bedrag")
    posten = grootboek(seed, 2006).posten
    assert [r[1] for r in regels] == [p.vergadering_zoals_geschreven for p in posten]
    assert totaal[0] == "Totaal" and float(totaal[5]) == 86.30
    kop, *mensen = gelezen["Deelnemers"]
    assert kop == ("werkgroep", "naam", "organisatie", "rol", "projecten")
    assert len(mensen) == Lidmaatschap.objects.filter(werkgroep=seed).count() == 11
    assert mensen[0][1:3] == ("Els Baele", "ERSV Oost-Vlaanderen")
    # The programme as the group writes it (Programma.project_zoals_geschreven).
    assert mensen[0][4] == "partner: ‘Van Kakofonie naar symfonie’ (zwaartepunt 6 project)"


@pytest.fixture
def veel_vergaderingen(monkeypatch):
    """A limit the seed's 2006 meetings are above."""
    monkeypatch.setattr(lijsten, "MAX_VERGADERINGEN", 2)


def test_above_the_meetings_limit_the_schedule_counts_them_per_month_and_kind(
    seed, veel_vergaderingen
):
    woorden = tekst(verslag())
    aantal = Vergadering.objects.filter(werkgroep=seed, datum_van__year=2006).count()
    assert (
        f"{aantal} vergaderingen, per maand en soort geteld. Elke vergadering staat met haar "
        "datum, soort en status in het bijgevoegde bestand kosten-en-deelnemers-" in woorden
    )
    schema = woorden[woorden.index("Maand Soort Aantal") :]
    # A month as a month; a date written over two months stays as written; in date order.
    assert (
        schema.index("september 2006 vergadering 1")
        < schema.index("oktober/november 2006 vergadering 1")
        < schema.index("december 2006 rondetafelgesprek 1")
    )
    assert "Datum Soort Status" not in woorden  # no row per meeting


def test_above_it_the_agendas_travel_in_the_file_and_the_pdf_keeps_what_was_found(
    seed, veel_vergaderingen
):
    woorden = tekst(verslag())
    assert "staat in het bijgevoegde bestand kosten-en-deelnemers-" in woorden
    assert "(blad „Programma”)" in woorden
    assert "Uiteenzetting: Invulling van de regierol" not in woorden  # in the file
    (inhoud,) = ingesloten(verslag()).values()
    kop, *rijen = bladen(inhoud)["Programma"]
    assert kop == ("werkgroep", "datum", "soort", "status", "agendapunt", "spreker", "voorgesteld")
    assert (
        seed.titel,
        "25/09/2006",
        "vergadering",
        None,
        "Uiteenzetting: Invulling van de regierol met betrekking tot de sociale "
        "diensteneconomie in Genk en Antwerpen",
        None,
        None,
    ) in rijen
    assert [r[1] for r in rijen if r[4] and r[4].startswith("Rondetafelgesprek")] == [
        "december 2006"
    ]


def test_the_file_then_lists_every_meeting_as_the_report_states_it(seed, veel_vergaderingen):
    (inhoud,) = ingesloten(verslag()).values()
    kop, *rijen = bladen(inhoud)["Vergaderingen"]
    assert kop == ("werkgroep", "datum", "soort", "status")
    assert len(rijen) == Vergadering.objects.filter(werkgroep=seed, datum_van__year=2006).count()
    assert (seed.titel, "25/09/2006", "vergadering", None) in rijen
    assert rijen[-1][1:3] == ("december 2006", "rondetafelgesprek")


def test_below_it_the_schedule_has_a_row_per_meeting(seed):
    woorden = tekst(verslag())
    # (no status column: made today, no 2006 meeting has a recorded outcome to state)
    assert "Vergaderfrequentie Datum Soort 27/02/2006 vergadering" in woorden
    assert "per maand en soort geteld" not in woorden


def test_a_report_over_two_years_has_a_ledger_sheet_per_year(seed, klein):
    (inhoud,) = ingesloten(verslag("2005-2006")).values()
    assert list(bladen(inhoud)) == [
        "Grootboek 2005",
        "Grootboek 2006",
        "Deelnemers",
        "Vergaderingen",
    ]


def test_a_strands_report_carries_the_lists_of_its_groups(seed, klein):
    (naam, inhoud), *_ = ingesloten(verslag("2006", THEMAWERKING, "sociale-economie")).items()
    assert naam == "kosten-en-deelnemers-themawerking-sociale-economie-2006.xlsx"
    assert {r[0] for r in bladen(inhoud)["Deelnemers"][1:]} == {seed.titel}


def test_the_file_is_part_of_the_reports_content_key(seed, klein):
    """The same data make the same file (no clock in it), so the key holds; a word only
    the file shows (a line's description) changes the key."""

    def sleutel() -> str:
        with translation.override("nl-be"):
            template, context = Verslag.uit_periode(WERKGROEP, SLUG, "2006").document()
            html = render_to_string(template, context)
            return taken.inhoudssleutel(html, "nl-be", context["ingesloten"])

    eerst = sleutel()
    assert sleutel() == eerst
    Kostenpost.objects.filter(omschrijving="broodjeslunch").update(omschrijving="broodjes")
    assert sleutel() != eerst


def test_the_report_page_offers_the_file_beside_the_pdf(client_van, coordinator, seed, klein):
    client = client_van(coordinator)
    url = reverse("rapportage:jaarverslag_xlsx", args=[SLUG, "2006"])
    assert url == f"/werkgroepen/{SLUG}/jaarverslag/2006.xlsx"
    assert (
        url in client.get(reverse("rapportage:jaarverslag", args=[SLUG, "2006"])).content.decode()
    )
    antwoord = client.get(url)
    assert antwoord["Content-Disposition"] == f'attachment; filename="{XLSX}"'
    (ingebed,) = ingesloten(verslag()).values()
    gedownload = b"".join(antwoord.streaming_content)
    assert hashlib.sha256(gedownload).digest() == hashlib.sha256(ingebed).digest()


def test_a_report_without_the_file_has_no_link_and_no_file(client_van, coordinator, seed):
    client = client_van(coordinator)
    url = reverse("rapportage:jaarverslag_xlsx", args=[SLUG, "2006"])
    assert (
        url
        not in client.get(reverse("rapportage:jaarverslag", args=[SLUG, "2006"])).content.decode()
    )
    assert client.get(url).status_code == 404


def test_members_do_not_get_the_file(client_van, lid, seed, klein):
    assert (
        client_van(lid).get(reverse("rapportage:jaarverslag_xlsx", args=[SLUG, "2006"])).status_code
        == 404
    )


def test_the_file_costs_the_reports_queries(
    client_van, coordinator, seed, klein, django_assert_num_queries
):
    client = client_van(coordinator)
    url = reverse("rapportage:jaarverslag_xlsx", args=[SLUG, "2006"])
    client.get(url)
    # The session, the account and its permissions (4), the request's savepoint (2), the
    # group (1) and the report's context (22: see test_jaarverslag.py), the session's
    # save (3): the file is made from what the context read, without a query of its own;
    # the access log's record (1).
    with django_assert_num_queries(33):
        client.get(url)


def test_a_grown_years_file_holds_every_line(seed, klein):
    """At a moderate size (the limits lowered): the file opens with every line of the year."""
    bouwers.groei_grootboek(seed, 5)
    posten = grootboek(seed, 2006).posten
    (inhoud,) = ingesloten(verslag()).values()
    _kop, *regels, _totaal = bladen(inhoud)["Grootboek 2006"]
    assert len(regels) == len(posten) > 6


@pytest.mark.langzaam
def test_the_100_times_report_embeds_every_line(seed):
    """At real size, with the real limits: the 100× seed's 2006 report."""
    vermenigvuldig(100)
    posten = grootboek(seed, 2006).posten
    assert len(posten) > lijsten.MAX_KOSTENPOSTEN
    (inhoud,) = ingesloten(verslag()).values()
    gelezen = bladen(inhoud)
    _kop, *regels, _totaal = gelezen["Grootboek 2006"]
    assert len(regels) == len(posten)
    assert len(gelezen["Deelnemers"]) - 1 == Lidmaatschap.objects.filter(werkgroep=seed).count()


def test_the_pdfua_checker_finds_nothing_in_a_report_carrying_its_lists(seed, klein, tmp_path):
    from tests.rapportage.test_opmaak import pdfua_bevindingen

    for taal in ("nl-be", "en"):
        assert pdfua_bevindingen(verslag(taal=taal), tmp_path) == []

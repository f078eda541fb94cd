"""The yearly report's financial section, read as the agency reads it: the PDF's text and the
HTML preview. The category once, n.t.b. on one line, no zero rows, invoiced and planned
apart, and every loose end flagged the same way with a numbered note."""

import io
import re

import pypdf
import pytest
from django.core.management import call_command
from django.urls import reverse

from tests import bouwers

SLUG = "regierol-van-de-lokale-besturen"


def pdf_tekst(seed, jaar: int, tmp_path) -> str:
    uit = tmp_path / f"verslag-{jaar}.pdf"
    call_command("jaarverslag", SLUG, str(jaar), "-o", str(uit), verbosity=0)
    lezer = pypdf.PdfReader(io.BytesIO(uit.read_bytes()))
    tekst = " ".join(" ".join(p.extract_text() for p in lezer.pages).split())
    return tekst.replace("\u00a0", " ")


def financieel(tekst: str) -> str:
    """The financial section: from its heading (the last, after the contents) to the next."""
    begin = tekst.rindex("Financieel luik")
    einde = min(
        (i for kop in ("Bevindingen", "Bijlagen") if (i := tekst.find(kop, begin)) > 0),
        default=len(tekst),
    )
    return tekst[begin:einde]


@pytest.fixture
def kosten_2006(seed, tmp_path):
    return financieel(pdf_tekst(seed, 2006, tmp_path))


def test_each_line_names_its_category_once_and_a_description_only_when_it_says_more(kosten_2006):
    assert "spreker/experten: sprekers/experten" not in kosten_2006
    assert "catering: catering" not in kosten_2006
    assert "catering: broodjeslunch" in kosten_2006
    assert "dec ’06 spreker/experten 2 nog te bepalen n.t.b." in kosten_2006


def test_to_be_determined_is_n_t_b_with_its_legend_and_no_zero_rows(kosten_2006):
    assert "nog te bepalen nog te bepalen" not in kosten_2006
    assert kosten_2006.count("n.t.b.: bedrag nog te bepalen") == 1
    assert "€ 0,00" not in kosten_2006
    assert "Vastgelegd" not in kosten_2006


def test_the_totals_keep_invoiced_planned_and_open_apart(kosten_2006):
    assert (
        "Gefactureerd € 36,30 waarvan intern gefactureerd € 36,30 "
        "Voorzien (nog niet gefactureerd) € 50,00 Nog te bepalen 4 bedragen"
    ) in kosten_2006
    assert "€ 86,30" not in kosten_2006  # planned is never added to invoiced
    assert "4 bedragen zijn nog te bepalen en tellen in geen enkel totaal mee." in kosten_2006
    # No budget was entered: the report leaves the budget out rather than saying so.
    assert "geen budget ingegeven" not in kosten_2006


def test_the_totals_stand_against_the_budget(seed, tmp_path):
    bouwers.budget(seed, jaar=2006, bedrag="500.00")
    kosten = financieel(pdf_tekst(seed, 2006, tmp_path))
    assert "Budget € 500,00 Nog beschikbaar na het gefactureerde € 463,70" in kosten
    assert "Nog beschikbaar na het gefactureerde en het voorziene € 413,70" in kosten


def test_every_loose_end_of_2006_is_marked_and_noted_once(kosten_2006):
    # The marker after the line's cost, then a numbered note under the table.
    assert "27/01/06 catering 1 voorzien € 50,00" in kosten_2006
    assert "1 27/01/06, catering (€ 50,00): geen vergadering op deze datum." in kosten_2006
    assert (
        "2 dec ’06, spreker/experten: sprekerskost, maar de agenda van december 2006 noemt "
        "geen spreker."
    ) in kosten_2006
    assert "1 kostenpost hoort bij een datum zonder vergadering." in kosten_2006
    assert (
        "1 sprekerskost hoort bij een vergadering waarvan de agenda geen spreker noemt."
    ) in kosten_2006
    # The catering of the same meeting is no loose end.
    assert "dec ’06 catering nog te bepalen n.t.b." in kosten_2006


def test_the_speaker_fee_of_12_12_05_is_flagged(seed, tmp_path):
    """Booked on 12/12/05; the agenda puts Professor De Rynck's talk on 02/12/2005."""
    kosten = financieel(pdf_tekst(seed, 2005, tmp_path))
    assert "12/12/05 spreker/experten 1 voorzien € 150,00" in kosten
    assert (
        "1 12/12/05, spreker/experten (€ 150,00): sprekerskost, maar de agenda van 12/12/2005 "
        "noemt geen spreker."
    ) in kosten
    assert "02/12/05 catering gefactureerd € 40,00" in kosten  # not flagged


def test_a_speaker_on_the_agenda_clears_the_flag(seed, tmp_path):
    from werkgroep.models import Agendapunt, Vergadering

    Agendapunt.objects.create(
        vergadering=Vergadering.objects.get(kenmerk="2005-12-12"),
        volgorde=9,
        soort="uiteenzetting",
        titel="Een spreker",
        spreker_naam="Professor De Rynck",
    )
    kosten = financieel(pdf_tekst(seed, 2005, tmp_path))
    assert "sprekerskost" not in kosten
    assert "12/12/05 spreker/experten voorzien € 150,00" in kosten


def _rijen(html: str) -> list[list[str]]:
    """The cost table's rows as their cells' texts (the HTML preview)."""
    tabel = re.search(r'<table class="kostentabel[^"]*">(.*?)</table>', html, re.S)[1]
    return [
        [" ".join(re.sub(r"<[^>]+>", " ", cel).split()) for cel in cellen]
        for cellen in (
            re.findall(r"<td[^>]*>(.*?)</td>", rij, re.S)
            for rij in re.findall(r"<tr[^>]*>(.*?)</tr>", tabel, re.S)
        )
        if cellen
    ]


def test_the_html_preview_shows_the_costs_as_a_table_with_the_same_flags(
    client_van, coordinator, seed
):
    html = client_van(coordinator).get(reverse("jaarverslag", args=[SLUG, 2006])).content.decode()
    assert re.search(r'<table class="kostentabel table table-sm">', html)  # Bootstrap's table
    assert _rijen(html) == [
        ["27/01/06", "catering 1", "voorzien", "€ 50,00"],
        ["06/06/06", "catering: broodjeslunch", "intern gefactureerd", "€ 36,30"],
        ["25/09/06", "catering", "nog te bepalen", "n.t.b."],
        ["okt/nov ’06", "catering", "nog te bepalen", "n.t.b."],
        ["dec ’06", "catering", "nog te bepalen", "n.t.b."],
        ["dec ’06", "spreker/experten 2", "nog te bepalen", "n.t.b."],
    ]
    assert '<abbr class="ntb" title="nog te bepalen">n.t.b.</abbr>' in html
    assert "sprekerskost, maar de agenda van december 2006 noemt geen spreker." in html


def test_the_ledger_page_flags_the_same_lines(client_van, coordinator, seed):
    html = (
        client_van(coordinator).get(reverse("kosten_grootboek", args=[SLUG, 2006])).content.decode()
    )
    assert [rij[1] for rij in _rijen(html)] == [
        "catering 1", "catering: broodjeslunch", "catering", "catering", "catering",
        "spreker/experten 2",
    ]  # fmt: skip
    assert "geen vergadering op deze datum." in html
    assert "sprekerskost, maar de agenda van december 2006 noemt geen spreker." in html

"""The yearly report's financial section, read as the agency reads it: the PDF's text and the
HTML preview. Each line in the source's words under its date as written, n.t.b. on one
line, no zero rows, invoiced and planned apart; and no check of the secretariat's (issue
22): the loose ends are flagged on the ledger's pages, never in the report."""

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


def test_each_line_keeps_the_sources_words(seed, kosten_2006, tmp_path):
    """ "Vergadering 12/12/05: 150 euro voorzien voor spreker", "… sprekers/experten",
    "… broodjeslunch": the line's words, not the category's "spreker/experten"."""
    assert "spreker/experten" not in kosten_2006
    assert "catering: " not in kosten_2006
    assert "06/06/06 broodjeslunch intern gefactureerd € 36,30" in kosten_2006
    assert "dec ’06 sprekers/experten nog te bepalen n.t.b." in kosten_2006
    kosten_2005 = financieel(pdf_tekst(seed, 2005, tmp_path))
    assert "12/12/05 spreker voorzien € 150,00" in kosten_2005
    assert "spreker/experten" not in kosten_2005


def test_to_be_determined_is_n_t_b_with_its_legend_and_no_zero_rows(kosten_2006):
    assert "nog te bepalen nog te bepalen" not in kosten_2006
    assert kosten_2006.count("n.t.b.: bedrag nog te bepalen") == 1
    assert "€ 0,00" not in kosten_2006
    assert "Vastgelegd" not in kosten_2006


def test_the_totals_keep_invoiced_planned_and_open_apart(kosten_2006):
    assert (
        "Gefactureerd € 36,30 waarvan intern gefactureerd € 36,30 "
        "Voorzien € 50,00 Nog te bepalen 4 bedragen"
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


# Every check the ledger's pages make, as it would read in the report (Dutch and English).
CONTROLES = [
    "zonder vergadering", "without a meeting", "geen vergadering op deze datum",
    "no meeting on this date", "sprekerskost", "speaker fee", "noemt geen spreker",
    "names no speaker", "hoort bij een datum", "belongs to a date", "hoort bij een vergadering",
]  # fmt: skip


def test_the_report_carries_no_check_of_the_ledger(seed, kosten_2006, tmp_path):
    """27/01/06 stands as the source writes it ("Vergadering 27/01/06: …"), unflagged, and
    so does the speaker fee of 12/12/05; no note, no marker, no count."""
    kosten_2005 = financieel(pdf_tekst(seed, 2005, tmp_path))
    for kosten in (kosten_2005, kosten_2006):
        assert [c for c in CONTROLES if c in kosten] == []
    assert "27/01/06 27/01/06 catering voorzien € 50,00 06/06/2006" in kosten_2006
    assert "12/12/05 spreker voorzien € 150,00" in kosten_2005
    assert "dec ’06 catering nog te bepalen n.t.b." in kosten_2006


def test_the_ledgers_pages_keep_flagging_what_the_report_leaves_out(client_van, secretariaat, seed):
    """The checks stay with the secretariat: the ledger page, its check page, "Te doen"."""
    client = client_van(secretariaat)
    for jaar, noot in [
        (2005, "sprekerskost, maar de agenda van 12/12/2005 noemt geen spreker."),
        (2006, "geen vergadering op deze datum."),
    ]:
        html = client.get(reverse("financien:kosten_grootboek", args=[SLUG, jaar])).content.decode()
        assert noot in html, jaar
    controle = client.get(reverse("financien:kosten_controle")).content.decode()
    assert "27/01/06" in controle and "12/12/2005" in controle
    home = client.get(reverse("site:home")).content.decode()
    assert "losse eindjes in de kosten" in home[home.index("Te doen") :]


def test_a_speaker_on_the_agenda_clears_the_flag(client_van, secretariaat, seed):
    from werkgroep.models import Agendapunt, Vergadering

    url = reverse("financien:kosten_grootboek", args=[SLUG, 2005])
    client = client_van(secretariaat)
    assert "sprekerskost" in client.get(url).content.decode()
    Agendapunt.objects.create(
        vergadering=Vergadering.objects.get(kenmerk="2005-12-12"),
        volgorde=9,
        soort="uiteenzetting",
        titel="Een spreker",
        spreker_naam="Professor De Rynck",
    )
    assert "sprekerskost" not in client.get(url).content.decode()


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


def test_the_html_preview_shows_the_costs_as_a_table_in_the_sources_words(
    client_van, coordinator, seed
):
    html = (
        client_van(coordinator)
        .get(reverse("rapportage:jaarverslag", args=[SLUG, 2006]))
        .content.decode()
    )
    assert re.search(r'<table class="kostentabel table table-sm">', html)  # Bootstrap's table
    assert _rijen(html) == [
        ["27/01/06", "catering", "voorzien", "€ 50,00"],
        ["06/06/06", "broodjeslunch", "intern gefactureerd", "€ 36,30"],
        ["25/09/06", "catering", "nog te bepalen", "n.t.b."],
        ["okt/nov ’06", "catering", "nog te bepalen", "n.t.b."],
        ["dec ’06", "catering", "nog te bepalen", "n.t.b."],
        ["dec ’06", "sprekers/experten", "nog te bepalen", "n.t.b."],
    ]
    assert '<abbr class="ntb" title="nog te bepalen">n.t.b.</abbr>' in html
    assert [c for c in CONTROLES if c in html] == []
    assert "los-einde" not in html and "table-warning" not in html


def test_the_ledger_page_flags_the_same_lines(client_van, coordinator, seed):
    html = (
        client_van(coordinator)
        .get(reverse("financien:kosten_grootboek", args=[SLUG, 2006]))
        .content.decode()
    )
    assert [rij[1] for rij in _rijen(html)] == [
        "catering 1", "catering: broodjeslunch", "catering", "catering", "catering",
        "spreker/experten 2",
    ]  # fmt: skip
    assert "geen vergadering op deze datum." in html
    assert "sprekerskost, maar de agenda van december 2006 noemt geen spreker." in html

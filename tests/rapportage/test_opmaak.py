"""The reports' layout and language, read from the PDFs themselves: the cover a page of its
own, no table leaving fewer than three rows on a page, headings with what follows, the
group's Dutch texts marked as Dutch in an English report (``/Lang`` in the structure tree),
amounts in the report's language, and an independent PDF/UA-1 checker (``pdfua``) silent
on every PDF of the site."""

from __future__ import annotations

import datetime as dt
import io
import re

import pikepdf
import pypdf
import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from kern.pdf import html_naar_pdf, render_pdf
from rapportage.verslag import THEMAWERKING, WERKGROEP, Verslag
from tests import bouwers

SLUG = "regierol-van-de-lokale-besturen"
VERSLAGEN = [(WERKGROEP, SLUG, "2006"), (WERKGROEP, SLUG, "2005-2006"),
             (THEMAWERKING, "sociale-economie", "2006")]  # fmt: skip


def verslag_pdf(soort: str, slug: str, periode: str, taal: str = "nl-be") -> bytes:
    with translation.override(taal):
        return render_pdf(*Verslag.uit_periode(soort, slug, periode).document())


_GEMAAKT: dict[tuple, bytes] = {}


def seed_verslag(soort: str, slug: str, periode: str, taal: str = "nl-be") -> bytes:
    """A report of the seed as loaded, made once per test process (the tests that use it
    change nothing; the reports take a few seconds each)."""
    sleutel = (soort, slug, periode, taal)
    if sleutel not in _GEMAAKT:
        _GEMAAKT[sleutel] = verslag_pdf(*sleutel)
    return _GEMAAKT[sleutel]


def paginas(pdf: bytes) -> list[str]:
    """Each page's text, its lines joined by spaces, without the running header and footer."""
    teksten = []
    for pagina in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        regels = [r.strip() for r in pagina.extract_text().splitlines() if r.strip()]
        teksten.append(" ".join(regels[:-2]))  # the header and "n / m", drawn last
    return teksten


# ---- the cover -----------------------------------------------------------------------------


@pytest.mark.parametrize(("soort", "slug", "periode"), VERSLAGEN)
def test_the_cover_is_a_page_of_its_own(seed, soort, slug, periode):
    eerste, tweede, *_rest = paginas(seed_verslag(soort, slug, periode))
    assert eerste.startswith("Themawerking")
    assert "Jaarverslag" in eerste and "Opgemaakt op" in eerste
    for elders in ("Inhoud", "Werkgroepen", "Deelnemers", "Els Baele"):
        assert elders not in eerste, elders
    assert tweede.startswith(("Inhoud", "Werkgroepen"))


# ---- tables and headings across pages ------------------------------------------------------


def _proef(inhoud: str) -> list[str]:
    """Page texts of a document with the PDFs' own stylesheet."""
    html = (
        render_to_string("pdf/base.html", {})
        .replace('<div class="kop"></div>', '<div class="kop">Proef</div>')
        .replace("</body>", f'<section class="proef">{inhoud}</section></body>')
    )
    return paginas(html_naar_pdf(html))


def _rijen(pagina: str, teken: str) -> int:
    return len(re.findall(rf"\b{teken}\d\d\b", pagina))


@pytest.mark.parametrize("ruimte", range(190, 246, 5))
def test_a_table_never_leaves_fewer_than_three_of_its_rows_on_a_page(ruimte):
    """Ten rows after a block of ``ruimte`` mm: wherever the page ends, each page holding
    rows of the table holds three at least (WeasyPrint has no orphans or widows for rows:
    ``break-after``/``break-before: avoid`` on the first and last two, pdf.css)."""
    rijen = "".join(f"<tr><td>R{i:02d}</td><td>tekst</td></tr>" for i in range(1, 11))
    teksten = _proef(
        f'<div style="height: {ruimte}mm"></div>'
        f"<table><thead><tr><th>Kop</th><th>Tekst</th></tr></thead><tbody>{rijen}</tbody></table>"
    )
    aantallen = [_rijen(t, "R") for t in teksten]
    assert sum(aantallen) == 10
    assert all(n == 0 or n >= 3 for n in aantallen), aantallen


@pytest.mark.parametrize("ruimte", range(200, 246, 5))
def test_a_meetings_date_row_in_the_ledger_stays_with_its_lines(ruimte):
    """The ledger's table has a row group per meeting (its date, then its lines): a date is
    never the last row of a page, and the table's first and last pages hold three rows."""
    groepen = "".join(
        f'<tbody class="kostengroep"><tr class="groepskop"><th colspan="2">G{g:02d}</th></tr>'
        + "".join(f"<tr><td>L{g:02d}</td><td>{n}</td></tr>" for n in range(g % 3 + 1))
        + "</tbody>"
        for g in range(1, 9)
    )
    teksten = _proef(
        f'<div style="height: {ruimte}mm"></div><table class="kostentabel">'
        f"<thead><tr><th>Datum</th><th>Post</th></tr></thead>{groepen}</table>"
    )
    for tekst in teksten:
        laatste = re.findall(r"\b[GL]\d\d\b", tekst)
        assert not laatste or laatste[-1].startswith("L"), tekst
        assert not laatste or len(laatste) >= 3, tekst


@pytest.mark.parametrize("ruimte", range(230, 256, 3))
def test_a_heading_stays_with_what_follows(ruimte):
    teksten = _proef(
        f'<div style="height: {ruimte}mm"></div><h2>Kop twee</h2><h3>Kop drie</h3>'
        "<p>Eerste alinea na de koppen.</p><p>Tweede alinea.</p>"
    )
    for tekst in teksten:
        if "Kop drie" in tekst:
            assert "Eerste alinea" in tekst
        if "Kop twee" in tekst:
            assert "Kop drie" in tekst


def test_the_participant_table_of_a_grown_group_never_leaves_a_row_alone(seed):
    """The real report with 44 more participants: without the rule its last page held one
    row (and two with 45); now three."""
    for i in range(44):  # after the seed's eleven, in the secretariat's order
        lid = bouwers.lidmaatschap(
            seed, bouwers.maak_deelnemer(voornaam="Persoon", achternaam=f"P{i:02d}")
        )
        lid.volgorde = 100 + i
        lid.save()
    teksten = paginas(verslag_pdf(WERKGROEP, SLUG, "2006"))
    aantallen = [_rijen(t, "P") for t in teksten]
    assert sum(aantallen) == 44
    assert all(n == 0 or n >= 3 for n in aantallen), aantallen


# ---- language ------------------------------------------------------------------------------


def tekst_per_taal(pdf: bytes) -> dict[str | None, str]:
    """The PDF's text by the language its structure tree gives it: ``/Lang`` of the nearest
    structure element that has one (``None``: the document's language, ``/Lang`` of the
    catalogue). Marked content is tied to its element by page and MCID (PDF 14.7)."""
    taal_van: dict[tuple, str | None] = {}
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        paginanummer = {p.objgen: i for i, p in enumerate(doc.pages)}

        def lopen(element, taal, pagina):
            taal = str(element.Lang) if "/Lang" in element else taal
            pagina = element.get("/Pg", pagina)
            kinderen = element.get("/K")
            if not isinstance(kinderen, pikepdf.Array):
                kinderen = [] if kinderen is None else [kinderen]
            for kind in kinderen:
                if isinstance(kind, int):
                    taal_van[(paginanummer[pagina.objgen], int(kind))] = taal
                elif isinstance(kind, pikepdf.Dictionary) and "/S" in kind:
                    lopen(kind, taal, pagina)

        for element in doc.Root.StructTreeRoot.K:
            lopen(element, None, None)

    teksten: dict[str | None, list[str]] = {}
    for nummer, pagina in enumerate(pypdf.PdfReader(io.BytesIO(pdf)).pages):
        huidig = []

        def voor(operator, operanden, cm, tm, huidig=huidig):
            if operator == b"BDC" and isinstance(operanden[1], dict) and "/MCID" in operanden[1]:
                huidig.append(int(operanden[1]["/MCID"]))
            elif operator == b"BDC" or operator == b"BMC":
                huidig.append(None)
            elif operator == b"EMC":
                huidig.pop()

        def tekst(stuk, cm, tm, lettertype, grootte, huidig=huidig, nummer=nummer):
            # Content outside the tree (WeasyPrint's running header and page numbers) is left.
            sleutel = (nummer, huidig[-1]) if huidig else None
            if stuk.strip() and sleutel in taal_van:
                teksten.setdefault(taal_van[sleutel], []).append(stuk)

        pagina.extract_text(visitor_operand_before=voor, visitor_text=tekst)
    return {taal: " ".join(" ".join(stukken).split()) for taal, stukken in teksten.items()}


@pytest.mark.parametrize(("soort", "slug", "periode"), VERSLAGEN)
def test_an_english_report_marks_the_groups_dutch_texts_as_dutch(seed, soort, slug, periode):
    teksten = tekst_per_taal(seed_verslag(soort, slug, periode, "en"))
    nederlands, engels = teksten["nl-BE"], teksten[None]
    for zin in [
        "Het mainstreamen op vlaams niveau",  # an objective
        "Naargelang de behoefte worden voorbereidende vergaderingen georganiseerd",
        "Rondetafelgesprek met de stakeholders",  # an agenda item's title
        "broodjeslunch",  # a cost line as written
        "De methodologie van de productvalidering wordt positief onthaald",  # a finding
        "Kabinet Vlaams minister Sociale Economie",  # an organisation as written
    ]:
        assert zin in nederlands, zin
        assert zin not in engels, zin
    for label in ["Participants", "Meeting schedule", "Financial section", "planned"]:
        assert label in engels and label not in nederlands, label


def test_every_text_of_the_group_in_a_report_says_it_is_dutch(seed):
    """Each element the templates mark as the group's own text (``tekst-bron``) says so."""
    with translation.override("en"):
        template, context = Verslag.uit_periode(WERKGROEP, SLUG, "2005-2006").document()
        html = render_to_string(template, context)
    bronnen = re.findall(r"<[a-z0-9]+\b[^>]*\btekst-bron\b[^>]*>", html)
    assert len(bronnen) > 10
    assert [b for b in bronnen if 'lang="nl-BE"' not in b] == []


def test_amounts_are_written_in_the_reports_language(seed):
    nederlands = " ".join(paginas(seed_verslag(WERKGROEP, SLUG, "2006")))
    engels = " ".join(paginas(seed_verslag(WERKGROEP, SLUG, "2006", "en")))
    assert "€\u00a036,30" in nederlands and "€\u00a050,00" in nederlands
    assert "€36.30" in engels and "€50.00" in engels
    assert not re.search(r"€\s?\d+,\d\d", engels)


# ---- an independent PDF/UA-1 checker --------------------------------------------------------


def pdfua_bevindingen(pdf: bytes, tmp_path) -> list[str]:
    import pdfua

    bestand = tmp_path / "controle.pdf"
    bestand.write_bytes(pdf)
    verslag = pdfua.validate(str(bestand))
    return [f"{b.rule_id} {b.location}: {b.message}" for b in verslag.findings]


@pytest.mark.parametrize("taal", ["nl-be", "en"])
@pytest.mark.parametrize(("soort", "slug", "periode"), VERSLAGEN)
def test_the_pdfua_checker_finds_nothing_in_a_report(seed, tmp_path, soort, slug, periode, taal):
    assert pdfua_bevindingen(seed_verslag(soort, slug, periode, taal), tmp_path) == []


def test_header_cells_carry_their_scope(seed):
    """``/Scope`` on each ``/TH``: a column's header ``/Column``, a row's (the year's totals)
    ``/Row`` (WeasyPrint writes none; ``kern.pdf.kopcellen_met_bereik``)."""
    bereik = []
    with pikepdf.open(io.BytesIO(seed_verslag(WERKGROEP, SLUG, "2006"))) as doc:
        for obj in doc.objects:
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/S") == "/TH":
                bereik.append(str(obj.A.Scope))
    assert "/Column" in bereik and "/Row" in bereik
    assert set(bereik) == {"/Column", "/Row"}


@pytest.mark.parametrize("taal", ["nl-be", "en"])
def test_the_pdfua_checker_finds_nothing_in_the_sites_other_pdfs(
    client_van, coordinator, secretariaat, seed, tmp_path, taal
):
    from validering.models import Subgroep
    from vergaderstukken import services
    from werkgroep.models import Vergadering

    juni = Vergadering.objects.get(kenmerk="2006-06-06")
    sessie = bouwers.sessie_van_werkwaardig()
    subgroep = Subgroep.objects.filter(sessie=sessie).first()
    bouwers.score(subgroep)
    bouwers.punt(subgroep, tekst="Regie vanuit een lokale beleidsvisie")
    notulen, _ = services.notulen_opslaan(
        vergadering=juni, gelezen_versie=0, tekst="Verslag van juni.", door=secretariaat
    )
    services.besluit_toevoegen(vergadering=juni, tekst="De werkgroep kiest voor regie.")
    services.actie_toevoegen(vergadering=juni, omschrijving="Fiche nalezen", deadline=None)
    notulen, _ = services.notulen_ter_goedkeuring(notulen=notulen, door=secretariaat)
    services.notulen_goedkeuren(notulen=notulen, door=secretariaat, vandaag=dt.date(2007, 1, 1))

    client = client_van(coordinator)
    client.post(reverse("set_language"), {"language": taal, "next": "/"})
    for url in [
        reverse("projecten:fiche_pdf", args=["werkwaardig"]),
        reverse("validering:validering_rapport", args=[sessie.pk]),
        reverse("vergaderstukken:notulen_pdf", args=[juni.pk]),
        reverse("uitnodigingen:aanwezigheidslijst_pdf", args=[juni.pk]),
    ]:
        antwoord = client.get(url)
        assert antwoord.status_code == 200, url
        pdf = b"".join(antwoord.streaming_content) if antwoord.streaming else antwoord.content
        assert pdfua_bevindingen(pdf, tmp_path) == [], url

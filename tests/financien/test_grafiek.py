"""The cost and attendance charts: what they draw for the seed, and a bounded size at 100×."""

import base64
import re

import pytest

from financien.grafiek import kosten_svg
from financien.selectors import grootboek
from kern.datums import Datumaanduiding
from kern.grafiek import MAX_STAVEN, OKABE_ITO
from rapportage.grafieken import aanwezigheid_svg
from tests.bench.vermenigvuldigen import vermenigvuldig
from werkgroep.models import Aanwezigheid, Vergadering

LIMIET = 60 * 1024  # bytes of SVG a chart may take at 100 times the seed


def svg(data_url: str) -> str:
    kop, inhoud = data_url.split(",", 1)
    assert kop == "data:image/svg+xml;base64"
    return base64.b64decode(inhoud).decode()


def teksten(beeld: str) -> list[str]:
    """The chart's texts in order (written as text, not as glyph paths)."""
    return [
        re.sub(r"<[^>]+>", "", t).strip() for t in re.findall(r"<text\b.*?</text>", beeld, re.S)
    ]


def kleuren(beeld: str) -> set[str]:
    return {k.upper() for k in re.findall(r"#[0-9a-fA-F]{6}\b", beeld)}


def test_the_seeds_cost_chart_draws_each_meeting_as_its_own_bar_in_date_order(seed):
    beeld = svg(kosten_svg(grootboek(seed, 2006)))
    woorden = teksten(beeld)
    assert woorden[0] == "Kosten per vergadering en status" or (
        "Kosten per vergadering en status" in woorden
    )
    # Each meeting its own bar, in date order; lines of a date without a meeting (27/01/06)
    # under that date as written, in its place.
    labels = [w for w in woorden if re.fullmatch(r"\d\d/\d\d/\d{2,4}|\w+(/\w+)? 2006", w)]
    assert labels == [
        "27/01/06", "06/06/2006", "25/09/2006", "oktober/november 2006", "december 2006",
    ]  # fmt: skip
    assert "zonder vergadering" not in woorden
    # To be determined: a marker labelled n.t.b. (twice in December), explained in the legend.
    assert woorden.count("n.t.b.") == 2 and "2× n.t.b." in woorden
    assert "bedrag nog te bepalen (n.t.b.)" in woorden
    # The legend names only the series drawn: nothing was invoiced externally in 2006.
    assert "intern gefactureerd" in woorden and "voorzien" in woorden
    assert "gefactureerd" not in woorden
    # Okabe–Ito, not Bootstrap's two greens.
    assert {OKABE_ITO["hemelsblauw"], OKABE_ITO["oranje"]} <= kleuren(beeld)
    assert not {"#198754", "#20C997"} & kleuren(beeld)


def test_a_year_without_lines_has_no_chart(seed):
    assert kosten_svg(grootboek(seed, 2004)) is None


def test_the_attendance_chart_takes_the_meetings_dates_and_draws_only_what_was_recorded():
    beeld = svg(
        aanwezigheid_svg(
            [
                (Datumaanduiding.parse("27/02/2006"), {"aanwezig": 5, "verontschuldigd": 2}),
                ("06/06/2006", {"aanwezig": 7, "verontschuldigd": 1}),  # a date as written
            ]
        )
    )
    woorden = teksten(beeld)
    assert "Aanwezigheid per vergadering" in woorden
    assert "27/02/2006" in woorden and "06/06/2006" in woorden
    assert "aanwezig" in woorden and "verontschuldigd" in woorden
    assert "afwezig" not in woorden  # nobody was absent: not in the legend
    assert {OKABE_ITO["blauwgroen"], OKABE_ITO["oranje"]} <= kleuren(beeld)


def _aanwezigheid_2006(werkgroep):
    """As the report passes it: (meeting's date, {status: count}) per meeting, in date order."""
    reeksen = []
    for v in (
        Vergadering.objects.filter(werkgroep=werkgroep, datum_van__year=2006)
        .prefetch_related("aanwezigheden")
        .order_by("datum_van", "datum_tot", "pk")
    ):
        tellingen = dict.fromkeys(Aanwezigheid.Status.values, 0)
        for a in v.aanwezigheden.all():
            tellingen[a.status] += 1
        if any(tellingen.values()):
            reeksen.append((v.datum, tellingen))
    return reeksen


@pytest.mark.django_db
def test_both_charts_stay_small_at_100_times_the_seed(seed):
    vermenigvuldig(100)
    boek = grootboek(seed, 2006)
    assert len(boek.vergaderingen) > MAX_STAVEN  # the year outgrew a bar per meeting
    kosten = svg(kosten_svg(boek))
    reeksen = _aanwezigheid_2006(seed)
    assert len(reeksen) > MAX_STAVEN
    aanwezigheid = svg(aanwezigheid_svg(reeksen))
    assert len(kosten.encode()) < LIMIET, len(kosten)
    assert len(aanwezigheid.encode()) < LIMIET, len(aanwezigheid)
    # Added up per month (a year of months fits).
    assert "Kosten per maand en status" in teksten(kosten)
    assert "Aanwezigheid per maand (opgeteld)" in teksten(aanwezigheid)
    assert teksten(aanwezigheid).count("jan 2006") == 1


def test_the_same_ledger_draws_the_same_svg(seed):
    """No random ids in the SVG: a report's content key (rapportage.taken) must match when
    nothing changed."""
    from financien.grafiek import kosten_svg
    from financien.selectors import grootboek

    assert kosten_svg(grootboek(seed, 2006)) == kosten_svg(grootboek(seed, 2006))


def test_the_legend_reads_at_nine_points_in_print(seed):
    """The chart is printed across an A4 page's text (174 mm, pdf.css ``.grafiek``): its
    legend at 8.5 pt at least there, tick labels at 8 (they were 6 and 6.4)."""
    beeld = svg(kosten_svg(grootboek(seed, 2006)))
    breedte = float(re.search(r'<svg[^>]*\bwidth="([\d.]+)pt"', beeld).group(1))
    schaal = (174 / 25.4 * 72) / breedte  # the figure's points to the page's

    def gedrukt(tekst: str) -> float:
        grootte = re.search(rf"font-size: ([\d.]+)px[^>]*>{re.escape(tekst)}</text>", beeld)
        return float(grootte.group(1)) * schaal

    assert gedrukt("voorzien") >= 8.5 and gedrukt("intern gefactureerd") >= 8.5
    assert gedrukt("27/01/06") >= 8


def test_each_chart_is_well_formed_svg_whose_hatches_are_defined(seed):
    """Written by hand (kern.grafiek._Staafbeeld): an SVG that does not parse shows nothing
    in a browser or a PDF; a hatch used must be a pattern defined."""
    from xml.etree import ElementTree

    for beeld in (
        svg(kosten_svg(grootboek(seed, 2006))),
        svg(aanwezigheid_svg([("06/06/2006", {"aanwezig": 7, "afwezig": 1})])),
    ):
        wortel = ElementTree.fromstring(beeld)
        assert wortel.tag == "{http://www.w3.org/2000/svg}svg"
        gedefinieerd = set(re.findall(r'<pattern id="([^"]+)"', beeld))
        gebruikt = set(re.findall(r'fill="url\(#([^)]+)\)"', beeld))
        assert gebruikt <= gedefinieerd
    assert "arcering" in " ".join(gedefinieerd | gebruikt)

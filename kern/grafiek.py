"""What every chart of the site shares: a matplotlib figure without pyplot state,
and its SVG as a ``data:`` URL, so pages and PDFs embed it without marking
markup safe and it stays sharp in print.

``staafgrafiek`` is the stacked bar chart of the ledger and the attendance: a title,
colours of the Okabe–Ito palette (told apart by colour-blind readers) each with its own
hatch (lines only: matplotlib writes a dotted hatch as tens of kilobytes of circles), a
legend of only the series drawn, values still to be determined drawn as a labelled marker
(never as an empty bar that reads as zero), text that stays readable in print (the figure is
printed at the width of an A4 page's text, about 0.9 of its size: the legend at about 9 pt),
and a bounded size: beyond ``MAX_STAVEN`` bars it adds them up per month, or per quarter when
the months are too many too.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass, field

import matplotlib
from django.utils import formats
from django.utils.translation import gettext as _
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure

#: Okabe & Ito (2008), "Color Universal Design": colours that colour-blind readers tell apart.
OKABE_ITO = {
    "oranje": "#E69F00",
    "hemelsblauw": "#56B4E9",
    "blauwgroen": "#009E73",
    "geel": "#F0E442",
    "blauw": "#0072B2",
    "vermiljoen": "#D55E00",
    "roodpaars": "#CC79A7",
}

#: More bars than this are added up per month (or per quarter): a chart a reader can read,
#: and an SVG that stays small whatever the size of the year.
MAX_STAVEN = 36

#: Font sizes in the figure's points; printed across a page's text (174 mm of the figure's
#: 7.5 inches) they are about 0.9 of this: the legend and axis label 9 pt, tick labels 8 pt.
LETTER = {"titel": 11, "legende": 10, "as": 10, "schaal": 9, "merk": 8.5}


def nieuwe_figuur(breedte: float = 7.5, hoogte: float = 3.0):
    """A figure and its axes, without the top and right frame lines."""
    figuur = Figure(figsize=(breedte, hoogte))
    FigureCanvasSVG(figuur)
    as_ = figuur.add_subplot()
    as_.spines[["top", "right"]].set_visible(False)
    return figuur, as_


def als_data_url(figuur, *, tekst_als_tekst: bool = False) -> str:
    """The figure as an SVG ``data:`` URL; ``tekst_als_tekst`` keeps text as text (not
    one path per glyph), which makes the SVG a fraction of the size."""
    figuur.tight_layout()
    uit = io.StringIO()
    # A fixed salt for the ids of clip paths and hatches (random by default): the same data
    # draws the same SVG, so a report's content key (rapportage.taken) can match.
    instellingen = {"svg.fonttype": "path", "svg.hashsalt": "werkgroep"}
    if tekst_als_tekst:
        # One font named per text instead of matplotlib's list of ten fallbacks.
        instellingen.update({"svg.fonttype": "none", "font.sans-serif": ["DejaVu Sans"]})
    with matplotlib.rc_context(instellingen):
        figuur.savefig(uit, format="svg", metadata={"Date": None})
    return "data:image/svg+xml;base64," + base64.b64encode(uit.getvalue().encode()).decode("ascii")


@dataclass(frozen=True)
class Reeks:
    """A series of the stack: its key in the bars' values, legend label, colour and hatch."""

    sleutel: str
    label: str
    kleur: str
    arcering: str = ""


@dataclass
class Staaf:
    """One bar: its label, {series key: number}, its day (to add bars up per month), and
    how many of its values are still open."""

    label: str
    waarden: dict = field(default_factory=dict)
    datum: dt.date | None = None
    open: int = 0


def _periode(datum: dt.date | None, per_kwartaal: bool):
    if datum is None:
        return None
    if per_kwartaal:
        return (datum.year, (datum.month - 1) // 3 + 1)
    return (datum.year, datum.month)


def _periodelabel(periode, per_kwartaal: bool) -> str:
    if periode is None:
        return _("zonder datum")
    jaar, deel = periode
    if per_kwartaal:
        return _("K%(kwartaal)s %(jaar)s") % {"kwartaal": deel, "jaar": jaar}
    return formats.date_format(dt.date(jaar, deel, 1), "b Y")


def samenvatten(staven: list[Staaf], nul, max_staven: int = MAX_STAVEN):
    """The bars as drawn: as they are when they fit, else added up per month, else per
    quarter. Returns (bars, "" / "maand" / "kwartaal")."""
    if len(staven) <= max_staven:
        return staven, ""
    for per_kwartaal in (False, True):
        samen: dict[tuple, Staaf] = {}
        for staaf in staven:
            periode = _periode(staaf.datum, per_kwartaal)
            doel = samen.get(periode)
            if doel is None:
                doel = samen[periode] = Staaf(_periodelabel(periode, per_kwartaal), {}, staaf.datum)
            for sleutel, waarde in staaf.waarden.items():
                doel.waarden[sleutel] = doel.waarden.get(sleutel, nul) + (waarde or nul)
            doel.open += staaf.open
        if len(samen) <= max_staven:
            break
    volgorde = sorted(samen.items(), key=lambda item: (item[0] is None, item[0] or (0, 0)))
    return [staaf for _sleutel, staaf in volgorde], "kwartaal" if per_kwartaal else "maand"


def staafgrafiek(
    staven: list[Staaf],
    reeksen: list[Reeks],
    *,
    titel: Callable[[str], str],
    y_label: str,
    nul=0,
    open_label: str = "",
    open_kort: str = "",
    hoogte: float = 3.2,
) -> str:
    """Stacked bars, one ``bar`` call per series, as an SVG ``data:`` URL.

    ``staven`` in the order drawn (date order); ``titel(eenheid)`` gets "" for bars as
    given, "maand" or "kwartaal" when added up.
    The numbers and ``nul`` are of one type: amounts pass ``nul=Decimal(0)`` and stay
    exact until drawn. A bar with open values gets a hatched marker on top, labelled
    ``open_kort``; the legend explains it as ``open_label``.
    """
    staven, eenheid = samenvatten(staven, nul)
    posities = list(range(len(staven)))
    staand = len(staven) > 10  # many narrow bars: labels upright, so none overlap

    figuur, as_ = nieuwe_figuur(7.5, hoogte)
    basis = [nul] * len(staven)
    for reeks in reeksen:
        hoogtes = [s.waarden.get(reeks.sleutel) or nul for s in staven]
        getekend = [i for i, h in enumerate(hoogtes) if h]
        if not getekend:
            continue  # a series without data is neither drawn nor in the legend
        as_.bar(  # only the bars with a value: an empty patch is bytes for nothing
            [posities[i] for i in getekend],
            [hoogtes[i] for i in getekend],
            bottom=[basis[i] for i in getekend],
            color=reeks.kleur,
            hatch=reeks.arcering or None,
            edgecolor="white",
            linewidth=0.5,
            label=reeks.label,
        )
        basis = [b + h for b, h in zip(basis, hoogtes, strict=True)]

    toppen = [float(b) for b in basis]
    hoogste = max(toppen, default=0) or 1.0
    open_staven = [(p, t, s) for p, t, s in zip(posities, toppen, staven, strict=True) if s.open]
    if open_staven:
        merkhoogte = hoogste * 0.06
        as_.bar(
            [p for p, _t, _s in open_staven],
            [merkhoogte] * len(open_staven),
            bottom=[t for _p, t, _s in open_staven],
            color="white",
            edgecolor="#555555",
            hatch="xx",
            linewidth=0.8,
            linestyle="--",
            label=open_label,
        )
        for positie, top, staaf in open_staven:
            tekst = open_kort if staaf.open == 1 else f"{staaf.open}× {open_kort}"
            as_.text(
                positie,
                top + merkhoogte * 1.3,
                tekst,
                ha="center",
                va="bottom",
                fontsize=LETTER["merk"],
                rotation=90 if staand else 0,
            )
    as_.set_ylim(0, hoogste * (1.45 if open_staven and len(staven) > 10 else 1.25))

    as_.set_xticks(
        posities,
        [s.label for s in staven],
        rotation=90 if staand else 30,
        ha="center" if staand else "right",
        fontsize=LETTER["schaal"],
    )
    as_.set_xlim(-0.6, (posities[-1] if posities else 0) + 0.6)
    as_.set_ylabel(y_label, fontsize=LETTER["as"])
    as_.tick_params(axis="y", labelsize=LETTER["schaal"])
    figuur.suptitle(titel(eenheid), fontsize=LETTER["titel"], x=0.01, ha="left")
    labels = as_.get_legend_handles_labels()[1]
    if labels:
        # Above the bars in one row, so the bars keep the page's width.
        as_.legend(
            fontsize=LETTER["legende"],
            frameon=False,
            loc="lower left",
            bbox_to_anchor=(0, 1.0),
            ncol=len(labels) if len(labels) <= 3 else 2,
            borderaxespad=0.2,
            handlelength=1.6,
            columnspacing=1.2,
        )
    return als_data_url(figuur, tekst_als_tekst=True)

"""What every chart of the site shares: SVG as a ``data:`` URL, so pages and PDFs embed it
without marking markup safe and it stays sharp in print; a matplotlib figure without
pyplot state for the session's scores (``nieuwe_figuur``, ``als_data_url``).

``staafgrafiek`` is the stacked bar chart of the ledger and the attendance, written as SVG
elements directly (:class:`_Staafbeeld`: a few milliseconds, where matplotlib took a
quarter of a second per chart, the larger part of a report's own time): a title,
colours of the Okabe–Ito palette (told apart by colour-blind readers) each with its own
hatch (lines only: a dotted hatch would be thousands of circles), a
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
import math
from collections.abc import Callable
from dataclasses import dataclass, field

import matplotlib
from django.utils import formats
from django.utils.html import escape
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
    """Stacked bars as an SVG ``data:`` URL, written directly (:class:`_Staafbeeld`): the
    same drawing matplotlib made, without its second of set-up per chart.

    ``staven`` in the order drawn (date order); ``titel(eenheid)`` gets "" for bars as
    given, "maand" or "kwartaal" when added up.
    The numbers and ``nul`` are of one type: amounts pass ``nul=Decimal(0)`` and stay
    exact until drawn. A bar with open values gets a hatched marker on top, labelled
    ``open_kort``; the legend explains it as ``open_label``.
    """
    staven, eenheid = samenvatten(staven, nul)
    beeld = _Staafbeeld(staven, hoogte=hoogte)
    basis = [nul] * len(staven)
    for reeks in reeksen:
        hoogtes = [s.waarden.get(reeks.sleutel) or nul for s in staven]
        if not any(hoogtes):
            continue  # a series without data is neither drawn nor in the legend
        beeld.reeks(reeks, [float(b) for b in basis], [float(h) for h in hoogtes])
        basis = [b + h for b, h in zip(basis, hoogtes, strict=True)]
    beeld.open_merken([float(b) for b in basis], open_label, open_kort)
    return beeld.svg(titel(eenheid), y_label)


#: Hatches as SVG patterns: lines only (a dotted hatch would be thousands of circles).
_ARCERINGEN = {
    "//": '<path d="M0,6 L6,0" />',
    "\\\\": '<path d="M0,0 L6,6" />',
    "xx": '<path d="M0,6 L6,0 M0,0 L6,6" />',
}


GRIJS = "#555555"  # the outline and hatch of a marker for values still to be determined
_LIJN = 'fill="none" stroke="#000000" stroke-width="0.8"'


def _tekst(x: float, y: float, tekst: str, grootte: float, **attributen) -> str:
    """A text element, its size in the style (the size a reader gets, in points)."""
    extra = "".join(f' {k.replace("_", "-")}="{v}"' for k, v in attributen.items())
    return (
        f'<text x="{x:.1f}" y="{y:.1f}"{extra} '
        f'style="font-size: {grootte}px; font-family: DejaVu Sans">{escape(tekst)}</text>'
    )


def _breedte(tekst: str, grootte: float) -> float:
    """About how wide a text is in DejaVu Sans (0.6 em a letter): for layout only."""
    return len(tekst) * grootte * 0.6


def _schaal(hoogste: float) -> tuple[float, list[float]]:
    """The axis's top and its ticks: steps of 1, 2 or 5 times a power of ten, about five."""
    ruw = hoogste / 5 or 1
    macht = 10 ** math.floor(math.log10(ruw))
    stap = next(m * macht for m in (1, 2, 5, 10) if m * macht >= ruw)
    aantal = math.ceil(hoogste / stap)
    return aantal * stap, [i * stap for i in range(aantal + 1)]


class _Staafbeeld:
    """A stacked bar chart drawn as SVG elements in points (the figure is 7.5 inches, 540
    points, wide, as matplotlib's was: printed across a page's text at about 0.9)."""

    BREEDTE = 540.0

    def __init__(self, staven: list[Staaf], *, hoogte: float):
        self.staven = staven
        self.hoogte = hoogte * 72
        self.staand = len(staven) > 10  # many narrow bars: labels upright, so none overlap
        self.legende: list[tuple[str, str, str]] = []  # (label, fill, hatch)
        self.rechthoeken: list[tuple[int, float, float, str, str, str]] = []
        self.merken: list[tuple[int, float, float, str]] = []
        self.toppen = [0.0] * len(staven)

    def reeks(self, reeks: Reeks, basis: list[float], hoogtes: list[float]) -> None:
        self.legende.append((reeks.label, reeks.kleur, reeks.arcering))
        for i, (onder, h) in enumerate(zip(basis, hoogtes, strict=True)):
            if h:
                self.rechthoeken.append((i, onder, h, reeks.kleur, reeks.arcering, "white"))
                self.toppen[i] = onder + h

    def open_merken(self, toppen: list[float], label: str, kort: str) -> None:
        open_ = [(i, t, s) for i, (t, s) in enumerate(zip(toppen, self.staven, strict=True))]
        open_ = [(i, t, s) for i, t, s in open_ if s.open]
        if not open_:
            return
        self.legende.append((label, "white", "xx"))
        for i, top, staaf in open_:
            tekst = kort if staaf.open == 1 else f"{staaf.open}× {kort}"
            self.merken.append((i, top, 0.0, tekst))

    def svg(self, titel: str, y_label: str) -> str:
        delen: list[str] = []
        b, h = self.BREEDTE, self.hoogte
        delen.append(_tekst(4, 14, titel, LETTER["titel"]))
        # The legend above the bars: one row of up to three, else two columns.
        kolommen = len(self.legende) if len(self.legende) <= 3 else 2
        y_legende = 22.0
        for n, (label, kleur, arcering) in enumerate(self.legende):
            rij, kolom = divmod(n, kolommen)
            x = 50 + kolom * (b - 60) / kolommen
            y = y_legende + rij * 14
            rand = GRIJS if kleur == "white" else "white"
            delen.append(self._vak(x, y, 14, 8, kleur, arcering, rand))
            delen.append(_tekst(x + 18, y + 7.5, label, LETTER["legende"]))
        boven = y_legende + math.ceil(len(self.legende) / max(kolommen, 1)) * 14 + 6
        langste = max((_breedte(s.label, LETTER["schaal"]) for s in self.staven), default=0)
        onder = h - (min(langste, 110) + 8 if self.staand else min(langste * 0.5, 60) + 14)
        links, rechts = 52.0, b - 8
        hoogste = max(self.toppen, default=0) or 1.0
        merkhoogte = hoogste * 0.06 if self.merken else 0
        top, ticks = _schaal(hoogste * (1.45 if self.merken and self.staand else 1.25))
        schaal = (onder - boven) / top

        def y_van(waarde: float) -> float:
            return onder - waarde * schaal

        vak = (rechts - links) / max(len(self.staven), 1)
        for waarde in ticks:
            y = y_van(waarde)
            delen.append(f'<path d="M{links - 3:.1f},{y:.1f} H{links}" {_LIJN} />')
            delen.append(
                _tekst(links - 5, y + 3, f"{waarde:g}", LETTER["schaal"], text_anchor="end")
            )
        midden = (boven + onder) / 2
        draai = f"rotate(-90 12 {midden:.1f})"
        delen.append(
            _tekst(12, midden, y_label, LETTER["as"], text_anchor="middle", transform=draai)
        )
        for i, onder_w, hoogte_w, kleur, arcering, rand in self.rechthoeken:
            x = links + vak * (i + 0.1)
            delen.append(
                self._vak(
                    x,
                    y_van(onder_w + hoogte_w),
                    vak * 0.8,
                    hoogte_w * schaal,
                    kleur,
                    arcering,
                    rand,
                )
            )
        for i, top_w, _leeg, tekst in self.merken:
            x = links + vak * (i + 0.1)
            y = y_van(top_w + merkhoogte)
            delen.append(
                self._vak(x, y, vak * 0.8, merkhoogte * schaal, "white", "xx", GRIJS, streep=True)
            )
            xm, ym = links + vak * (i + 0.5), y_van(top_w + merkhoogte * 1.3)
            if self.staand:
                delen.append(
                    _tekst(
                        xm + 3,
                        ym,
                        tekst,
                        LETTER["merk"],
                        transform=f"rotate(-90 {xm + 3:.1f} {ym:.1f})",
                    )
                )
            else:
                delen.append(_tekst(xm, ym, tekst, LETTER["merk"], text_anchor="middle"))
        hoek, opzij = (-90, 3) if self.staand else (-30, 0)
        for i, staaf in enumerate(self.staven):
            xm, ym = links + vak * (i + 0.5) + opzij, onder + 6
            draai = f"rotate({hoek} {xm:.1f} {ym:.1f})"
            delen.append(
                _tekst(xm, ym, staaf.label, LETTER["schaal"], text_anchor="end", transform=draai)
            )
        delen.append(f'<path d="M{links},{boven - 4:.1f} V{onder:.1f} H{rechts}" {_LIJN} />')
        patronen = "".join(
            f'<pattern id="arcering-{n}" patternUnits="userSpaceOnUse" width="6" height="6">'
            f'<g stroke="{kleur}" stroke-width="0.8">{_ARCERINGEN[arcering]}</g></pattern>'
            for n, (arcering, kleur) in enumerate(self._patronen())
        )
        svg = (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{b:g}pt" height="{h:g}pt" '
            f'viewBox="0 0 {b:g} {h:g}"><defs>{patronen}</defs>{"".join(delen)}</svg>'
        )
        return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")

    def _patronen(self) -> list[tuple[str, str]]:
        """(hatch, line colour) of each pattern used, in order of first use."""
        gebruikt: list[tuple[str, str]] = []
        for *_rest, arcering, _rand in self.rechthoeken:
            if arcering and (arcering, "#FFFFFF") not in gebruikt:
                gebruikt.append((arcering, "#FFFFFF"))
        for _label, kleur, arcering in self.legende:
            lijn = GRIJS if kleur == "white" else "#FFFFFF"
            if arcering and (arcering, lijn) not in gebruikt:
                gebruikt.append((arcering, lijn))
        return gebruikt

    def _vak(self, x, y, breedte, hoogte, kleur, arcering, rand, *, streep=False) -> str:
        """A filled rectangle with its hatch over it."""
        vul = kleur.upper() if kleur.startswith("#") else kleur
        stijl = ' stroke-dasharray="3,2"' if streep else ""
        rechthoek = (
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{breedte:.1f}" height="{hoogte:.1f}" '
            f'fill="{vul}" stroke="{rand}" stroke-width="{0.8 if streep else 0.5}"{stijl} />'
        )
        if not arcering:
            return rechthoek
        lijn = GRIJS if kleur == "white" else "#FFFFFF"
        n = self._patronen().index((arcering, lijn))
        return rechthoek + (
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{breedte:.1f}" height="{hoogte:.1f}" '
            f'fill="url(#arcering-{n})" />'
        )

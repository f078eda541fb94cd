"""What every chart of the site shares: a matplotlib figure without pyplot state,
and its SVG as a ``data:`` URL, so pages and PDFs embed it without marking
markup safe and it stays sharp in print."""

from __future__ import annotations

import base64
import io

from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure


def nieuwe_figuur(breedte: float = 7.5, hoogte: float = 3.0):
    """A figure and its axes, without the top and right frame lines."""
    figuur = Figure(figsize=(breedte, hoogte))
    FigureCanvasSVG(figuur)
    as_ = figuur.add_subplot()
    as_.spines[["top", "right"]].set_visible(False)
    return figuur, as_


def als_data_url(figuur) -> str:
    figuur.tight_layout()
    uit = io.StringIO()
    figuur.savefig(uit, format="svg", metadata={"Date": None})
    return "data:image/svg+xml;base64," + base64.b64encode(uit.getvalue().encode()).decode("ascii")


def gestapelde_staven(
    reeksen: list[tuple[str, dict]],
    kleuren: dict[str, str],
    labels: dict[str, str],
    y_label: str,
    hoogte: float = 3.0,
    nul=0,
) -> str:
    """A bar per item, stacked by key in the order of ``kleuren``; a missing key is ``nul``.

    ``reeksen``: (label under the bar, {key: number}) per bar, in order. The numbers and
    ``nul`` are of one type: matplotlib cannot add a Decimal to an int or float, so
    amounts pass ``nul=Decimal(0)`` (and stay exact until drawn).
    """
    figuur, as_ = nieuwe_figuur(7.5, hoogte)
    posities = range(len(reeksen))
    basis = [nul] * len(reeksen)
    for sleutel, kleur in kleuren.items():
        hoogtes = [waarden.get(sleutel) or nul for _label, waarden in reeksen]
        as_.bar(posities, hoogtes, bottom=basis, color=kleur, label=labels[sleutel])
        basis = [b + h for b, h in zip(basis, hoogtes, strict=True)]
    as_.set_xticks(posities, [label for label, _w in reeksen], rotation=20, ha="right", fontsize=8)
    as_.set_ylabel(y_label)
    as_.legend(fontsize=7, frameon=False)
    return als_data_url(figuur)

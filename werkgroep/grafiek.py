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

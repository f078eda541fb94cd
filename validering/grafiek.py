"""The chart of a session's scores: per criterion a bar per subgroup, as SVG.

Made with matplotlib (object API, no pyplot state), so it stays sharp in the PDF.
"""

from __future__ import annotations

import base64
import io

from django.utils.translation import gettext as _
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure

KLEUREN = ["#0d6efd", "#fd7e14", "#198754", "#6f42c1", "#d63384"]


def scores_svg(criteria: list, subgroepen: list, rijen: list) -> str:
    """SVG text of a grouped bar chart; empty bars where a subgroup gave no score."""
    figuur = Figure(figsize=(7.5, 3.2))
    FigureCanvasSVG(figuur)
    as_ = figuur.add_subplot()
    breedte = 0.8 / max(len(subgroepen), 1)
    for i, subgroep in enumerate(subgroepen):
        waarden = [rij.scores[i] or 0 for rij in rijen]
        posities = [x + (i - (len(subgroepen) - 1) / 2) * breedte for x in range(len(rijen))]
        as_.bar(
            posities, waarden, breedte, label=str(subgroep.soort), color=KLEUREN[i % len(KLEUREN)]
        )
    as_.set_xticks(
        range(len(criteria)), [c.naam for c in criteria], rotation=20, ha="right", fontsize=8
    )
    hoogste = max((c.schaal_max for c in criteria), default=5)
    as_.set_ylim(0, hoogste)
    as_.set_ylabel(_("score"))
    as_.spines[["top", "right"]].set_visible(False)
    if subgroepen:
        as_.legend(fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(1, 1))
    figuur.tight_layout()
    uit = io.StringIO()
    figuur.savefig(uit, format="svg", metadata={"Date": None})
    return uit.getvalue()


def als_data_url(svg: str) -> str:
    """For <img src>: the page and the PDF embed the chart without marking markup safe."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")

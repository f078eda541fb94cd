"""The chart of a session's scores: per criterion a bar per subgroup, as SVG.

Made with matplotlib (object API, no pyplot state), so it stays sharp in the PDF.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from kern.grafiek import als_data_url, nieuwe_figuur

KLEUREN = ["#0d6efd", "#fd7e14", "#198754", "#6f42c1", "#d63384"]


def scores_svg(criteria: list, subgroepen: list, rijen: list) -> str:
    """A grouped bar chart as a data: URL; empty bars where a subgroup gave no score."""
    figuur, as_ = nieuwe_figuur(7.5, 3.2)
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
    if subgroepen:
        as_.legend(fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(1, 1))
    return als_data_url(figuur)

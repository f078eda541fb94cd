"""Charts of the yearly report that no other app draws: attendance per meeting (SVG)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from kern.grafiek import gestapelde_staven

KLEUREN = {"aanwezig": "#198754", "verontschuldigd": "#ffc107", "afwezig": "#dc3545"}


def aanwezigheid_svg(per_vergadering: list[tuple[str, dict[str, int]]]) -> str:
    """``per_vergadering``: (date as written, {status: count}) per meeting, in order."""
    labels = {
        "aanwezig": _("aanwezig"),
        "verontschuldigd": _("verontschuldigd"),
        "afwezig": _("afwezig"),
    }
    return gestapelde_staven(per_vergadering, KLEUREN, labels, _("deelnemers"), hoogte=2.8)

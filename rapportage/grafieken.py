"""Charts of the yearly report that no other app draws: attendance per meeting (SVG)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from kern.datums import Datumaanduiding, OngeldigeDatum
from kern.grafiek import OKABE_ITO, Reeks, Staaf, staafgrafiek


def _titel(eenheid: str) -> str:
    if eenheid == "maand":
        return _("Aanwezigheid per maand (opgeteld)")
    if eenheid == "kwartaal":
        return _("Aanwezigheid per kwartaal (opgeteld)")
    return _("Aanwezigheid per vergadering")


def _staaf(datum: Datumaanduiding | str, tellingen: dict[str, int]) -> Staaf:
    """A meeting's bar; a date given as written is read, so it can be added up per month."""
    if not isinstance(datum, Datumaanduiding):
        try:
            datum = Datumaanduiding.parse(datum)
        except OngeldigeDatum:
            return Staaf(str(datum), tellingen)
    return Staaf(str(datum), tellingen, datum.van)


def aanwezigheid_svg(reeksen: list[tuple[Datumaanduiding | str, dict[str, int]]]) -> str:
    """``reeksen``: (the meeting's date, {status: count}) per meeting, in date order; beyond
    a few dozen meetings the counts are added up per month (or quarter)."""
    return staafgrafiek(
        [_staaf(datum, tellingen) for datum, tellingen in reeksen],
        [
            Reeks("aanwezig", _("aanwezig"), OKABE_ITO["blauwgroen"]),
            Reeks("verontschuldigd", _("verontschuldigd"), OKABE_ITO["oranje"], "//"),
            Reeks("afwezig", _("afwezig"), OKABE_ITO["vermiljoen"], "xx"),
        ],
        titel=_titel,
        y_label=_("deelnemers"),
        hoogte=3.0,
    )

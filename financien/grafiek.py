"""Costs per meeting and status as a stacked bar chart (matplotlib, SVG)."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from kern.grafiek import OKABE_ITO, Reeks, Staaf, staafgrafiek

from .models import Kostenstatus

# Invoiced at the bottom, then internally invoiced, then planned: what is paid, then
# what is promised. Colours of the Okabe–Ito palette, each with its own hatch.
REEKSEN = [
    (Kostenstatus.GEFACTUREERD, OKABE_ITO["blauw"], ""),
    (Kostenstatus.INTERN_GEFACTUREERD, OKABE_ITO["hemelsblauw"], "\\\\"),
    (Kostenstatus.VOORZIEN, OKABE_ITO["oranje"], "//"),
]


def _titel(eenheid: str) -> str:
    if eenheid == "maand":
        return _("Kosten per maand en status")
    if eenheid == "kwartaal":
        return _("Kosten per kwartaal en status")
    return _("Kosten per vergadering en status")


def kosten_svg(grootboek) -> str | None:
    """A bar per meeting of the ledger (``selectors.grootboek``), stacked by status, in
    its (date) order, the lines of a date without a meeting under that date as written;
    amounts to be determined are marked "n.t.b."; beyond a few dozen meetings, per month (or
    quarter). ``None`` for a year without lines. The ledger page and the report draw it."""
    if not grootboek.vergaderingen:
        return None
    staven = [
        Staaf(
            label=str(groep),
            waarden=groep.per_status,
            datum=groep.datum.van if groep.datum else None,
            open=sum(1 for post in groep.posten if post.bedrag is None),
        )
        for groep in grootboek.vergaderingen
    ]
    return staafgrafiek(
        staven,
        [
            Reeks(status.value, str(status.label), kleur, arcering)
            for status, kleur, arcering in REEKSEN
        ],
        titel=_titel,
        y_label=_("EUR"),
        nul=Decimal(0),
        open_label=_("bedrag nog te bepalen (n.t.b.)"),
        open_kort=_("n.t.b."),
    )

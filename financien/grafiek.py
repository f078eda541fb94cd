"""Costs per meeting and status as a stacked bar chart (matplotlib, SVG)."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from kern.grafiek import gestapelde_staven

from .models import Kostenstatus

KLEUREN = {"gefactureerd": "#198754", "intern_gefactureerd": "#20c997", "voorzien": "#0d6efd"}


def kosten_svg(grootboek) -> str | None:
    """A bar per meeting of the ledger (``selectors.grootboek``), stacked by status, in
    its order; ``None`` for a year without lines. The ledger page and the report draw it."""
    if not grootboek.vergaderingen:
        return None
    labels = {s.value: str(s.label) for s in Kostenstatus}
    reeksen = [(str(groep), groep.per_status) for groep in grootboek.vergaderingen]
    return gestapelde_staven(reeksen, KLEUREN, labels, _("EUR"), nul=Decimal(0))

"""Costs per meeting and status as a stacked bar chart (matplotlib, SVG)."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from kern.grafiek import gestapelde_staven

KLEUREN = {"gefactureerd": "#198754", "intern_gefactureerd": "#20c997", "voorzien": "#0d6efd"}


def kosten_svg(vergaderingen: list[tuple[str, dict[str, object]]], labels: dict[str, str]) -> str:
    """``vergaderingen``: (date as written, {status: Decimal}) per meeting, in order."""
    return gestapelde_staven(vergaderingen, KLEUREN, labels, _("EUR"), nul=Decimal(0))

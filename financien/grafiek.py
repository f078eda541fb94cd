"""Costs per meeting and status as a stacked bar chart (matplotlib, SVG)."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from werkgroep.grafiek import als_data_url, nieuwe_figuur

KLEUREN = {"gefactureerd": "#198754", "intern_gefactureerd": "#20c997", "voorzien": "#0d6efd"}


def kosten_svg(vergaderingen: list[tuple[str, dict[str, object]]], labels: dict[str, str]) -> str:
    """``vergaderingen``: (date as written, {status: Decimal}) per meeting, in order."""
    figuur, as_ = nieuwe_figuur(7.5, 3)
    basis = [Decimal(0)] * len(vergaderingen)
    for status, kleur in KLEUREN.items():
        hoogtes = [bedragen.get(status) or Decimal(0) for _datum, bedragen in vergaderingen]
        as_.bar(range(len(vergaderingen)), hoogtes, bottom=basis, color=kleur, label=labels[status])
        basis = [b + h for b, h in zip(basis, hoogtes, strict=True)]
    as_.set_xticks(
        range(len(vergaderingen)),
        [d for d, _b in vergaderingen],
        rotation=20,
        ha="right",
        fontsize=8,
    )
    as_.set_ylabel(_("EUR"))
    as_.legend(fontsize=7, frameon=False)
    return als_data_url(figuur)

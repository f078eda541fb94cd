"""Charts of the yearly report that no other app draws: attendance per meeting (SVG)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from werkgroep.grafiek import als_data_url, nieuwe_figuur

KLEUREN = {"aanwezig": "#198754", "verontschuldigd": "#ffc107", "afwezig": "#dc3545"}


def aanwezigheid_svg(per_vergadering: list[tuple[str, dict[str, int]]]) -> str:
    figuur, as_ = nieuwe_figuur(7.5, 2.8)
    basis = [0] * len(per_vergadering)
    labels = {
        "aanwezig": _("aanwezig"),
        "verontschuldigd": _("verontschuldigd"),
        "afwezig": _("afwezig"),
    }
    for status, kleur in KLEUREN.items():
        hoogtes = [telling.get(status, 0) for _datum, telling in per_vergadering]
        as_.bar(
            range(len(per_vergadering)), hoogtes, bottom=basis, color=kleur, label=labels[status]
        )
        basis = [b + h for b, h in zip(basis, hoogtes, strict=True)]
    as_.set_xticks(
        range(len(per_vergadering)),
        [d for d, _t in per_vergadering],
        rotation=20,
        ha="right",
        fontsize=8,
    )
    as_.set_ylabel(_("deelnemers"))
    as_.legend(fontsize=7, frameon=False)
    return als_data_url(figuur)

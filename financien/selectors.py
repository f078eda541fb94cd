"""Reads of the ledger: year totals computed in the database, and the secretariat's checks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, DecimalField, Q, Sum, Value
from django.db.models.functions import Coalesce

from werkgroep.models import Vergadering

from .models import VASTGELEGD, Budget, Kostenpost, Kostenstatus

NUL = Decimal("0.00")
_BEDRAG = DecimalField(max_digits=15, decimal_places=2)


def _som(**filter_):
    """A database sum of amounts. PostgreSQL sums ``numeric`` exactly; SQLite sums
    the stored values as doubles, whose error stays far below half a cent for any
    ledger, so :func:`_cent` rounding the result to the cent makes both exact."""
    return Coalesce(
        Sum("bedrag", filter=Q(**filter_) if filter_ else None, output_field=_BEDRAG),
        Value(NUL),
        output_field=_BEDRAG,
    )


def _cent(waarde) -> Decimal:
    return Decimal(waarde).quantize(Decimal("0.01"))


def ziet_kosten(user) -> bool:
    return user.is_active and user.has_perm("financien.view_kostenpost")


def posten(werkgroep, jaar: int) -> list[Kostenpost]:
    """The year's lines in the order of their written dates (linked or not), then entry."""
    lijnen = Kostenpost.objects.filter(werkgroep=werkgroep, jaar=jaar).select_related(
        "werkgroep", "categorie", "vergadering"
    )
    return sorted(lijnen, key=lambda p: (p.geschreven_datum, p.pk))


@dataclass
class Jaartotalen:
    per_status: dict[str, Decimal]
    aantal_per_status: dict[str, int]
    per_categorie: list[tuple[str, Decimal, Decimal | None]]
    vastgelegd: Decimal
    budget: Decimal | None
    rest: Decimal | None
    nog_te_bepalen: int
    ongekoppeld: int

    @property
    def status_regels(self) -> list[tuple[Kostenstatus, Decimal, int]]:
        """(status, total, number of lines) in the order of the statuses."""
        return [
            (s, self.per_status[s.value], self.aantal_per_status[s.value]) for s in Kostenstatus
        ]


def jaartotalen(werkgroep, jaar: int) -> Jaartotalen:
    """Totals per status and category, committed, budget left and open amounts: three queries."""
    basis = Kostenpost.objects.filter(werkgroep=werkgroep, jaar=jaar)
    totaal = basis.aggregate(
        vastgelegd=_som(status__in=VASTGELEGD),
        nog_te_bepalen=Count("pk", filter=Q(status=Kostenstatus.NOG_TE_BEPALEN)),
        ongekoppeld=Count("pk", filter=Q(vergadering__isnull=True)),
        **{f"som_{s.value}": _som(status=s.value) for s in Kostenstatus},
        **{f"aantal_{s.value}": Count("pk", filter=Q(status=s.value)) for s in Kostenstatus},
    )
    budgetten = {
        b.categorie_id: b.bedrag for b in Budget.objects.filter(werkgroep=werkgroep, jaar=jaar)
    }
    per_categorie = [
        (rij["categorie__naam"], _cent(rij["totaal"]), budgetten.get(rij["categorie"]))
        for rij in basis.values("categorie", "categorie__naam")
        .annotate(totaal=_som(status__in=VASTGELEGD))
        .order_by("categorie__naam")
    ]
    budget = budgetten.get(None)
    return Jaartotalen(
        per_status={s.value: _cent(totaal[f"som_{s.value}"]) for s in Kostenstatus},
        aantal_per_status={s.value: totaal[f"aantal_{s.value}"] for s in Kostenstatus},
        per_categorie=per_categorie,
        vastgelegd=_cent(totaal["vastgelegd"]),
        budget=budget,
        rest=None if budget is None else budget - _cent(totaal["vastgelegd"]),
        nog_te_bepalen=totaal["nog_te_bepalen"],
        ongekoppeld=totaal["ongekoppeld"],
    )


def jaren_met_kosten(werkgroep) -> list[int]:
    return list(
        Kostenpost.objects.filter(werkgroep=werkgroep)
        .values_list("jaar", flat=True)
        .distinct()
        .order_by("jaar")
    )


@dataclass
class Controles:
    ongekoppeld: list[Kostenpost]
    voorzien_voorbij: list[Kostenpost]
    te_lang_te_bepalen: list[Kostenpost]
    zonder_kosten: list[Vergadering]
    dubbel: list[list[Kostenpost]]

    @property
    def aantal(self) -> int:
        return sum(
            map(
                len,
                [
                    self.ongekoppeld,
                    self.voorzien_voorbij,
                    self.te_lang_te_bepalen,
                    self.zonder_kosten,
                    self.dubbel,
                ],
            )
        )


def dubbele_posten() -> list[list[Kostenpost]]:
    """Lines that are one line written twice ("14/04/06" and "14/04/2006", case, spaces).

    The database keeps them apart (their texts differ); they are counted twice
    until someone removes one, so they are shown, never merged silently.
    """
    groepen: dict[tuple, list[Kostenpost]] = {}
    for post in Kostenpost.objects.select_related("werkgroep", "categorie").order_by("pk"):
        groepen.setdefault(post.waardesleutel, []).append(post)
    return [groep for groep in groepen.values() if len(groep) > 1]


def controles(vandaag: dt.date) -> Controles:
    """The loose ends the secretariat resolves.

    - lines whose written date matches no meeting (not linked);
    - planned lines whose meeting is past;
    - "to be determined" lines whose meeting is more than a month past;
    - held meetings without any cost line;
    - one line written twice.
    """
    alle = Kostenpost.objects.select_related("werkgroep", "categorie", "vergadering")
    maand_geleden = vandaag - dt.timedelta(days=30)
    return Controles(
        ongekoppeld=list(alle.filter(vergadering__isnull=True).order_by("werkgroep", "jaar", "pk")),
        voorzien_voorbij=list(
            alle.filter(status=Kostenstatus.VOORZIEN, vergadering__datum_tot__lt=vandaag).order_by(
                "vergadering__datum_van"
            )
        ),
        te_lang_te_bepalen=list(
            alle.filter(
                status=Kostenstatus.NOG_TE_BEPALEN, vergadering__datum_tot__lt=maand_geleden
            ).order_by("vergadering__datum_van")
        ),
        zonder_kosten=list(
            Vergadering.objects.filter(
                status=Vergadering.Status.GEHOUDEN, kostenposten__isnull=True
            )
            .select_related("werkgroep")
            .order_by("datum_van")
        ),
        dubbel=dubbele_posten(),
    )


def vergaderingen_per_werkgroep(werkgroep_ids) -> dict[int, list[Vergadering]]:
    """The meetings of these groups in date order, in one query: the check page's choices."""
    per_werkgroep: dict[int, list[Vergadering]] = {}
    for vergadering in Vergadering.objects.filter(werkgroep_id__in=werkgroep_ids).chronologisch():
        per_werkgroep.setdefault(vergadering.werkgroep_id, []).append(vergadering)
    return per_werkgroep

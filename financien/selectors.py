"""Reads of the ledger: the year per meeting with its totals (one read), and the checks.

``grootboek(werkgroep, jaar)`` is the one answer to "the ledger per meeting with its
totals": the ledger page, its XLSX, the yearly report and the check page read it (the
check page through :func:`per_vergadering`, the same grouping over every line).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from kern.datums import Datumaanduiding, OngeldigeDatum
from werkgroep.models import Vergadering

from .models import VASTGELEGD, Budget, Kostenpost, Kostenstatus

NUL = Decimal("0.00")


def ziet_kosten(user) -> bool:
    return user.is_active and user.has_perm("financien.view_kostenpost")


def per_status(posten: Iterable[Kostenpost]) -> dict[str, Decimal]:
    """The amounts of these lines added up per status, as Decimals (to be determined: 0)."""
    totalen = dict.fromkeys(Kostenstatus.values, NUL)
    for post in posten:
        if post.bedrag is not None:
            totalen[post.status] += post.bedrag
    return totalen


def _vastgelegd(totalen: dict[str, Decimal]) -> Decimal:
    """Planned, invoiced and invoiced internally: what the group has committed."""
    return sum((totalen[s] for s in VASTGELEGD), NUL)


@dataclass
class Vergaderkosten:
    """The lines of one meeting, in the ledger's order, with their totals per status.

    A line linked to a meeting belongs to that meeting (``vergadering``, and its date);
    an unlinked line stands under the date as it was written (``geschreven``), with the
    other unlinked lines of the group that wrote that date the same way, and nothing
    links it to a meeting on the way.
    """

    werkgroep_id: int
    vergadering: Vergadering | None
    geschreven: str
    posten: list[Kostenpost] = field(default_factory=list)

    @property
    def gekoppeld(self) -> bool:
        return self.vergadering is not None

    @cached_property
    def datum(self) -> Datumaanduiding | None:
        """The meeting's date, or the written date; ``None`` when the text is no date."""
        if self.vergadering is not None:
            return self.vergadering.datum
        try:
            return Datumaanduiding.parse(self.geschreven)
        except OngeldigeDatum:
            return None

    @cached_property
    def per_status(self) -> dict[str, Decimal]:
        return per_status(self.posten)

    def __str__(self) -> str:
        """How the ledger names the group: the meeting's date, or the date as written."""
        return str(self.vergadering.datum) if self.vergadering is not None else self.geschreven

    def volgorde(self) -> tuple:
        """Date order; a meeting before unlinked lines of the same date; unreadable dates last."""
        if self.datum is None:
            return (1, self.geschreven, self.werkgroep_id)
        sleutel = self.vergadering.pk if self.vergadering is not None else self.geschreven
        return (0, self.datum, not self.gekoppeld, self.werkgroep_id, sleutel)


def _regelvolgorde(post: Kostenpost) -> tuple:
    try:
        return (0, post.geschreven_datum, post.pk)
    except OngeldigeDatum:
        return (1, post.vergadering_zoals_geschreven, post.pk)


def per_vergadering(posten: Iterable[Kostenpost]) -> list[Vergaderkosten]:
    """The one grouping of the ledger: lines per meeting, the meetings in date order.

    Within a meeting the lines follow their written dates, then the order of entry.
    ``posten`` should carry their meeting (``select_related("vergadering")``).
    """
    groepen: dict[tuple, Vergaderkosten] = {}
    for post in sorted(posten, key=_regelvolgorde):
        if post.vergadering_id is not None:
            sleutel = (post.werkgroep_id, post.vergadering_id, "")
        else:
            sleutel = (post.werkgroep_id, None, post.vergadering_zoals_geschreven)
        groep = groepen.get(sleutel)
        if groep is None:
            groep = groepen[sleutel] = Vergaderkosten(
                werkgroep_id=post.werkgroep_id,
                vergadering=post.vergadering,
                geschreven="" if post.vergadering_id else post.vergadering_zoals_geschreven,
            )
        groep.posten.append(post)
    return sorted(groepen.values(), key=Vergaderkosten.volgorde)


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


def _jaartotalen(posten: list[Kostenpost], budgetten: dict) -> Jaartotalen:
    """Totals per status and category, committed, the budget left and open amounts.

    Sums of the same Decimals the meetings add up (exact, on every database), so a
    year's total is always the sum of its meetings'.
    """
    aantal = dict.fromkeys(Kostenstatus.values, 0)
    categorieen: dict[int, tuple[str, list[Kostenpost]]] = {}
    for post in posten:
        aantal[post.status] += 1
        categorieen.setdefault(post.categorie_id, (post.categorie.naam, []))[1].append(post)
    totalen = per_status(posten)
    vastgelegd = _vastgelegd(totalen)
    budget = budgetten.get(None)
    return Jaartotalen(
        per_status=totalen,
        aantal_per_status=aantal,
        per_categorie=sorted(
            (
                (naam, _vastgelegd(per_status(lijst)), budgetten.get(pk))
                for pk, (naam, lijst) in categorieen.items()
            ),
            key=lambda rij: (rij[0].casefold(), rij[0]),
        ),
        vastgelegd=vastgelegd,
        budget=budget,
        rest=None if budget is None else budget - vastgelegd,
        nog_te_bepalen=sum(aantal[s] for s in Kostenstatus if s.zonder_bedrag),
        ongekoppeld=sum(post.ongekoppeld for post in posten),
    )


@dataclass
class Grootboek:
    """A group's ledger of one year: its meetings in date order, each with its lines and
    totals per status, and the year's totals."""

    werkgroep: object
    jaar: int
    vergaderingen: list[Vergaderkosten]

    @property
    def posten(self) -> list[Kostenpost]:
        """Every line of the year in the ledger's order (the page's, the XLSX's, the report's)."""
        return [post for groep in self.vergaderingen for post in groep.posten]

    @cached_property
    def totalen(self) -> Jaartotalen:
        """The year's totals and budget: the budget is read on first use (the XLSX needs none)."""
        budgetten = {
            b.categorie_id: b.bedrag
            for b in Budget.objects.filter(werkgroep=self.werkgroep, jaar=self.jaar)
        }
        return _jaartotalen(self.posten, budgetten)


def grootboek(werkgroep, jaar: int) -> Grootboek:
    """The year's ledger of ``werkgroep`` per meeting, with its totals: one query for the
    lines (two with the totals' budget), whatever the size of the year."""
    lijnen = Kostenpost.objects.filter(werkgroep=werkgroep, jaar=jaar).select_related(
        "werkgroep", "categorie", "vergadering"
    )
    return Grootboek(werkgroep=werkgroep, jaar=jaar, vergaderingen=per_vergadering(lijnen))


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


def dubbele_posten(posten: Iterable[Kostenpost]) -> list[list[Kostenpost]]:
    """Lines that are one line written twice ("14/04/06" and "14/04/2006", case, spaces).

    The database keeps them apart (their texts differ); they are counted twice
    until someone removes one, so they are shown, never merged silently.
    """
    groepen: dict[tuple, list[Kostenpost]] = {}
    for post in sorted(posten, key=lambda p: p.pk):
        groepen.setdefault(post.waardesleutel, []).append(post)
    return [groep for groep in groepen.values() if len(groep) > 1]


def controles(vandaag: dt.date) -> Controles:
    """The loose ends the secretariat resolves, read from the ledger per meeting.

    - lines linked to no meeting (their written date matched none, or two);
    - planned lines whose meeting is past;
    - "to be determined" lines whose meeting is more than a month past;
    - held meetings without any cost line;
    - one line written twice.

    The whole ledger is read once and grouped as the ledger page groups it; a line
    belongs to the meeting it is linked to, so an unlinked line is only in the first list.
    """
    alle = list(Kostenpost.objects.select_related("werkgroep", "categorie", "vergadering"))
    groepen = per_vergadering(alle)
    maand_geleden = vandaag - dt.timedelta(days=30)

    def van_voorbije(status, voor: dt.date) -> list[Kostenpost]:
        return [
            post
            for groep in groepen
            if groep.gekoppeld and groep.vergadering.datum_tot < voor
            for post in groep.posten
            if post.status == status
        ]

    return Controles(
        ongekoppeld=[post for groep in groepen if not groep.gekoppeld for post in groep.posten],
        voorzien_voorbij=van_voorbije(Kostenstatus.VOORZIEN, vandaag),
        te_lang_te_bepalen=van_voorbije(Kostenstatus.NOG_TE_BEPALEN, maand_geleden),
        zonder_kosten=list(
            Vergadering.objects.filter(
                status=Vergadering.Status.GEHOUDEN, kostenposten__isnull=True
            )
            .select_related("werkgroep")
            .order_by("datum_van")
        ),
        dubbel=dubbele_posten(alle),
    )


def vergaderingen_per_werkgroep(werkgroep_ids) -> dict[int, list[Vergadering]]:
    """The meetings of these groups in date order, in one query: the check page's choices."""
    per_werkgroep: dict[int, list[Vergadering]] = {}
    for vergadering in Vergadering.objects.filter(werkgroep_id__in=werkgroep_ids).chronologisch():
        per_werkgroep.setdefault(vergadering.werkgroep_id, []).append(vergadering)
    return per_werkgroep

"""Reads of the ledger: the year per meeting with its totals (one read), and the checks.

``grootboek(werkgroep, jaar)`` is the one answer to "the ledger per meeting with its
totals": the ledger page, its XLSX, the yearly report and the check page read it (the
check page through :func:`per_vergadering`, the same grouping over every line).

Loose ends are flagged by one rule, :func:`los_einde`, on the secretariat's pages (the
ledger, its check page, "Te doen"): a line whose date has no meeting, and a speaker fee
on a meeting whose agenda names no speaker. Whether the agenda names one is read in the
lines' own query (``EXISTS``), so flagging costs no query. A report is no such page:
``grootboek(…, verslag=True)`` gives the ledger as a report sends it, each line in its
own words and under its date as written, with no check at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.db import models
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from kern.datums import Datumaanduiding, OngeldigeDatum
from werkgroep.models import Agendapunt, Vergadering

from .models import Budget, Kostenpost, Kostenstatus

NUL = Decimal("0.00")


class LosEinde(models.TextChoices):
    """Why a line needs a look before the figures can be trusted; the label is the note."""

    ZONDER_VERGADERING = "zonder_vergadering", _("geen vergadering op deze datum")
    SPREKER_NIET_OP_AGENDA = (
        "spreker_niet_op_agenda",
        _("sprekerskost, maar de agenda van deze vergadering noemt geen spreker"),
    )


def _lijnen():
    """Every line with its group, category and meeting, and whether that meeting's agenda
    names a speaker (a participant or a name): one query, whatever the number of lines."""
    met_spreker = Agendapunt.objects.filter(vergadering=OuterRef("vergadering")).filter(
        Q(spreker__isnull=False) | ~Q(spreker_naam="")
    )
    return Kostenpost.objects.select_related("werkgroep", "categorie", "vergadering").annotate(
        spreker_op_agenda=Exists(met_spreker)
    )


def los_einde(post: Kostenpost) -> LosEinde | None:
    """The one rule for a line's loose end (read through :func:`_lijnen`), or ``None``."""
    if post.vergadering_id is None:
        return LosEinde.ZONDER_VERGADERING
    if post.categorie.vraagt_spreker and not getattr(post, "spreker_op_agenda", True):
        return LosEinde.SPREKER_NIET_OP_AGENDA
    return None


def _woorden(tekst: str) -> set[str]:
    """The words of a text, case and a plural "s" aside: "Sprekers/experten" → spreker, experten."""
    woorden = "".join(c if c.isalnum() else " " for c in tekst.casefold()).split()
    return {w[:-1] if len(w) > 3 and w.endswith("s") else w for w in woorden}


def zegt_meer(omschrijving: str, categorie: str) -> bool:
    """Whether a line's description says more than its category: some word of it (case and
    a plural "s" aside) is not a word of the category. "catering" under catering and
    "spreker" or "sprekers/experten" under spreker/experten say nothing more;
    "broodjeslunch" under catering does."""
    return bool(_woorden(omschrijving) - _woorden(categorie))


def per_status(posten: Iterable[Kostenpost]) -> dict[str, Decimal]:
    """The amounts of these lines added up per status, as Decimals (to be determined: 0)."""
    totalen = dict.fromkeys(Kostenstatus.values, NUL)
    for post in posten:
        if post.bedrag is not None:
            totalen[post.status] += post.bedrag
    return totalen


@dataclass(frozen=True)
class Categoriekosten:
    """A meeting's lines of one category, added up per kind of total (never together)."""

    categorie: str
    aantal: int
    gefactureerd: Decimal
    voorzien: Decimal
    nog_te_bepalen: int
    aantal_gefactureerd: int
    aantal_voorzien: int


@dataclass
class Kostengroep:
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

    @cached_property
    def per_categorie(self) -> list[Categoriekosten]:
        """The meeting's lines added up per category (by name), kept apart as the year's
        totals are: invoiced (internal included), planned, and how many amounts are still
        to be determined; a large report shows these instead of each line."""
        groepen: dict[str, list[Kostenpost]] = {}
        for post in self.posten:
            groepen.setdefault(post.categorie.naam, []).append(post)
        rijen = []
        for naam, posten in sorted(groepen.items(), key=lambda g: (g[0].casefold(), g[0])):
            totalen = per_status(posten)
            rijen.append(
                Categoriekosten(
                    categorie=naam,
                    aantal=len(posten),
                    gefactureerd=totalen[Kostenstatus.GEFACTUREERD]
                    + totalen[Kostenstatus.INTERN_GEFACTUREERD],
                    voorzien=totalen[Kostenstatus.VOORZIEN],
                    nog_te_bepalen=sum(1 for p in posten if Kostenstatus(p.status).zonder_bedrag),
                    aantal_gefactureerd=sum(
                        1
                        for p in posten
                        if p.status in (Kostenstatus.GEFACTUREERD, Kostenstatus.INTERN_GEFACTUREERD)
                    ),
                    aantal_voorzien=sum(1 for p in posten if p.status == Kostenstatus.VOORZIEN),
                )
            )
        return rijen

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


def per_vergadering(posten: Iterable[Kostenpost]) -> list[Kostengroep]:
    """The one grouping of the ledger: lines per meeting, the meetings in date order.

    Within a meeting the lines follow their written dates, then the order of entry.
    ``posten`` should carry their meeting (``select_related("vergadering")``).
    """
    groepen: dict[tuple, Kostengroep] = {}
    for post in sorted(posten, key=_regelvolgorde):
        if post.vergadering_id is not None:
            sleutel = (post.werkgroep_id, post.vergadering_id, "")
        else:
            sleutel = (post.werkgroep_id, None, post.vergadering_zoals_geschreven)
        groep = groepen.get(sleutel)
        if groep is None:
            groep = groepen[sleutel] = Kostengroep(
                werkgroep_id=post.werkgroep_id,
                vergadering=post.vergadering,
                geschreven="" if post.vergadering_id else post.vergadering_zoals_geschreven,
            )
        groep.posten.append(post)
    return sorted(groepen.values(), key=Kostengroep.volgorde)


@dataclass
class Jaartotalen:
    """The year's totals, kept apart: what is invoiced (internal invoicing included and
    shown), what is planned, how many amounts are still to be determined, against the
    budget; and how many lines are loose ends, per kind."""

    per_status: dict[str, Decimal]
    aantal_per_status: dict[str, int]
    per_categorie: list[tuple[str, Decimal, Decimal, Decimal | None]]
    budget: Decimal | None
    nog_te_bepalen: int
    ongekoppeld: int = 0
    spreker_niet_op_agenda: int = 0

    @property
    def gefactureerd(self) -> Decimal:
        """Invoiced, internal invoicing included."""
        return (
            self.per_status[Kostenstatus.GEFACTUREERD]
            + self.per_status[Kostenstatus.INTERN_GEFACTUREERD]
        )

    @property
    def aantal_gefactureerd(self) -> int:
        return (
            self.aantal_per_status[Kostenstatus.GEFACTUREERD]
            + self.aantal_per_status[Kostenstatus.INTERN_GEFACTUREERD]
        )

    @property
    def intern(self) -> Decimal:
        return self.per_status[Kostenstatus.INTERN_GEFACTUREERD]

    @property
    def aantal_intern(self) -> int:
        return self.aantal_per_status[Kostenstatus.INTERN_GEFACTUREERD]

    @property
    def voorzien(self) -> Decimal:
        return self.per_status[Kostenstatus.VOORZIEN]

    @property
    def aantal_voorzien(self) -> int:
        return self.aantal_per_status[Kostenstatus.VOORZIEN]

    @property
    def rest_na_gefactureerd(self) -> Decimal | None:
        """The budget less what is invoiced."""
        return None if self.budget is None else self.budget - self.gefactureerd

    @property
    def rest(self) -> Decimal | None:
        """The budget less what is invoiced and what is planned (amounts to be determined
        are not in it: the notes say how many)."""
        return None if self.budget is None else self.budget - self.gefactureerd - self.voorzien

    @property
    def losse_einden(self) -> int:
        return self.ongekoppeld + self.spreker_niet_op_agenda


def _jaartotalen(posten: list[Kostenpost], budgetten: dict, controles: bool = True) -> Jaartotalen:
    """Totals per status and category, the budget and the open amounts, and (with
    ``controles``) the loose ends.

    Sums of the same Decimals the meetings add up (exact, on every database), so a
    year's total is always the sum of its meetings'.
    """
    aantal = dict.fromkeys(Kostenstatus.values, 0)
    categorieen: dict[int, tuple[str, list[Kostenpost]]] = {}
    losse = dict.fromkeys(LosEinde, 0)
    for post in posten:
        aantal[post.status] += 1
        categorieen.setdefault(post.categorie_id, (post.categorie.naam, []))[1].append(post)
        if controles and (reden := los_einde(post)):
            losse[reden] += 1
    rijen = []
    for pk, (naam, lijst) in categorieen.items():
        totalen = per_status(lijst)
        gefactureerd = (
            totalen[Kostenstatus.GEFACTUREERD] + totalen[Kostenstatus.INTERN_GEFACTUREERD]
        )
        rijen.append((naam, gefactureerd, totalen[Kostenstatus.VOORZIEN], budgetten.get(pk)))
    return Jaartotalen(
        per_status=per_status(posten),
        aantal_per_status=aantal,
        per_categorie=sorted(rijen, key=lambda rij: (rij[0].casefold(), rij[0])),
        budget=budgetten.get(None),
        nog_te_bepalen=sum(aantal[s] for s in Kostenstatus if s.zonder_bedrag),
        ongekoppeld=losse[LosEinde.ZONDER_VERGADERING],
        spreker_niet_op_agenda=losse[LosEinde.SPREKER_NIET_OP_AGENDA],
    )


@dataclass(frozen=True)
class Kostenregel:
    """A line as the table shows it: the category once, the description only when it
    says more, and the number of its note when it is a loose end."""

    post: Kostenpost
    los_einde: LosEinde | None = None
    noot: int | None = None

    @property
    def omschrijving(self) -> str:
        post = self.post
        return post.omschrijving if zegt_meer(post.omschrijving, post.categorie.naam) else ""

    @property
    def als_geschreven(self) -> str:
        """The line in its own words ("spreker", "sprekers/experten", "broodjeslunch"), as
        a report prints it; the category only for a line without a description."""
        return self.post.omschrijving or self.post.categorie.naam


@dataclass
class Grootboek:
    """A group's ledger of one year: its meetings in date order, each with its lines and
    totals per status, and the year's totals.

    ``verslag``: the ledger as a report sends it (each line in its own words, no loose end
    flagged or counted: checks stay with the secretariat); otherwise as the ledger page
    shows it to those who keep it."""

    werkgroep: object
    jaar: int
    vergaderingen: list[Kostengroep]
    verslag: bool = False

    @property
    def posten(self) -> list[Kostenpost]:
        """Every line of the year in the ledger's order (the page's, the XLSX's, the report's)."""
        return [post for groep in self.vergaderingen for post in groep.posten]

    @cached_property
    def rijen(self) -> list[tuple[Kostengroep, list[Kostenregel]]]:
        """(meeting, its lines as the table shows them) in the ledger's order; the loose
        ends numbered 1, 2, … in that order, for the notes below the table."""
        rijen, nummer = [], 0
        for groep in self.vergaderingen:
            regels = []
            for post in groep.posten:
                reden = None if self.verslag else los_einde(post)
                if reden:
                    nummer += 1
                regels.append(Kostenregel(post, reden, nummer if reden else None))
            rijen.append((groep, regels))
        return rijen

    @property
    def losse_einden(self) -> list[tuple[Kostengroep, Kostenregel]]:
        """The flagged lines with their meeting, in the order of their notes."""
        return [(groep, regel) for groep, regels in self.rijen for regel in regels if regel.noot]

    @cached_property
    def totalen(self) -> Jaartotalen:
        """The year's totals and budget: the budget is read on first use (the XLSX needs none)."""
        budgetten = {
            b.categorie_id: b.bedrag
            for b in Budget.objects.filter(werkgroep=self.werkgroep, jaar=self.jaar)
        }
        return _jaartotalen(self.posten, budgetten, controles=not self.verslag)


def grootboek(werkgroep, jaar: int, *, verslag: bool = False) -> Grootboek:
    """The year's ledger of ``werkgroep`` per meeting, with its totals: one query for the
    lines (two with the totals' budget), whatever the size of the year. ``verslag``: as a
    report sends it, without the secretariat's checks (:class:`Grootboek`)."""
    lijnen = _lijnen().filter(werkgroep=werkgroep, jaar=jaar)
    return Grootboek(
        werkgroep=werkgroep, jaar=jaar, vergaderingen=per_vergadering(lijnen), verslag=verslag
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
    spreker_niet_op_agenda: list[Kostenpost]

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
                    self.spreker_niet_op_agenda,
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
        # As the database counts them (_dubbele_sleutels): the stored key names the meeting.
        sleutel = (post.werkgroep_id, post.categorie_id, post.dubbelsleutel)
        groepen.setdefault(sleutel, []).append(post)
    return [groep for groep in groepen.values() if len(groep) > 1]


def _regelvragen(vandaag: dt.date) -> dict[str, Q]:
    """Each check of a ledger line, written once as a condition on :func:`_lijnen`: the
    check page lists the lines it finds, the secretariat's home counts them.

    - lines linked to no meeting (their written date matched none, or two);
    - planned lines whose meeting is past;
    - "to be determined" lines whose meeting is more than a month past;
    - speaker fees on a meeting whose agenda names no speaker (:func:`los_einde`).
    """
    maand_geleden = vandaag - dt.timedelta(days=30)
    return {
        "ongekoppeld": Q(vergadering__isnull=True),
        "voorzien_voorbij": Q(status=Kostenstatus.VOORZIEN, vergadering__datum_tot__lt=vandaag),
        "te_lang_te_bepalen": Q(
            status=Kostenstatus.NOG_TE_BEPALEN, vergadering__datum_tot__lt=maand_geleden
        ),
        "spreker_niet_op_agenda": Q(
            vergadering__isnull=False, categorie__vraagt_spreker=True, spreker_op_agenda=False
        ),
    }


def _zonder_kosten() -> QuerySet[Vergadering]:
    """Held meetings without any cost line."""
    return Vergadering.objects.filter(status=Vergadering.Status.GEHOUDEN, kostenposten__isnull=True)


def _dubbele_sleutels() -> QuerySet:
    """One line written twice: per group and category, each stored key as a value
    (:attr:`Kostenpost.dubbelsleutel`) that more than one line has."""
    return (
        Kostenpost.objects.values("werkgroep", "categorie", "dubbelsleutel")
        .annotate(aantal=Count("pk"))
        .filter(aantal__gt=1)
        .order_by()
    )


def aantal_controles(vandaag: dt.date) -> int:
    """How many loose ends the check page lists, counted by the database in three
    queries whatever the size of the ledger (the secretariat's home)."""
    per_vraag = _lijnen().aggregate(
        **{naam: Count("pk", filter=vraag) for naam, vraag in _regelvragen(vandaag).items()}
    )
    return sum(per_vraag.values()) + _zonder_kosten().count() + _dubbele_sleutels().count()


def controles(vandaag: dt.date) -> Controles:
    """The loose ends the secretariat resolves (:func:`_regelvragen`, held meetings without
    lines, lines written twice), each list in the ledger's order; a line written twice
    with its twin."""
    vragen = _regelvragen(vandaag)

    def lijnen(naam: str) -> list[Kostenpost]:
        return sorted(_lijnen().filter(vragen[naam]), key=_regelvolgorde)

    dubbel = _lijnen().filter(dubbelsleutel__in=_dubbele_sleutels().values("dubbelsleutel"))
    return Controles(
        ongekoppeld=lijnen("ongekoppeld"),
        voorzien_voorbij=lijnen("voorzien_voorbij"),
        te_lang_te_bepalen=lijnen("te_lang_te_bepalen"),
        zonder_kosten=list(_zonder_kosten().select_related("werkgroep").order_by("datum_van")),
        dubbel=dubbele_posten(dubbel),
        spreker_niet_op_agenda=lijnen("spreker_niet_op_agenda"),
    )


def vergaderingen_per_werkgroep(werkgroep_ids) -> dict[int, list[Vergadering]]:
    """The meetings of these groups in date order, in one query: the check page's choices."""
    per_werkgroep: dict[int, list[Vergadering]] = {}
    for vergadering in Vergadering.objects.filter(werkgroep_id__in=werkgroep_ids).chronologisch():
        per_werkgroep.setdefault(vergadering.werkgroep_id, []).append(vergadering)
    return per_werkgroep


@dataclass
class Vergaderingkosten:
    """One meeting's lines as the ledger shows them, and its year's totals against the
    budget: what the meeting page shows under "Kosten"."""

    vergadering: Vergadering
    regels: list[Kostenregel]
    per_status: dict[str, Decimal]
    totalen: Jaartotalen

    @property
    def jaar(self) -> int:
        return self.vergadering.datum_van.year


def vergaderingkosten(vergadering: Vergadering) -> Vergaderingkosten:
    """The meeting's lines and its year's totals from one read of the year's lines and
    one of its budget, the totals as the ledger adds them (:func:`_jaartotalen`). Only the
    meeting's own lines are ordered: a year of thousands of lines is not grouped for a
    page that shows one meeting."""
    jaar = vergadering.datum_van.year
    # Each line with its category only (the totals and the table need no more of it).
    lijnen = list(
        _lijnen()
        .select_related(None)
        .select_related("categorie")
        .filter(werkgroep=vergadering.werkgroep_id, jaar=jaar)
    )
    eigen = sorted((p for p in lijnen if p.vergadering_id == vergadering.pk), key=_regelvolgorde)
    budgetten = {
        b.categorie_id: b.bedrag
        for b in Budget.objects.filter(werkgroep=vergadering.werkgroep_id, jaar=jaar)
    }
    return Vergaderingkosten(
        vergadering,
        [Kostenregel(post, los_einde(post)) for post in eigen],
        per_status(eigen),
        _jaartotalen(lijnen, budgetten),
    )

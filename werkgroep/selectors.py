"""Reads of the werkgroep app, with the visibility querysets of groups, meetings and people.

Whoever may ``werkgroep.alles_zien`` (``werkgroep/rules.py``: the coordinator and the
secretariat) sees every working group; a member sees the groups their participant belongs
to today, and the meetings held while they were a member (``Lidmaatschap.objects.lopend``);
an account without a participant sees none.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace

from django.contrib.auth import get_user_model
from django.db.models import (
    CharField,
    Count,
    Exists,
    F,
    Func,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, ExtractYear, Lower, Replace
from django.shortcuts import get_object_or_404
from django.utils import timezone

from kern import mail
from kern.paginering import PER_PAGINA

from .models import (
    Aanwezigheid,
    Adresconflict,
    Agendapunt,
    Deelnemer,
    Lidmaatschap,
    Organisatie,
    Vergadering,
    Werkgroep,
)


def vergadering_begonnen(vergadering: Vergadering, op: dt.date | None = None) -> bool:
    """Whether the meeting's day has come on ``op`` (today): its first possible day, before
    which a meeting is never held (``Vergadering.vermelde_uitkomst``). The one rule of the
    steps that follow a meeting: "gehouden" ticked, minutes sent for approval."""
    return vergadering.datum_van <= (op or timezone.localdate())


def deelnemer_van(user) -> Deelnemer | None:
    return getattr(user, "deelnemer", None) if user.is_authenticated else None


# ---- One address per person -------------------------------------------------------------------


def adres_van(persoon) -> str:
    """The e-mail address of a person, a participant or an account: the participant's for
    whoever has one (the account's ``email`` is its copy, kept equal by
    ``services.adres_wijzigen``), the account's own for an account without a participant.
    Every mail to a person reads its address here."""
    if isinstance(persoon, Deelnemer):
        return persoon.email
    deelnemer = deelnemer_van(persoon)
    return deelnemer.email if deelnemer is not None else persoon.email


def ontvanger_van(persoon, *, taal: str | None = None) -> mail.Ontvanger:
    """A person as a mail's recipient, at :func:`adres_van`: by their account (its language,
    or ``taal`` when the caller read it already, and names) when it is active, else by the
    participant's own name."""
    if isinstance(persoon, Deelnemer):
        account = persoon.account
        if account is None or not account.is_active:
            return mail.Ontvanger(
                adres=persoon.email, naam=persoon.naam, aanspreken=persoon.voornaam
            )
        persoon = account
    return replace(mail.Ontvanger.van(persoon, taal=taal), adres=adres_van(persoon))


def adres_van_ander_account(email: str, *, behalve=None) -> bool:
    """Whether another account than ``behalve`` already has this address (case aside): the
    password reset finds accounts by address, so two sharing one would both get the link."""
    if not email:
        return False
    anderen = get_user_model()._default_manager.filter(email__iexact=email.strip())
    if behalve is not None:
        anderen = anderen.exclude(pk=behalve.pk)
    return anderen.exists()


def open_adresconflicten() -> QuerySet[Adresconflict]:
    """Pairs whose two addresses disagreed when joined, not yet checked by the secretariat."""
    return Adresconflict.objects.filter(afgehandeld_op__isnull=True).select_related(
        "deelnemer", "account"
    )


def zichtbare_werkgroepen(user) -> QuerySet[Werkgroep]:
    werkgroepen = Werkgroep.objects.select_related("thema")
    if user.has_perm("werkgroep.alles_zien"):
        return werkgroepen
    return mijn_werkgroepen(user)


def mijn_werkgroepen(user) -> QuerySet[Werkgroep]:
    """The groups the user's participant is a member of today (none without a participant)."""
    deelnemer = deelnemer_van(user)
    if deelnemer is None:
        return Werkgroep.objects.none()
    return Werkgroep.objects.select_related("thema").filter(
        pk__in=Lidmaatschap.objects.lopend().filter(deelnemer=deelnemer).values("werkgroep")
    )


def vergaderingen_als_lid(deelnemer: Deelnemer) -> QuerySet[Vergadering]:
    """The meetings on whose dates the participant was a member of their group."""
    return Vergadering.objects.filter(
        Exists(
            Lidmaatschap.objects.filter(
                deelnemer=deelnemer, werkgroep=OuterRef("werkgroep_id")
            ).lopend(OuterRef("datum_van"), tot=OuterRef("datum_tot"))
        )
    )


def jaren_van(werkgroep: Werkgroep) -> list[int]:
    """The group's years with meetings or a yearly text, newest first: the hub's years.
    Reads the prefetched yearly texts of :func:`werkgroep_voor`."""
    jaren = set(werkgroep.vergaderingen.values_list("datum_van__year", flat=True))
    jaren |= {tekst.jaar for tekst in werkgroep.jaarteksten.all()}
    return sorted(jaren, reverse=True)


def werkgroep_voor(user, slug: str) -> Werkgroep:
    """The group page's group, with its texts and members; 404 when not visible."""
    return get_object_or_404(
        zichtbare_werkgroepen(user).prefetch_related(
            "doelstellingen",
            "actiepunten",
            "jaarteksten",
            "bevindingen",
            Prefetch(
                "lidmaatschappen",
                queryset=Lidmaatschap.objects.select_related("deelnemer__organisatie"),
            ),
            "samenwerkingen__organisaties",
        ),
        slug=slug,
    )


def zichtbare_vergaderingen(user) -> QuerySet[Vergadering]:
    if user.has_perm("werkgroep.alles_zien"):
        vergaderingen = Vergadering.objects.all()
    elif (deelnemer := deelnemer_van(user)) is not None:
        vergaderingen = vergaderingen_als_lid(deelnemer)
    else:
        vergaderingen = Vergadering.objects.none()
    return vergaderingen.select_related("werkgroep")


def komende_vergaderingen(user, vandaag: dt.date, aantal: int = 5) -> list[Vergadering]:
    return list(zichtbare_vergaderingen(user).komend(vandaag).chronologisch()[:aantal])


def recente_vergaderingen(user, vandaag: dt.date, aantal: int = 5) -> list[Vergadering]:
    """The last meetings before today, newest first."""
    return list(
        zichtbare_vergaderingen(user)
        .filter(datum_tot__lt=vandaag)
        .chronologisch()
        .reverse()[:aantal]
    )


def zonder_aanwezigheid(user, vandaag: dt.date) -> list[Vergadering]:
    """Held meetings whose attendance nobody logged, for those who log it (the secretariat)."""
    if not user.has_perm("werkgroep.aanwezigheid_opnemen"):
        return []
    return list(
        zichtbare_vergaderingen(user)
        .filter(
            status=Vergadering.Status.GEHOUDEN, datum_tot__lt=vandaag, aanwezigheden__isnull=True
        )
        .chronologisch()
    )


def jaren_met_vergaderingen(user) -> list[int]:
    return list(
        zichtbare_vergaderingen(user)
        .annotate(jaar=ExtractYear("datum_van"))
        .values_list("jaar", flat=True)
        .distinct()
        .order_by("jaar")
    )


def vergaderingen_in_jaar(user, jaar: int) -> QuerySet[Vergadering]:
    """The year's meetings the user sees, in date order, with their agenda's length: a
    queryset, so a page of them is one slice (``kern.paginering``)."""
    return (
        zichtbare_vergaderingen(user)
        .in_jaar(jaar)
        .annotate(aantal_agendapunten=Count("agendapunten"))
        .chronologisch()
    )


def vergadering_voor(user, pk: int) -> Vergadering:
    """A meeting with its agenda and attendance; 404 when the user may not see it. The
    meeting remembers whom it was read for, so ``werkgroep.vergadering_zien`` on it asks
    no more (``rules.lid_tijdens``)."""
    vergadering = get_object_or_404(
        zichtbare_vergaderingen(user).prefetch_related(
            Prefetch("agendapunten", queryset=Agendapunt.objects.select_related("spreker")),
            Prefetch(
                "aanwezigheden",
                queryset=Aanwezigheid.objects.select_related("deelnemer__organisatie"),
            ),
        ),
        pk=pk,
    )
    vergadering.gelezen_voor = user.pk
    return vergadering


def _deelnemers_van(user) -> QuerySet[Deelnemer]:
    """The participants the user may see: all for who sees everything, else those of the
    groups the user is a member of today (werkgroep.deelnemer_zien asks this too)."""
    if user.has_perm("werkgroep.alles_zien"):
        return Deelnemer.objects.all()
    return Deelnemer.objects.filter(
        pk__in=Lidmaatschap.objects.filter(werkgroep__in=zichtbare_werkgroepen(user)).values(
            "deelnemer"
        )
    )


def zichtbare_deelnemers(user) -> QuerySet[Deelnemer]:
    """Participants of the groups the user sees, with their organisation and groups."""
    return (
        _deelnemers_van(user)
        .select_related("organisatie")
        .prefetch_related(
            Prefetch("lidmaatschappen", queryset=Lidmaatschap.objects.select_related("werkgroep"))
        )
    )


#: The participants list's order; a link to one participant lands on its page in it.
DEELNEMERS_VOLGORDE = ("achternaam", "voornaam", "pk")


def deelnemers_op_naam(user) -> QuerySet[Deelnemer]:
    """The participants list: those the user sees, by last name, first name (then pk)."""
    return zichtbare_deelnemers(user).order_by(*DEELNEMERS_VOLGORDE)


def _paginanummer(voor: int) -> int:
    """The page (1, 2, …) of a row with ``voor`` rows before it in its list."""
    return voor // PER_PAGINA + 1


def pagina_van_deelnemer(user, pk: int) -> int:
    """The page of the participants list that holds participant ``pk``, 404 for one the
    user does not see: one read of their name, one COUNT of the rows before them."""
    zichtbaar = _deelnemers_van(user)
    achternaam, voornaam = get_object_or_404(zichtbaar.values_list("achternaam", "voornaam"), pk=pk)
    voor = zichtbaar.filter(
        Q(achternaam__lt=achternaam)
        | Q(achternaam=achternaam, voornaam__lt=voornaam)
        | Q(achternaam=achternaam, voornaam=voornaam, pk__lt=pk)
    )
    return _paginanummer(voor.count())


class Padvolgorde(Func):
    """An organisation's stored path as its place in the list, so that a part comes right
    after its parent: lower case, the separator " › " made the lowest character, compared
    character by character (PostgreSQL's collation "C"; SQLite's default). That compares
    the names level by level: "kuleuven", "kuleuven › hiva", "kuleuven associatie"; the
    path as stored would put "›" after the letters, and a collation that skips punctuation
    reads "kuleuven hiva" (docs/design.md, "Long lists come in pages")."""

    output_field = CharField()
    template = "%(expressions)s"

    def __init__(self):
        super().__init__(Lower(Replace(F("pad"), Value(Organisatie.SCHEIDING), Value(chr(1)))))

    def as_postgresql(self, compiler, connection, **extra_context):
        return super().as_sql(
            compiler, connection, template='(%(expressions)s) COLLATE "C"', **extra_context
        )


def organisaties() -> QuerySet[Organisatie]:
    """Every organisation, parents right before their parts, with its participant count:
    a subquery on the rows read (one query for a page of them), which the page's COUNT
    leaves out (a join and GROUP BY would not be)."""
    aantal = (
        Deelnemer.objects.filter(organisatie=OuterRef("pk"))
        .order_by()
        .values("organisatie")
        .annotate(aantal=Count("pk"))
        .values("aantal")
    )
    return Organisatie.objects.annotate(
        aantal_deelnemers=Coalesce(Subquery(aantal), 0), volgorde=Padvolgorde()
    ).order_by("volgorde", "pk")


def pagina_van_organisatie(pk: int) -> int:
    """The page of the organisations list that holds organisation ``pk`` (404 if none):
    one read of its place, one COUNT of the rows before it."""
    rijen = Organisatie.objects.alias(volgorde=Padvolgorde())
    volgorde = get_object_or_404(
        rijen.annotate(plaats=F("volgorde")).values_list("plaats", flat=True), pk=pk
    )
    voor = rijen.filter(Q(volgorde__lt=volgorde) | Q(volgorde=volgorde, pk__lt=pk))
    return _paginanummer(voor.count())


def kalender_vergaderingen(user, werkgroep: Werkgroep) -> QuerySet[Vergadering]:
    """The group's meetings in the user's calendar feed: those the user sees."""
    return (
        zichtbare_vergaderingen(user)
        .filter(werkgroep=werkgroep)
        .prefetch_related(
            Prefetch("agendapunten", queryset=Agendapunt.objects.select_related("spreker"))
        )
        .chronologisch()
    )


@dataclass(frozen=True)
class Aanwezigheidsrij:
    """One person on a meeting's attendance list: a member, an invited person or a guest."""

    deelnemer: Deelnemer
    organisatie: str
    lid: bool
    status: str  # as recorded; "" when nothing is recorded yet


def aanwezigheidsrijen(vergadering: Vergadering, uitgenodigd: Iterable[int] = ()) -> list:
    """Who belongs on the meeting's attendance list, with what is recorded for them.

    The group's members at the time, in the secretariat's order; then everyone else
    recorded or invited (``uitgenodigd``: participant ids, e.g. those who replied to the
    invitation), by name. Three queries at most, whatever the number of people.
    """
    opgenomen = {
        a.deelnemer_id: a
        for a in Aanwezigheid.objects.filter(vergadering=vergadering).select_related(
            "deelnemer__organisatie"
        )
    }
    rijen, gezien = [], set()
    for lid in Lidmaatschap.objects.tijdens(vergadering).select_related("deelnemer__organisatie"):
        deelnemer = lid.deelnemer
        gezien.add(deelnemer.pk)
        rijen.append(
            Aanwezigheidsrij(
                deelnemer=deelnemer,
                organisatie=lid.organisatie_zoals_geschreven or str(deelnemer.organisatie or ""),
                lid=True,
                status=opgenomen[deelnemer.pk].status if deelnemer.pk in opgenomen else "",
            )
        )
    anderen = {pk: a.deelnemer for pk, a in opgenomen.items() if pk not in gezien}
    ontbrekend = set(uitgenodigd) - gezien - set(anderen)
    if ontbrekend:
        anderen |= {
            d.pk: d
            for d in Deelnemer.objects.filter(pk__in=ontbrekend).select_related("organisatie")
        }
    for deelnemer in sorted(anderen.values(), key=lambda d: (d.achternaam, d.voornaam)):
        rijen.append(
            Aanwezigheidsrij(
                deelnemer=deelnemer,
                organisatie=str(deelnemer.organisatie or ""),
                lid=False,
                status=opgenomen[deelnemer.pk].status if deelnemer.pk in opgenomen else "",
            )
        )
    return rijen


def gasten_te_kiezen(vergadering: Vergadering, rijen: Iterable[Aanwezigheidsrij]) -> list:
    """Participants who are not on the list yet, to add as a guest: one query."""
    op_lijst = {rij.deelnemer.pk for rij in rijen}
    return [d for d in Deelnemer.objects.select_related("organisatie") if d.pk not in op_lijst]


def vorige_vergadering(werkgroep: Werkgroep) -> Vergadering | None:
    """The group's last meeting (by date, then hour), with its agenda: what "Kopie van de
    vorige" starts from."""
    return (
        Vergadering.objects.filter(werkgroep=werkgroep)
        .prefetch_related(
            Prefetch("agendapunten", queryset=Agendapunt.objects.order_by("volgorde"))
        )
        .order_by("-datum_van", "-datum_tot", F("aanvang").desc(nulls_last=True), "-pk")
        .first()
    )


def leden_vandaag(werkgroep: Werkgroep) -> list[Deelnemer]:
    """The group's members today, in the secretariat's order: whom a new meeting's form
    offers to tick as present (a meeting recorded afterwards); one query."""
    return [
        lid.deelnemer
        for lid in Lidmaatschap.objects.filter(werkgroep=werkgroep)
        .lopend()
        .select_related("deelnemer")
    ]


def te_plannen_vergadering(pk: int) -> Vergadering:
    """A meeting to edit on the site, with its group; 404 when there is none."""
    return get_object_or_404(Vergadering.objects.select_related("werkgroep"), pk=pk)


def sprekers_voor(werkgroep: Werkgroep, vergadering: Vergadering | None = None) -> list[Deelnemer]:
    """Whom an agenda item's speaker is chosen from: the group's participants (members now
    or before) and whoever already speaks at the meeting, by name; one query."""
    bij = Q(lidmaatschappen__werkgroep=werkgroep)
    if vergadering is not None and vergadering.pk is not None:
        bij |= Q(agendapunten__vergadering=vergadering)
    return list(
        Deelnemer.objects.filter(pk__in=Deelnemer.objects.filter(bij).values("pk")).order_by(
            "achternaam", "voornaam", "pk"
        )
    )

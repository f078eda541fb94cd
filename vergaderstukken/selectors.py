"""Reads of the minutes, their actions and the meeting files.

The meeting itself is read through ``werkgroep.selectors.vergadering_voor`` (404 for who
may not see it); who may read, write and upload on top of that is ``vergaderstukken/rules.py``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import F, Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from kern import mail
from kern.voorkeuren import talen_van
from werkgroep import selectors as werkgroep_selectors
from werkgroep.gasten import aanwezige_gasten
from werkgroep.models import Aanwezigheid, Deelnemer, Lidmaatschap, Vergadering
from werkgroep.selectors import (
    deelnemer_van,
    vergadering_begonnen,
    vergadering_voor,
    zichtbare_vergaderingen,
)

from .models import DEFINITIEF, Actie, Besluit, Notulen, Vergaderstuk


def was_aanwezig(user, vergadering: Vergadering) -> bool:
    """Whether the user's participant was present. Reads the attendance that
    ``vergadering_voor`` prefetched (with the participants): no query."""
    return user.is_authenticated and any(
        a.status == Aanwezigheid.Status.AANWEZIG and a.deelnemer.account_id == user.pk
        for a in vergadering.aanwezigheden.all()
    )


#: The mail that sends the minutes for approval.
NOTULENMAIL = "vergaderstukken/mail/notulen_ter_goedkeuring"


@dataclass(frozen=True)
class Aanwezige:
    """Someone present, as the minutes mail sees them: a name, the recipient (``None``:
    no address to mail), and whether a guest (no login: her mail links to nothing on the
    site)."""

    naam: str
    ontvanger: mail.Ontvanger | None
    gast: bool = False


def aanwezigen(vergadering: Vergadering) -> list[Aanwezige]:
    """Everyone present: the participants at their one address (``werkgroep.selectors.
    ontvanger_van``: by their account's language and names when it is active), then the
    guests present (``werkgroep.gasten``: kept on their invitations, with their address).
    Three queries, whatever the number of people."""
    resultaat = []
    deelnemers = list(
        Deelnemer.objects.filter(
            aanwezigheden__vergadering=vergadering,
            aanwezigheden__status=Aanwezigheid.Status.AANWEZIG,
        ).select_related("account")
    )
    talen = talen_van(d.account_id for d in deelnemers)
    for deelnemer in deelnemers:
        ontvanger = werkgroep_selectors.ontvanger_van(
            deelnemer, taal=talen.get(deelnemer.account_id)
        )
        resultaat.append(
            Aanwezige(naam=deelnemer.naam, ontvanger=ontvanger if ontvanger.adres else None)
        )
    for gast in aanwezige_gasten(vergadering):
        ontvanger = mail.Ontvanger(adres=gast.adres, naam=gast.naam, aanspreken=gast.naam)
        resultaat.append(
            Aanwezige(
                naam=gast.weergavenaam, ontvanger=ontvanger if gast.adres else None, gast=True
            )
        )
    return resultaat


@dataclass(frozen=True)
class NietBereikt:
    """Someone present whom the minutes mail did not reach, and why."""

    naam: str
    reden: str


def niet_bereikt(notulen: Notulen) -> list[NietBereikt]:
    """Who present the minutes mail cannot reach (no address) or did not (sent for
    approval, and their mail failed or is stuck: :func:`kern.mail.niet_verstuurd_sinds`,
    found by address and subject). Two or three queries."""
    vergadering = notulen.vergadering
    mislukt = mail.niet_verstuurd_sinds(notulen.verstuurd_op) if notulen.verstuurd_op else set()
    context = {"vergadering": vergadering, "werkgroep": vergadering.werkgroep}
    resultaat = []
    for aanwezige in aanwezigen(vergadering):
        ontvanger = aanwezige.ontvanger
        if ontvanger is None:
            resultaat.append(NietBereikt(aanwezige.naam, _("geen e-mailadres")))
        elif (
            mislukt
            and (
                ontvanger.adres.strip().lower(),
                mail.onderwerp_voor(NOTULENMAIL, ontvanger, context),
            )
            in mislukt
        ):
            resultaat.append(NietBereikt(aanwezige.naam, _("de e-mail is niet verstuurd")))
    return resultaat


def notulen_van(vergadering: Vergadering) -> Notulen | None:
    """The meeting's minutes, holding ``vergadering`` itself (its prefetched attendance is
    what ``vergaderstukken.notulen_lezen`` reads)."""
    notulen = (
        Notulen.objects.select_related("goedgekeurd_door", "gewijzigd_door")
        .filter(vergadering=vergadering)
        .first()
    )
    if notulen is not None:
        notulen.vergadering = vergadering
    return notulen


def leesbare_notulen(user) -> QuerySet[Notulen]:
    """The minutes the user may read (``vergaderstukken.notulen_lezen``, as a queryset: the
    search matches their text); no query until read."""
    notulen = Notulen.objects.filter(vergadering__in=zichtbare_vergaderingen(user).values("pk"))
    if user.has_perm("vergaderstukken.notulen_schrijven"):
        return notulen
    leesbaar = Q(status__in=DEFINITIEF)
    if user.has_perm("vergaderstukken.alle_notulen_lezen"):
        leesbaar |= Q(status=Notulen.Status.TER_GOEDKEURING)
    elif user.is_authenticated:
        aanwezig = Aanwezigheid.objects.filter(
            status=Aanwezigheid.Status.AANWEZIG, deelnemer__account_id=user.pk
        )
        leesbaar |= Q(
            status=Notulen.Status.TER_GOEDKEURING, vergadering__in=aanwezig.values("vergadering")
        )
    return notulen.filter(leesbaar)


def mijn_open_acties(user) -> list[Actie]:
    """Actions assigned to the user's participant in minutes they may read
    (:func:`leesbare_notulen`, so never a draft's) and not done yet, by deadline: the
    member's "Te doen" on home, each linking to its minutes. One query; none without a
    participant."""
    deelnemer = deelnemer_van(user)
    if deelnemer is None:
        return []
    return list(
        Actie.objects.filter(
            eigenaar=deelnemer,
            afgehandeld_op__isnull=True,
            notulen__in=leesbare_notulen(user).values("pk"),
        )
        .select_related("notulen__vergadering__werkgroep")
        .order_by(F("deadline").asc(nulls_last=True), "notulen__vergadering__datum_van", "pk")
    )


def verslagtekst(vergadering: Vergadering) -> str:
    """What the yearly report prints of the meeting's minutes: the text of final minutes
    (approved or recorded), nothing of a draft or of minutes still sent for approval. Reads
    ``vergadering.notulen`` as the caller selected it (``select_related("notulen")``)."""
    try:
        notulen = vergadering.notulen
    except Notulen.DoesNotExist:
        return ""
    return notulen.tekst if notulen.definitief else ""


def _in_volgorde(vergadering: Vergadering, richting: str, pad: str = "") -> Q:
    """Meetings before (``lt``) or after (``gt``) ``vergadering`` in the order meetings are
    listed (``werkgroep.models.VERGADERVOLGORDE``: first day, last day, hour with a meeting
    without one last, kind, pk): two meetings on one day follow each other by hour."""
    velden = ["datum_van", "datum_tot", "aanvang", "soort", "pk"]
    voorwaarde = Q()
    gelijk = Q()
    for veld in velden:
        waarde = getattr(vergadering, veld)
        if veld == "aanvang":
            voorbij, zelfde = _uur_voorbij(f"{pad}aanvang", waarde, richting)
        else:
            voorbij = Q(**{f"{pad}{veld}__{richting}": waarde})
            zelfde = Q(**{f"{pad}{veld}": waarde})
        voorwaarde |= gelijk & voorbij
        gelijk &= zelfde
    return voorwaarde


def _uur_voorbij(veld: str, uur, richting: str) -> tuple[Q, Q]:
    """Past ``uur`` in ``richting`` and the same as ``uur``, with no hour after every hour
    (nulls last)."""
    leeg = Q(**{f"{veld}__isnull": True})
    if uur is None:
        return (Q(pk__in=[]) if richting == "gt" else ~leeg), leeg
    voorbij = Q(**{f"{veld}__{richting}": uur})
    return (voorbij | leeg if richting == "gt" else voorbij), Q(**{veld: uur})


def volgende_vergadering(vergadering: Vergadering) -> Vergadering | None:
    """The group's next meeting that is not cancelled: where minutes are approved."""
    return (
        Vergadering.objects.filter(werkgroep_id=vergadering.werkgroep_id)
        .filter(_in_volgorde(vergadering, "gt"))
        .exclude(status=Vergadering.Status.GEANNULEERD)
        .chronologisch()
        .first()
    )


def goedkeuring_mogelijk_vanaf(vergadering: Vergadering) -> dt.date | None:
    """The first day the minutes may be approved: the last possible day of the next
    meeting (its day, when known); ``None`` while no next meeting is planned."""
    volgende = volgende_vergadering(vergadering)
    return volgende.datum_tot if volgende is not None else None


def open_acties(vergadering: Vergadering) -> list[Actie]:
    """Actions not yet done from the minutes of the group's earlier meetings, once those
    minutes left the draft (sent for approval or approved): the agenda's follow-up."""
    return list(
        Actie.objects.filter(
            afgehandeld_op__isnull=True,
            notulen__status__in=[Notulen.Status.TER_GOEDKEURING, *DEFINITIEF],
            notulen__vergadering__werkgroep_id=vergadering.werkgroep_id,
        )
        .filter(_in_volgorde(vergadering, "lt", "notulen__vergadering__"))
        .select_related("eigenaar", "notulen__vergadering")
        .order_by("deadline", "notulen__vergadering__datum_van", "pk")
    )


def stukken_van(vergadering: Vergadering) -> list[Vergaderstuk]:
    return list(vergadering.stukken.select_related("geupload_door"))


@dataclass
class OpDeVergadering:
    """What the meeting page shows of this app: the minutes (if the reader may read
    them), the open actions of earlier meetings, the files, and what the reader may do."""

    vergadering: Vergadering
    notulen: Notulen | None
    leesbaar: bool
    schrijft: bool
    open_acties: list[Actie] = field(default_factory=list)
    stukken: list[Vergaderstuk] = field(default_factory=list)
    laadt_op: bool = False
    soorten: list = field(default_factory=lambda: Vergaderstuk.Soort.choices)
    maximum: int = 0  # the largest file accepted, in bytes


def op_vergadering(user, vergadering: Vergadering) -> OpDeVergadering:
    """The meeting page's section: three queries (minutes, open actions, files)."""
    notulen = notulen_van(vergadering)
    return OpDeVergadering(
        vergadering=vergadering,
        notulen=notulen,
        leesbaar=notulen is not None and user.has_perm("vergaderstukken.notulen_lezen", notulen),
        schrijft=user.has_perm("vergaderstukken.notulen_schrijven"),
        open_acties=open_acties(vergadering),
        stukken=stukken_van(vergadering),
        laadt_op=user.has_perm("vergaderstukken.stukken_opladen"),
        maximum=settings.VERGADERSTUK_MAX_BYTES,
    )


@dataclass
class NotulenPagina:
    vergadering: Vergadering
    notulen: Notulen  # unsaved (pk None) while nobody wrote any
    besluiten: list[Besluit]
    acties: list[Actie]
    schrijft: bool
    deelnemers: list[Deelnemer]  # who an action may be given to (the writer's choice)
    goedkeuring_vanaf: dt.date | None = None
    niet_bereikt: list[NietBereikt] = field(default_factory=list)  # for the writer
    versturen_vanaf: dt.date | None = None  # a draft before the meeting's day: that day


def notulen_pagina(user, pk: int) -> NotulenPagina:
    """The minutes page's content: 404 when the user may not see the meeting, or may not
    read the minutes in their present status."""
    vergadering = vergadering_voor(user, pk)
    notulen = notulen_van(vergadering)
    leesbaar = notulen or Notulen(vergadering=vergadering)  # none yet: the writer's to start
    if not user.has_perm("vergaderstukken.notulen_lezen", leesbaar):
        raise Http404
    schrijft = user.has_perm("vergaderstukken.notulen_schrijven")
    if notulen is None:
        return NotulenPagina(
            vergadering,
            Notulen(vergadering=vergadering),
            [],
            [],
            schrijft,
            _kandidaten(vergadering) if schrijft else [],
        )
    pagina = NotulenPagina(
        vergadering,
        notulen,
        list(notulen.besluiten.all()),
        list(notulen.acties.select_related("eigenaar")),
        schrijft,
        _kandidaten(vergadering) if schrijft and not notulen.definitief else [],
    )
    if schrijft and notulen.status == Notulen.Status.TER_GOEDKEURING:
        pagina.goedkeuring_vanaf = goedkeuring_mogelijk_vanaf(vergadering)
    if schrijft and notulen.status in (Notulen.Status.CONCEPT, Notulen.Status.TER_GOEDKEURING):
        pagina.niet_bereikt = niet_bereikt(notulen)
    concept = notulen.status == Notulen.Status.CONCEPT
    if schrijft and concept and not vergadering_begonnen(vergadering):
        pagina.versturen_vanaf = vergadering.datum_van
    return pagina


def _kandidaten(vergadering: Vergadering) -> list[Deelnemer]:
    """Who an action can be given to: the group's members and the meeting's attendees."""
    return list(
        Deelnemer.objects.filter(
            Q(pk__in=Lidmaatschap.objects.tijdens(vergadering).values("deelnemer"))
            | Q(aanwezigheden__vergadering=vergadering)
        )
        .distinct()
        .order_by("achternaam", "voornaam")
    )


def goedgekeurde_notulen(user, pk: int) -> Notulen:
    """Approved minutes with their decisions and actions, for the PDF; 404 otherwise."""
    vergadering = vergadering_voor(user, pk)
    notulen = get_object_or_404(
        Notulen.objects.select_related("goedgekeurd_door").prefetch_related(
            "besluiten", Prefetch("acties", queryset=Actie.objects.select_related("eigenaar"))
        ),
        vergadering=vergadering,
        status=Notulen.Status.GOEDGEKEURD,
    )
    notulen.vergadering = vergadering  # with its attendance, prefetched
    return notulen


def notulen_document(user, pk: int) -> dict:
    """The approved minutes' PDF: the meeting, who was there, its agenda, the text, the
    decisions and the actions; 404 unless approved and the meeting visible."""
    notulen = goedgekeurde_notulen(user, pk)
    vergadering = notulen.vergadering
    aanwezigheden = list(vergadering.aanwezigheden.all())
    return {
        "vergadering": vergadering,
        "notulen": notulen,
        "aanwezigen": [a for a in aanwezigheden if a.status == Aanwezigheid.Status.AANWEZIG],
        "verontschuldigd": [
            a for a in aanwezigheden if a.status == Aanwezigheid.Status.VERONTSCHULDIGD
        ],
        "agenda": list(vergadering.agendapunten.all()),
        "besluiten": list(notulen.besluiten.all()),
        "acties": list(notulen.acties.all()),
    }


def _zichtbare_stukken(user):
    """The files of the meetings the user may see (``werkgroep``'s rule)."""
    return Vergaderstuk.objects.filter(vergadering__in=zichtbare_vergaderingen(user))


def vergaderstuk_voor(user, pk: int) -> Vergaderstuk:
    """A file of a meeting the user may see (``werkgroep``'s rule); 404 otherwise."""
    return get_object_or_404(_zichtbare_stukken(user), pk=pk)


def te_downloaden(user, stukken) -> set[int]:
    """Which of these files the user may download (:func:`vergaderstuk_voor`'s rule): one
    query, whatever their number; none without files."""
    pks = [stuk.pk for stuk in stukken]
    if not pks:
        return set()
    return set(_zichtbare_stukken(user).filter(pk__in=pks).values_list("pk", flat=True))


def bijlagen_bij_jaarverslag(vergaderingen) -> list[Vergaderstuk]:
    """The files the secretariat marked as annexes of the report, of these meetings, in the
    meetings' order (then as the meeting lists its files): one query (the yearly report).
    Each file's ``vergadering`` is the one given, so reading it costs nothing."""
    per_pk = {v.pk: v for v in vergaderingen}
    stukken = Vergaderstuk.objects.filter(
        vergadering__in=list(per_pk), bijlage_bij_jaarverslag=True
    )
    per_vergadering: dict[int, list[Vergaderstuk]] = {}
    for stuk in stukken:
        stuk.vergadering = per_pk[stuk.vergadering_id]
        per_vergadering.setdefault(stuk.vergadering_id, []).append(stuk)
    return [stuk for pk in per_pk for stuk in per_vergadering.get(pk, [])]


def inhoud_van(stuk: Vergaderstuk) -> bytes:
    """The stored file's bytes (through the storage API)."""
    with stuk.bestand.open("rb") as bestand:
        return bestand.read()


def besluiten_per_vergadering(vergaderingen) -> dict[int, list[Besluit]]:
    """The decisions of the final minutes (approved or recorded) of these meetings, per
    meeting pk: one query (the yearly report)."""
    per_vergadering: dict[int, list[Besluit]] = {}
    besluiten = Besluit.objects.filter(
        notulen__vergadering__in=[v.pk for v in vergaderingen],
        notulen__status__in=DEFINITIEF,
    ).select_related("notulen")
    for besluit in besluiten.order_by("notulen_id", "volgorde"):
        per_vergadering.setdefault(besluit.notulen.vergadering_id, []).append(besluit)
    return per_vergadering

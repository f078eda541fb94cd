"""Reads of the minutes, their actions and the meeting files.

The meeting itself is read through ``werkgroep.selectors.vergadering_voor`` (404 for who
may not see it); who may read, write and upload on top of that is ``vergaderstukken/rules.py``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from werkgroep.models import Aanwezigheid, Deelnemer, Lidmaatschap, Vergadering
from werkgroep.selectors import vergadering_begonnen, vergadering_voor, zichtbare_vergaderingen

from .models import DEFINITIEF, Actie, Besluit, Notulen, Vergaderstuk


def was_aanwezig(user, vergadering: Vergadering) -> bool:
    """Whether the user's participant was present. Reads the attendance that
    ``vergadering_voor`` prefetched (with the participants): no query."""
    return user.is_authenticated and any(
        a.status == Aanwezigheid.Status.AANWEZIG and a.deelnemer.account_id == user.pk
        for a in vergadering.aanwezigheden.all()
    )


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
    listed (``Vergadering.Meta.ordering``: first day, last day, kind, pk)."""
    velden = ["datum_van", "datum_tot", "soort", "pk"]
    waarden = [getattr(vergadering, v) for v in velden]
    voorwaarde = Q()
    for i, veld in enumerate(velden):
        gelijk = {f"{pad}{v}": w for v, w in zip(velden[:i], waarden[:i], strict=True)}
        voorwaarde |= Q(**gelijk, **{f"{pad}{veld}__{richting}": waarden[i]})
    return voorwaarde


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

"""Reads of the werkgroep app, with the one rule of who sees what.

Coordinators and the secretariat (who hold the view permission) see every
working group; a member sees the groups their participant belongs to; an
account without a participant sees none.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Prefetch, QuerySet
from django.db.models.functions import ExtractYear
from django.shortcuts import get_object_or_404

from .models import (
    Aanwezigheid,
    Agendapunt,
    Deelnemer,
    Lidmaatschap,
    Organisatie,
    Vergadering,
    Werkgroep,
)


def ziet_alles(user) -> bool:
    """Coordinator and secretariat read everything."""
    return user.is_active and user.has_perm("werkgroep.view_vergadering")


def deelnemer_van(user) -> Deelnemer | None:
    return getattr(user, "deelnemer", None) if user.is_authenticated else None


def zichtbare_werkgroepen(user) -> QuerySet[Werkgroep]:
    werkgroepen = Werkgroep.objects.select_related("thema")
    if ziet_alles(user):
        return werkgroepen
    deelnemer = deelnemer_van(user)
    if deelnemer is None:
        return werkgroepen.none()
    return werkgroepen.filter(lidmaatschappen__deelnemer=deelnemer)


def mijn_werkgroepen(user) -> QuerySet[Werkgroep]:
    """The groups the user's participant is a member of (empty without a participant)."""
    deelnemer = deelnemer_van(user)
    if deelnemer is None:
        return Werkgroep.objects.none()
    return Werkgroep.objects.select_related("thema").filter(lidmaatschappen__deelnemer=deelnemer)


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
                queryset=Lidmaatschap.objects.select_related("deelnemer__organisatie__moeder"),
            ),
            "samenwerkingen__organisaties__moeder",
        ),
        slug=slug,
    )


def zichtbare_vergaderingen(user) -> QuerySet[Vergadering]:
    return Vergadering.objects.filter(werkgroep__in=zichtbare_werkgroepen(user)).select_related(
        "werkgroep"
    )


def komende_vergaderingen(user, vandaag: dt.date, aantal: int = 5) -> list[Vergadering]:
    return list(zichtbare_vergaderingen(user).komend(vandaag).chronologisch()[:aantal])


def recente_vergaderingen(user, vandaag: dt.date, aantal: int = 5) -> list[Vergadering]:
    """The last meetings before today, newest first."""
    return list(
        zichtbare_vergaderingen(user)
        .filter(datum_tot__lt=vandaag)
        .order_by("-datum_van", "-datum_tot", "-pk")[:aantal]
    )


def zonder_aanwezigheid(user, vandaag: dt.date) -> list[Vergadering]:
    """Held meetings whose attendance nobody logged, for those who log it (the secretariat)."""
    if not (user.is_active and user.has_perm("werkgroep.add_aanwezigheid")):
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


def vergaderingen_in_jaar(user, jaar: int) -> list[Vergadering]:
    return list(
        zichtbare_vergaderingen(user)
        .in_jaar(jaar)
        .annotate(aantal_agendapunten=Count("agendapunten"))
        .chronologisch()
    )


def vergadering_voor(user, pk: int) -> Vergadering:
    """A meeting with its agenda and attendance; 404 when the user may not see it."""
    return get_object_or_404(
        zichtbare_vergaderingen(user).prefetch_related(
            Prefetch("agendapunten", queryset=Agendapunt.objects.select_related("spreker")),
            Prefetch(
                "aanwezigheden",
                queryset=Aanwezigheid.objects.select_related("deelnemer__organisatie__moeder"),
            ),
        ),
        pk=pk,
    )


def zichtbare_deelnemers(user) -> QuerySet[Deelnemer]:
    """Participants of the groups the user sees, with their organisation and groups."""
    deelnemers = Deelnemer.objects.select_related("organisatie__moeder__moeder").prefetch_related(
        Prefetch("lidmaatschappen", queryset=Lidmaatschap.objects.select_related("werkgroep"))
    )
    if ziet_alles(user):
        return deelnemers
    return deelnemers.filter(lidmaatschappen__werkgroep__in=zichtbare_werkgroepen(user)).distinct()


def _pad(organisatie: Organisatie) -> tuple[str, ...]:
    """("KU Leuven", "HIVA"): from the top down, so a part sorts right after its parent."""
    namen = []
    while organisatie is not None:
        namen.append(organisatie.naam.casefold())
        organisatie = organisatie.moeder
    return tuple(reversed(namen))


def organisaties() -> list[Organisatie]:
    """Every organisation, parents before their parts, with its participant count."""
    alle = Organisatie.objects.select_related("moeder__moeder__moeder").annotate(
        aantal_deelnemers=Count("deelnemers")
    )
    return sorted(alle, key=_pad)


def kalender_vergaderingen(werkgroep: Werkgroep) -> QuerySet[Vergadering]:
    return (
        werkgroep.vergaderingen.select_related("werkgroep")
        .prefetch_related(
            Prefetch("agendapunten", queryset=Agendapunt.objects.select_related("spreker"))
        )
        .chronologisch()
    )

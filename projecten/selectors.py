"""Reads of the projecten app, with the fiche access rule in one place.

A member edits the fiche of a project while their participant is linked to it;
the coordinator and the secretariat (view permission on fiches) read every fiche;
anyone else gets a 404.
"""

from __future__ import annotations

from enum import Enum

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from kern import versies
from werkgroep.models import Werkgroep
from werkgroep.selectors import deelnemer_van, zichtbare_werkgroepen

from .models import (
    Presentatie,
    Product,
    Project,
    ProjectDeelnemer,
    Projectfiche,
    ProjectOrganisatie,
)


class Toegang(Enum):
    BEWERKEN = "bewerken"
    LEZEN = "lezen"


def leest_alle_fiches(user) -> bool:
    return user.is_active and user.has_perm("projecten.view_projectfiche")


def mijn_projecten(user) -> list[Project]:
    deelnemer = deelnemer_van(user)
    if deelnemer is None:
        return []
    return list(
        Project.objects.voor_deelnemer(deelnemer)
        .select_related("programma")
        .prefetch_related(
            Prefetch("fiches", queryset=Projectfiche.objects.select_related("werkgroep"))
        )
    )


def fiche_toegang(user, project: Project) -> Toegang:
    """What the user may do with the project's fiche; 404 for anyone without a reason to see it."""
    deelnemer = deelnemer_van(user)
    if deelnemer is not None and project.medewerkers.filter(deelnemer=deelnemer).exists():
        return Toegang.BEWERKEN
    if leest_alle_fiches(user):
        return Toegang.LEZEN
    raise Http404


def project_met_details(slug: str) -> Project:
    return get_object_or_404(
        Project.objects.select_related("programma").prefetch_related(
            Prefetch(
                "organisaties",
                queryset=ProjectOrganisatie.objects.select_related("organisatie__moeder__moeder"),
            ),
            Prefetch(
                "medewerkers",
                queryset=ProjectDeelnemer.objects.select_related("deelnemer__organisatie__moeder"),
            ),
            Prefetch("producten", queryset=Product.objects.select_related("gemaakt_door")),
        ),
        slug=slug,
    )


def fiche_werkgroepen(user, project: Project) -> list[Werkgroep]:
    """Working groups in which the project has (or may get) a fiche for this user."""
    met_fiche = Werkgroep.objects.filter(projectfiches__project=project)
    if leest_alle_fiches(user):
        return list(met_fiche.select_related("thema"))
    # Two subqueries, not an OR over joins: that would walk every fiche times every member.
    return list(
        Werkgroep.objects.filter(
            Q(pk__in=met_fiche.values("pk")) | Q(pk__in=zichtbare_werkgroepen(user).values("pk"))
        ).select_related("thema")
    )


def fiche_voor(project: Project, werkgroep: Werkgroep) -> Projectfiche | None:
    return (
        Projectfiche.objects.select_related("project__programma", "werkgroep", "gewijzigd_door")
        .filter(project=project, werkgroep=werkgroep)
        .first()
    )


def zichtbare_projecten(user) -> QuerySet[Project]:
    """Projects on the project list: all for coordinator/secretariat, one's own for members."""
    projecten = Project.objects.select_related("programma").prefetch_related(
        Prefetch(
            "organisaties",
            queryset=ProjectOrganisatie.objects.select_related("organisatie__moeder__moeder"),
        )
    )
    if leest_alle_fiches(user):
        return projecten
    deelnemer = deelnemer_van(user)
    if deelnemer is None:
        return projecten.none()
    return projecten.voor_deelnemer(deelnemer)


def presentaties_van(vergadering_ids) -> QuerySet[Presentatie]:
    return Presentatie.objects.filter(vergadering_id__in=vergadering_ids).select_related(
        "project", "product", "organisatie__moeder"
    )


def fiches_van_werkgroep(werkgroep: Werkgroep) -> QuerySet[Projectfiche]:
    return Projectfiche.objects.filter(werkgroep=werkgroep).select_related(
        "project__programma", "werkgroep", "gewijzigd_door"
    )


def presentaties_op(vergadering) -> list[Presentatie]:
    """What was presented at a meeting: whoever sees the meeting sees these."""
    return list(
        Presentatie.objects.filter(vergadering=vergadering)
        .select_related("project", "product", "organisatie")
        .order_by("volgorde")
    )


class FicheVersies(versies.Versiebeheer):
    """A fiche's content for the merge: its texts, and the secretariat's status and comment."""

    model = Projectfiche
    VELDEN = ["status", "opmerking_secretariaat", *Projectfiche.INHOUD]

    def samenvoegbaar(self, veld: str) -> bool:
        return veld in self.VELDEN

    def soort(self, veld: str) -> versies.Soort:
        return versies.Soort.KEUZE if veld == "status" else versies.Soort.TEKST

    def inhoud(self, obj) -> dict[str, str]:
        return {veld: getattr(obj, veld) for veld in self.VELDEN}

    def inhoud_van(self, historisch) -> dict[str, str]:
        return self.inhoud(historisch)


FICHE = FicheVersies()

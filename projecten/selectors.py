"""Reads of the projecten app, with the fiche access rule and project membership in one place.

A member edits the fiche of a project while their participant is linked to it
(:func:`werkt_aan`); the coordinator and the secretariat (view permission on fiches)
read every fiche; anyone else gets a 404.
"""

from __future__ import annotations

from enum import Enum

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

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
    """What a user may do with a project's fiche."""

    BEWERKEN = "bewerken"
    LEZEN = "lezen"

    @property
    def bewerken(self) -> bool:
        return self is Toegang.BEWERKEN

    @property
    def lezen(self) -> bool:
        return self is Toegang.LEZEN


def leest_alle_fiches(user) -> bool:
    return user.is_active and user.has_perm("projecten.view_projectfiche")


def te_beoordelen_fiches(user) -> list[Projectfiche]:
    """Submitted fiches waiting for the secretariat (who may change fiches), oldest first."""
    if not (user.is_active and user.has_perm("projecten.change_projectfiche")):
        return []
    return list(
        Projectfiche.objects.filter(status=Projectfiche.Status.INGEDIEND)
        .select_related("project", "werkgroep")
        .order_by("gewijzigd_op", "pk")
    )


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


def werkt_aan(user, project: Project) -> bool:
    """Whether the user's participant works on ``project``: the one answer to "is this
    person on this project" (the fiche, a validation's scores, a product's page)."""
    deelnemer = deelnemer_van(user)
    return (
        deelnemer is not None
        and Project.objects.voor_deelnemer(deelnemer).filter(pk=project.pk).exists()
    )


def fiche_toegang(user, project: Project) -> Toegang:
    """What the user may do with the project's fiche; 404 for anyone without a reason to see it."""
    if werkt_aan(user, project):
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


def fiche_secties(fiche: Projectfiche) -> list[tuple[str, list[tuple[str, str]]]]:
    """The fiche to read, in its sections (``Projectfiche.SECTIES``): per section its
    title and, per field, its label and text."""
    veld = Projectfiche._meta.get_field
    return [
        (sectie.titel, [(veld(naam).verbose_name, getattr(fiche, naam)) for naam in sectie.velden])
        for sectie in Projectfiche.SECTIES
    ]


def fiche_document(user, slug: str, werkgroep_slug: str | None) -> dict:
    """The fiche as its PDF shows it: the project, its organisations and products, and the
    fiche's sections. The fiche of ``werkgroep_slug``, or the project's only one; 404 for
    whoever may not read it, and when there is no such fiche."""
    project = project_met_details(slug)
    fiche_toegang(user, project)
    fiches = project.fiches.select_related("werkgroep__thema", "gewijzigd_door")
    if werkgroep_slug:
        fiches = fiches.filter(werkgroep__slug=werkgroep_slug)
    gevonden = list(fiches[:2])
    if len(gevonden) != 1:
        raise Http404
    fiche = gevonden[0]
    return {
        "fiche": fiche,
        "organisaties": list(project.organisaties.all()),
        "producten": list(project.producten.all()),
        "secties": fiche_secties(fiche),
    }


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


def presentaties_op(vergadering) -> list[Presentatie]:
    """What was presented at a meeting: whoever sees the meeting sees these."""
    return list(
        Presentatie.objects.filter(vergadering=vergadering)
        .select_related("project", "product", "organisatie")
        .order_by("volgorde")
    )

"""Reads of the projecten app, with project membership in one place (:func:`werkt_aan`).

Who may edit, read and review a fiche is ``projecten/rules.py``; :func:`fiche_toegang`
asks it and answers 404 to anyone without a reason to see the fiche.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

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
    """What a user may do with a project's fiche."""

    BEWERKEN = "bewerken"
    LEZEN = "lezen"

    @property
    def bewerken(self) -> bool:
        return self is Toegang.BEWERKEN

    @property
    def lezen(self) -> bool:
        return self is Toegang.LEZEN


def beoordelaars() -> QuerySet:
    """The accounts told of a submitted fiche: active, with the review permission (through
    their role, their own permissions or as superuser) and an e-mail address."""
    from .rules import BEOORDELEN  # the rule's model permission (rules.py reads this module)

    return (
        get_user_model()
        .objects.with_perm(BEOORDELEN, backend="django.contrib.auth.backends.ModelBackend")
        .exclude(email="")
        .select_related("deelnemer")
        .order_by("pk")
    )


def medewerkers_met_account(project: Project) -> QuerySet:
    """The accounts of the project's participants (:func:`werkt_aan` says yes to each):
    told when their fiche is accepted or returned. Active, with an e-mail address."""
    return (
        get_user_model()
        .objects.filter(is_active=True, deelnemer__projectrollen__project=project, email__gt="")
        .select_related("deelnemer")
        .distinct()
        .order_by("pk")
    )


def te_beoordelen_fiches(user) -> list[Projectfiche]:
    """Submitted fiches waiting for the secretariat (who may change fiches), oldest first."""
    if not user.has_perm("projecten.fiches_beoordelen"):
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


@dataclass(frozen=True)
class FicheTeDoen:
    """A fiche the member still has to write: ``fiche`` is None while the project has none."""

    project: Project
    fiche: Projectfiche | None

    @property
    def werk(self) -> str:
        """What is to be done: "invullen" (none yet), "aanvullen" (a draft), "aanpassen"
        (returned by the secretariat)."""
        if self.fiche is None:
            return "invullen"
        if self.fiche.status == Projectfiche.Status.TERUGGESTUURD:
            return "aanpassen"
        return "aanvullen"


def fiches_te_doen(projecten: list[Project]) -> list[FicheTeDoen]:
    """Of the user's projects (:func:`mijn_projecten`, the queryset form of the rule
    ``projecten.fiche_bewerken``, with their fiches prefetched: no query) the fiches the
    member can still write: none yet, a draft, or one returned (``bewerkbaar_door_lid``)."""
    te_doen = []
    for project in projecten:
        fiches = list(project.fiches.all())
        if not fiches:
            te_doen.append(FicheTeDoen(project, None))
        te_doen += [
            FicheTeDoen(project, fiche)
            for fiche in fiches
            if Projectfiche.Status(fiche.status).bewerkbaar_door_lid
        ]
    return te_doen


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
    if user.has_perm("projecten.fiche_bewerken", project):
        return Toegang.BEWERKEN
    if user.has_perm("projecten.fiches_lezen"):
        return Toegang.LEZEN
    raise Http404


def project_voor(slug: str) -> Project:
    return get_object_or_404(Project, slug=slug)


def project_met_details(slug: str) -> Project:
    return get_object_or_404(
        Project.objects.select_related("programma").prefetch_related(
            Prefetch(
                "organisaties",
                queryset=ProjectOrganisatie.objects.select_related("organisatie"),
            ),
            Prefetch(
                "medewerkers",
                queryset=ProjectDeelnemer.objects.select_related("deelnemer__organisatie"),
            ),
            Prefetch("producten", queryset=Product.objects.select_related("gemaakt_door")),
        ),
        slug=slug,
    )


def fiche_werkgroepen(user, project: Project) -> list[Werkgroep]:
    """Working groups in which the project has (or may get) a fiche for this user."""
    met_fiche = Werkgroep.objects.filter(projectfiches__project=project)
    if user.has_perm("projecten.fiches_lezen"):
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


def fiche_versies(fiche: Projectfiche) -> list:
    """Every kept version of the fiche, newest first, with who saved it (its texts left out:
    only the two compared are read, by :func:`versies_naast_elkaar`)."""
    return list(
        fiche.history.select_related("history_user")
        .defer(*Projectfiche.INHOUD, "opmerking_secretariaat")
        .order_by("-history_date", "-history_id")
    )


@dataclass(frozen=True)
class Veldverschil:
    """One field of two versions side by side: what only A has in ``<del>``, what only B has
    in ``<ins>``."""

    label: str
    a: SafeString
    b: SafeString
    gewijzigd: bool


def versies_naast_elkaar(fiche: Projectfiche, a: int, b: int) -> list[tuple[str, list]]:
    """Versions ``a`` and ``b`` (history ids of this fiche) per section of the fiche, each
    field marked word by word (``kern.versies.verschil_html``); first the secretariat's
    part, its status and comment."""
    rijen = {r.history_id: r for r in fiche.history.filter(history_id__in=[a, b])}
    links, rechts = rijen[a], rijen[b]

    def verschil(label, oud: str, nieuw: str) -> Veldverschil:
        oud_gemarkeerd, nieuw_gemarkeerd = versies.verschil_html(oud, nieuw)
        # Text is escaped, so a tag in it is the marking's own.
        gewijzigd = "<del" in oud_gemarkeerd or "<ins" in nieuw_gemarkeerd
        return Veldverschil(str(label), oud_gemarkeerd, nieuw_gemarkeerd, gewijzigd)

    veld = Projectfiche._meta.get_field
    beoordeling = [
        verschil(
            veld("status").verbose_name, links.get_status_display(), rechts.get_status_display()
        ),
        verschil(
            veld("opmerking_secretariaat").verbose_name,
            links.opmerking_secretariaat,
            rechts.opmerking_secretariaat,
        ),
    ]
    return [
        (_("Beoordeling door het secretariaat"), beoordeling),
        *[
            (
                sectie.titel,
                [
                    verschil(veld(naam).verbose_name, getattr(links, naam), getattr(rechts, naam))
                    for naam in sectie.velden
                ],
            )
            for sectie in Projectfiche.SECTIES
        ],
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
            queryset=ProjectOrganisatie.objects.select_related("organisatie"),
        )
    )
    if user.has_perm("projecten.fiches_lezen"):
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

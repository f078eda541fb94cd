"""Reads of the validering app: the sessions and products one sees, whose scores, and the
computed result. The rules that ask these querysets are ``validering/rules.py``.

- Whoever may ``validering.alle_sessies_zien`` (coordinator, secretariat) sees everything.
- A subgroup's rapporteur and members always see that subgroup's scores.
- Other subgroups' scores appear once the session is closed, to the members of
  the product's project; to the other members of the working group only when
  the secretariat has also published the session.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from projecten.models import Product, Project
from projecten.selectors import werkt_aan
from werkgroep.models import Deelnemer, Lidmaatschap
from werkgroep.selectors import deelnemer_van, vergaderingen_als_lid

from .models import Criterium, Punt, Score, Subgroep, Validatiesessie
from .uitslag import uitslag


def _sessies():
    return Validatiesessie.objects.select_related(
        "product__project", "vergadering__werkgroep", "methodeversie__methode"
    )


def zichtbare_sessies(user) -> QuerySet[Validatiesessie]:
    if user.has_perm("validering.alle_sessies_zien"):
        return _sessies()
    deelnemer = deelnemer_van(user)
    if deelnemer is None:
        return _sessies().none()
    return (
        _sessies()
        .filter(
            Q(product__project__in=Project.objects.voor_deelnemer(deelnemer))
            | Q(subgroepen__rapporteur=deelnemer)
            | Q(subgroepen__leden=deelnemer)
            | Q(gepubliceerd=True, vergadering__in=vergaderingen_als_lid(deelnemer))
        )
        .distinct()
    )


def sessiejaren(user) -> list[int]:
    """The years of the meetings with a session this user may see."""
    return sorted({d.year for d in zichtbare_sessies(user).dates("vergadering__datum_van", "year")})


def sessielijst(
    user, *, werkgroep: str = "", jaar: int | None = None, status: str = "", zoek: str = ""
) -> list[Validatiesessie]:
    """The sessions this user may see, filtered (group slug, year of the meeting, open or
    closed, a word of the product or project), in date order, with their subgroups and how
    far each one's scores are: two queries, however many sessions."""
    sessies = zichtbare_sessies(user)
    if werkgroep:
        sessies = sessies.filter(vergadering__werkgroep__slug=werkgroep)
    if jaar:
        sessies = sessies.filter(vergadering__datum_van__year=jaar)
    if status in ("open", "gesloten"):
        sessies = sessies.filter(gesloten=status == "gesloten")
    if zoek:
        sessies = sessies.filter(
            Q(product__titel__icontains=zoek) | Q(product__project__naam__icontains=zoek)
        )
    return list(
        sessies.prefetch_related(
            Prefetch(
                "subgroepen", queryset=Subgroep.objects.select_related("soort").met_scorestand()
            )
        ).order_by("vergadering__datum_van", "vergadering__datum_tot", "pk")
    )


def sessie_voor(user, pk: int) -> Validatiesessie:
    """A session with everything its page shows; 404 for whoever may not see it. The
    session remembers whom it was read for, so the rules asked about it and its subgroups
    (``validering.sessie_zien``, ``validering.scores_zien``) ask no more."""
    sessie = get_object_or_404(
        zichtbare_sessies(user).prefetch_related(
            Prefetch("methodeversie__criteria", queryset=Criterium.objects.order_by("volgorde")),
            Prefetch(
                "subgroepen",
                queryset=Subgroep.objects.met_scorestand()
                .select_related("soort", "rapporteur")
                .prefetch_related(
                    "leden",
                    Prefetch("scores", queryset=Score.objects.select_related("criterium")),
                    "punten",
                ),
            ),
        ),
        pk=pk,
    )
    sessie.gelezen_voor = user.pk
    return sessie


@dataclass(frozen=True)
class Kijker:
    """Who looks at a session, worked out once per request."""

    ziet_alles: bool
    deelnemer_id: int | None
    in_project: bool


def kijker(user, sessie: Validatiesessie) -> Kijker:
    """Who ``user`` is to ``sessie``, read once per request (kept on the user object, which
    lives as long as the request): the rule ``validering.scores_zien`` asks it per subgroup."""
    bekend = user.__dict__.setdefault("_validering_kijkers", {})
    if sessie.pk not in bekend:
        deelnemer = deelnemer_van(user)
        bekend[sessie.pk] = Kijker(
            user.has_perm("validering.alle_sessies_zien"),
            deelnemer.pk if deelnemer else None,
            werkt_aan(user, sessie.product.project),
        )
    return bekend[sessie.pk]


def te_scoren(user) -> list[Subgroep]:
    """The subgroups of open sessions this member reports for whose scores are not complete
    (none yet, or a draft): the way in to scoring from home, in one query."""
    deelnemer = deelnemer_van(user)
    if deelnemer is None:
        return []
    return list(
        Subgroep.objects.onvolledig()
        .filter(rapporteur=deelnemer, sessie__gesloten=False)
        .select_related("soort", "sessie__product__project", "sessie__vergadering")
        .order_by("sessie__vergadering__datum_van", "soort__volgorde")
    )


def zonder_alle_scores(user, vandaag: dt.date) -> list[Subgroep]:
    """Subgroups of open sessions whose meeting is past and whose scores are not complete
    (a mandatory criterion without a score): for those who can act on it, naming or
    changing the rapporteur (``validering.rapporteur_kiezen``: the secretariat; the
    coordinator reads every session but cannot change one)."""
    if not user.has_perm("validering.rapporteur_kiezen"):
        return []
    return list(
        Subgroep.objects.onvolledig()
        .filter(sessie__gesloten=False, sessie__vergadering__datum_tot__lt=vandaag)
        .select_related("soort", "sessie__product__project", "sessie__vergadering__werkgroep")
        .order_by("sessie__vergadering__datum_van", "sessie__pk", "soort__volgorde")
    )


def subgroep_om_te_scoren(user, pk: int) -> Subgroep:
    """The subgroup a member scores online, with its criteria and scores: 404 unless the
    user may ``validering.subgroep_scoren`` it (its rapporteur)."""
    subgroep = get_object_or_404(
        Subgroep.objects.met_scorestand().select_related(
            "soort", "sessie__product__project", "sessie__vergadering__werkgroep",
            "sessie__methodeversie",
        ).prefetch_related(
            Prefetch(
                "sessie__methodeversie__criteria",
                queryset=Criterium.objects.order_by("volgorde"),
            ),
            Prefetch("scores", queryset=Score.objects.select_related("criterium")),
            "punten",
        ),
        pk=pk,
    )  # fmt: skip
    if not user.has_perm("validering.subgroep_scoren", subgroep):
        raise Http404
    return subgroep


def scorestand_van(subgroep: Subgroep) -> Subgroep:
    """``subgroep`` read again with how far its scores are (after a save), and the
    mandatory criteria still without a score as ``ontbrekend`` (names, in order)."""
    gelezen = Subgroep.objects.met_scorestand().get(pk=subgroep.pk)
    gelezen.ontbrekend = list(
        Criterium.objects.filter(versie=subgroep.sessie.methodeversie_id, verplicht=True)
        .exclude(scores__subgroep=subgroep, scores__score__isnull=False)
        .order_by("volgorde")
        .values_list("naam", flat=True)
    )
    return gelezen


def rapporteurkandidaten(sessie: Validatiesessie) -> list[Deelnemer]:
    """Who may report for a subgroup of ``sessie``: the members of its working group and
    the people who sat in one of its subgroups (by name; ``account_id`` says who can score
    online). One query; the subgroups must be prefetched with their members."""
    leden = {lid.pk for sg in sessie.subgroepen.all() for lid in sg.leden.all()}
    return list(
        Deelnemer.objects.filter(
            Q(pk__in=Lidmaatschap.objects.tijdens(sessie.vergadering).values("deelnemer"))
            | Q(pk__in=leden)
        )
        .distinct()
        .order_by("achternaam", "voornaam")
    )


def sessie_overzicht(user, sessie: Validatiesessie) -> dict:
    """What the session page and its PDF report show this user: plain data, the
    consolidated result and its chart of the subgroups whose scores they may see and
    whose scores are complete (drafts never count)."""
    subgroepen = list(sessie.subgroepen.all())
    zichtbaar = [sg for sg in subgroepen if user.has_perm("validering.scores_zien", sg)]
    return {
        "sessie": sessie,
        "subgroepen": subgroepen,
        "zichtbare_subgroepen": zichtbaar,
        "verborgen_subgroepen": [sg for sg in subgroepen if sg not in zichtbaar],
        **uitslag(sessie, zichtbaar),
    }


def zichtbare_producten(user) -> QuerySet[Product]:
    """The products whose page the user may open: every product for whoever sees every
    session; a member's projects' products and those of the sessions they see. The one
    answer for the product page, ``validering.product_zien`` and the search."""
    if user.has_perm("validering.alle_sessies_zien"):
        return Product.objects.all()
    deelnemer = deelnemer_van(user)
    if deelnemer is None:
        return Product.objects.none()
    return Product.objects.filter(
        Q(project__in=Project.objects.voor_deelnemer(deelnemer))
        | Q(pk__in=zichtbare_sessies(user).values("product"))
    )


def product_met_sessies(user, project_slug: str, product_slug: str) -> tuple[Product, list]:
    """A product's page: the product (404 unless the user sees it) and its sessions they see."""
    product = get_object_or_404(
        zichtbare_producten(user).select_related("project", "gemaakt_door"),
        project__slug=project_slug,
        slug=product_slug,
    )
    sessies = list(
        zichtbare_sessies(user).filter(product=product).order_by("vergadering__datum_van")
    )
    return product, sessies


def rondetafel_punten(werkgroep, jaar: int) -> QuerySet[Punt]:
    return (
        Punt.objects.filter(
            Q(input_rondetafel=True) | Q(kandidaat_beleidsaanbeveling=True),
            subgroep__sessie__vergadering__werkgroep=werkgroep,
            subgroep__sessie__vergadering__datum_van__year=jaar,
        )
        .select_related(
            "subgroep__soort", "subgroep__sessie__product__project", "subgroep__sessie__vergadering"
        )
        .order_by("subgroep__sessie__vergadering__datum_van", "subgroep__sessie", "soort", "pk")
    )


def scores_van_werkgroep(werkgroep, jaar: int) -> QuerySet[Score]:
    return (
        Score.objects.filter(
            subgroep__sessie__vergadering__werkgroep=werkgroep,
            subgroep__sessie__vergadering__datum_van__year=jaar,
        )
        .select_related(
            "criterium",
            "subgroep__soort",
            "subgroep__rapporteur",
            "subgroep__sessie__product__project",
            "subgroep__sessie__vergadering__werkgroep",
            "subgroep__sessie__methodeversie__methode",
        )
        .prefetch_related("subgroep__punten")
        .order_by(
            "subgroep__sessie__vergadering__datum_van",
            "subgroep__sessie",
            "subgroep__soort__volgorde",
            "criterium__volgorde",
        )
    )


def sessies_op(user, vergadering) -> list[Validatiesessie]:
    """The validation sessions held at a meeting that this user may open."""
    return list(zichtbare_sessies(user).filter(vergadering=vergadering).order_by("pk"))

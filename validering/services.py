"""Writes of the validering app."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from .models import Criterium, Methodeversie, Punt, Score, Subgroep


class VerouderdeSubgroep(Exception):
    """Someone saved this subgroup's scores after this form was opened."""


def _regels(tekst: str) -> list[str]:
    return [
        r.strip().lstrip("-•").strip() for r in tekst.splitlines() if r.strip().lstrip("-•").strip()
    ]


@transaction.atomic
def subgroep_scoren(
    *,
    subgroep: Subgroep,
    gelezen_versie: int,
    scores: dict[int, tuple[int | None, str]],
    sterktes: str,
    aanbevelingen: str,
    aandachtspunten: str,
    knelpunten: str,
) -> Subgroep:
    """Save a subgroup's scores and remarks, unless someone saved since ``gelezen_versie``.

    Points of attention and bottlenecks come one per line; a line that stays the
    same keeps the marks the secretariat gave it (round table, policy recommendation).
    """
    if subgroep.sessie.gesloten:
        raise ValidationError(_("De sessie is afgesloten; de scores liggen vast."))
    if not Subgroep.objects.filter(pk=subgroep.pk, versie=gelezen_versie).update(
        versie=F("versie") + 1
    ):
        raise VerouderdeSubgroep
    subgroep.versie = gelezen_versie + 1
    subgroep.sterktes, subgroep.aanbevelingen = sterktes, aanbevelingen
    subgroep.full_clean()
    subgroep.save(update_fields=["sterktes", "aanbevelingen"])
    criteria = {c.pk: c for c in subgroep.sessie.methodeversie.criteria.all()}
    for criterium_id, (waarde, commentaar) in scores.items():
        score, _nieuw = Score.objects.get_or_create(
            subgroep=subgroep, criterium=criteria[criterium_id]
        )
        score.score, score.commentaar = waarde, commentaar
        score.full_clean()
        score.save()
    for soort, tekst in [
        (Punt.Soort.AANDACHTSPUNT, aandachtspunten),
        (Punt.Soort.KNELPUNT, knelpunten),
    ]:
        bestaand = {p.tekst: p for p in subgroep.punten.filter(soort=soort)}
        nieuw = _regels(tekst)
        subgroep.punten.filter(soort=soort).exclude(tekst__in=nieuw).delete()
        for regel in nieuw:
            if regel not in bestaand:
                Punt.objects.create(subgroep=subgroep, soort=soort, tekst=regel)
    return subgroep


@transaction.atomic
def methodeversie_verfijnen(*, versie: Methodeversie, wijzigingen: str) -> Methodeversie:
    """A refinement is a new version: the same criteria and kinds, to change from there."""
    if not wijzigingen.strip():
        raise ValidationError({"wijzigingen": _("Zeg wat er verandert en waarom.")})
    laatste = versie.methode.versies.order_by("-nummer").first()
    nieuw = Methodeversie(
        methode=versie.methode, nummer=laatste.nummer + 1, wijzigingen=wijzigingen, bron=versie.bron
    )
    nieuw.full_clean()
    nieuw.save()
    nieuw.subgroepsoorten.set(versie.subgroepsoorten.all())
    Criterium.objects.bulk_create(
        Criterium(
            versie=nieuw, volgorde=c.volgorde, naam=c.naam, vraag=c.vraag, verplicht=c.verplicht,
            schaal_min=c.schaal_min, schaal_max=c.schaal_max,
        )
        for c in versie.criteria.all()
    )  # fmt: skip
    return nieuw

"""Writes of the projecten app: saving a fiche without losing anyone's text."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from .models import Project, Projectfiche


class VerouderdeFiche(Exception):
    """Someone saved the fiche after this person opened it; their save is refused."""

    def __init__(self, huidig: Projectfiche):
        super().__init__(str(huidig))
        self.huidig = huidig


@transaction.atomic
def fiche_opslaan(
    *,
    project: Project,
    werkgroep,
    gelezen_versie: int,
    inhoud: dict[str, str],
    door,
    indienen: bool = False,
) -> Projectfiche:
    """Save a member's fiche if nobody saved since ``gelezen_versie``; otherwise refuse.

    The version check and the bump are one conditional UPDATE, so of two saves
    made from the same version exactly one wins, on SQLite and PostgreSQL alike.
    """
    fiche, _nieuw = Projectfiche.objects.get_or_create(project=project, werkgroep=werkgroep)
    gewonnen = Projectfiche.objects.filter(pk=fiche.pk, versie=gelezen_versie).update(
        versie=F("versie") + 1
    )
    if not gewonnen:
        raise VerouderdeFiche(Projectfiche.objects.get(pk=fiche.pk))
    fiche.refresh_from_db()
    if not fiche.bewerkbaar_door_lid:
        raise ValidationError(_("Deze fiche is ingediend en kan niet meer gewijzigd worden."))
    for veld in Projectfiche.INHOUD:
        setattr(fiche, veld, inhoud.get(veld, ""))
    if indienen:
        fiche.status = Projectfiche.Status.INGEDIEND
    fiche.gewijzigd_door = door
    fiche.full_clean()
    fiche.save()
    return fiche


@transaction.atomic
def fiche_beoordelen(*, fiche: Projectfiche, status: str, opmerking: str, door) -> Projectfiche:
    """The secretariat accepts a submitted fiche, or returns it with a comment."""
    Projectfiche.objects.filter(pk=fiche.pk).update(versie=F("versie") + 1)
    fiche.refresh_from_db(fields=["versie"])
    fiche.status = status
    fiche.opmerking_secretariaat = opmerking
    fiche.gewijzigd_door = door
    fiche.full_clean()
    fiche.save()
    return fiche

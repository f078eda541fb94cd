"""Writes of the projecten app: saving a fiche without losing anyone's text.

Every save goes through ``kern.versies``: merged with what others saved since
the form was opened, then one guarded update claims the next version.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from kern import versies

from .models import Project, Projectfiche
from .selectors import FICHE


def _vergrendeld(pk) -> Projectfiche:
    return versies.vergrendelen(Projectfiche.objects.all(), pk)


def _niet_meer_bewerkbaar() -> ValidationError:
    return ValidationError(_("Deze fiche is ingediend en kan niet meer gewijzigd worden."))


def _bewaren(
    huidig: Projectfiche, *, gelezen_versie: int, inhoud: Mapping[str, str], door, overige=None
) -> versies.Samenvoeging:
    samenvoeging = versies.bewaren(
        FICHE, huidig, gelezen_versie=gelezen_versie, mijn=inhoud, door=door
    )
    for veld, tekst in samenvoeging.inhoud.items():
        setattr(huidig, veld, tekst)
    for veld, waarde in (overige or {}).items():
        setattr(huidig, veld, waarde)
    huidig.gewijzigd_door = door
    huidig.full_clean()
    huidig.save()
    return samenvoeging


@transaction.atomic
def fiche_opslaan(
    *, project: Project, werkgroep, gelezen_versie: int, inhoud: Mapping[str, str], door
) -> tuple[Projectfiche, versies.Samenvoeging]:
    """Save a member's texts, merged with what others saved since ``gelezen_versie``.

    Only the fields in ``inhoud`` are the member's; the others stay as stored.
    Raises ``versies.Samenvoegconflict`` (nothing saved) when both sides changed a
    field, and ``ValidationError`` when the fiche is no longer the member's to edit.
    """
    fiche, _nieuw = Projectfiche.objects.get_or_create(project=project, werkgroep=werkgroep)
    huidig = _vergrendeld(fiche.pk)
    if not huidig.bewerkbaar_door_lid:
        raise _niet_meer_bewerkbaar()
    mijn = {veld: inhoud[veld] for veld in Projectfiche.INHOUD if veld in inhoud}
    return huidig, _bewaren(huidig, gelezen_versie=gelezen_versie, inhoud=mijn, door=door)


@transaction.atomic
def fiche_indienen(*, project: Project, werkgroep, gelezen_versie: int, door) -> Projectfiche:
    """Submit the fiche exactly as the member last saw it (``gelezen_versie``).

    A member cannot undo this, so a fiche someone changed since is not submitted:
    ``versies.VersieVerouderd`` names who changed it.
    """
    fiche = Projectfiche.objects.get(project=project, werkgroep=werkgroep)
    huidig = _vergrendeld(fiche.pk)
    if not huidig.bewerkbaar_door_lid:
        raise _niet_meer_bewerkbaar()
    if huidig.versie != gelezen_versie:
        raise versies.VersieVerouderd(
            versies.opstellers(FICHE, huidig, sinds=gelezen_versie, door=door)
        )
    versies.nieuwe_versie(FICHE, huidig)
    huidig.status = Projectfiche.Status.INGEDIEND
    huidig.gewijzigd_door = door
    huidig.full_clean()
    huidig.save()
    return huidig


@transaction.atomic
def fiche_bewerken(
    *, fiche: Projectfiche, gelezen_versie: int, inhoud: Mapping[str, str], overige, door
) -> tuple[Projectfiche, versies.Samenvoeging]:
    """The secretariat's save in the admin (or a restored version), merged like a member's.

    ``inhoud`` holds the merged fields (``FICHE.VELDEN``); ``overige`` the rest of the
    form (project, working group), taken as sent.
    """
    huidig = _vergrendeld(fiche.pk)
    samenvoeging = _bewaren(
        huidig, gelezen_versie=gelezen_versie, inhoud=inhoud, door=door, overige=overige
    )
    return huidig, samenvoeging


@transaction.atomic
def fiche_beoordelen(*, fiche: Projectfiche, status: str, opmerking: str, door) -> Projectfiche:
    """The secretariat accepts a submitted fiche, or returns it with a comment."""
    huidig = _vergrendeld(fiche.pk)
    versies.nieuwe_versie(FICHE, huidig)
    huidig.status = status
    huidig.opmerking_secretariaat = opmerking
    huidig.gewijzigd_door = door
    huidig.full_clean()
    huidig.save()
    return huidig

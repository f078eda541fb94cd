"""Writes of the projecten app: saving a fiche without losing anyone's text.

Every save of a fiche (a member's, a submission, the secretariat's in the admin, an
acceptance) is the one guarded save of ``kern.versies``: merged with what others saved
since the form was opened, then one guarded update claims the next version.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kern import versies

from .models import Project, Projectfiche


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

    def schrijven(self, obj, inhoud, overige, door) -> None:
        obj.gewijzigd_door = door
        super().schrijven(obj, inhoud, overige, door)


FICHE = FicheVersies()


def _bewerkbaar_door_lid(fiche: Projectfiche) -> None:
    if not fiche.bewerkbaar_door_lid:
        raise ValidationError(_("Deze fiche is ingediend en kan niet meer gewijzigd worden."))


def fiche_opslaan(
    *, project: Project, werkgroep, gelezen_versie: int, inhoud: Mapping[str, str], door
) -> tuple[Projectfiche, versies.Samenvoeging]:
    """Save a member's texts, merged with what others saved since ``gelezen_versie``.

    Only the fields in ``inhoud`` are the member's; the others stay as stored.
    Raises ``versies.Samenvoegconflict`` (nothing saved) when both sides changed a
    field, and ``ValidationError`` when the fiche is no longer the member's to edit.
    """
    fiche, _nieuw = Projectfiche.objects.get_or_create(project=project, werkgroep=werkgroep)
    return versies.bewaren(
        FICHE,
        fiche.pk,
        gelezen_versie=gelezen_versie,
        mijn={veld: inhoud[veld] for veld in Projectfiche.INHOUD if veld in inhoud},
        door=door,
        voorwaarde=_bewerkbaar_door_lid,
    )


def fiche_indienen(*, project: Project, werkgroep, gelezen_versie: int, door) -> Projectfiche:
    """Submit the fiche exactly as the member last saw it (``gelezen_versie``).

    A member cannot undo this, so a fiche someone changed since is not submitted:
    ``versies.VersieVerouderd`` names who changed it.
    """
    fiche = Projectfiche.objects.get(project=project, werkgroep=werkgroep)
    ingediend, _samenvoeging = versies.bewaren(
        FICHE,
        fiche.pk,
        gelezen_versie=gelezen_versie,
        overige={"status": Projectfiche.Status.INGEDIEND},
        door=door,
        voorwaarde=_bewerkbaar_door_lid,
        alleen_ongewijzigd=True,
    )
    return ingediend


def fiche_beoordelen(*, fiche: Projectfiche, status: str, opmerking: str, door) -> Projectfiche:
    """The secretariat accepts a submitted fiche, or returns it with a comment."""
    beoordeeld, _samenvoeging = versies.bewaren(
        FICHE,
        fiche.pk,
        gelezen_versie=None,
        overige={"status": status, "opmerking_secretariaat": opmerking},
        door=door,
    )
    return beoordeeld

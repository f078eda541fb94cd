"""Writes of the projecten app: saving a fiche without losing anyone's text, and telling
the other side when it is submitted or reviewed.

Every save of a fiche (a member's, a submission, the secretariat's in the admin, an
acceptance) is the one guarded save of ``kern.versies``: merged with what others saved
since the form was opened, then one guarded update claims the next version.

Mail goes through ``kern.mail`` once the save commits: a submission to the secretariat
(``selectors.beoordelaars``), a review to the project's members with an account
(``selectors.medewerkers_met_account``); never to whoever did it.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from kern import mail, versies
from werkgroep import selectors as werkgroep_selectors

from . import selectors
from .models import Project, Projectfiche


class FicheVersies(versies.Veldversies):
    """A fiche's content for the merge: its texts, and the secretariat's status and comment."""

    model = Projectfiche
    VELDEN = ["status", "opmerking_secretariaat", *Projectfiche.INHOUD]

    def soort(self, veld: str) -> versies.Soort:
        return versies.Soort.KEUZE if veld == "status" else versies.Soort.TEKST


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


def fiche_indienen(
    *, project: Project, werkgroep, gelezen_versie: int, door, adres: str = ""
) -> Projectfiche:
    """Submit the fiche exactly as the member last saw it (``gelezen_versie``), and tell
    the secretariat (``adres``: the fiche page's absolute address, for the mail's link).

    A member cannot undo this, so a fiche someone changed since is not submitted:
    ``versies.VersieVerouderd`` names who changed it.
    """
    with transaction.atomic():
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
        _melden(
            "projecten/mail/fiche_ingediend",
            selectors.beoordelaars().exclude(pk=door.pk),
            ingediend,
            door=door,
            adres=adres,
        )
    return ingediend


BEOORDELINGEN = (Projectfiche.Status.AANVAARD, Projectfiche.Status.TERUGGESTUURD)


def _wacht_op_beoordeling(fiche: Projectfiche) -> None:
    if fiche.status != Projectfiche.Status.INGEDIEND:
        raise ValidationError(
            _("Deze fiche wacht niet op een beoordeling: ze is %(status)s.")
            % {"status": fiche.get_status_display()}
        )


def fiche_beoordelen(
    *,
    fiche: Projectfiche,
    status: str,
    opmerking: str,
    door,
    gelezen_versie: int | None = None,
    adres: str = "",
) -> Projectfiche:
    """The secretariat accepts a submitted fiche, or returns it with a comment, and the
    project's members are told (``adres``: the fiche page's absolute address).

    Only a submitted fiche is reviewed (``ValidationError`` otherwise, also when a
    colleague reviewed it first). A review made from the version ``gelezen_versie`` is
    refused with ``versies.VersieVerouderd`` when someone saved since: what was judged is
    no longer what would be accepted. Returning needs a comment (the model's ``clean``).
    """
    if status not in BEOORDELINGEN:
        raise ValidationError(_("Een fiche wordt aanvaard of teruggestuurd."))
    with transaction.atomic():  # a refused comment leaves no claimed version behind
        beoordeeld, _samenvoeging = versies.bewaren(
            FICHE,
            fiche.pk,
            gelezen_versie=gelezen_versie,
            overige={"status": status, "opmerking_secretariaat": opmerking},
            door=door,
            voorwaarde=_wacht_op_beoordeling,
            alleen_ongewijzigd=gelezen_versie is not None,
        )
        _melden(
            "projecten/mail/fiche_beoordeeld",
            selectors.medewerkers_met_account(beoordeeld.project).exclude(pk=door.pk),
            beoordeeld,
            door=door,
            adres=adres,
        )
    return beoordeeld


def _melden(sjabloon: str, accounts, fiche: Projectfiche, *, door, adres: str) -> int:
    """Mail ``accounts`` about ``fiche``, each in their language, once the save commits."""
    return mail.sturen(
        sjabloon,
        [werkgroep_selectors.ontvanger_van(account) for account in accounts],
        {
            "fiche": fiche,
            "project": fiche.project,
            "werkgroep": fiche.werkgroep,
            "door": door.get_full_name() or door.get_username(),
            "adres": adres,
        },
    )

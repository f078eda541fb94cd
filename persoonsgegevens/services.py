"""The steps of answering a person: record an export (art. 15), request their erasure on
that export, and carry it out when a second member of the secretariat confirms (art. 17).

As pretix's shredder: no erasure without the export first, and none when the person's data
changed since that export (its fingerprint, recomputed); and as the issue asks, never by
one person alone. Who may take these steps is the rule ``persoonsgegevens.wissen``, asked by
the admin's views; what must hold whoever asks is checked here and in the constraints."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from werkgroep.models import Deelnemer

from . import export, wissen
from .models import Uitvoer, Wisverzoek


class Geweigerd(ValidationError):
    """A step refused, with its reason in the reader's language."""


def uitvoer_vastleggen(
    *, deelnemer: Deelnemer, gegevens: export.Export, door=None, via: str
) -> Uitvoer:
    """Record that ``gegevens`` (the export of ``deelnemer``) was handed out."""
    uitvoer = Uitvoer(
        deelnemer=deelnemer,
        door=door,
        via=via,
        vingerafdruk=export.vingerafdruk(gegevens),
    )
    uitvoer.full_clean()
    uitvoer.save()
    return uitvoer


def laatste_uitvoer(deelnemer: Deelnemer) -> Uitvoer | None:
    return Uitvoer.objects.filter(deelnemer=deelnemer).order_by("-gemaakt_op", "-pk").first()


def _ongewijzigd_sinds(uitvoer: Uitvoer) -> None:
    if export.vingerafdruk(export.verzamelen(uitvoer.deelnemer)) != uitvoer.vingerafdruk:
        raise Geweigerd(
            _(
                "De gegevens van deze persoon zijn gewijzigd sinds de export van %(op)s. "
                "Maak een nieuwe export, bezorg die aan de persoon en vraag het wissen "
                "opnieuw aan."
            )
            % {"op": timezone.localtime(uitvoer.gemaakt_op).strftime("%d/%m/%Y %H:%M")},
            code="gewijzigd",
        )


def wissen_aanvragen(*, deelnemer: Deelnemer, door) -> Wisverzoek:
    """Record a request to forget ``deelnemer``, on their latest export."""
    with transaction.atomic():
        Deelnemer.objects.select_for_update().get(pk=deelnemer.pk)
        uitvoer = laatste_uitvoer(deelnemer)
        if uitvoer is None:
            raise Geweigerd(
                _(
                    "Er is nog geen export van de gegevens van deze persoon. Voer ze eerst uit "
                    "(actie “Persoonsgegevens uitvoeren”) en bezorg ze aan de persoon."
                ),
                code="geen_export",
            )
        if Wisverzoek.objects.filter(deelnemer=deelnemer, status=Wisverzoek.Status.OPEN).exists():
            raise Geweigerd(
                _("Voor deze persoon wacht al een verzoek op bevestiging."), code="al_open"
            )
        _ongewijzigd_sinds(uitvoer)
        verzoek = Wisverzoek(
            deelnemer=deelnemer,
            uitvoer=uitvoer,
            aangevraagd_door=door,
            pseudoniem=wissen.pseudoniem(deelnemer),
        )
        verzoek.full_clean()
        verzoek.save()
    return verzoek


def vergrendelen(pk) -> Wisverzoek:
    """The request, locked until the transaction ends: of two confirmations at once, the
    second waits and then finds it carried out."""
    return Wisverzoek.objects.select_for_update().get(pk=pk)


def wissen_bevestigen(*, verzoek: Wisverzoek, door) -> wissen.Uitkomst:
    """Confirm ``verzoek`` and forget the person, in one transaction: refused when ``door``
    asked for it, when it was carried out already, or when the data changed since the export
    it rests on."""
    with transaction.atomic():
        verzoek = vergrendelen(verzoek.pk)
        if verzoek.status != Wisverzoek.Status.OPEN:
            raise Geweigerd(_("Dit verzoek is al uitgevoerd."), code="uitgevoerd")
        if verzoek.aangevraagd_door_id == door.pk:
            raise Geweigerd(
                _(
                    "U vroeg dit wissen zelf aan; een tweede lid van het secretariaat moet het "
                    "bevestigen."
                ),
                code="zelfde_persoon",
            )
        _ongewijzigd_sinds(verzoek.uitvoer)
        uitkomst = wissen.vergeten(verzoek.deelnemer, verzoek.pseudoniem)
        verzoek.status = Wisverzoek.Status.UITGEVOERD
        verzoek.bevestigd_door = door
        verzoek.bevestigd_op = timezone.now()
        verzoek.full_clean()
        verzoek.save(update_fields=["status", "bevestigd_door", "bevestigd_op"])
    return uitkomst

"""Writes of the minutes and the meeting files.

Every change to the minutes' text and status is the one guarded save of ``kern.versies``:
a save from a stale tab merges with what was saved since, or shows both texts; a step
that cannot be undone (sending for approval, approving) is refused when the text changed
since the page showed it. The life cycle: *concept* → *ter goedkeuring* (mailed to the
attendees) → *goedgekeurd*, only once the group's next meeting has come (its last
possible day); minutes sent for approval can be taken back to *concept*.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from kern import mail, versies
from werkgroep.models import Deelnemer, Vergadering
from werkgroep.selectors import vergadering_begonnen

from . import inhoud, selectors
from .models import Actie, Besluit, Notulen, Vergaderstuk


class NotulenVersies(versies.Veldversies):
    """The minutes' content for the merge: their text (the status moves by its own steps)."""

    model = Notulen
    VELDEN = ["tekst"]


NOTULEN = NotulenVersies()


def notulen_voor(vergadering: Vergadering) -> Notulen:
    """The meeting's minutes, made (empty, a draft) the first time someone writes."""
    notulen, _nieuw = Notulen.objects.get_or_create(vergadering=vergadering)
    return notulen


def _niet_definitief(notulen: Notulen) -> None:
    """Final minutes (approved, or recorded as the meeting's report) no longer change."""
    if notulen.goedgekeurd:
        raise ValidationError(_("Goedgekeurde notulen veranderen niet meer."))
    if notulen.definitief:
        raise ValidationError(_("Vastgelegde notulen veranderen niet meer."))


def notulen_opslaan(
    *, vergadering: Vergadering, gelezen_versie: int, tekst: str, door
) -> tuple[Notulen, versies.Samenvoeging]:
    """Save the minutes' text, merged with what others saved since ``gelezen_versie``.

    Raises ``versies.Samenvoegconflict`` (nothing saved) when both changed the text, and
    ``ValidationError`` once the minutes are approved.
    """
    notulen = notulen_voor(vergadering)
    return versies.bewaren(
        NOTULEN,
        notulen.pk,
        gelezen_versie=gelezen_versie,
        mijn={"tekst": tekst},
        door=door,
        voorwaarde=_niet_definitief,
    )


def _status_zetten(notulen, *, gelezen_versie, door, voorwaarde, overige) -> Notulen:
    nieuw, _samenvoeging = versies.bewaren(
        NOTULEN,
        notulen.pk,
        gelezen_versie=gelezen_versie,
        overige=overige,
        door=door,
        voorwaarde=voorwaarde,
        alleen_ongewijzigd=gelezen_versie is not None,
    )
    return nieuw


def notulen_ter_goedkeuring(
    *,
    notulen: Notulen,
    door,
    gelezen_versie: int | None = None,
    adres: str = "",
    vandaag: dt.date | None = None,
) -> tuple[Notulen, int]:
    """Send a draft to the meeting's attendees for their comments; returns the minutes and
    how many mails go out (``adres``: the minutes page's absolute address, for the link).

    Only a draft with a text, on or after the meeting's day (``vandaag``: today); when
    ``gelezen_versie`` is given, only the text the page showed (``versies.VersieVerouderd``
    names who changed it since).
    """

    def voorwaarde(huidig: Notulen) -> None:
        if huidig.status != Notulen.Status.CONCEPT:
            raise ValidationError(
                _("Deze notulen zijn al %(status)s.") % {"status": huidig.get_status_display()}
            )
        if not huidig.tekst.strip():
            raise ValidationError(_("Schrijf eerst de notulen: de tekst is leeg."))
        if not vergadering_begonnen(huidig.vergadering, vandaag):
            raise ValidationError(
                _("De vergadering is op %(dag)s: de notulen gaan ter goedkeuring op of na die dag.")
                % {"dag": formats.date_format(huidig.vergadering.datum_van, "SHORT_DATE_FORMAT")}
            )

    with transaction.atomic():
        verstuurd = _status_zetten(
            notulen,
            gelezen_versie=gelezen_versie,
            door=door,
            voorwaarde=voorwaarde,
            overige={"status": Notulen.Status.TER_GOEDKEURING, "verstuurd_op": timezone.now()},
        )
        aanwezigen = [
            a
            for a in selectors.aanwezigen(verstuurd.vergadering)
            if a.ontvanger is not None and _niet_van(a.ontvanger, door)
        ]
        context = {
            "notulen": verstuurd,
            "vergadering": verstuurd.vergadering,
            "werkgroep": verstuurd.vergadering.werkgroep,
            "besluiten": list(verstuurd.besluiten.all()),
            "acties": list(verstuurd.acties.select_related("eigenaar")),
            "door": door.get_full_name() or door.get_username(),
            "antwoordadres": door.email,
            "adres": adres,
        }
        deelnemers = [a.ontvanger for a in aanwezigen if not a.gast]
        aantal = mail.sturen(selectors.NOTULENMAIL, deelnemers, context)
        # A guest cannot log in: her mail carries the minutes, without the link to the site.
        al = {o.adres.strip().lower() for o in deelnemers}
        aantal += mail.sturen(
            selectors.NOTULENMAIL,
            [a.ontvanger for a in aanwezigen if a.gast and a.ontvanger.adres.lower() not in al],
            {**context, "adres": ""},
        )
    return verstuurd, aantal


def _niet_van(ontvanger: mail.Ontvanger, door) -> bool:
    return not door.email or ontvanger.adres.strip().lower() != door.email.strip().lower()


def notulen_terugnemen(*, notulen: Notulen, door, gelezen_versie: int | None = None) -> Notulen:
    """Minutes sent for approval back to a draft (to rework them after the comments)."""

    def voorwaarde(huidig: Notulen) -> None:
        if huidig.status != Notulen.Status.TER_GOEDKEURING:
            raise ValidationError(_("Alleen notulen ter goedkeuring gaan terug naar concept."))

    return _status_zetten(
        notulen,
        gelezen_versie=gelezen_versie,
        door=door,
        voorwaarde=voorwaarde,
        overige={"status": Notulen.Status.CONCEPT},
    )


def notulen_goedkeuren(
    *, notulen: Notulen, door, gelezen_versie: int | None = None, vandaag: dt.date | None = None
) -> Notulen:
    """Approve minutes sent for approval, recording who and when: at or after the group's
    next meeting (its last possible day), never before, and never without one."""
    vandaag = vandaag or timezone.localdate()

    def voorwaarde(huidig: Notulen) -> None:
        if huidig.status != Notulen.Status.TER_GOEDKEURING:
            raise ValidationError(
                _(
                    "Alleen notulen die ter goedkeuring naar de aanwezigen gingen, worden "
                    "goedgekeurd; deze zijn %(status)s."
                )
                % {"status": huidig.get_status_display()}
            )
        volgende = selectors.volgende_vergadering(huidig.vergadering)
        if volgende is None:
            raise ValidationError(
                _(
                    "Notulen worden goedgekeurd op de volgende vergadering van de werkgroep, "
                    "en die is nog niet gepland."
                )
            )
        if vandaag < volgende.datum_tot:
            raise ValidationError(
                _(
                    "Notulen worden goedgekeurd op de volgende vergadering van de werkgroep "
                    "(%(datum)s); keur ze op of na %(dag)s goed."
                )
                % {
                    "datum": volgende.datum,
                    "dag": formats.date_format(volgende.datum_tot, "SHORT_DATE_FORMAT"),
                }
            )

    return _status_zetten(
        notulen,
        gelezen_versie=gelezen_versie,
        door=door,
        voorwaarde=voorwaarde,
        overige={
            "status": Notulen.Status.GOEDGEKEURD,
            "goedgekeurd_op": timezone.now(),
            "goedgekeurd_door": door,
        },
    )


@transaction.atomic
def besluit_toevoegen(*, vergadering: Vergadering, tekst: str) -> Besluit:
    """A decision at the end of the minutes' list (the minutes made if need be)."""
    notulen = _notulen_vergrendeld(vergadering)
    _niet_definitief(notulen)
    volgorde = (notulen.besluiten.aggregate(m=Max("volgorde"))["m"] or 0) + 1
    besluit = Besluit(notulen=notulen, volgorde=volgorde, tekst=tekst.strip())
    besluit.full_clean()
    besluit.save()
    return besluit


@transaction.atomic
def actie_toevoegen(
    *,
    vergadering: Vergadering,
    omschrijving: str,
    eigenaar: Deelnemer | None = None,
    deadline: dt.date | None = None,
) -> Actie:
    """An action agreed at the meeting (the minutes made if need be)."""
    notulen = _notulen_vergrendeld(vergadering)
    _niet_definitief(notulen)
    actie = Actie(
        notulen=notulen, omschrijving=omschrijving.strip(), eigenaar=eigenaar, deadline=deadline
    )
    actie.full_clean()
    actie.save()
    return actie


def _notulen_vergrendeld(vergadering: Vergadering) -> Notulen:
    """The meeting's minutes, locked until the transaction ends (made if need be)."""
    notulen = notulen_voor(vergadering)
    return versies.vergrendelen(Notulen.objects.all(), notulen.pk)


def actie_afhandelen(*, actie: Actie, door, op: dt.date | None = None) -> Actie:
    """Mark an action done (today unless ``op``); done once, the first date stays."""
    gewijzigd = Actie.objects.filter(pk=actie.pk, afgehandeld_op__isnull=True).update(
        afgehandeld_op=op or timezone.localdate(), afgehandeld_door=door
    )
    if not gewijzigd:
        raise ValidationError(_("Deze actie was al afgehandeld."))
    actie.refresh_from_db()
    return actie


def vergaderstuk_toevoegen(
    *,
    vergadering: Vergadering,
    soort: str,
    titel: str,
    bestand,
    door,
    bijlage_bij_jaarverslag: bool = False,
) -> Vergaderstuk:
    """Store an uploaded file with a meeting, after checking what it is by its content
    (``inhoud.herkennen``: ``ValidationError`` for a kind we refuse or a file too large)."""
    herkend = inhoud.herkennen(bestand)
    stuk = Vergaderstuk(
        vergadering=vergadering,
        soort=soort,
        titel=titel.strip(),
        bestandsnaam=_naam(getattr(bestand, "name", ""), herkend),
        inhoudstype=herkend.mimetype,
        grootte=bestand.size,
        geupload_door=door,
        bijlage_bij_jaarverslag=bijlage_bij_jaarverslag,
    )
    stuk.bestand = bestand
    stuk.full_clean()
    stuk.save()
    return stuk


def _naam(naam: str, herkend: inhoud.Inhoud) -> str:
    """The uploaded name without folders, with the extension of what it really is."""
    naam = naam.replace("\\", "/").rsplit("/", 1)[-1].strip() or "bestand"
    stam = naam.rsplit(".", 1)[0] if "." in naam else naam
    return f"{stam[:150]}{herkend.extensie}"


def vergaderstuk_verwijderen(stuk: Vergaderstuk) -> None:
    """Delete a file's record, and the file from the storage once that commits."""
    opslag, naam = stuk.bestand.storage, stuk.bestand.name
    stuk.delete()
    transaction.on_commit(lambda: opslag.delete(naam))

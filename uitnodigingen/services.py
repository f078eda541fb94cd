"""Writes of the invitations: invite, announce, reply, tell of a change, remind.

Every mail goes through ``kern.mail.sturen`` (in the reader's language, sent once the
transaction commits), one per person: each carries a personal reply link and, once the
day is known, a calendar file naming that person.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import prefetch_related_objects
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kern import mail
from kern.versies import vergrendelen
from kern.voorkeuren import talen_van
from werkgroep import services as werkgroep_services
from werkgroep.models import Aanwezigheid, Deelnemer, Vergadering

from . import ics, links, selectors
from .models import Antwoord, Herinnering, Mailsoort, Oproep, Uitnodiging, Verschil

# ---- The personal link -------------------------------------------------------------------


class OngeldigeLink(Exception):
    """A reply link that was changed, or names no invitation."""


class VerlopenLink(Exception):
    """A reply link of a meeting that is over or cancelled."""

    def __init__(self, uitnodiging: Uitnodiging):
        super().__init__()
        self.uitnodiging = uitnodiging


def antwoordlink(uitnodiging: Uitnodiging) -> str:
    """The personal reply link, absolute (``SITE_ADRES``: mails leave from the admin and
    from a command too, without a request)."""
    return _adres(links.pad(uitnodiging))


def _adres(pad: str) -> str:
    return settings.SITE_ADRES.rstrip("/") + pad


def uitnodiging_uit_token(waarde: str, nu: dt.datetime | None = None) -> Uitnodiging:
    """The invitation a link opens; OngeldigeLink when it opens none, VerlopenLink when it
    can no longer be answered at ``nu`` (now): the meeting cancelled, held or over
    (``models.nog_te_beantwoorden``, the rule the "Te doen" and the meeting page use)."""
    try:
        pk, sleutel = links.lezen(waarde)
    except (signing.BadSignature, ValueError, TypeError) as fout:
        raise OngeldigeLink from fout
    uitnodiging = (
        Uitnodiging.objects.select_related("vergadering__werkgroep", "deelnemer")
        .met_beantwoordbaar(nu)
        .filter(pk=pk, sleutel=sleutel, uitgenodigd_op__isnull=False)
        .first()
    )
    if uitnodiging is None:
        raise OngeldigeLink
    if not uitnodiging.beantwoordbaar:
        raise VerlopenLink(uitnodiging)
    return uitnodiging


def antwoord_geven(*, uitnodiging: Uitnodiging, antwoord: str, opmerking: str = "") -> None:
    """Record (or change) a reply."""
    uitnodiging.antwoord = Antwoord(antwoord).value
    uitnodiging.opmerking = opmerking.strip()
    uitnodiging.beantwoord_op = timezone.now()
    uitnodiging.full_clean()
    uitnodiging.save(update_fields=["antwoord", "opmerking", "beantwoord_op"])


# ---- Attendance with the guests ----------------------------------------------------------


class GastenGewijzigd(Exception):
    """The invited guests' attendance changed since the page showed it: nothing saved."""

    def __init__(self, namen: list[str]):
        super().__init__(", ".join(namen))
        self.namen = namen


def aanwezigheid_opnemen(
    *,
    vergadering: Vergadering,
    statussen: Mapping[int, str],
    gelezen: Mapping[int, str],
    gasten_statussen: Mapping[int, str],
    gasten_gelezen: Mapping[int, str],
    gasten: Sequence[werkgroep_services.Gast] = (),
    gasten_met_adres: Sequence[Gast] = (),
    gehouden: bool = False,
    vandaag: dt.date | None = None,
) -> Counter:
    """The attendance screen's save, all or nothing, refused before the meeting's day
    (``selectors.waarom_geen_aanwezigheid``, read on the locked row): the participants'
    (werkgroep's service, which locks the meeting and catches a stale page) and the
    guests' on their invitations (``gasten_statussen``: invitation id → status, "" none),
    guarded the same way (:class:`GastenGewijzigd`). A guest stays a guest: her address and
    name stay on her invitation, and no count of members includes her.

    ``gasten_met_adres`` came uninvited and left an address: each is recorded present on
    an invitation row of her own, as an invited guest is (the minutes reach her); an
    address of a participant is that participant, recorded present; the meeting's row of
    that address (an invited guest) is marked present. Returns the people per status,
    guests included."""
    with transaction.atomic():
        actueel = vergrendelen(Vergadering.objects, vergadering.pk)
        if reden := selectors.waarom_geen_aanwezigheid(actueel, vandaag):
            raise ValidationError(reden)
        adressen = {g.email.lower(): g for g in gasten_met_adres}
        deelnemers = (
            {
                d.adres: d
                for d in Deelnemer.objects.annotate(adres=Lower("email")).filter(
                    adres__in=list(adressen)
                )
            }
            if adressen
            else {}
        )
        aantallen = werkgroep_services.aanwezigheid_opnemen(
            vergadering=vergadering,
            statussen=statussen,
            gelezen=gelezen,
            gasten=[*gasten, *(werkgroep_services.Gast(deelnemer=d) for d in deelnemers.values())],
            gehouden=gehouden,
            vandaag=vandaag,
        )
        alle = list(Uitnodiging.objects.filter(vergadering=vergadering, deelnemer__isnull=True))
        # On the screen: the invited guests, and those recorded without an invitation.
        rijen = {u.pk: u for u in alle if u.uitgenodigd_op or u.aanwezigheid}
        opgeslagen = {pk: u.aanwezigheid for pk, u in rijen.items() if u.aanwezigheid}
        getoond = {pk: s for pk, s in gasten_gelezen.items() if s}
        if opgeslagen != getoond:
            raise GastenGewijzigd(
                sorted(
                    rijen[pk].weergavenaam
                    for pk in set(opgeslagen) | set(getoond)
                    if pk in rijen and opgeslagen.get(pk) != getoond.get(pk)
                )
            )
        if onbekend := {s for s in gasten_statussen.values() if s} - set(
            Aanwezigheid.Status.values
        ):
            raise ValidationError(
                _("Onbekende status: %(s)s.") % {"s": ", ".join(sorted(onbekend))}
            )
        gewijzigd = {}
        for pk, status in gasten_statussen.items():
            if pk in rijen and rijen[pk].aanwezigheid != status:
                rijen[pk].aanwezigheid = status
                gewijzigd[pk] = rijen[pk]
        per_adres = {u.email.lower(): u for u in alle}
        nieuw = []
        for adres, gast in adressen.items():
            if adres in deelnemers:
                continue
            rij = per_adres.get(adres)
            if rij is None:
                rij = Uitnodiging(vergadering=vergadering, email=gast.email, naam=gast.naam)
                rij.full_clean(exclude=["vergadering", "laatste_mail"], validate_unique=False)
                nieuw.append(rij)
            else:
                rij.naam = rij.naam or gast.naam
                gewijzigd[rij.pk] = rij
            rij.aanwezigheid = Aanwezigheid.Status.AANWEZIG
            rijen[rij.pk or id(rij)] = rij
        # A guest who came uninvited and is now "niet vermeld" is no one's guest any more.
        weg = [u.pk for u in gewijzigd.values() if not _uitgenodigd_of_opgenomen(u)]
        if weg:
            Uitnodiging.objects.filter(pk__in=weg).delete()
        if bewaard := [u for u in gewijzigd.values() if u.pk not in weg]:
            Uitnodiging.objects.bulk_update(bewaard, ["aanwezigheid", "naam"])
        if nieuw:
            Uitnodiging.objects.bulk_create(nieuw)
        return aantallen + Counter(u.aanwezigheid for u in rijen.values() if u.aanwezigheid)


def _uitgenodigd_of_opgenomen(uitnodiging: Uitnodiging) -> bool:
    return bool(
        uitnodiging.uitgenodigd_op or uitnodiging.aangekondigd_op or uitnodiging.aanwezigheid
    )


# ---- Inviting ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Gast:
    email: str
    naam: str = ""


@dataclass(frozen=True)
class Verzonden:
    """What an invitation round did: how many were mailed, and who was left alone because
    they already had this mail (to be sent again one by one, on purpose)."""

    aantal: int
    al_gehad: list[str]


def uitnodigen(
    *, vergadering: Vergadering, deelnemers: Iterable[Deelnemer], gasten: Iterable[Gast] = ()
) -> Verzonden:
    """Invite these members and guests (those already invited are left alone, and named),
    or, while the day is unknown, announce the meeting to them.

    The meeting's row is locked first, so two rounds at once (a double click) run one after
    the other: one ``Oproep``, one mail per person, the second round finds everyone done."""
    if reden := selectors.waarom_niet_versturen(vergadering):
        raise ValidationError(reden)
    aankondiging = not vergadering.dag_bekend
    nu = timezone.now()
    with transaction.atomic():
        vergrendelen(Vergadering.objects, vergadering.pk)
        oproep = Oproep.objects.filter(vergadering=vergadering).first()
        if oproep is None:
            oproep = Oproep(vergadering=vergadering, stand=Oproep.Stand.AANGEKONDIGD)
            oproep.overnemen(vergadering)
        if oproep.stand == Oproep.Stand.GEANNULEERD:
            raise ValidationError(_("De vergadering werd al geannuleerd."))
        if not aankondiging and oproep.stand == Oproep.Stand.AANGEKONDIGD:
            # The day is known now: what the invitations say is what a change compares with.
            oproep.stand = Oproep.Stand.UITGENODIGD
            oproep.overnemen(vergadering)
        oproep.verstuurd_op = nu
        oproep.full_clean()
        oproep.save()

        veld = "aangekondigd_op" if aankondiging else "uitgenodigd_op"
        te_mailen, al_gehad = [], []
        for ontvanger in _uitnodigingen_voor(vergadering, deelnemers, gasten):
            if getattr(ontvanger, veld) is not None:
                al_gehad.append(ontvanger.weergavenaam)
                continue
            setattr(ontvanger, veld, nu)
            # The fields as given; the meeting's row is locked, and one row per person and
            # an address are the database's named constraints (no query per person here).
            ontvanger.full_clean(
                exclude=["vergadering", "deelnemer", "laatste_mail"],
                validate_unique=False,
                validate_constraints=False,
            )
            te_mailen.append(ontvanger)
        bestaand = [u for u in te_mailen if u.pk is not None]
        Uitnodiging.objects.bulk_create([u for u in te_mailen if u.pk is None])
        Uitnodiging.objects.bulk_update(bestaand, [veld])
        _mailen_alle(
            te_mailen, oproep, Mailsoort.AANKONDIGING if aankondiging else Mailsoort.UITNODIGING
        )
    return Verzonden(aantal=len(te_mailen), al_gehad=al_gehad)


def opnieuw_uitnodigen(*, uitnodiging: Uitnodiging) -> None:
    """Send one person what they were sent last (the invitation, or the announcement while
    the day is unknown) again, as it stands now: e.g. when the mail never arrived."""
    vergadering = uitnodiging.vergadering
    if reden := selectors.waarom_niet_versturen(vergadering):
        raise ValidationError(reden)
    with transaction.atomic():
        vergrendelen(Vergadering.objects, vergadering.pk)
        oproep = Oproep.objects.filter(vergadering=vergadering).first()
        uitnodiging.refresh_from_db()
        if oproep is None or oproep.stand == Oproep.Stand.GEANNULEERD:
            raise ValidationError(_("Er is voor deze vergadering niets om opnieuw te sturen."))
        if uitnodiging.uitgenodigd_op and vergadering.dag_bekend:
            _mailen(uitnodiging, oproep, Mailsoort.UITNODIGING)
        elif uitnodiging.aangekondigd_op and not vergadering.dag_bekend:
            _mailen(uitnodiging, oproep, Mailsoort.AANKONDIGING)
        else:
            raise ValidationError(
                _("%(naam)s werd nog niet uitgenodigd.") % {"naam": uitnodiging.weergavenaam}
            )


def _uitnodigingen_voor(vergadering, deelnemers, gasten) -> list[Uitnodiging]:
    """The invitation row of each person (existing ones reused), without a second row for
    an address given twice or a guest who is a member."""
    bestaand = list(vergadering.uitnodigingen.select_related("deelnemer"))
    per_deelnemer = {u.deelnemer_id: u for u in bestaand if u.deelnemer_id}
    per_adres = {u.email.lower(): u for u in bestaand}
    rijen: dict[int, Uitnodiging] = {}
    for deelnemer in deelnemers:
        if not deelnemer.email:
            continue
        rij = per_deelnemer.get(deelnemer.pk) or per_adres.get(deelnemer.email.lower())
        if rij is None:
            rij = Uitnodiging(vergadering=vergadering, deelnemer=deelnemer, email=deelnemer.email)
            per_adres[rij.email.lower()] = rij
        rijen[id(rij)] = rij
    namen = _eerdere_namen([g.email for g in gasten if not g.naam.strip()])
    for gast in gasten:
        rij = per_adres.get(gast.email.lower())
        if rij is None:
            naam = gast.naam.strip() or namen.get(gast.email.lower(), "")
            rij = Uitnodiging(vergadering=vergadering, email=gast.email, naam=naam)
            per_adres[rij.email.lower()] = rij
        rijen[id(rij)] = rij
    return list(rijen.values())


def _eerdere_namen(adressen: Sequence[str]) -> dict[str, str]:
    """Address (lower case) → the name last typed with it for a guest, at any meeting: a
    known guest invited again by address alone is still greeted by name ("Dag An
    Peeters,"). One query, none when every guest came with a name."""
    if not adressen:
        return {}
    namen: dict[str, str] = {}
    for adres, naam in (
        Uitnodiging.objects.annotate(adres=Lower("email"))
        .filter(deelnemer__isnull=True, adres__in={a.lower() for a in adressen})
        .exclude(naam="")
        .order_by("-pk")
        .values_list("adres", "naam")
    ):
        namen.setdefault(adres, naam)
    return namen


# ---- A meeting changed -------------------------------------------------------------------


def vergadering_bewaard(vergadering: Vergadering) -> None:
    """After a save of the meeting: tell the invited of a cancellation, of a changed date,
    hour or place (what changed, compared with what they were told), or that a cancelled
    meeting goes ahead after all; each once, the sequence number raised."""
    if not Oproep.objects.filter(vergadering=vergadering).exists():
        return  # nobody was told anything (one query per save of a meeting)
    with transaction.atomic():
        oproep = Oproep.objects.select_for_update().get(vergadering=vergadering)
        oproep.vergadering = vergadering
        geannuleerd = vergadering.status == Vergadering.Status.GEANNULEERD
        if oproep.stand == Oproep.Stand.GEANNULEERD:
            if not geannuleerd:
                _toch_door(vergadering, oproep)
            return
        if geannuleerd:
            _annuleren(vergadering, oproep)
            return
        if oproep.stand != Oproep.Stand.UITGENODIGD or not oproep.wijkt_af(vergadering):
            return
        verschillen = oproep.verschillen(vergadering)
        oproep.overnemen(vergadering)
        _nieuwe_versie(oproep)
        _mailen_alle(
            list(
                vergadering.uitnodigingen.filter(uitgenodigd_op__isnull=False).select_related(
                    "deelnemer"
                )
            ),
            oproep,
            Mailsoort.WIJZIGING,
            verschillen=verschillen,
        )


def _nieuwe_versie(oproep: Oproep) -> None:
    oproep.volgnummer += 1
    oproep.verstuurd_op = timezone.now()
    oproep.save()


def _annuleren(vergadering: Vergadering, oproep: Oproep) -> None:
    was_uitgenodigd = oproep.stand == Oproep.Stand.UITGENODIGD
    oproep.stand = Oproep.Stand.GEANNULEERD
    _nieuwe_versie(oproep)
    _mailen_alle(
        [
            u
            for u in vergadering.uitnodigingen.select_related("deelnemer")
            if u.uitgenodigd_op or u.aangekondigd_op
        ],
        oproep,
        Mailsoort.ANNULERING,
        ics_mee=was_uitgenodigd,
    )


def _toch_door(vergadering: Vergadering, oproep: Oproep) -> None:
    """A cancelled meeting set back to planned (or held): who was told of the cancellation
    hears it goes ahead after all, with what differs from what they were last told; who
    was invited gets the calendar request again at a higher sequence, so the calendar
    that removed the meeting shows it again."""
    rijen = list(vergadering.uitnodigingen.select_related("deelnemer"))
    uitgenodigd = [u for u in rijen if u.uitgenodigd_op]
    aangekondigd = [u for u in rijen if u.aangekondigd_op and not u.uitgenodigd_op]
    verschillen = oproep.verschillen(vergadering)
    if uitgenodigd and vergadering.dag_bekend:
        oproep.stand = Oproep.Stand.UITGENODIGD
    else:
        oproep.stand = Oproep.Stand.AANGEKONDIGD
    oproep.overnemen(vergadering)
    _nieuwe_versie(oproep)
    # Only the invited get the calendar request and a reply link (an announced person's
    # link opens nothing until they are invited).
    met_kalender = oproep.stand == Oproep.Stand.UITGENODIGD
    _mailen_alle(
        uitgenodigd if met_kalender else [],
        oproep,
        Mailsoort.TOCH_DOOR,
        verschillen=verschillen,
    )
    _mailen_alle(
        aangekondigd + ([] if met_kalender else uitgenodigd),
        oproep,
        Mailsoort.TOCH_DOOR,
        ics_mee=False,
        verschillen=verschillen,
    )


# ---- Reminders ---------------------------------------------------------------------------


def herinneringen_sturen(vandaag: dt.date | None = None) -> int:
    """Remind who did not answer, a few days before (settings.HERINNERING_DAGEN_VOORAF):
    once per meeting day whatever moves (a day and back), at most once a day.

    Each is claimed first: the invitation's row locked and its answer read again, then the
    :class:`Herinnering` inserted, whose named constraints refuse a second one for that
    meeting day or on that day; so two runs, even at once, never send the same twice."""
    nu = timezone.now() if vandaag is None else None
    vandaag = vandaag or timezone.localdate()
    aantal = 0
    for uitnodiging in selectors.te_herinneren(vandaag, nu=nu):
        dag = uitnodiging.vergadering.datum_van
        with transaction.atomic():
            open_rij = (
                Uitnodiging.objects.select_for_update(of=("self",))
                .filter(pk=uitnodiging.pk, antwoord="")
                .order_by()
            )
            if not list(open_rij.values_list("pk", flat=True)):
                continue  # answered meanwhile
            try:
                with transaction.atomic():
                    Herinnering.objects.create(uitnodiging=uitnodiging, voor=dag, op=vandaag)
            except IntegrityError:
                continue  # another run had it, or a reminder went out today already
            _mailen(uitnodiging, uitnodiging.vergadering.oproep, Mailsoort.HERINNERING)
            aantal += 1
    return aantal


# ---- The mail ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Benaming:
    """The meeting as a subject names it: its kind when recorded, its date and its hour,
    so two meetings on one day get two subjects. Written out when the mail is rendered,
    in the reader's language."""

    vergadering: Vergadering

    def __str__(self) -> str:
        vergadering = self.vergadering
        tekst = str(vergadering.datum)
        if vergadering.soort:
            tekst = f"{vergadering.get_soort_display()} {tekst}"
        if vergadering.aanvang:
            tekst = f"{tekst}, {vergadering.aanvang:%H:%M}"
        return tekst


def _per_soort(verschillen: Sequence[Verschil]) -> list[Verschil]:
    """The subject's kinds of change, each once: a start and an end hour are one "uur"."""
    per_soort: dict[str, Verschil] = {}
    for verschil in verschillen:
        per_soort.setdefault(verschil.onderwerpsoort, verschil)
    return list(per_soort.values())


def _ontvanger(uitnodiging: Uitnodiging, talen: dict[int, str]) -> mail.Ontvanger:
    deelnemer = uitnodiging.deelnemer
    if deelnemer is None:  # a guest: greeted by the name typed ("Dag Anna Peeters,")
        return mail.Ontvanger(
            adres=uitnodiging.email, naam=uitnodiging.naam, aanspreken=uitnodiging.naam
        )
    return mail.Ontvanger(
        adres=uitnodiging.email,
        taal=talen.get(deelnemer.account_id, ""),
        naam=deelnemer.naam,
        aanspreken=deelnemer.voornaam,
    )


def _mailen(uitnodiging: Uitnodiging, oproep: Oproep, soort: Mailsoort, *, ics_mee: bool = True):
    """:func:`_mailen_alle` for one person."""
    _mailen_alle([uitnodiging], oproep, soort, ics_mee=ics_mee)


def _mailen_alle(
    uitnodigingen: list[Uitnodiging],
    oproep: Oproep,
    soort: Mailsoort,
    *,
    ics_mee: bool = True,
    verschillen: Sequence[Verschil] = (),
) -> None:
    """One mail of ``soort`` to each person, with their calendar file when the day is known;
    an update names what changed (``verschillen``), each fact once.

    All of one meeting: its agenda and the readers' languages are read once, the mails
    kept in one insert and the rows told of them in one update, so a round costs the same
    queries for 3 people or 300 (each mail is still queued and sent on its own)."""
    if not uitnodigingen:
        return
    vergadering = uitnodigingen[0].vergadering
    prefetch_related_objects([vergadering], "agendapunten")
    talen = talen_van(u.deelnemer.account_id for u in uitnodigingen if u.deelnemer_id)
    context = {
        "soort": soort,
        "vergadering": vergadering,
        "werkgroep": vergadering.werkgroep,
        "agenda": list(vergadering.agendapunten.all()),
        "vergaderadres": _adres(reverse("werkgroep:vergadering_detail", args=[vergadering.pk])),
        "secretariaat": vergadering.werkgroep.secretariaat,
        "benaming": Benaming(vergadering),
        "verschillen": list(verschillen),
        "gewijzigd": [v.label for v in _per_soort(verschillen)],
    }
    berichten = []
    for uitnodiging in uitnodigingen:
        uitnodiging.vergadering = vergadering
        ontvanger = _ontvanger(uitnodiging, talen)
        bijlagen = []
        if ics_mee and soort.kalendermethode and vergadering.dag_bekend:
            with translation.override(ontvanger.taal or settings.LANGUAGE_CODE):
                inhoud = ics.uitnodiging_ics(
                    uitnodiging, methode=soort.kalendermethode, volgnummer=oproep.volgnummer
                )
            # iMIP (RFC 6047): the request as an alternative of the text, so a mail client
            # shows a meeting; the same file attached for those that only save files.
            bijlagen.append(
                mail.alternatief_json(
                    mail.Alternatief(
                        inhoud, f"text/calendar; method={soort.kalendermethode}; charset=UTF-8"
                    )
                )
            )
            bijlagen.append(
                mail.bijlage_json("uitnodiging.ics", inhoud.encode(), "application/ics")
            )
        bericht = mail.opstellen(
            "uitnodigingen/mail/uitnodiging",
            ontvanger,
            {
                **context,
                "antwoordlink": antwoordlink(uitnodiging)
                if soort.met_antwoordlink and uitnodiging.uitgenodigd_op
                else "",
                # A guest has no login: only her reply link is hers to open.
                "vergaderadres": "" if uitnodiging.gast else context["vergaderadres"],
            },
        )
        bericht["bijlagen"] = bijlagen
        berichten.append(bericht)
    # Its status is shown with the person (sent, or failed: to send again); an earlier
    # failed mail to them is superseded by this one.
    mail.vervangen(*(u.laatste_mail_id for u in uitnodigingen))
    for uitnodiging, bericht in zip(uitnodigingen, mail.alle_klaarzetten(berichten), strict=True):
        uitnodiging.laatste_mail = bericht
    Uitnodiging.objects.bulk_update(uitnodigingen, ["laatste_mail"])

"""Multi-step writes of the werkgroep app."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kern import mail, versies

from . import selectors
from .models import (
    Aanwezigheid,
    Adresconflict,
    Agendapunt,
    Deelnemer,
    Kalendersleutel,
    Organisatie,
    Vergadering,
    nieuwe_kalendersleutel,
)
from .models import adressen_samenbrengen as adressen_samenbrengen_regel


def kalendersleutel_geven(*, account) -> Kalendersleutel:
    """The account's calendar key, made on first use."""
    sleutel, _gemaakt = Kalendersleutel.objects.get_or_create(account=account)
    return sleutel


@transaction.atomic
def kalendersleutel_vernieuwen(*, account) -> Kalendersleutel:
    """A new secret: the old calendar URL stops working at once."""
    sleutel = kalendersleutel_geven(account=account)
    sleutel.sleutel = nieuwe_kalendersleutel()
    sleutel.aangemaakt = timezone.now()
    sleutel.full_clean()
    sleutel.save(update_fields=["sleutel", "aangemaakt"])
    return sleutel


@transaction.atomic
def account_aanmaken(
    *,
    gebruikersnaam: str,
    wachtwoord: str | None,
    rol: str,
    deelnemer: Deelnemer | None = None,
    staff: bool = False,
):
    """Create or reset an account in one role (a group), optionally linked to a participant.

    Without a password the account gets none that works: its owner sets one through
    "wachtwoord vergeten", at the participant's e-mail address (the linked pair gets one
    address, :func:`adressen_samenbrengen`).
    """
    User = get_user_model()
    account, _gemaakt = User.objects.get_or_create(username=gebruikersnaam)
    account.is_staff = staff
    account.is_active = True
    if wachtwoord is None:
        account.set_unusable_password()
    else:
        account.set_password(wachtwoord)
    if deelnemer is not None and not (account.first_name or account.last_name):
        # The site greets people by name; the participant's is the one we know.
        account.first_name, account.last_name = deelnemer.voornaam, deelnemer.achternaam
    account.save()
    account.groups.set([Group.objects.get(name=rol)])
    if deelnemer is not None:
        Deelnemer.objects.filter(account=account).exclude(pk=deelnemer.pk).update(account=None)
        deelnemer.account = account
        deelnemer.full_clean()
        deelnemer.save(update_fields=["account"])
        adressen_samenbrengen(deelnemer=deelnemer)
    return account


# ---- One address per person -------------------------------------------------------------------

ADRES_BEZET = gettext_lazy(
    "Dit e-mailadres hoort al bij een ander account. Kies een ander adres: anders zou de mail "
    "om een wachtwoord te kiezen ook dat account openen."
)


#: The key of the advisory lock that puts accounts' address changes one after the other.
ADRESSEN_SLOT = 25_03


def adressen_na_elkaar() -> None:
    """Accounts' address changes one at a time, so the check that no other account has the
    address and the write are one step: two people saving the same new address at once
    cannot both pass. On PostgreSQL a transaction-level advisory lock (freed at commit or
    rollback); SQLite's transactions already write one after the other."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ADRESSEN_SLOT])


def _paar(deelnemer: Deelnemer | None, account) -> tuple[Deelnemer | None, object | None]:
    """The participant and the account of one person, from either."""
    if deelnemer is not None:
        return deelnemer, deelnemer.account
    return selectors.deelnemer_van(account), account


@transaction.atomic
def adres_wijzigen(*, email: str, deelnemer: Deelnemer | None = None, account=None) -> None:
    """Give a person one new address: the participant's and the account's in one write, so
    invitations, fiche notices and the password mail all go to it. Refused when another
    account has it (the password reset would open both)."""
    deelnemer, account = _paar(deelnemer, account)
    email = get_user_model().objects.normalize_email(email.strip())
    if account is not None:
        adressen_na_elkaar()
    if account is not None and selectors.adres_van_ander_account(email, behalve=account):
        raise ValidationError({"email": ADRES_BEZET})
    if deelnemer is not None:
        deelnemer.email = email
        # Only the address changes: the names' constraint need not be checked again.
        deelnemer.clean_fields(
            exclude=[f.name for f in Deelnemer._meta.fields if f.name != "email"]
        )
        deelnemer.save(update_fields=["email"])
    if account is not None:
        account.email = email
        account.save(update_fields=["email"])


@transaction.atomic
def adressen_samenbrengen(*, deelnemer: Deelnemer) -> Adresconflict | None:
    """A participant just linked to an account: one address for both (the rule of
    ``models.adressen_samenbrengen``). Two different addresses, or a participant's address
    that is another account's (left as they are), are kept as a conflict to check."""
    account = deelnemer.account
    if account is None:
        return None
    gevonden = {"adres_deelnemer": deelnemer.email, "adres_account": account.email}
    adres, verschil = adressen_samenbrengen_regel(deelnemer.email, account.email)
    try:
        adres_wijzigen(email=adres, deelnemer=deelnemer)
    except ValidationError:
        soort = Adresconflict.Soort.GEDEELD
    else:
        if not verschil:
            return None
        soort = Adresconflict.Soort.VERSCHILLEND
    return Adresconflict.objects.create(
        deelnemer=deelnemer, account=account, soort=soort, **gevonden
    )


def adresconflicten_afhandelen(*, nummers: Sequence[int]) -> int:
    """Mark conflicts as checked with the person; returns how many open ones were marked."""
    return Adresconflict.objects.filter(pk__in=nummers, afgehandeld_op__isnull=True).update(
        afgehandeld_op=timezone.now()
    )


def wachtwoordlink(account, basis_url: str) -> str:
    """The address where this account chooses its password: Django's password-reset link,
    valid for ``PASSWORD_RESET_TIMEOUT`` and once (it changes with the password)."""
    uid = urlsafe_base64_encode(force_bytes(account.pk))
    pad = reverse("password_reset_confirm", args=[uid, default_token_generator.make_token(account)])
    return basis_url.rstrip("/") + pad


def welkomstmail_sturen(account, *, basis_url: str) -> bool:
    """Mail a new account the link to choose its password (in its language, in the
    background). False when the account has no e-mail address: nothing is sent."""
    if not selectors.adres_van(account):
        return False
    geldig_dagen = max(1, settings.PASSWORD_RESET_TIMEOUT // 86400)
    return bool(
        mail.sturen(
            "werkgroep/mail/welkom",
            [selectors.ontvanger_van(account)],
            {
                "account": account,
                "link": wachtwoordlink(account, basis_url),
                "basis_url": basis_url.rstrip("/"),
                "geldig_dagen": geldig_dagen,
            },
        )
    )


# ---- Attendance in one screen ----------------------------------------------------------------


@dataclass(frozen=True)
class Gast:
    """Someone from outside the list who was there: a known participant, or a new one by
    name (and organisation, found by its name or path, or made when new)."""

    deelnemer: Deelnemer | None = None
    voornaam: str = ""
    achternaam: str = ""
    organisatie: str = ""


@dataclass(frozen=True)
class Wijziging:
    """What someone else changed in the attendance since the page was opened
    ("" = nothing recorded)."""

    deelnemer: Deelnemer
    was: str
    nu: str

    @property
    def was_label(self) -> str:
        return Aanwezigheid.Status(self.was).label if self.was else ""

    @property
    def nu_label(self) -> str:
        return Aanwezigheid.Status(self.nu).label if self.nu else ""


class AanwezigheidGewijzigd(Exception):
    """The attendance is no longer what the page showed: nothing was saved.

    ``huidig`` is the attendance as it is now (participant id → status), for the form
    to be shown again against it.
    """

    def __init__(self, wijzigingen: list[Wijziging], huidig: dict[int, str]):
        super().__init__(wijzigingen)
        self.wijzigingen = wijzigingen
        self.huidig = huidig


def _pad(tekst: str) -> tuple[str, ...]:
    """ "Stad Antwerpen › Sociale Zaken" (or with ">") as its names, case aside."""
    return tuple(
        " ".join(deel.split()).casefold() for deel in tekst.replace(">", "›").split("›") if deel
    )


def _organisatie_van_gast(naam: str, alle: list[Organisatie]) -> Organisatie | None:
    """The organisation a guest's typed name means: its full path or its own name when one
    organisation bears it; a new top-level one otherwise. A path we do not know is refused
    (which part would be new?)."""
    gezocht = _pad(naam)
    if not gezocht:
        return None
    for organisatie in alle:
        if _pad(organisatie.volledige_naam) == gezocht:
            return organisatie
    zelfde = [o for o in alle if len(gezocht) == 1 and _pad(o.naam) == gezocht]
    if len(zelfde) == 1:
        return zelfde[0]
    if len(gezocht) > 1 or zelfde:
        raise ValidationError(
            _(
                "Welke organisatie is “%(naam)s”? Kies ze uit de lijst, of maak ze eerst "
                "aan in het beheer."
            )
            % {"naam": naam}
        )
    organisatie = Organisatie(naam=" ".join(naam.split()))
    organisatie.full_clean()
    organisatie.save()
    alle.append(organisatie)
    return organisatie


def _gast_deelnemer(gast: Gast, organisaties: list[Organisatie]) -> Deelnemer:
    if gast.deelnemer is not None:
        return gast.deelnemer
    voornaam, achternaam = " ".join(gast.voornaam.split()), " ".join(gast.achternaam.split())
    bestaand = Deelnemer.objects.filter(
        voornaam__iexact=voornaam, achternaam__iexact=achternaam
    ).first()
    if bestaand is not None:
        return bestaand  # the same name is the same person (names are unique)
    deelnemer = Deelnemer(
        voornaam=voornaam,
        achternaam=achternaam,
        organisatie=_organisatie_van_gast(gast.organisatie, organisaties),
    )
    deelnemer.full_clean()
    deelnemer.save()
    return deelnemer


def _wijzigingen(gelezen: Mapping[int, str], opgenomen: dict[int, Aanwezigheid]) -> list[Wijziging]:
    huidig = {pk: a.status for pk, a in opgenomen.items()}
    verschillend = sorted(
        pk for pk in set(gelezen) | set(huidig) if gelezen.get(pk, "") != huidig.get(pk, "")
    )
    personen = {pk: a.deelnemer for pk, a in opgenomen.items()}
    if weg := [pk for pk in verschillend if pk not in personen]:
        personen |= Deelnemer.objects.in_bulk(weg)
    return [
        Wijziging(personen[pk], gelezen.get(pk, ""), huidig.get(pk, ""))
        for pk in verschillend
        if pk in personen
    ]


def aanwezigheid_opnemen(
    *,
    vergadering: Vergadering,
    statussen: Mapping[int, str],
    gelezen: Mapping[int, str],
    gasten: Sequence[Gast] = (),
    gehouden: bool = False,
    vandaag: dt.date | None = None,
) -> Counter:
    """Record a meeting's attendance in one go: all of it or nothing.

    ``statussen``: participant id → status, "" to record nothing (and remove what was);
    people not named keep what they have. ``gasten`` are recorded as present.
    ``gelezen`` is the attendance the page showed: when it is no longer what is stored
    (another person, another window, the admin), nothing is saved and
    :class:`AanwezigheidGewijzigd` says what changed. The meeting row is locked first, so
    of two saves from the same page one wins and the other is told. ``gehouden`` marks a
    planned meeting as held, refused before the meeting's day (``vandaag``: today). Returns
    the number of people per status now recorded. One transaction (a ``with`` rather than
    a decorator, so ``make mutate`` can change its lines).
    """
    with transaction.atomic():
        vergadering = versies.vergrendelen(Vergadering.objects, vergadering.pk)
        if gehouden and not selectors.vergadering_begonnen(vergadering, vandaag):
            raise ValidationError(
                _(
                    "De vergadering van %(dag)s is nog niet gehouden: vink ‘gehouden’ aan op "
                    "of na die dag."
                )
                % {"dag": formats.date_format(vergadering.datum_van, "SHORT_DATE_FORMAT")}
            )
        opgenomen = {
            a.deelnemer_id: a
            for a in Aanwezigheid.objects.filter(vergadering=vergadering).select_related(
                "deelnemer"
            )
        }
        if {pk: a.status for pk, a in opgenomen.items()} != {
            pk: s for pk, s in gelezen.items() if s
        }:
            raise AanwezigheidGewijzigd(
                _wijzigingen(gelezen, opgenomen), {pk: a.status for pk, a in opgenomen.items()}
            )
        doel = _doelstatussen(statussen, gasten)
        nieuw = _aanwezigheden_schrijven(vergadering, opgenomen, doel)
        if gehouden and vergadering.status == Vergadering.Status.GEPLAND:
            vergadering.status = Vergadering.Status.GEHOUDEN
            vergadering.save(update_fields=["status"])
        stand = {pk: a.status for pk, a in opgenomen.items() if pk not in doel or doel[pk]}
        stand |= {a.deelnemer_id: a.status for a in nieuw}
        return Counter(stand.values())


def _doelstatussen(statussen: Mapping[int, str], gasten: Sequence[Gast]) -> dict[int, str]:
    """Participant id → the status to record ("" none): the page's choices, and the guests
    as present (a new guest becomes a participant); an unknown status is refused."""
    doel = dict(statussen)
    organisaties = (
        list(Organisatie.objects.all()) if any(g.deelnemer is None for g in gasten) else []
    )
    for gast in gasten:
        doel[_gast_deelnemer(gast, organisaties).pk] = Aanwezigheid.Status.AANWEZIG
    if onbekend := {s for s in doel.values() if s} - set(Aanwezigheid.Status.values):
        raise ValidationError(_("Onbekende status: %(s)s.") % {"s": ", ".join(sorted(onbekend))})
    return doel


def _aanwezigheden_schrijven(
    vergadering: Vergadering, opgenomen: dict[int, Aanwezigheid], doel: dict[int, str]
) -> list[Aanwezigheid]:
    """Remove, change and add in three statements at most; the rows added."""
    weg = [opgenomen[pk].pk for pk, status in doel.items() if not status and pk in opgenomen]
    gewijzigd = []
    for pk, status in doel.items():
        if status and pk in opgenomen and opgenomen[pk].status != status:
            opgenomen[pk].status = status
            gewijzigd.append(opgenomen[pk])
    nieuw = [
        Aanwezigheid(vergadering=vergadering, deelnemer_id=pk, status=status)
        for pk, status in doel.items()
        if status and pk not in opgenomen
    ]
    if weg:
        Aanwezigheid.objects.filter(pk__in=weg).delete()
    if gewijzigd:
        Aanwezigheid.objects.bulk_update(gewijzigd, ["status"])
    if nieuw:
        Aanwezigheid.objects.bulk_create(nieuw)
    return nieuw


# ---- A meeting planned on the site ----------------------------------------------------------

_TIJDELIJK = 10000  # numbers out of the way while the agenda is numbered anew


def vergadering_plannen(*, form, agenda) -> Vergadering | None:
    """Save a meeting and its agenda from the site's form (new or edited); ``None`` and the
    forms' errors when either refuses.

    Validation and saving are one transaction, as in the admin: the guard of
    ``kern.verouderd`` locks the stored rows while it compares them with what the form
    showed, and that lock holds until the save. The agenda is numbered 1, 2, 3… anew:
    by the number asked, a number the person typed before one that was already there,
    rows without a number last, as they stand on the screen. The people ticked present on
    a new meeting's form are recorded in the same transaction.
    """
    with transaction.atomic():
        geldig = form.is_valid()
        if not (agenda.is_valid() and geldig):
            return None
        vergadering = form.save()
        agenda.instance = vergadering
        _agenda_opslaan(vergadering, agenda)
        if aanwezig := form.aanwezig():
            # A meeting recorded afterwards: its attendance through the one save of it
            # (a new meeting has none recorded, so nothing was read).
            aanwezigheid_opnemen(vergadering=vergadering, statussen=aanwezig, gelezen={})
    return vergadering


def _agenda_opslaan(vergadering: Vergadering, agenda) -> None:
    for form in agenda.deleted_forms:
        if form.instance.pk is not None:
            form.instance.delete()
    volgorde = []
    for form, gevraagd, plaats in agenda.bewaarde_rijen():
        if gevraagd is None:  # no number: at the end, as on the screen
            sleutel = (_TIJDELIJK, 2, plaats)
        else:
            sleutel = (gevraagd, 0 if "volgorde" in form.changed_data else 1, plaats)
        volgorde.append((sleutel, form))
    volgorde.sort(key=lambda paar: paar[0])
    vergadering.agendapunten.update(volgorde=F("volgorde") + _TIJDELIJK)
    for nummer, (_sleutel, form) in enumerate(volgorde, start=1):
        if form.instance.pk is None:
            punt = agenda.save_new(form, commit=False)
        elif form.has_changed():
            punt = agenda.save_existing(form, form.instance, commit=False)
        else:
            Agendapunt.objects.filter(pk=form.instance.pk).update(volgorde=nummer)
            continue
        punt.vergadering = vergadering
        punt.volgorde = nummer
        punt.save()
    # Items another tab added meanwhile (not on this form) follow, in their order.
    rest = vergadering.agendapunten.filter(volgorde__gte=_TIJDELIJK).order_by("volgorde", "pk")
    for nummer, pk in enumerate(rest.values_list("pk", flat=True), start=len(volgorde) + 1):
        Agendapunt.objects.filter(pk=pk).update(volgorde=nummer)


# ---- Cancelled, or going ahead after all --------------------------------------------------


class StatusVerouderd(ValidationError):
    """The meeting is no longer in the status the step starts from (a second tab, another
    person, the admin changed it): nothing was changed, nobody told twice."""


def vergadering_afgelasten(*, vergadering: Vergadering) -> Vergadering:
    """Cancel a planned meeting; the invited are told (see :func:`_status_wijzigen`)."""
    return _status_wijzigen(
        vergadering, van=Vergadering.Status.GEPLAND, naar=Vergadering.Status.GEANNULEERD
    )


def vergadering_gaat_toch_door(*, vergadering: Vergadering) -> Vergadering:
    """Set a cancelled meeting back to planned; the invited hear it goes ahead after all."""
    return _status_wijzigen(
        vergadering, van=Vergadering.Status.GEANNULEERD, naar=Vergadering.Status.GEPLAND
    )


def _status_wijzigen(
    vergadering: Vergadering, *, van: Vergadering.Status, naar: Vergadering.Status
) -> Vergadering:
    """Change the status as the admin's save does, with ``save()``: the invitations app
    tells the invited after it (``uitnodigingen.services.vergadering_bewaard``: the
    cancellation with the calendar CANCEL, or "gaat toch door" with the REQUEST again), so
    the site and the admin send the same notices from one place. The row is locked and
    read again first: of two tabs the first changes it, the second is refused."""
    with transaction.atomic():
        vergadering = versies.vergrendelen(Vergadering.objects, vergadering.pk)
        if vergadering.status != van:
            raise StatusVerouderd(
                _(
                    "De vergadering is intussen %(status)s (in een ander venster of door "
                    "iemand anders): er is niets gewijzigd of verstuurd."
                )
                % {"status": vergadering.get_status_display()}
            )
        vergadering.status = naar
        vergadering.full_clean()
        vergadering.save()
    return vergadering

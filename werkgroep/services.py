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
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from kern import mail, versies

from . import selectors
from .models import (
    Aanwezigheid,
    Deelnemer,
    Kalendersleutel,
    Organisatie,
    Vergadering,
    nieuwe_kalendersleutel,
)


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
    "wachtwoord vergeten", at the participant's e-mail address.
    """
    User = get_user_model()
    account, _gemaakt = User.objects.get_or_create(username=gebruikersnaam)
    account.is_staff = staff
    account.is_active = True
    if wachtwoord is None:
        account.set_unusable_password()
    else:
        account.set_password(wachtwoord)
    if deelnemer is not None and deelnemer.email and not account.email:
        account.email = deelnemer.email
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
    return account


def wachtwoordlink(account, basis_url: str) -> str:
    """The address where this account chooses its password: Django's password-reset link,
    valid for ``PASSWORD_RESET_TIMEOUT`` and once (it changes with the password)."""
    uid = urlsafe_base64_encode(force_bytes(account.pk))
    pad = reverse("password_reset_confirm", args=[uid, default_token_generator.make_token(account)])
    return basis_url.rstrip("/") + pad


def welkomstmail_sturen(account, *, basis_url: str) -> bool:
    """Mail a new account the link to choose its password (in its language, in the
    background). False when the account has no e-mail address: nothing is sent."""
    if not account.email:
        return False
    geldig_dagen = max(1, settings.PASSWORD_RESET_TIMEOUT // 86400)
    return bool(
        mail.sturen(
            "werkgroep/mail/welkom",
            [mail.Ontvanger.van(account)],
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

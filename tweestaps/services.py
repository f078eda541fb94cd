"""Writes: what a login still needs, checking a code, adding and removing second factors."""

from __future__ import annotations

import math

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from kern import mail
from werkgroep import selectors as werkgroep_selectors

from . import selectors
from .models import Tweestapsplicht

AANTAL_HERSTELCODES = 10


def stap_bepalen(*, user) -> dict:
    """What a login of ``user`` still needs: ``bevestigen`` (a code, the account has an
    app), or ``uiterlijk`` (ISO date from which it may do nothing before adding one; None
    when it need not). The first time the duty applies, its start is recorded."""
    if selectors.heeft_tweede_factor(user):
        return {"bevestigen": True, "uiterlijk": None}
    if not selectors.verplicht(user):
        return {"bevestigen": False, "uiterlijk": None}
    plicht, _nieuw = Tweestapsplicht.objects.get_or_create(
        account=user, defaults={"begonnen_op": timezone.localdate()}
    )
    return {"bevestigen": False, "uiterlijk": selectors.uiterlijk(plicht.begonnen_op).isoformat()}


def stap_na_aanmelden(sender, request, user, **kwargs) -> None:
    """user_logged_in: note in the session what this login still needs."""
    if request is not None and hasattr(request, "session"):
        request.session[selectors.SESSIE_SLEUTEL] = stap_bepalen(user=user)


def stap_vernieuwen(request) -> None:
    """After a factor was added or removed: what the session needs, anew."""
    request.session[selectors.SESSIE_SLEUTEL] = stap_bepalen(user=request.user)


def _wachten(apparaten) -> ValidationError | None:
    """The refusal while every device still waits after wrong codes (checked before trying:
    a try then would count as one more wrong code, and a right one is not taken)."""
    wachttijden = []
    for apparaat in apparaten:
        toegelaten, gegevens = apparaat.verify_is_allowed()
        if toegelaten or not (gegevens and gegevens.get("locked_until")):
            return None
        wachttijden.append((gegevens["locked_until"] - timezone.now()).total_seconds())
    if not wachttijden:
        return None
    seconden = max(1, math.ceil(min(wachttijden)))
    return ValidationError(
        ngettext(
            "Te veel foute codes na elkaar. Probeer het opnieuw over %(n)d seconde.",
            "Te veel foute codes na elkaar. Probeer het opnieuw over %(n)d seconden.",
            seconden,
        )
        % {"n": seconden},
        code="te_vaak",
    )


def _fout() -> ValidationError:
    return ValidationError(_("Deze code klopt niet. Kijk de code opnieuw na."), code="fout")


def code_controleren(*, user, code: str):
    """The device ``code`` belongs to (a recovery code is used up), or ValidationError.
    Each wrong code makes the next try on that device wait (django-otp's throttling: 1, 2,
    4, … seconds), also a right one typed too soon. The failure is saved before the refusal
    is raised (raised inside the transaction, it would be rolled back)."""
    code = "".join(code.split()).lower()
    apparaten = selectors.te_controleren(user, code)
    if wachten := _wachten(apparaten):
        raise wachten
    with transaction.atomic():
        for apparaat in apparaten:
            # Locked row: two requests with one recovery code cannot both use it.
            apparaat = type(apparaat).objects.select_for_update().get(pk=apparaat.pk)
            if apparaat.verify_token(code):
                return apparaat
    raise _fout()


def bevestigd_aanmelden(request, apparaat) -> None:
    """Mark the session as confirmed with ``apparaat`` (django-otp's session key)."""
    otp_login(request, apparaat)


@transaction.atomic
def app_beginnen(*, user) -> TOTPDevice:
    """A new, unconfirmed authenticator app for ``user`` (replacing one left unconfirmed)."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=_("Authenticator-app"), confirmed=False)


def app_bevestigen(*, user, pk: int, code: str) -> TOTPDevice:
    """Confirm the app being added with its first code; ValidationError when the code is
    wrong or the app is no longer waiting (confirmed or replaced in another tab)."""
    with transaction.atomic():
        apparaat = TOTPDevice.objects.select_for_update().filter(user=user, pk=pk).first()
        wachtend = apparaat is not None and not apparaat.confirmed
        if wachtend and (wachten := _wachten([apparaat])):
            raise wachten  # nothing written yet
        if wachtend and apparaat.verify_token("".join(code.split())):
            apparaat.confirmed = True
            apparaat.save(update_fields=["confirmed"])
            return apparaat
    if wachtend:  # outside the transaction: the failure counted stays counted
        raise _fout()
    raise ValidationError(
        _(
            "Deze app wacht niet meer op bevestiging: ze is al gekoppeld of vervangen. "
            "Bekijk hieronder wat nu geldt."
        ),
        code="verouderd",
    )


@transaction.atomic
def herstelcodes_maken(*, user) -> list[str]:
    """Ten new recovery codes, replacing the old ones; only with an app or a passkey (they
    are its spare)."""
    if not selectors.heeft_tweede_factor(user):
        raise ValidationError(
            _(
                "Koppel eerst een authenticator-app of een passkey; herstelcodes zijn de "
                "reserve ervan."
            ),
            code="geen_app",
        )
    apparaat, _nieuw = StaticDevice.objects.get_or_create(
        user=user, defaults={"name": _("Herstelcodes"), "confirmed": True}
    )
    apparaat.token_set.all().delete()
    codes = [StaticToken.random_token() for _i in range(AANTAL_HERSTELCODES)]
    StaticToken.objects.bulk_create(StaticToken(device=apparaat, token=c) for c in codes)
    return codes


def _factor_verwijderen(*, user, model, pk: int, wachtwoord: str, al_weg: str) -> None:
    """Remove one of ``user``'s factors after their password; with the last factor the
    recovery codes go too (alone they are no second factor)."""
    if not user.check_password(wachtwoord):
        raise ValidationError(
            _("Dit wachtwoord klopt niet; er is niets verwijderd."), code="wachtwoord"
        )
    verwijderd, _per_model = model.objects.filter(user=user, pk=pk).delete()
    if not verwijderd:
        raise ValidationError(al_weg, code="verouderd")
    if not selectors.heeft_tweede_factor(user):
        StaticDevice.objects.filter(user=user).delete()


@transaction.atomic
def app_verwijderen(*, user, pk: int, wachtwoord: str) -> None:
    """Remove one of ``user``'s apps (see _factor_verwijderen)."""
    _factor_verwijderen(
        user=user,
        model=TOTPDevice,
        pk=pk,
        wachtwoord=wachtwoord,
        al_weg=_("Deze app was al verwijderd. Bekijk hieronder wat nu geldt."),
    )


@transaction.atomic
def passkey_verwijderen(*, user, pk: int, wachtwoord: str) -> None:
    """Remove one of ``user``'s passkeys (see _factor_verwijderen)."""
    _factor_verwijderen(
        user=user,
        model=WebAuthnCredential,
        pk=pk,
        wachtwoord=wachtwoord,
        al_weg=_("Deze passkey was al verwijderd. Bekijk hieronder wat nu geldt."),
    )


def passkey_standaardnaam(dag=None) -> str:
    """The name a new passkey gets until its owner gives it one: the day it was added (the
    profile shows the same for a passkey from before names, ``_sectie.html``)."""
    dag = dag or timezone.localdate()
    return _("Passkey van %(datum)s") % {"datum": dag.strftime("%d/%m/%Y")}


@transaction.atomic
def passkey_hernoemen(*, user, pk: int, naam: str, gelezen: str | None = None):
    """Give one of ``user``'s passkeys the name ``naam`` (checked by the form). Refused when
    it is gone, or when its name is no longer ``gelezen`` (the name the form showed: changed
    meanwhile in another tab), so that a stale tab does not undo a newer name."""
    passkey = WebAuthnCredential.objects.select_for_update().filter(user=user, pk=pk).first()
    if passkey is None:
        raise ValidationError(
            _("Deze passkey was al verwijderd. Bekijk hieronder wat nu geldt."), code="verouderd"
        )
    if gelezen is not None and passkey.name != gelezen:
        raise ValidationError(
            _(
                "Deze passkey kreeg intussen een andere naam: %(naam)s. Bekijk hieronder wat "
                "nu geldt en pas hem zo nodig opnieuw aan."
            )
            % {"naam": passkey.name},
            code="verouderd",
        )
    if passkey.name != naam:
        passkey.name = naam
        passkey.save(update_fields=["name"])
    return passkey


#: The notice to an account whose factors the secretariat reset (templates/tweestaps/mail/).
HERSTELMAIL = "tweestaps/mail/hersteld"


@transaction.atomic
def factoren_herstellen(*, account, door=None) -> int:
    """A lost second factor reset for ``account`` (the admin's action and
    ``manage.py tweestaps_herstellen``): every factor removed (:func:`factoren_wissen`) and,
    when there was one, a notice to the account's own address through the outbox, so that
    a reset nobody asked for is noticed (a failed mail is on the secretariat's list). How
    many factors went: 0 when it had none (reset already, in another tab), and then nothing
    is sent. Two resets at once mail once: the second one's DELETE waits for the first
    one's rows and then finds none (tests/tweestaps/test_wedloop.py, on PostgreSQL too)."""
    aantal = factoren_wissen(user=account)
    if aantal and werkgroep_selectors.adres_van(account):
        mail.sturen(
            HERSTELMAIL,
            [werkgroep_selectors.ontvanger_van(account)],
            {"account": account, "door": door, "contact": settings.PRIVACY_CONTACT},
        )
    return aantal


@transaction.atomic
def factoren_wissen(*, user) -> int:
    """Every second factor of ``user`` (a lost phone): how many were removed. The grace
    period is not restarted: past it, the next login goes straight to adding a new app."""
    apps, _a = TOTPDevice.objects.filter(user=user).delete()
    _n, per_model = WebAuthnCredential.objects.filter(user=user).delete()
    passkeys = per_model.get(WebAuthnCredential._meta.label, 0)  # not their attestations
    _n, per_model = StaticDevice.objects.filter(user=user).delete()
    codes = per_model.get(StaticDevice._meta.label, 0)  # the set, not each code
    return apps + passkeys + codes

"""Reads: which second factors an account has, and whether it must have one."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from werkgroep import rollen

#: The session's record of what this login still needs (services.stap_na_aanmelden).
SESSIE_SLEUTEL = "tweestaps"


def apps_van(user) -> list[TOTPDevice]:
    """The account's confirmed authenticator apps: its second factors."""
    return list(TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk"))


def wachtende_app(user) -> TOTPDevice | None:
    """The app being added: shown as a QR code until its first code confirms it."""
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()


def herstelcodes_over(user) -> int:
    """How many unused recovery codes the account has left."""
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def passkeys_van(user) -> list[WebAuthnCredential]:
    """The account's confirmed passkeys: second factors too."""
    return list(WebAuthnCredential.objects.filter(user=user, confirmed=True).order_by("pk"))


def heeft_tweede_factor(user) -> bool:
    """A confirmed app or passkey: then every login asks to confirm. Recovery codes alone
    are a spare, not a factor."""
    return (
        TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        or WebAuthnCredential.objects.filter(user=user, confirmed=True).exists()
    )


def te_controleren(user, code: str) -> list:
    """The devices a typed code is tried on: six digits an app, anything else a recovery code."""
    if code.isdigit() and len(code) == 6:
        return apps_van(user)
    return list(StaticDevice.objects.filter(user=user, confirmed=True))


def verplicht(user) -> bool:
    """Must have a second factor: every account with admin access, and the secretariat and
    coordinators (werkgroep/rollen.py) even without it. Members may opt in."""
    if user.is_staff or user.is_superuser:
        return True
    return user.groups.filter(name__in=[rollen.SECRETARIAAT, rollen.COORDINATOR]).exists()


def uiterlijk(begonnen_op: dt.date) -> dt.date:
    """The first day a duty that began on ``begonnen_op`` is enforced."""
    return begonnen_op + dt.timedelta(days=settings.TWEESTAPS_GRACE_DAGEN)


def dagen_over(uiterlijk_op: dt.date) -> int:
    """Days of grace left (0 or less: over)."""
    return (uiterlijk_op - timezone.localdate()).days


def overzicht(user) -> dict:
    """What the enrolment section shows: one query for the apps (confirmed and waiting),
    one for the passkeys, one for the recovery codes left (only with a factor), one for the
    duty (not for staff)."""
    apps = list(TOTPDevice.objects.filter(user=user).order_by("pk"))
    bevestigd = [app for app in apps if app.confirmed]
    wachtend = [app for app in apps if not app.confirmed]
    passkeys = passkeys_van(user)
    return {
        "apps": bevestigd,
        "passkeys": passkeys,
        "wachtende_app": wachtend[-1] if wachtend else None,
        "herstelcodes_over": herstelcodes_over(user) if bevestigd or passkeys else 0,
        "verplicht": verplicht(user),
    }


def factoren_tellen(user) -> dict:
    """What a reset would remove, for its confirmation page: the account's apps, passkeys
    and unused recovery codes (confirmed or not: the reset removes all)."""
    return {
        "apps": TOTPDevice.objects.filter(user=user).count(),
        "passkeys": WebAuthnCredential.objects.filter(user=user).count(),
        "herstelcodes": StaticToken.objects.filter(device__user=user).count(),
    }

"""Multi-step writes of the werkgroep app."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from kern import mail

from .models import Deelnemer, Kalendersleutel, nieuwe_kalendersleutel


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

"""An account's language: read for its mail, kept when it switches, applied when it logs in."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.utils.translation import check_for_language

from kern.models import Voorkeur


def gekozen_taal(user) -> str | None:
    """The language the account chose, None when it never chose one."""
    if user is None or not user.pk:
        return None
    return Voorkeur.objects.filter(account=user).values_list("taal", flat=True).first()


def talen_van(account_ids: Iterable[int]) -> dict[int, str]:
    """The language each of these accounts reads, in one query (a round of mail)."""
    ids = {pk for pk in account_ids if pk}
    gekozen = (
        dict(Voorkeur.objects.filter(account_id__in=ids).values_list("account_id", "taal"))
        if ids
        else {}
    )
    return {pk: gekozen.get(pk) or settings.LANGUAGE_CODE for pk in ids}


def taal_van(user) -> str:
    """The language the account reads: its choice, or the site's."""
    return gekozen_taal(user) or settings.LANGUAGE_CODE


def taal_bewaren(user, taal: str) -> bool:
    """Keep ``taal`` for a logged-in account; False (and nothing kept) for another code."""
    if not getattr(user, "is_authenticated", False):
        return False
    if taal not in dict(settings.LANGUAGES) or not check_for_language(taal):
        return False
    Voorkeur.objects.update_or_create(account=user, defaults={"taal": taal})
    return True


def taalkoekje_zetten(antwoord, taal: str) -> None:
    """Set the language cookie as Django's language switch does."""
    antwoord.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        taal,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )

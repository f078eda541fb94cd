"""Until its second step is done, a session can do nothing but that step.

After ``django_otp.middleware.OTPMiddleware`` (which says whether the session is verified).
What a login still needs was decided once, at login (services.stap_na_aanmelden), and is
read from the session: no query per request."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import REDIRECT_FIELD_NAME
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.http import urlencode

from . import selectors, services

#: Pages a session may reach before its second step: that step, logging out, the language.
VRIJ = {"login", "logout", "set_language"}
#: ... and the second step's own pages, passkeys' included (django-otp-webauthn's views,
#: which refuse to add a passkey to an account that has a factor but did not confirm yet).
NAAMRUIMTEN_VRIJ = {"tweestaps", "otp_webauthn"}


def _vrij(request) -> bool:
    try:
        gevonden = resolve(request.path_info)
    except Resolver404:
        return False
    return gevonden.namespace in NAAMRUIMTEN_VRIJ or gevonden.url_name in VRIJ


def stap(request) -> dict:
    """What this session still needs (decided now for a session from before this rule)."""
    if selectors.SESSIE_SLEUTEL not in request.session:
        services.stap_vernieuwen(request)
    return request.session[selectors.SESSIE_SLEUTEL]


def genade_voorbij(nodig: dict) -> bool:
    return (
        bool(nodig["uiterlijk"])
        and dt.date.fromisoformat(nodig["uiterlijk"]) <= timezone.localdate()
    )


class TweestapsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not user.is_verified() and not _vrij(request):
            nodig = stap(request)
            if nodig["bevestigen"]:
                volgende = request.get_full_path() if request.method == "GET" else "/"
                return redirect(_met_volgende(volgende))
            if genade_voorbij(nodig):
                return redirect("tweestaps:instellen")
        return self.get_response(request)


def _met_volgende(volgende: str) -> str:
    return f"{reverse('tweestaps:bevestigen')}?{urlencode({REDIRECT_FIELD_NAME: volgende})}"

"""A NUL byte in the address or in a form is refused with 400, before any view sees it.

PostgreSQL can neither store nor compare text holding a NUL byte (psycopg2 raises a
ValueError): every view that filters on what was sent answered 500 — a list's
``?status=%00``, the admin's search and autocomplete, a login name. No honest browser sends
one, so it is refused once, here, with the site's page saying what to do.
"""

from __future__ import annotations

from django.shortcuts import render
from django.utils.translation import gettext as _

NUL = "\x00"


def _heeft_nul(request) -> bool:
    if NUL in request.path:
        return True
    velden = [request.GET]
    if request.method == "POST":
        velden.append(request.POST)  # form data only; parsed once, as the CSRF check does
    return any(
        NUL in sleutel or any(NUL in waarde for waarde in waarden)
        for gegevens in velden
        for sleutel, waarden in gegevens.lists()
    )


class NulbytesWeigeren:
    """Placed after the authentication middleware, so the page shows the user's menu."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _heeft_nul(request):
            reden = _(
                "Het adres of het formulier bevat een ongeldig teken (een nulteken), dat de "
                "site niet aanvaardt."
            )
            return render(request, "400.html", {"reden": reden}, status=400)
        return self.get_response(request)

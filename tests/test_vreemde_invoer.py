"""Strange input is the client's mistake, never the server's: 400 or 404, never a 500.

Every URL of the site and the admin is walked with a number beyond any integer column in
each slot that holds an id or a year, and with a NUL byte in the query string; PostgreSQL
refuses both (a NUL in a text value, an integer out of range), SQLite the second.
"""

from __future__ import annotations

import re

import pytest
from django.urls import get_resolver, reverse

from tests import bouwers
from tests.test_toegangsmatrix import _patronen, wereld  # noqa: F401 (wereld is a fixture)

GROOT = "99999999999999999999"  # 20 digits: beyond a 64-bit integer
# What goes in a slot for an id: too large, and not a number (the admin's ids are paths).
IDS = [GROOT, "0-1"]
# What goes in a slot for a year or a range of years: all out of range, or backwards.
JAREN = [GROOT, "99999", "0000", "9999", "99999-999999", "0001-9999", "1900-2999", "2006-2005"]
SLOT = re.compile(r"<(?:(?P<soort>\w+):)?(?P<naam>\w+)>|\((?:\?P<(?P<groep>\w+)>)?[^)]*\)")


def _waarden(slot: re.Match, regex: bool) -> list[str]:
    """The strange values for a slot that holds an id or a year; none for any other slot."""
    soort, naam = slot["soort"], slot["naam"] or slot["groep"] or ""
    if naam in {"jaar", "periode"}:
        return JAREN
    if regex or soort in {"int", "id"} or naam in {"object_id", "content_type_id"}:
        return IDS
    return []


def _adressen(route: str, geldig: list) -> list[str]:
    """``route`` with its slots filled: those for an id or a year with each strange value in
    turn, the others with ``geldig`` (in the route's order), so the view is reached."""
    regex = route.startswith("admin/") and "^" in route
    route = route.replace("^", "").replace("$", "")
    slots = list(SLOT.finditer(route))
    vreemd = [_waarden(slot, regex) for slot in slots]
    adressen = []
    for i in range(max(map(len, vreemd), default=0)):
        waarden = iter(
            w[i % len(w)] if w else str(geldig[n]) if n < len(geldig) else "x"
            for n, w in enumerate(vreemd)
        )
        adressen.append("/" + SLOT.sub(lambda _m: next(waarden), route))  # noqa: B023
    return adressen


def _antwoorden(client, adressen) -> dict[str, object]:
    """Every address whose answer is a server error, with the error."""
    fouten = {}
    for adres in adressen:
        try:
            status = client.get(adres).status_code
        except Exception as fout:  # noqa: BLE001 (the error is what the test reports)
            fouten[adres] = f"{type(fout).__name__}: {fout}"
            continue
        if status >= 500:
            fouten[adres] = status
    return fouten


@pytest.mark.django_db
def test_a_huge_number_in_any_id_or_year_of_any_url_is_never_a_server_error(wereld):  # noqa: F811
    client = bouwers.aangemeld(wereld["users"]["secretariaat"])
    adressen = []
    for route, naam in _patronen(get_resolver().url_patterns):
        geldig = [] if route.startswith("admin/") else wereld["site_args"].get(naam, [])
        adressen += _adressen(route, geldig)
    assert len(adressen) > 40 * len(IDS)  # the site's and every model admin's ids
    assert _antwoorden(client, adressen) == {}


@pytest.mark.django_db
def test_the_meeting_of_a_huge_number_is_not_found(wereld):  # noqa: F811
    client = bouwers.aangemeld(wereld["users"]["secretariaat"])
    for adres in [
        "/vergaderingen/99999999999999999999/",
        f"/vergadering/{GROOT}/",
        "/werkgroepen/regierol-van-de-lokale-besturen/jaarverslag/99999-999999.pdf",
        "/werkgroepen/regierol-van-de-lokale-besturen/jaarverslag/1900-2999/",
        f"/admin/werkgroep/vergadering/{GROOT}/history/",
    ]:
        assert client.get(adres).status_code == 404, adres
    # The admin's own answer: back to its index, saying the meeting does not exist.
    assert client.get(f"/admin/werkgroep/vergadering/{GROOT}/change/").status_code == 302


def test_no_address_of_the_site_takes_a_number_of_any_length():
    """Django's ``int`` takes any number of digits; kern/paden.py's ``id`` and ``jaar`` do not."""
    onbegrensd = [r for r, _ in _patronen(get_resolver().url_patterns) if "<int:" in r]
    assert onbegrensd == []


def _met_nul(adres: str) -> list[str]:
    return [f"{adres}?{sleutel}=%00" for sleutel in ("status", "q", "term", "jaar")] + [
        f"{adres}?%00=1"
    ]


@pytest.mark.django_db
def test_a_nul_byte_in_the_query_string_of_any_url_is_a_bad_request(wereld):  # noqa: F811
    client = bouwers.aangemeld(wereld["users"]["secretariaat"])
    adressen = []
    for route, naam in _patronen(get_resolver().url_patterns):
        if route.startswith("admin/"):
            if "<" not in route and "(" not in route:
                adressen += _met_nul(reverse(naam))
        elif not (args := wereld["site_args"].get(naam)) and "<" in route:
            continue
        else:
            adressen += _met_nul(reverse(naam, args=args or []))
    adressen += _met_nul(
        reverse("admin:autocomplete") + "?app_label=werkgroep&model_name=agendapunt"
        "&field_name=spreker"
    )
    assert len(adressen) > 100
    fouten = _antwoorden(client, adressen)
    assert fouten == {}
    anders = {a: s for a in adressen if (s := client.get(a).status_code) != 400}
    assert anders == {}


@pytest.mark.django_db
def test_an_unknown_filter_on_an_export_page_is_a_bad_request(client_van, secretariaat):
    """The changelist redirects for it; the export page of django-import-export raised."""
    for url in [
        "/admin/werkgroep/werkgroep/export/?zz=1",
        "/admin/financien/kostenpost/export/?jaar=x",
    ]:
        assert client_van(secretariaat).get(url).status_code == 400


def test_the_bad_request_page_is_the_sites_in_dutch(client_van, secretariaat):
    antwoord = client_van(secretariaat).get("/vergaderingen/?status=%00")
    assert antwoord.status_code == 400
    tekst = antwoord.content.decode()
    assert "ongeldig teken" in tekst
    assert "Afmelden" in tekst  # the site's own page, with its menu


@pytest.mark.django_db
def test_a_nul_byte_in_a_login_or_search_form_is_a_bad_request(client, lid):
    assert client.post(reverse("login"), {"username": "jdej\x00", "password": "x"}).status_code == (
        400
    )
    assert client.post(reverse("password_reset"), {"email": "a\x00@b.be"}).status_code == 400
    client.force_login(lid)
    assert client.get(reverse("site:zoeken"), {"q": "Werk\x00"}).status_code == 400
    assert client.post(reverse("site:profiel"), {"first_name": "\x00"}).status_code == 400


@pytest.mark.django_db
def test_a_nul_byte_in_the_path_is_a_bad_request(client):
    assert client.get("/kalender/%00/regierol-van-de-lokale-besturen.ics").status_code == 400
    assert client.get("/uitnodiging/%00/").status_code == 400

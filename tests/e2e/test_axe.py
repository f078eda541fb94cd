"""Automated accessibility checks (axe-core) on every page of every role, on a desktop and at
phone width, and no page wider than the window.

The pages are the ones each role reaches from its home page by links alone
(tests/kruipen.py, the same walk as tests/test_bereikbaarheid.py): one address per page,
opened in Chromium with that role's session, checked by axe-core (bundled with
axe-playwright-python; nothing is fetched). A serious or critical violation fails the test
and names the page, the rule and the elements. The admin is Django's own: its start page,
a changelist and a form are checked for the secretariat, not every model.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings

from tests import bouwers
from tests.kruipen import wandel
from tests.test_toegangsmatrix import ROLLEN, wereld  # noqa: F401 (wereld is a fixture)

pytestmark = [pytest.mark.e2e, pytest.mark.langzaam]

ERNSTIG = {"serious", "critical"}
# Checked at every impact: an id twice breaks the labels and links that point to it.
ALTIJD = {"duplicate-id", "duplicate-id-active", "duplicate-id-aria"}
BREEDTES = {"desktop": (1280, 900), "telefoon": (375, 740)}
ADMIN_STEEKPROEF = {
    "admin:index",
    "admin:app_list",
    "admin:werkgroep_vergadering_changelist",
    "admin:werkgroep_vergadering_change",
    "admin:financien_kostenpost_add",
}


def paginas(wandeling) -> dict[str, str]:
    """Per page of the site (and the admin's sample), the first address the walk opened."""
    return {
        naam: adres
        for naam, adres in wandeling.html_paginas().items()
        if not naam.startswith("admin:") or naam in ADMIN_STEEKPROEF
    }


def schendingen(page, adres: str) -> list[str]:
    """What axe-core finds on the page, and a page wider than the window (it would scroll
    sideways: a wide table must scroll inside its own box)."""
    page.goto(adres)
    resultaat = Axe().run(page)
    gevonden = [
        f"{adres}: {v['id']} ({v['impact']}): "
        + "; ".join(" ".join(knoop["target"]) for knoop in v["nodes"][:3])
        for v in resultaat.response["violations"]
        if v["impact"] in ERNSTIG or v["id"] in ALTIJD
    ]
    breedte = page.evaluate("document.documentElement.scrollWidth")
    venster = page.evaluate("window.innerWidth")
    # Django's admin is not made for a phone; on a laptop it must fit too.
    if breedte > venster and (venster >= 1000 or not adres.startswith("/admin/")):
        gevonden.append(f"{adres}: {breedte} px wide in a window of {venster} px")
    return gevonden


@pytest.mark.parametrize("breedte", BREEDTES)
@pytest.mark.parametrize("rol", ROLLEN)
def test_no_serious_accessibility_violation_on_any_page(
    wereld,  # noqa: F811
    live_server,
    browser,
    rol,
    breedte,
):
    client = bouwers.aangemeld(wereld["users"][rol])
    adressen = paginas(wandel(client, "/"))
    assert len(adressen) >= (2 if rol == "anoniem" else 15)  # the walk found the site

    breed, hoog = BREEDTES[breedte]
    context = browser.new_context(
        viewport={"width": breed, "height": hoog}, locale="nl-BE", base_url=live_server.url
    )
    if sessie := client.cookies.get(settings.SESSION_COOKIE_NAME):
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": sessie.value, "url": live_server.url}]
        )
    page = context.new_page()
    gevonden = []
    for adres in sorted(adressen.values()):
        gevonden += schendingen(page, adres)
    context.close()
    assert not gevonden, "\n".join(gevonden)

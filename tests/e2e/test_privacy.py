"""The privacy statement in Chromium: read without an account from the login page's footer,
edited by the secretariat (also a refused stale edit, with its error), read by a member and
the coordinator from their pages' footer with no edit link; no serious axe finding at phone
and laptop width for any of them. The walk of tests/e2e/test_axe.py reaches both pages too, by the
footer link; this checks the edit form's error state, which no walk opens."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from persoonsgegevens.models import Privacyverklaring
from tests.bouwers import WACHTWOORD
from tests.e2e import reizen
from tests.e2e.test_axe import ALTIJD, ERNSTIG, schendingen

pytestmark = [pytest.mark.e2e, pytest.mark.langzaam(reden="Chromium against a live server")]


@pytest.mark.parametrize("breedte", [375, 1280])
def test_the_privacy_page_is_read_and_edited_without_an_accessibility_violation(
    browser, live_server, wereld, breedte
):
    context = browser.new_context(
        viewport={"width": breedte, "height": 800}, locale="nl-BE", base_url=live_server.url
    )
    page = context.new_page()
    page.goto("/accounts/login/")
    page.get_by_role("link", name="Privacyverklaring").click()
    page.wait_for_url("**/privacy/")
    assert page.get_by_role("heading", name="Privacyverklaring", level=1).is_visible()
    assert "24 maanden na de dag van de vergadering" in page.locator("main").inner_text()
    gevonden = schendingen(page, "/privacy/")

    reizen.aanmelden(page, live_server.url, "secretariaat", WACHTWOORD)
    page.goto("/privacy/")
    page.get_by_role("link", name="Bewerken").click()
    page.get_by_label("Aanvullende tekst").fill("Eerste alinea.\n\nTweede alinea.")
    page.get_by_role("button", name="Bewaren").click()
    page.wait_for_url("**/privacy/")
    assert page.locator("#aanvullende-tekst p").count() == 2
    gevonden += schendingen(page, "/privacy/")

    # Someone else saves while the form is open: the save is refused, with its error.
    page.goto("/privacy/bewerken/")
    Privacyverklaring.objects.update(tekst="Van iemand anders.")
    page.get_by_label("Aanvullende tekst").fill("Van mij.")
    page.get_by_role("button", name="Bewaren").click()
    assert page.locator('[aria-invalid="true"]').count() >= 1
    assert Privacyverklaring.objects.get().tekst == "Van iemand anders."
    gevonden += [
        f"{page.url}: {v['id']} ({v['impact']}): "
        + "; ".join(" ".join(knoop["target"]) for knoop in v["nodes"][:3])
        for v in Axe().run(page).response["violations"]
        if v["impact"] in ERNSTIG or v["id"] in ALTIJD
    ]
    context.close()
    assert not gevonden, "\n".join(gevonden)


@pytest.mark.parametrize("breedte", [375, 1280])
@pytest.mark.parametrize("gebruikersnaam", ["jdejonckheere", "coordinator"])
def test_a_member_and_the_coordinator_read_it_from_the_footer_without_an_edit_link(
    browser, live_server, wereld, gebruikersnaam, breedte
):
    """The other roles, logged in, reach it from their home page's footer: no serious axe
    finding, and no way to edit it (that is the secretariat's)."""
    context = browser.new_context(
        viewport={"width": breedte, "height": 800}, locale="nl-BE", base_url=live_server.url
    )
    page = context.new_page()
    reizen.aanmelden(page, live_server.url, gebruikersnaam, WACHTWOORD)
    page.get_by_role("contentinfo").get_by_role("link", name="Privacyverklaring").click()
    page.wait_for_url("**/privacy/")
    assert page.get_by_role("heading", name="Privacyverklaring", level=1).is_visible()
    gevonden = schendingen(page, "/privacy/")
    assert page.get_by_role("link", name="Bewerken").count() == 0
    assert page.get_by_role("link", name=re.compile("bewerk", re.I)).count() == 0
    context.close()
    assert not gevonden, "\n".join(gevonden)

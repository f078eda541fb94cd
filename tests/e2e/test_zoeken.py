"""The search box in a real Chromium at 375 and 1280 px on the default database (SQLite unless
DATABASE_URL says otherwise): typed without accents and in any case, it finds the accented
name; a date as people write it puts the meeting of that day on top. On the phone the box
is behind the menu button, which is tapped open."""

from __future__ import annotations

import pytest

from tests.bouwers import WACHTWOORD
from tests.e2e import reizen
from werkgroep.models import Organisatie

pytestmark = [pytest.mark.e2e, pytest.mark.langzaam(reden="Chromium against a live server")]


@pytest.fixture
def browser_context_args(browser_context_args, breedte):
    """The page's context at the test's width, with touch (tapped below 768 px)."""
    return {
        **browser_context_args,
        "viewport": {"width": breedte, "height": 800},
        "has_touch": True,
    }


def zoek(page, vraag: str, breedte: int) -> None:
    menu = page.get_by_role("button", name="Menu")
    if menu.is_visible():  # the phone's collapsed menu, which holds the search box
        menu.tap() if breedte < 768 else menu.click()
    vak = page.get_by_role("searchbox", name="Zoeken op de site")
    vak.fill(vraag)
    vak.press("Enter")
    page.wait_for_load_state()


@pytest.mark.parametrize("breedte", [375, 1280])
def test_a_member_finds_the_accented_name_and_the_meeting_of_a_date(
    page, live_server, wereld, browserfouten, breedte
):
    Organisatie.objects.create(naam="Coördinatiecentrum Sint-Niklaas")
    reizen.aanmelden(page, live_server.url, "jdejonckheere", WACHTWOORD)

    zoek(page, "coordinatie", breedte)
    organisaties = page.locator('section[aria-labelledby="soort-organisaties"]')
    assert organisaties.get_by_role("link", name="Coördinatiecentrum Sint-Niklaas").is_visible()

    zoek(page, "6/6/06", breedte)
    eerste = page.locator('section[aria-labelledby="soort-vergaderingen"] a').first
    assert eerste.inner_text() == "vergadering 06/06/2006"

    zoek(page, "de rynck", breedte)
    assert page.locator('section[aria-labelledby="soort-vergaderingen"] a').all_inner_texts() == [
        "vergadering 02/12/2005"
    ]
    assert page.evaluate("document.documentElement.scrollWidth") <= breedte
    assert browserfouten == []

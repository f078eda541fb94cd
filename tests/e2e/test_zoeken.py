"""The search box in a real Chromium on the default database (SQLite unless DATABASE_URL
says otherwise): typed without accents and in any case, it finds the accented name; a date
as people write it puts the meeting of that day on top."""

from __future__ import annotations

import pytest

from tests.bouwers import WACHTWOORD
from tests.e2e import reizen
from werkgroep.models import Organisatie

pytestmark = [pytest.mark.e2e, pytest.mark.langzaam(reden="Chromium against a live server")]


def zoek(page, vraag: str) -> None:
    vak = page.get_by_role("searchbox", name="Zoeken op de site")
    vak.fill(vraag)
    vak.press("Enter")
    page.wait_for_load_state()


def test_a_member_finds_the_accented_name_and_the_meeting_of_a_date(
    page, live_server, wereld, browserfouten
):
    Organisatie.objects.create(naam="Coördinatiecentrum Sint-Niklaas")
    reizen.aanmelden(page, live_server.url, "jdejonckheere", WACHTWOORD)

    zoek(page, "coordinatie")
    organisaties = page.locator('section[aria-labelledby="soort-organisaties"]')
    assert organisaties.get_by_role("link", name="Coördinatiecentrum Sint-Niklaas").is_visible()

    zoek(page, "6/6/06")
    eerste = page.locator('section[aria-labelledby="soort-vergaderingen"] a').first
    assert eerste.inner_text() == "vergadering 06/06/2006"

    zoek(page, "de rynck")
    assert page.locator('section[aria-labelledby="soort-vergaderingen"] a').all_inner_texts() == [
        "vergadering 02/12/2005"
    ]
    assert browserfouten == []

"""The secretariat plans a meeting on the site, at 375 and 1280 px (issue 25, item 1).

The goal: from home, "a meeting with two agenda items, four attendees and two cost lines"
in under 15 interactions (a click, an Enter or a field filled counts as one). Counted here:

  copy of the last meeting   1 "Kopie van de vorige" (home), 1 date, 4 × a member ticked
                             present, 1 "Vergadering plannen" (hours, place, kind and the
                             two agenda items are copied)                               =  7
  costs (on the meeting      per line 1 category and 1 amount, 1 "Kosten toevoegen"   =  5
  page, where saving lands)                                                    together 12

  a meeting from scratch     1 "Nieuwe vergadering" (home), 1 date, 2 titles,
                             4 × ticked present, 1 save                                =  9
                             + costs 5                                          together 14

A meeting recorded on or after its day takes its attendees on the planning form (the
members today, ticked); before, on the attendance screen (16 and 14 when it went through
"Aanwezigheid opnemen"). The admin took 40 clicks, 6 Enter and 142 characters for the same
(issue 25). Editing the meeting ("Bewerken" on its page) and axe's verdict on the form are
checked on the way.
"""

from __future__ import annotations

import datetime as dt

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from tests import bouwers
from tests.bouwers import WACHTWOORD
from tests.e2e import reizen
from werkgroep.models import Vergadering, Werkgroep

pytestmark = [pytest.mark.e2e, pytest.mark.langzaam(reden="Chromium against a live server")]


class Teller:
    """Counts what the person does: each click, each field filled, each choice."""

    def __init__(self, page):
        self.page = page
        self.aantal = 0

    def klik(self, locator):
        self.aantal += 1
        locator.click()

    def vul(self, locator, tekst: str):
        self.aantal += 1
        locator.fill(tekst)

    def kies(self, locator, **optie):
        self.aantal += 1
        locator.select_option(**optie)


def _ernstig(page) -> list[str]:
    return [
        v["id"]
        for v in Axe().run(page).response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


def _aanwezigen(page, teller: Teller) -> None:
    """On the planning form: four members ticked present."""
    vakjes = page.locator('input[name="aanwezigen"]')
    assert vakjes.count() >= 4
    for i in range(4):
        teller.klik(vakjes.nth(i))


def _kosten(page, teller: Teller) -> None:
    """On the meeting page, where saving lands: two cost lines."""
    for i in range(2):
        teller.kies(page.locator(f'select[name="kosten-{i}-categorie"]'), index=i + 1)
        teller.vul(page.locator(f'input[name="kosten-{i}-bedrag"]'), f"{36 + i},30")
    teller.klik(page.get_by_role("button", name="Kosten toevoegen"))
    page.wait_for_selector(".alert-success")


@pytest.mark.parametrize("breedte", [375, 1280])
def test_the_secretariat_plans_edits_and_copies_a_meeting_within_the_goal(
    browser, live_server, wereld, breedte
):
    werkgroep = Werkgroep.objects.get()
    vandaag = timezone.localdate()
    context = browser.new_context(viewport={"width": breedte, "height": 800}, locale="nl-BE")
    page = context.new_page()
    reizen.aanmelden(page, live_server.url, "secretariaat", WACHTWOORD)

    # From scratch: the form opens with empty agenda rows, ready to type.
    page.goto(live_server.url + "/")
    nieuw = Teller(page)
    nieuw.klik(page.get_by_role("link", name="Nieuwe vergadering", exact=True))
    assert _ernstig(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= breedte
    nieuw.vul(page.locator("#id_datum"), vandaag.strftime("%d/%m/%Y"))
    nieuw.vul(page.locator('input[name="agenda-0-titel"]'), "Verwelkoming")
    nieuw.vul(page.locator('input[name="agenda-1-titel"]'), "Voorstelling van het project")
    _aanwezigen(page, nieuw)
    nieuw.klik(page.get_by_role("button", name="Vergadering plannen"))
    assert "De vergadering is gepland." in page.locator(".alert-success").inner_text()
    gepland = Vergadering.objects.get(werkgroep=werkgroep, datum_van=vandaag)
    assert page.url.endswith(f"/vergadering/{gepland.pk}/")
    assert gepland.soort == ""  # no kind chosen, none recorded
    assert "4 aanwezigen opgenomen." in page.locator(".alert-info").inner_text()
    _kosten(page, nieuw)
    assert gepland.aanwezigheden.filter(status="aanwezig").count() == 4
    assert gepland.kostenposten.count() == 2
    assert nieuw.aantal == 14
    assert nieuw.aantal < 15

    # Edited: "Bewerken" on its page, saved, back on the page.
    page.get_by_role("link", name="Bewerken").click()
    assert _ernstig(page) == []
    page.locator("#id_plaats").fill("Gent")
    page.get_by_role("button", name="Bewaren").click()
    assert "De vergadering is bewaard." in page.locator(".alert-success").inner_text()
    gepland.refresh_from_db()
    assert gepland.plaats == "Gent"

    # A copy of the last meeting (now the one just planned): hour, place, agenda copied.
    page.goto(live_server.url + "/")
    kopie = Teller(page)
    kopie.klik(page.get_by_role("link", name="Kopie van de vorige"))
    assert page.locator("#id_datum").input_value() == ""
    assert page.locator("#id_plaats").input_value() == "Gent"
    assert page.locator('input[name="agenda-1-titel"]').input_value() == (
        "Voorstelling van het project"
    )
    assert _ernstig(page) == []
    gisteren = vandaag - dt.timedelta(days=1)
    kopie.vul(page.locator("#id_datum"), gisteren.strftime("%d/%m/%Y"))
    _aanwezigen(page, kopie)
    kopie.klik(page.get_by_role("button", name="Vergadering plannen"))
    page.wait_for_selector(".alert-success")
    gekopieerd = Vergadering.objects.get(werkgroep=werkgroep, datum_van=gisteren)
    assert list(gekopieerd.agendapunten.values_list("titel", flat=True)) == [
        "Verwelkoming",
        "Voorstelling van het project",
    ]
    _kosten(page, kopie)
    assert gekopieerd.aanwezigheden.filter(status="aanwezig").count() == 4
    assert gekopieerd.kostenposten.count() == 2
    assert kopie.aantal == 12
    assert kopie.aantal < 15
    context.close()


@pytest.mark.parametrize("breedte", [375, 1280])
def test_the_secretariat_cancels_and_restores_a_meeting_on_its_page(
    browser, live_server, wereld, breedte
):
    """Cancelled and going ahead after all without the admin: each button opens a page that
    says who will be told (axe clean, no sideways scroll), whose button does it."""
    werkgroep = Werkgroep.objects.get()
    dag = timezone.localdate() + dt.timedelta(days=30)
    vergadering = bouwers.maak_vergadering(
        werkgroep, dag.strftime("%d/%m/%Y"), aanvang=dt.time(14), plaats="Gent"
    )
    context = browser.new_context(viewport={"width": breedte, "height": 800}, locale="nl-BE")
    page = context.new_page()
    reizen.aanmelden(page, live_server.url, "secretariaat", WACHTWOORD)
    page.goto(f"{live_server.url}/vergadering/{vergadering.pk}/")
    page.get_by_role("link", name="Vergadering afgelasten").click()
    assert "krijgt meteen een bericht" in page.locator("main").inner_text()
    assert _ernstig(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= breedte
    page.get_by_role("button", name="Afgelasten en de genodigden verwittigen").click()
    assert "De vergadering is afgelast" in page.locator(".alert-success").inner_text()
    vergadering.refresh_from_db()
    assert vergadering.status == Vergadering.Status.GEANNULEERD

    page.get_by_role("link", name="Gaat toch door").click()
    assert _ernstig(page) == []
    page.get_by_role("button", name="Gaat toch door: de genodigden verwittigen").click()
    assert "De vergadering gaat toch door" in page.locator(".alert-success").inner_text()
    vergadering.refresh_from_db()
    assert vergadering.status == Vergadering.Status.GEPLAND
    context.close()

"""A member's week from home's "Te doen" alone, in a browser at 375 and 1280 px: the
invitation still to answer (with its hour and place) and the action assigned in the minutes
are listed; following the first opens the answer page, and the answer clears it; no serious
axe finding on home."""

from __future__ import annotations

import datetime as dt

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from tests import bouwers
from tests.bouwers import WACHTWOORD
from tests.e2e import reizen
from uitnodigingen.models import Uitnodiging
from vergaderstukken.models import Actie, Notulen
from werkgroep.models import Vergadering, Werkgroep

pytestmark = [pytest.mark.e2e, pytest.mark.langzaam(reden="Chromium against a live server")]


def _ernstig(page) -> list[str]:
    return [
        v["id"]
        for v in Axe().run(page).response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


@pytest.mark.parametrize("breedte", [375, 1280])
def test_a_members_to_do_leads_to_the_answer_page_and_lists_the_assigned_action(
    browser, live_server, wereld, breedte
):
    johan = wereld["jdejonckheere"].deelnemer
    groep = Werkgroep.objects.get(slug=bouwers.SEED)
    plenaire = bouwers.maak_vergadering(
        groep,
        "15/01/2027",
        soort=Vergadering.Soort.PLENAIR,
        aanvang=dt.time(14, 0),
        einde=dt.time(16, 30),
        plaats="Vlaams Huis, zaal Breughel",
    )
    Uitnodiging.objects.create(
        vergadering=plenaire,
        deelnemer=johan,
        email="johan@voorbeeld.be",
        uitgenodigd_op=timezone.now(),
    )
    juni = Vergadering.objects.get(kenmerk="2006-06-06")
    notulen = Notulen.objects.create(vergadering=juni, status=Notulen.Status.VASTGELEGD)
    Actie.objects.create(
        notulen=notulen,
        omschrijving="Fiche van Werk.waardig nalezen",
        eigenaar=johan,
        deadline=dt.date(2027, 1, 10),
    )

    context = browser.new_context(viewport={"width": breedte, "height": 800}, locale="nl-BE")
    page = context.new_page()
    fouten: list[str] = []  # failed requests: a link that opens nothing shows here
    page.on(
        "response",
        lambda antwoord: (
            fouten.append(f"{antwoord.status} {antwoord.url}") if antwoord.status >= 400 else None
        ),
    )
    reizen.aanmelden(page, live_server.url, "jdejonckheere", WACHTWOORD)

    te_doen = page.locator("#te-doen")
    tekst = te_doen.inner_text()
    assert "Uitnodiging beantwoorden: plenaire vergadering 15/01/2027" in tekst
    assert "nog te beantwoorden" in tekst
    assert "14:00–16:30" in tekst and "Vlaams Huis, zaal Breughel" in tekst
    assert "Actie: Fiche van Werk.waardig nalezen" in tekst and "tegen 10/01/2027" in tekst
    assert page.evaluate("document.documentElement.scrollWidth") <= breedte
    assert _ernstig(page) == []

    # The action's link opens its minutes.
    te_doen.get_by_role("link", name="Actie: Fiche van Werk.waardig nalezen").click()
    page.wait_for_load_state()
    assert "Fiche van Werk.waardig nalezen" in page.locator("main").inner_text()
    page.go_back()

    # The invitation's link opens the answer page; answering clears the item.
    page.locator("#te-doen").get_by_role(
        "link", name="Uitnodiging beantwoorden: plenaire vergadering 15/01/2027"
    ).click()
    page.wait_for_load_state()
    assert "Komt u?" in page.locator("main").inner_text()
    assert "Vlaams Huis, zaal Breughel" in page.locator("main").inner_text()
    page.get_by_label("aanwezig", exact=True).check()
    page.get_by_role("button", name="Antwoord versturen").click()
    page.wait_for_selector(".alert-success")
    assert Uitnodiging.objects.get(vergadering=plenaire, deelnemer=johan).antwoord == "aanwezig"
    page.goto(live_server.url + "/")
    assert "Uitnodiging beantwoorden" not in page.locator("#te-doen").inner_text()
    assert fouten == []
    context.close()

"""In a real browser: a search hit on page 3 of the participants opens that page scrolled to
its row, the row marked (``tr:target``), at phone width, with no accessibility violation."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from kern.paginering import PER_PAGINA
from tests import bouwers
from tests.bouwers import WACHTWOORD
from tests.e2e import reizen
from werkgroep.models import Deelnemer

pytestmark = [pytest.mark.e2e, pytest.mark.langzaam]


def test_a_search_hit_opens_page_three_at_its_marked_row(page, live_server, wereld):
    for _ in range(2 * PER_PAGINA + 10 - Deelnemer.objects.count()):
        bouwers.maak_deelnemer()  # Achternaam…: before every name of the seed
    zoetemelk = bouwers.maak_deelnemer(voornaam="Joop", achternaam="Zoetemelk")
    page.set_viewport_size({"width": 375, "height": 740})
    reizen.aanmelden(page, live_server.url, "coordinator", WACHTWOORD)
    page.goto(f"{live_server.url}/zoeken/?q=Zoetemelk")
    page.get_by_role("link", name="Joop Zoetemelk").click()
    page.wait_for_url(f"**/deelnemers/?pagina=3#deelnemer-{zoetemelk.pk}")
    rij = page.locator(f"#deelnemer-{zoetemelk.pk}")
    assert rij.is_visible()
    # In the window once the (smooth) scroll to the anchor ends.
    page.wait_for_function(
        "id => { const r = document.getElementById(id).getBoundingClientRect();"
        " return r.top >= 0 && r.bottom <= window.innerHeight; }",
        arg=f"deelnemer-{zoetemelk.pk}",
    )
    # Marked: its cells take Bootstrap's light yellow (a table row's state is an inset
    # shadow over its cells), the others not.
    kleur = "el => getComputedStyle(el.querySelector('td')).boxShadow"
    assert "rgb(255, 243, 205)" in rij.evaluate(kleur)
    assert "rgb(255, 243, 205)" not in page.locator("tbody tr").first.evaluate(kleur)
    ernstig = [
        v["id"]
        for v in Axe().run(page).response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
    assert ernstig == []

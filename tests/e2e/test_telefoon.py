"""At phone width (375 px) no page scrolls sideways: wide tables scroll in their own box."""

from __future__ import annotations

import pytest

from tests.bouwers import WACHTWOORD
from tests.e2e import reizen
from werkgroep.models import Vergadering

pytestmark = [pytest.mark.e2e, pytest.mark.langzaam(reden="Chromium against a live server")]

SLUG = "regierol-van-de-lokale-besturen"
# Pages each role reaches; the secretariat's include those only it and the coordinator see.
LID = [
    "/",
    "/vergaderingen/2006/",
    "/deelnemers/",
    "/organisaties/",
    "/projecten/",
    f"/werkgroepen/{SLUG}/",
    "/projecten/werkwaardig/fiche/",
]
SECRETARIAAT = [
    *LID,
    f"/werkgroepen/{SLUG}/kosten/2006/",
    "/kosten/controle/",
    f"/validering/{SLUG}/2006/rondetafel/",
    f"/werkgroepen/{SLUG}/jaarverslag/",
    f"/werkgroepen/{SLUG}/jaarverslag/2005-2006/",
]


@pytest.mark.parametrize(
    ("rol", "paginas"), [("jdejonckheere", LID), ("secretariaat", SECRETARIAAT)]
)
def test_no_page_scrolls_sideways_at_phone_width(page, live_server, wereld, rol, paginas):
    page.set_viewport_size({"width": 375, "height": 800})
    reizen.aanmelden(page, live_server.url, rol, WACHTWOORD)
    vergadering = Vergadering.objects.get(kenmerk="2006-06-06")
    te_breed = {}
    for pad in [*paginas, f"/vergadering/{vergadering.pk}/"]:
        antwoord = page.goto(live_server.url + pad)
        assert antwoord.status == 200, pad
        breedte = page.evaluate("document.documentElement.scrollWidth")
        if breedte > 375:
            te_breed[pad] = breedte
    assert te_breed == {}

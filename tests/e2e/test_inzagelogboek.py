"""The access log's page in Chromium: no serious axe-core violation and no sideways scroll,
on a desktop and at phone width, with a full page of records, two pages and the filter."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.utils import timezone

from kern.models import Inzage
from tests import bouwers
from tests.e2e.test_axe import BREEDTES, schendingen

pytestmark = [pytest.mark.e2e, pytest.mark.langzaam]


@pytest.mark.parametrize("breedte", BREEDTES)
def test_the_access_log_is_accessible_on_a_desktop_and_a_phone(
    transactional_db, live_server, browser, breedte
):
    secretariaat = bouwers.secretariaat()
    nu = timezone.now()
    Inzage.objects.bulk_create(
        Inzage(
            account=secretariaat if i % 2 else None,
            gebruikersnaam="secretariaat" if i % 2 else "een-lange-gebruikersnaam-van-vroeger",
            wat=f"Aanwezigheidslijst vergadering {i:02d}/06/2006 met een lange beschrijving",
            bron="uitnodigingen:aanwezigheidslijst_pdf",
            personen=i,
            wanneer=nu - dt.timedelta(hours=i),
        )
        for i in range(60)
    )
    client = bouwers.aangemeld(secretariaat)
    breed, hoog = BREEDTES[breedte]
    context = browser.new_context(
        viewport={"width": breed, "height": hoog}, locale="nl-BE", base_url=live_server.url
    )
    sessie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": sessie, "url": live_server.url}]
    )
    page = context.new_page()
    gevonden = schendingen(page, "/inzagelogboek/")
    gevonden += schendingen(page, "/inzagelogboek/?gebruikersnaam=secretariaat&pagina=1")
    assert page.get_by_role("heading", name="Inzagelogboek").is_visible()
    context.close()
    assert not gevonden, "\n".join(gevonden)

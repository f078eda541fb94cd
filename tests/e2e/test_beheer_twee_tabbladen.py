"""Two admin tabs on a meeting with its inlines, in Chromium (kern/verouderd.py).

The secretariat opens the meeting twice; the first tab sets the place and saves; the
second, opened before, types another place and a report and saves: refused, nothing
overwritten, what was typed still on the page, and saving again keeps it.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.bouwers import WACHTWOORD
from tests.e2e import reizen
from werkgroep.models import Aanwezigheid, Agendapunt, Deelnemer, Vergadering

pytestmark = [pytest.mark.e2e, pytest.mark.langzaam]


def test_the_later_of_two_admin_tabs_is_refused_and_keeps_what_was_typed(
    wereld, live_server, page, browserfouten
):
    basis = live_server.url
    vergadering = Vergadering.objects.get(kenmerk="2006-06-06")  # a day: an hour fits
    Agendapunt.objects.create(vergadering=vergadering, volgorde=90, titel="Verwelkoming")
    Aanwezigheid.objects.create(
        vergadering=vergadering,
        deelnemer=Deelnemer.objects.get_by_natural_key("Johan", "Dejonckheere"),
        status=Aanwezigheid.Status.AANWEZIG,
    )
    reizen.aanmelden(page, basis, "secretariaat", WACHTWOORD)
    url = f"{basis}/admin/werkgroep/vergadering/{vergadering.pk}/change/"
    page.goto(url)
    tweede = page.context.new_page()
    tweede.goto(url)

    page.locator("#id_plaats").fill("Leuven, Provinciehuis")
    page.locator("input[name=_save]").click()
    page.locator(".messagelist .success").wait_for()

    tweede.locator("#id_plaats").fill("Gent, Sint-Pietersabdij")
    tweede.locator("#id_aanvang").fill("14:30")
    tweede.locator("input[name=_save]").click()
    tweede.get_by_text("Niets is bewaard").first.wait_for()
    assert tweede.locator("#id_plaats").input_value() == "Gent, Sint-Pietersabdij"
    assert tweede.locator("#id_aanvang").input_value() == "14:30"
    assert "Intussen opgeslagen door" in tweede.content()
    vergadering.refresh_from_db()
    assert (vergadering.plaats, vergadering.aanvang) == ("Leuven, Provinciehuis", None)
    assert vergadering.aanwezigheden.get().status == "aanwezig"

    # Having seen the other place, the person saves again: now their text is kept.
    tweede.locator("input[name=_save]").click()
    tweede.locator(".messagelist .success").wait_for()
    vergadering.refresh_from_db()
    assert vergadering.plaats == "Gent, Sint-Pietersabdij"
    assert vergadering.aanvang == dt.time(14, 30)
    assert vergadering.agendapunten.filter(titel="Verwelkoming").exists()
    assert browserfouten == []

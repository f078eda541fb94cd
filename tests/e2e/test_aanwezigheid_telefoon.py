"""Attendance taken on a phone: one card per person, the four statuses as buttons that fit
the window and a finger (at least 44 × 44 px, WCAG 2.5.5), chosen by tapping and saved,
the reply to the invitation in sight; the same page at 1280 px; no serious axe finding."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import timezone

from tests import bouwers
from tests.bouwers import WACHTWOORD
from tests.e2e import reizen
from uitnodigingen.models import Uitnodiging
from werkgroep.models import Aanwezigheid, Lidmaatschap, Vergadering

pytestmark = [pytest.mark.e2e, pytest.mark.langzaam(reden="Chromium against a live server")]

VINGER = 44  # px: the smallest target a finger hits reliably (WCAG 2.5.5)

# Per card: its name and, per choice, the box of what one taps (the radio's label).
MATEN = """() => [...document.querySelectorAll('form fieldset:has(input[type=radio])')].map(
  f => ({naam: f.querySelector('legend').innerText,
         keuzes: [...f.querySelectorAll('input[type=radio]')].map(i => {
           const r = i.labels[0].getBoundingClientRect();
           return {tekst: i.labels[0].innerText.trim(), links: r.left, rechts: r.right,
                   breed: r.width, hoog: r.height};
         })}))"""


def _leden(vergadering):
    return [
        lid.deelnemer
        for lid in Lidmaatschap.objects.filter(werkgroep=vergadering.werkgroep).select_related(
            "deelnemer"
        )
    ]


@pytest.mark.parametrize("breedte", [375, 1280])
def test_attendance_is_taken_by_tapping_large_choices_on_one_card_per_person(
    browser, live_server, wereld, breedte
):
    vergadering = Vergadering.objects.get(kenmerk="2006-06-06")
    leden = _leden(vergadering)
    assert len(leden) >= 3
    nu = timezone.now()
    Uitnodiging.objects.create(
        vergadering=vergadering,
        deelnemer=leden[0],
        email="eerste@voorbeeld.be",
        uitgenodigd_op=nu,
        antwoord="verontschuldigd",
        beantwoord_op=nu,
    )
    gast = bouwers.maak_deelnemer(voornaam="Maximiliaan", achternaam="Vandenbroucke-Verstraeten")
    bouwers.aanwezigheid(vergadering, gast, status="aanwezig")

    context = browser.new_context(
        viewport={"width": breedte, "height": 800}, has_touch=True, locale="nl-BE"
    )
    page = context.new_page()
    reizen.aanmelden(page, live_server.url, "secretariaat", WACHTWOORD)
    adres = live_server.url + reverse(
        "uitnodigingen:vergadering_aanwezigheid", args=[vergadering.pk]
    )
    page.goto(adres)

    # Every person a card; each of their four choices visible, inside the window (no
    # scrolling sideways, on the page or in a box) and large enough for a finger.
    kaarten = page.evaluate(MATEN)
    assert sorted(k["naam"].split(" · ")[0].removesuffix(" gast") for k in kaarten) == sorted(
        d.naam for d in [*leden, gast]
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= breedte
    assert "{#" not in page.locator("main").inner_text()  # no template comment shown
    te_klein = [
        (kaart["naam"], keuze)
        for kaart in kaarten
        for keuze in kaart["keuzes"]
        if keuze["links"] < 0
        or keuze["rechts"] > breedte
        or keuze["breed"] < VINGER
        or keuze["hoog"] < VINGER
        or not keuze["tekst"]
    ]
    assert te_klein == []
    assert [len(k["keuzes"]) for k in kaarten] == [4] * len(kaarten)

    # The reply to the invitation stays in sight, and proposes the status.
    eerste = page.get_by_role("group", name=leden[0].naam)
    assert "Antwoord op de uitnodiging: verontschuldigd" in eerste.inner_text()
    assert eerste.get_by_label("verontschuldigd", exact=True).is_checked()

    # A choice is tapped (on a phone) or clicked: on its button, the radio is hidden.
    def kies(groep, label):
        knop = groep.locator("label").filter(has_text=re.compile(f"^{label}$"))
        knop.tap() if breedte < 768 else knop.click()

    # The keyboard: the arrow keys move within a person, Tab goes to the next person.
    tweede = page.get_by_role("group", name=leden[1].naam)
    kies(tweede, "aanwezig")
    page.keyboard.press("ArrowRight")
    assert tweede.get_by_label("verontschuldigd", exact=True).is_checked()
    page.keyboard.press("Tab")
    gefocust = page.evaluate("[document.activeElement.type, document.activeElement.name]")
    assert gefocust[0] == "radio" and gefocust[1] != f"d{leden[1].pk}"

    # Chosen, and saved.
    kies(tweede, "aanwezig")
    kies(page.get_by_role("group", name=leden[2].naam), "afwezig")
    knop = page.get_by_role("button", name="Aanwezigheid opslaan")
    knop.tap() if breedte < 768 else knop.click()
    page.wait_for_selector(".alert-success")
    stand = {a.deelnemer_id: a.status for a in Aanwezigheid.objects.filter(vergadering=vergadering)}
    assert stand == {
        leden[0].pk: "verontschuldigd",
        leden[1].pk: "aanwezig",
        leden[2].pk: "afwezig",
        gast.pk: "aanwezig",
    }

    # No serious accessibility finding on the screen (opened again, now recorded).
    page.goto(adres)
    ernstig = [
        v["id"]
        for v in Axe().run(page).response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
    assert ernstig == []
    context.close()


def test_the_coordinator_reads_the_cards_without_choosing(page, live_server, wereld):
    """The same cards, the choices shown but disabled (greyed buttons keep no contrast
    duty, WCAG 1.4.3's exception for inactive controls); still no serious axe finding."""
    vergadering = Vergadering.objects.get(kenmerk="2006-06-06")
    leden = _leden(vergadering)
    bouwers.aanwezigheid(vergadering, leden[0], status="aanwezig")
    page.set_viewport_size({"width": 375, "height": 800})
    reizen.aanmelden(page, live_server.url, "coordinator", WACHTWOORD)
    page.goto(
        live_server.url + reverse("uitnodigingen:vergadering_aanwezigheid", args=[vergadering.pk])
    )
    kaart = page.get_by_role("group", name=leden[0].naam)
    assert kaart.get_by_label("aanwezig", exact=True).is_checked()
    assert kaart.get_by_label("aanwezig", exact=True).is_disabled()
    assert page.get_by_role("button", name="Aanwezigheid opslaan").count() == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    ernstig = [
        v["id"]
        for v in Axe().run(page).response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
    assert ernstig == []

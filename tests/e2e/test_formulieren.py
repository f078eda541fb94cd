"""Forms done once, in a browser at 375 and 1280 px (issue 25, item 9): a form sent with
errors comes back with the focus on its first invalid field, every aria-invalid field's
aria-describedby names elements that exist, the summary's links move the focus to their
field, the focus ring is visible (an outline of at least 2 px and a dark band of at least
3:1 on the page), and axe finds nothing serious."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

from tests.bouwers import WACHTWOORD
from tests.e2e import reizen
from werkgroep.models import Vergadering

pytestmark = [pytest.mark.e2e, pytest.mark.langzaam(reden="Chromium against a live server")]

# Per invalid field: its id, and the ids its aria-describedby names that do not exist.
ONGELDIG = """() => [...document.querySelectorAll('main [aria-invalid="true"]')].map(v => ({
  id: v.id,
  ontbreekt: (v.getAttribute('aria-describedby') || '').split(/\\s+/).filter(Boolean)
    .filter(id => !document.getElementById(id)),
  beschreven: (v.getAttribute('aria-describedby') || '').split(/\\s+/).filter(Boolean),
}))"""

# The focused element's ring: outline width and style, box-shadow, and the page's colour.
RING = """() => {
  document.getAnimations().forEach(a => a.finish());  // Bootstrap's .15s transition
  const s = getComputedStyle(document.activeElement);
  return {id: document.activeElement.id, breedte: parseFloat(s.outlineWidth),
          stijl: s.outlineStyle, schaduw: s.boxShadow,
          achtergrond: getComputedStyle(document.body).backgroundColor};
}"""


def _luminantie(rgb: str) -> float:
    kanalen = [int(x) / 255 for x in rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")[:3]]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in kanalen]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _contrast(a: str, b: str) -> float:
    la, lb = sorted([_luminantie(a), _luminantie(b)], reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _ring_zichtbaar(page, verwacht_id: str) -> None:
    ring = page.evaluate(RING)
    assert ring["id"] == verwacht_id
    assert ring["stijl"] != "none" and ring["breedte"] >= 2, ring
    # Around the outline a near-black band (box-shadow 0 0 0 5px): ≥ 3:1 on the page.
    schaduw = ring["schaduw"]
    assert "5px" in schaduw, ring
    kleur = schaduw[: schaduw.index(")") + 1]
    assert _contrast(kleur, ring["achtergrond"]) >= 3, ring


def _geen_ernstige_axe_fout(page) -> None:
    ernstig = [
        (v["id"], [n["target"] for n in v["nodes"]])
        for v in Axe().run(page).response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
    assert ernstig == []


def _controleer_foutpagina(page, eerste_id: str) -> None:
    velden = page.evaluate(ONGELDIG)
    assert velden, "geen veld met aria-invalid"
    assert [v for v in velden if v["ontbreekt"]] == []
    assert all(any(i.endswith("_error") for i in v["beschreven"]) for v in velden)
    # The focus is on the first invalid field, with its ring.
    assert velden[0]["id"] == eerste_id
    _ring_zichtbaar(page, eerste_id)
    # One summary; its link to the last invalid field moves the focus there.
    assert page.locator(".foutenoverzicht").count() == 1
    laatste = velden[-1]["id"]
    page.locator(f'.foutenoverzicht a[href="#{laatste}"]').first.click()
    assert page.evaluate("document.activeElement.id") == laatste
    _ring_zichtbaar(page, laatste)
    _geen_ernstige_axe_fout(page)


@pytest.mark.parametrize("breedte", [375, 1280])
def test_a_crispy_form_with_errors_puts_the_focus_on_the_first(
    browser, live_server, wereld, breedte
):
    """The password change (crispy): a wrong current password and two new ones that differ."""
    context = browser.new_context(viewport={"width": breedte, "height": 800}, locale="nl-BE")
    page = context.new_page()
    fouten = []
    page.on("console", lambda b: fouten.append(b.text) if "Content Security" in b.text else None)
    page.on("pageerror", lambda f: fouten.append(str(f)))
    reizen.aanmelden(page, live_server.url, "secretariaat", WACHTWOORD)
    page.goto(live_server.url + reverse("password_change"))
    page.locator("#id_old_password").fill("niet-het-wachtwoord")
    page.locator("#id_new_password1").fill("Lang-genoeg-2026")
    page.locator("#id_new_password2").fill("Anders-2026-lang")
    page.get_by_role("button", name="Wachtwoord wijzigen").click()
    page.wait_for_selector(".foutenoverzicht")
    _controleer_foutpagina(page, "id_old_password")
    assert fouten == []
    context.close()


@pytest.mark.parametrize("breedte", [375, 1280])
def test_the_cost_rows_with_12_345_put_the_focus_on_the_amount(
    browser, live_server, wereld, breedte
):
    """A form laid out by hand (kern/_veld.html): one message for "12,345"."""
    vergadering = Vergadering.objects.get(kenmerk="2006-06-06")
    context = browser.new_context(viewport={"width": breedte, "height": 800}, locale="nl-BE")
    page = context.new_page()
    reizen.aanmelden(page, live_server.url, "secretariaat", WACHTWOORD)
    page.goto(live_server.url + reverse("werkgroep:vergadering_detail", args=[vergadering.pk]))
    page.locator("#id_kosten-0-categorie").select_option(label="catering")
    page.locator("#id_kosten-0-bedrag").fill("12,345")
    page.get_by_role("button", name="Kosten toevoegen").click()
    page.wait_for_selector(".foutenoverzicht")
    assert page.locator("#id_kosten-0-bedrag_error").inner_text() == (
        "Een bedrag heeft hoogstens twee decimalen: “12,345”."
    )
    _controleer_foutpagina(page, "id_kosten-0-bedrag")
    context.close()


@pytest.mark.parametrize("breedte", [375, 1280])
def test_the_keyboard_focus_ring_on_a_text_field_is_not_bootstraps_glow(
    browser, live_server, wereld, breedte
):
    context = browser.new_context(viewport={"width": breedte, "height": 800}, locale="nl-BE")
    page = context.new_page()
    page.goto(live_server.url + reverse("password_reset"))
    page.locator("#id_email").focus()
    _ring_zichtbaar(page, "id_email")
    context.close()

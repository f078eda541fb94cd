"""Two factors in Chromium on a phone (375 px): the secretariat, past its grace period, is
sent to add an authenticator app, scans (types) the key, confirms with the first code, makes
recovery codes, and at the next login confirms with a code. No serious axe finding on the
new pages, nothing wider than the window, no CSP violation.

Passkeys (WebAuthn, Chromium's virtual authenticator): tests/e2e/test_passkey.py."""

from __future__ import annotations

import base64
import datetime as dt
import time

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.bouwers import WACHTWOORD
from tweestaps.models import Tweestapsplicht

pytestmark = [pytest.mark.e2e, pytest.mark.langzaam(reden="Chromium against a live server")]

BREEDTE = 375


def _code(sleutel_b32: str, stappen_verder: int = 0) -> str:
    """What the app would show: the key as typed from the page (groups of four)."""
    sleutel = "".join(sleutel_b32.split())
    sleutel += "=" * (-len(sleutel) % 8)
    generator = TOTP(base64.b32decode(sleutel))
    generator.time = time.time() + 30 * stappen_verder
    return f"{generator.token():06d}"


def _nakijken(page) -> None:
    """No serious axe finding, nothing wider than the phone."""
    ernstig = [
        v["id"]
        for v in Axe().run(page).response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
    assert ernstig == [], page.url
    assert page.evaluate("document.documentElement.scrollWidth") <= BREEDTE, page.url


def _wachtwoord(page, basis: str) -> None:
    page.goto(f"{basis}/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill("secretariaat")
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Aanmelden").click()


def test_the_secretariat_enrols_an_app_and_confirms_the_next_login_with_it(
    browser, live_server, wereld
):
    Tweestapsplicht.objects.create(
        account=wereld["secretariaat"], begonnen_op=timezone.localdate() - dt.timedelta(days=30)
    )
    context = browser.new_context(
        viewport={"width": BREEDTE, "height": 800}, has_touch=True, locale="nl-BE"
    )
    page = context.new_page()
    fouten: list[str] = []
    page.on(
        "console",
        lambda b: fouten.append(b.text) if "Content Security Policy" in b.text else None,
    )
    page.on("pageerror", lambda f: fouten.append(f"JS error: {f}"))
    basis = live_server.url

    # Past the grace period: straight to adding an app, and nothing else opens.
    _wachtwoord(page, basis)
    page.wait_for_url(f"{basis}/accounts/tweestaps/")
    page.get_by_text("koppel eerst een authenticator-app").wait_for()
    _nakijken(page)
    page.goto(f"{basis}/admin/")
    page.wait_for_url(f"{basis}/accounts/tweestaps/")

    page.get_by_role("button", name="Authenticator-app toevoegen").click()
    page.locator("svg.qr").wait_for()
    _nakijken(page)
    sleutel = page.locator("#tweestaps-geheim").inner_text()
    page.get_by_label("Eerste code uit de app").fill(_code(sleutel))
    page.get_by_role("button", name="App koppelen").click()
    page.get_by_text("Uw authenticator-app is gekoppeld").wait_for()

    page.get_by_role("button", name="Nieuwe herstelcodes maken").click()
    page.get_by_role("heading", name="Uw herstelcodes").wait_for()
    assert page.locator("#herstelcodes li").count() == 10
    _nakijken(page)
    page.goto(f"{basis}/")
    assert page.url == f"{basis}/"

    # The next login: the password, then "Bevestig uw aanmelding" with the app's next code.
    context.clear_cookies()
    _wachtwoord(page, basis)
    page.get_by_role("heading", name="Bevestig uw aanmelding").wait_for()
    _nakijken(page)
    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Bevestigen").click()
    page.get_by_text("Deze code klopt niet").first.wait_for()
    _nakijken(page)
    # The wrong code's wait (a second) taken as over, as the clock would.
    TOTPDevice.objects.update(throttling_failure_timestamp=timezone.now() - dt.timedelta(hours=1))
    page.get_by_label("Code").fill(_code(sleutel, stappen_verder=1))
    page.get_by_role("button", name="Bevestigen").click()
    page.wait_for_url(f"{basis}/")
    page.goto(f"{basis}/admin/")
    assert page.url == f"{basis}/admin/"
    assert fouten == []
    context.close()


def test_the_secretariat_resets_a_members_lost_app_from_the_admin(browser, live_server, wereld):
    """On a laptop (the admin): confirmed with its own app, the secretariat picks Johan on
    the accounts, the action "Tweede factor herstellen…", reads the confirmation page (axe)
    and resets; Johan's app is gone."""
    from tests.e2e.test_axe import schendingen

    eigen = TOTPDevice.objects.create(user=wereld["secretariaat"], name="App", confirmed=True)
    TOTPDevice.objects.create(user=wereld["jdejonckheere"], name="App", confirmed=True)
    sleutel = base64.b32encode(eigen.bin_key).decode()
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-BE")
    page = context.new_page()
    basis = live_server.url

    _wachtwoord(page, basis)
    page.get_by_label("Code").fill(_code(sleutel))
    page.get_by_role("button", name="Bevestigen").click()
    page.wait_for_url(f"{basis}/")

    page.goto(f"{basis}/admin/auth/user/")
    page.get_by_role("row").filter(has_text="jdejonckheere").get_by_role("checkbox").check()
    page.locator("select[name=action]").select_option("tweede_factor_herstellen")
    page.locator("button[name=index]").click()
    page.get_by_role("heading", name="Tweede factor van jdejonckheere herstellen").wait_for()
    page.get_by_text("1 authenticator-app, 0 passkeys, 0 ongebruikte herstelcodes").wait_for()
    assert schendingen(page, page.url) == []

    page.get_by_role("button", name="Tweede factor herstellen").click()
    page.get_by_text("De tweede factor van jdejonckheere is hersteld").wait_for()
    assert not TOTPDevice.objects.filter(user=wereld["jdejonckheere"]).exists()
    assert TOTPDevice.objects.filter(user=wereld["secretariaat"]).exists()
    context.close()

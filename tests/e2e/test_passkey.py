"""Passkeys in Chromium on a phone (375 px), with Chromium's virtual authenticator: the
secretariat adds a passkey on the profile page with a name of its own, renames it there,
logs out, logs in with the password and confirms with the passkey. No serious axe finding,
nothing wider than the window, no CSP violation or script error (django-otp-webauthn's
scripts are served from our static files)."""

from __future__ import annotations

import pytest
from django_otp_webauthn.models import WebAuthnCredential

from tests.e2e.test_tweestaps import BREEDTE, _nakijken, _wachtwoord

pytestmark = [pytest.mark.e2e, pytest.mark.langzaam(reden="Chromium against a live server")]


def test_the_secretariat_adds_a_passkey_and_confirms_the_next_login_with_it(
    browser, live_server, wereld, settings
):
    # WebAuthn needs a secure context and a name: http://localhost is both.
    basis = live_server.url.replace("127.0.0.1", "localhost")
    settings.OTP_WEBAUTHN_RP_ID = "localhost"
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [basis]
    context = browser.new_context(
        viewport={"width": BREEDTE, "height": 800}, has_touch=True, locale="nl-BE"
    )
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    fouten: list[str] = []
    page.on(
        "console",
        lambda b: fouten.append(b.text) if "Content Security Policy" in b.text else None,
    )
    page.on("pageerror", lambda f: fouten.append(f"JS error: {f}"))

    # Within the grace period: the password alone, then the profile page.
    _wachtwoord(page, basis)
    page.wait_for_url(f"{basis}/")
    page.goto(f"{basis}/accounts/profiel/")
    page.get_by_label("Naam van de nieuwe passkey").fill("Laptop werk")
    page.get_by_role("button", name="Passkey toevoegen").click()
    page.get_by_role("button", name="Passkey verwijderen").wait_for()  # the page, anew
    passkey = WebAuthnCredential.objects.get(user=wereld["secretariaat"], confirmed=True)
    assert passkey.name == "Laptop werk"
    lijst = page.locator("#passkeys")
    assert lijst.get_by_text("Laptop werk", exact=True).is_visible()
    _nakijken(page)

    # Renamed on the list: "Naam wijzigen" opens the small form.
    lijst.get_by_text("Naam wijzigen").click()
    lijst.get_by_label("Naam").fill("Telefoon")
    _nakijken(page)  # with the form open
    lijst.get_by_role("button", name="Naam opslaan").click()
    page.get_by_text("De passkey heet nu “Telefoon”.").wait_for()
    assert page.locator("#passkeys").get_by_text("Telefoon", exact=True).is_visible()
    passkey.refresh_from_db()
    assert passkey.name == "Telefoon"
    _nakijken(page)

    # The next login: the password, then "Bevestig uw aanmelding" with the passkey.
    context.clear_cookies()
    _wachtwoord(page, basis)
    page.get_by_role("heading", name="Bevestig uw aanmelding").wait_for()
    page.get_by_role("button", name="Met een passkey bevestigen").wait_for()
    _nakijken(page)
    page.get_by_role("button", name="Met een passkey bevestigen").click()
    page.wait_for_url(f"{basis}/")
    page.goto(f"{basis}/admin/")
    assert page.url == f"{basis}/admin/"
    assert fouten == []
    context.close()

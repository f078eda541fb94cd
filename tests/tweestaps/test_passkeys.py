"""Passkeys (issue 26 item 5): a third second factor, through django-otp-webauthn's views.

A software authenticator below answers the real ceremonies (an EC key of its own, the
"none" attestation), so the server's checks run for real; the browser's part is
tests/e2e/test_passkey.py."""

from __future__ import annotations

import base64
import hashlib
import json
import struct

import cbor2
import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from django.conf import settings
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from tests.bouwers import WACHTWOORD
from tests.tweestaps.test_tweestaps import aanmelden
from tweestaps import services

BEVESTIGEN = reverse("tweestaps:bevestigen")
INSTELLEN = reverse("tweestaps:instellen")
REG_BEGIN = reverse("otp_webauthn:credential-registration-begin")
REG_KLAAR = reverse("otp_webauthn:credential-registration-complete")
AUTH_BEGIN = reverse("otp_webauthn:credential-authentication-begin")
AUTH_KLAAR = reverse("otp_webauthn:credential-authentication-complete")


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(tekst: str) -> bytes:
    return base64.urlsafe_b64decode(tekst + "=" * (-len(tekst) % 4))


class Authenticator:
    """A passkey on a device: what a browser's authenticator answers to the site."""

    def __init__(self, origin: str | None = None):
        self.sleutel = ec.generate_private_key(ec.SECP256R1())
        self.id = b"passkey-" + bytes(range(16))
        self.teller = 0
        self.origin = origin or settings.OTP_WEBAUTHN_ALLOWED_ORIGINS[0]
        self.rp_hash = hashlib.sha256(settings.OTP_WEBAUTHN_RP_ID.encode()).digest()

    def _client_data(self, soort: str, challenge: str) -> bytes:
        return json.dumps(
            {"type": soort, "challenge": challenge, "origin": self.origin, "crossOrigin": False}
        ).encode()

    def maken(self, opties: dict) -> dict:
        getallen = self.sleutel.public_key().public_numbers()
        cose = cbor2.dumps(
            {1: 2, 3: -7, -1: 1, -2: getallen.x.to_bytes(32), -3: getallen.y.to_bytes(32)}
        )
        auth_data = (
            self.rp_hash
            + bytes([0x45])  # user present, verified, attested credential data
            + struct.pack(">I", self.teller)
            + bytes(16)  # aaguid
            + struct.pack(">H", len(self.id))
            + self.id
            + cose
        )
        attestatie = cbor2.dumps({"fmt": "none", "attStmt": {}, "authData": auth_data})
        return {
            "id": _b64(self.id),
            "rawId": _b64(self.id),
            "type": "public-key",
            "response": {
                "clientDataJSON": _b64(self._client_data("webauthn.create", opties["challenge"])),
                "attestationObject": _b64(attestatie),
                "transports": ["internal"],
            },
        }

    def ondertekenen(self, opties: dict) -> dict:
        self.teller += 1
        client_data = self._client_data("webauthn.get", opties["challenge"])
        auth_data = self.rp_hash + bytes([0x05]) + struct.pack(">I", self.teller)
        handtekening = self.sleutel.sign(
            auth_data + hashlib.sha256(client_data).digest(), ec.ECDSA(hashes.SHA256())
        )
        return {
            "id": _b64(self.id),
            "rawId": _b64(self.id),
            "type": "public-key",
            "response": {
                "clientDataJSON": _b64(client_data),
                "authenticatorData": _b64(auth_data),
                "signature": _b64(handtekening),
            },
        }


def _json(client, url, data=None):
    return client.post(url, json.dumps(data or {}), content_type="application/json")


def registreren(client, authenticator: Authenticator):
    opties = _json(client, REG_BEGIN)
    assert opties.status_code == 200, opties.content
    return _json(client, REG_KLAAR, authenticator.maken(opties.json()))


def bevestigen_met(client, authenticator: Authenticator, volgende: str = "/"):
    opties = _json(client, AUTH_BEGIN)
    assert opties.status_code == 200, opties.content
    return _json(client, f"{AUTH_KLAAR}?next={volgende}", authenticator.ondertekenen(opties.json()))


@pytest.fixture
def met_passkey(client, lid):
    """``lid`` with a passkey added on the profile page, then logged out."""
    authenticator = Authenticator()
    aanmelden(client, lid)
    assert registreren(client, authenticator).status_code == 200
    client.post(reverse("logout"))
    return authenticator


def test_a_passkey_is_added_and_then_confirms_every_login(client, lid, met_passkey):
    passkey = WebAuthnCredential.objects.get(user=lid)
    assert passkey.confirmed
    assert aanmelden(client, lid).status_code == 302
    assert client.get("/").url.startswith(BEVESTIGEN)  # asked, like with an app
    pagina = client.get(BEVESTIGEN).content.decode()
    assert "Met een passkey bevestigen" in pagina
    antwoord = bevestigen_met(client, met_passkey, "/deelnemers/")
    assert antwoord.status_code == 200, antwoord.content
    assert antwoord.json()["redirect_url"] == "/deelnemers/"
    assert client.get("/").status_code == 200
    passkey.refresh_from_db()
    assert passkey.sign_count == 1 and passkey.last_used_at


def test_a_passkey_of_another_origin_confirms_nothing(client, lid, met_passkey):
    aanmelden(client, lid)
    met_passkey.origin = "https://elders.example"
    antwoord = bevestigen_met(client, met_passkey)
    assert antwoord.status_code >= 400
    assert client.get("/").url.startswith(BEVESTIGEN)


def test_confirming_without_a_begun_ceremony_is_refused(client, lid, met_passkey):
    aanmelden(client, lid)
    opties = _json(client, AUTH_BEGIN).json()
    antwoord = met_passkey.ondertekenen(opties)
    assert _json(client, AUTH_KLAAR, antwoord).status_code == 200
    client.post(reverse("logout"))
    aanmelden(client, lid)
    # The same answer again, in a session that began no ceremony: no replay.
    weer = _json(client, AUTH_KLAAR, antwoord)
    assert weer.status_code == 400 and weer.json()["code"] == "invalid_state"
    assert client.get("/").url.startswith(BEVESTIGEN)


def test_the_views_need_a_login(client, lid):
    for url in (REG_BEGIN, AUTH_BEGIN, AUTH_KLAAR):
        antwoord = _json(client, url)
        assert antwoord.status_code == 302 and antwoord.url.startswith(reverse("login"))


def test_an_account_that_did_not_confirm_its_app_cannot_add_a_passkey(client, lid):
    """Else a stolen password would add the thief's passkey and skip the second step."""
    TOTPDevice.objects.create(user=lid, name="App", confirmed=True)
    aanmelden(client, lid)
    antwoord = _json(client, REG_BEGIN)
    assert antwoord.status_code == 403
    assert not WebAuthnCredential.objects.filter(user=lid).exists()


def test_a_member_without_factors_is_not_asked_and_sees_no_passkey_button(client, lid):
    aanmelden(client, lid)
    assert client.get("/").status_code == 200
    assert client.get(BEVESTIGEN).status_code == 302  # nothing to confirm


def test_the_profile_section_offers_a_passkey_with_scripts_of_our_own(client, lid):
    aanmelden(client, lid)
    pagina = client.get(reverse("site:profiel"))
    tekst = pagina.content.decode()
    assert "Passkey toevoegen" in tekst
    assert 'src="/static/django_otp_webauthn/otp_webauthn_register.js"' in tekst
    assert 'src="/static/tweestaps/passkey.js"' in tekst
    csp = pagina.headers["Content-Security-Policy"]
    scripts = next(d for d in csp.split(";") if d.strip().startswith("script-src"))
    assert scripts.split() == ["script-src", "'self'"]


def test_staff_with_a_passkey_have_done_their_duty(client, secretariaat, settings):
    settings.TWEESTAPS_GRACE_DAGEN = 0
    aanmelden(client, secretariaat)
    assert client.get("/").url == INSTELLEN  # no factor yet: sent to add one
    assert registreren(client, Authenticator()).status_code == 200
    assert client.get("/").status_code == 200
    client.post(reverse("logout"))
    aanmelden(client, secretariaat)
    assert client.get("/").url.startswith(BEVESTIGEN)  # now asked, not sent to add one


def test_a_passkey_is_removed_only_with_the_password_and_takes_the_codes_along(
    client, lid, met_passkey
):
    aanmelden(client, lid)
    bevestigen_met(client, met_passkey)
    client.post(reverse("tweestaps:herstelcodes"), {"terug": "profiel"})
    assert StaticDevice.objects.filter(user=lid).exists()
    passkey = WebAuthnCredential.objects.get(user=lid)
    url = reverse("tweestaps:passkey_verwijderen")
    fout = client.post(url, {"passkey": passkey.pk, "wachtwoord": "fout"}, follow=True)
    assert "Dit wachtwoord klopt niet" in fout.content.decode()
    assert WebAuthnCredential.objects.filter(pk=passkey.pk).exists()
    goed = client.post(url, {"passkey": passkey.pk, "wachtwoord": WACHTWOORD}, follow=True)
    assert "De passkey is verwijderd." in goed.content.decode()
    assert not WebAuthnCredential.objects.filter(user=lid).exists()
    assert not StaticDevice.objects.filter(user=lid).exists()  # alone no factor
    client.post(reverse("logout"))
    aanmelden(client, lid)
    assert client.get("/").status_code == 200  # no longer asked


def test_the_secretariat_resets_a_lost_passkey_too(lid, met_passkey):
    assert services.factoren_wissen(user=lid) == 1
    assert not WebAuthnCredential.objects.filter(user=lid).exists()


def test_an_account_with_only_an_app_is_offered_no_passkey(client, lid):
    TOTPDevice.objects.create(user=lid, name="App", confirmed=True)
    aanmelden(client, lid)
    pagina = client.get(BEVESTIGEN).content.decode()
    assert "Bevestig uw aanmelding" in pagina
    assert "Met een passkey bevestigen" not in pagina
    assert "otp_webauthn_auth.js" not in pagina

"""A passkey's name (issue 26 item 5): a Dutch default when it is added, one typed beside
"Passkey toevoegen", and a change later on the profile page, refused when stale."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone
from django_otp_webauthn.models import WebAuthnCredential

from tests.bouwers import aangemeld
from tests.tweestaps.test_passkeys import Authenticator, registreren
from tests.tweestaps.test_tweestaps import aanmelden

HERNOEMEN = reverse("tweestaps:passkey_hernoemen")
PROFIEL = reverse("site:profiel")


@pytest.fixture
def passkey(client, lid):
    aanmelden(client, lid)
    assert registreren(client, Authenticator()).status_code == 200
    return WebAuthnCredential.objects.get(user=lid)


def _hernoemen(client, passkey, naam, gelezen=None, **extra):
    data = {"passkey": passkey.pk, "naam": naam, "terug": "profiel", **extra}
    data["gelezen"] = passkey.name if gelezen is None else gelezen
    return client.post(HERNOEMEN, data, follow=True)


def test_a_new_passkey_is_named_after_the_day_it_was_added(client, passkey):
    vandaag = timezone.localdate().strftime("%d/%m/%Y")
    assert passkey.name == f"Passkey van {vandaag}"
    tekst = client.get(PROFIEL).content.decode()
    assert f"<strong>Passkey van {vandaag}</strong>" in tekst
    assert "Naam wijzigen" in tekst


def test_a_passkey_from_before_names_shows_the_same_default(client, passkey):
    WebAuthnCredential.objects.filter(pk=passkey.pk).update(name="")
    dag = timezone.localtime(passkey.created_at).strftime("%d/%m/%Y")
    assert f"<strong>Passkey van {dag}</strong>" in client.get(PROFIEL).content.decode()


def test_the_owner_renames_a_passkey(client, passkey):
    antwoord = _hernoemen(client, passkey, "  Laptop werk  ")
    assert antwoord.redirect_chain[-1][0] == PROFIEL + "#tweestaps"
    passkey.refresh_from_db()
    assert passkey.name == "Laptop werk"
    tekst = antwoord.content.decode()
    assert "De passkey heet nu “Laptop werk”." in tekst
    assert "<strong>Laptop werk</strong>" in tekst


def test_a_name_typed_before_adding_is_given_to_the_new_passkey(client, passkey):
    """What passkey.js sends after the ceremony: the number, the name, no name read."""
    client.post(HERNOEMEN, {"passkey": passkey.pk, "naam": "Telefoon", "terug": "profiel"})
    passkey.refresh_from_db()
    assert passkey.name == "Telefoon"


def test_the_add_form_asks_an_optional_name_and_the_list_forms_do_not_validate_in_the_browser(
    client, passkey
):
    tekst = client.get(PROFIEL).content.decode()
    assert 'id="passkey-naam-form"' in tekst
    assert "Optioneel. Zonder naam heet hij" in tekst
    assert 'maxlength="64"' in tekst
    assert tekst.count(f'action="{HERNOEMEN}"') == 2  # the new one's and this passkey's


@pytest.mark.parametrize(
    ("naam", "fout"),
    [
        ("", "Geef de passkey een naam."),
        ("   ", "Geef de passkey een naam."),
        ("x" * 65, "Een naam heeft hoogstens 64 tekens (nu 65)."),
    ],
)
def test_an_empty_or_too_long_name_is_refused_in_dutch(client, passkey, naam, fout):
    oud = passkey.name
    antwoord = _hernoemen(client, passkey, naam)
    assert fout in antwoord.content.decode()
    passkey.refresh_from_db()
    assert passkey.name == oud


def test_a_stale_tab_does_not_undo_a_newer_name(client, passkey):
    oud = passkey.name
    _hernoemen(client, passkey, "Laptop")
    antwoord = _hernoemen(client, passkey, "Telefoon", gelezen=oud)  # the other tab
    assert "Deze passkey kreeg intussen een andere naam: Laptop." in antwoord.content.decode()
    passkey.refresh_from_db()
    assert passkey.name == "Laptop"


def test_a_removed_passkey_cannot_be_renamed(client, passkey):
    WebAuthnCredential.objects.filter(pk=passkey.pk).delete()
    antwoord = _hernoemen(client, passkey, "Laptop")
    assert "Deze passkey was al verwijderd" in antwoord.content.decode()


def test_nobody_renames_anothers_passkey(passkey, secretariaat):
    oud = passkey.name
    antwoord = _hernoemen(aangemeld(secretariaat), passkey, "Van mij")
    assert "Deze passkey was al verwijderd" in antwoord.content.decode()  # says nothing more
    passkey.refresh_from_db()
    assert passkey.name == oud


def test_renaming_needs_a_post_and_a_login(client, passkey):
    assert client.get(HERNOEMEN).status_code == 405
    client.post(reverse("logout"))
    antwoord = client.post(HERNOEMEN, {"passkey": passkey.pk, "naam": "X"})
    assert antwoord.status_code == 302 and antwoord.url.startswith(reverse("login"))

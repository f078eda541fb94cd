"""A lost second factor reset from the admin (issue 26 item 5): the action "Tweede factor
herstellen…" on the accounts, its confirmation page, who may, the record and the mail."""

from __future__ import annotations

import socket

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from kern import mail
from kern.models import Bericht
from tests import bouwers
from tests.tweestaps.test_tweestaps import aanmelden
from werkgroep.services import adres_wijzigen

User = get_user_model()
WIJZIGEN = "admin:auth_user_change"


def _herstel_url(account) -> str:
    return reverse("admin:auth_user_tweestaps_herstellen", args=[account.pk])


def bevestigd(user):
    """A client of ``user`` whose session is confirmed with its own (new) authenticator app."""
    app = TOTPDevice.objects.create(user=user, name="Eigen app", confirmed=True)
    client = bouwers.aangemeld(user)
    sessie = client.session
    sessie[DEVICE_ID_SESSION_KEY] = app.persistent_id
    sessie.save()
    return client


def factoren(user) -> None:
    """An app, a passkey and recovery codes: everything a reset removes."""
    TOTPDevice.objects.create(user=user, name="App", confirmed=True)
    WebAuthnCredential.objects.create(
        user=user,
        name="Passkey",
        credential_id=b"id-" + str(user.pk).encode(),
        public_key=b"sleutel",
        sign_count=0,
    )
    StaticDevice.objects.create(user=user, name="Herstelcodes").token_set.create(token="abcd2345")


def _heeft_factoren(user) -> bool:
    return (
        TOTPDevice.objects.filter(user=user).exists()
        or WebAuthnCredential.objects.filter(user=user).exists()
        or StaticDevice.objects.filter(user=user).exists()
    )


@pytest.fixture
def lid(lid):
    """Johan, with an address of his own (the seed's participants have none)."""
    adres_wijzigen(account=lid, email="johan@example.be")
    lid.refresh_from_db()
    return lid


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("baas", "baas@example.be", bouwers.WACHTWOORD)


def test_the_confirmation_page_names_the_account_and_says_what_happens(secretariaat, lid):
    factoren(lid)
    pagina = bevestigd(secretariaat).get(_herstel_url(lid))
    assert pagina.status_code == 200
    tekst = pagina.content.decode()
    assert f"Tweede factor van {lid.username} herstellen" in tekst
    assert "1 authenticator-app, 1 passkey, 1 ongebruikte herstelcode" in tekst
    assert "Passkeys op de toestellen van de persoon werken niet meer" in tekst
    assert "Bij de volgende aanmelding volstaat het wachtwoord" in tekst
    assert "krijgt een mail" in tekst
    assert 'method="post"' in tekst and "csrfmiddlewaretoken" in tekst
    assert _heeft_factoren(lid)  # a GET removes nothing


def test_the_secretariat_resets_another_account_records_it_and_mails_it(
    secretariaat, lid, smtp_server, django_capture_on_commit_callbacks
):
    factoren(lid)
    client = bevestigd(secretariaat)
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(_herstel_url(lid), follow=True)
    assert antwoord.redirect_chain[0][0] == reverse(WIJZIGEN, args=[lid.pk])
    assert "is hersteld" in antwoord.content.decode()
    assert not _heeft_factoren(lid)
    assert TOTPDevice.objects.filter(user=secretariaat).exists()  # one's own stays

    entry = LogEntry.objects.get(object_id=str(lid.pk))
    assert entry.user == secretariaat and entry.action_flag == CHANGE
    assert entry.get_change_message() == (
        "Tweede factor hersteld door secretariaat: 3 factoren verwijderd."
    )

    (bericht,) = smtp_server
    assert bericht["To"].addresses[0].addr_spec == "johan@example.be"
    assert "tweede stap bij het aanmelden is hersteld" in bericht["Subject"]
    tekst = bericht.get_body(("plain",)).get_content()
    assert "van het secretariaat heeft de tweede stap" in tekst
    assert "Hebt u hier niet om gevraagd?" in tekst
    assert Bericht.objects.get().status == Bericht.Status.VERSTUURD

    lid_client = Client()
    aanmelden(lid_client, lid)
    assert lid_client.get("/").status_code == 200  # the password alone


@pytest.fixture
def dichte_poort():
    """A port nobody listens on: every attempt to send there fails."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_with_the_mail_server_down_the_reset_stands_and_the_mail_is_listed_as_failed(
    secretariaat, lid, settings, smtp_server, dichte_poort, django_capture_on_commit_callbacks
):
    factoren(lid)
    settings.MAIL_POGINGEN = 1
    settings.EMAIL_PORT = dichte_poort
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = bevestigd(secretariaat).post(_herstel_url(lid), follow=True)
    assert "is hersteld" in antwoord.content.decode()
    assert not _heeft_factoren(lid)
    (mislukt,) = mail.niet_verstuurde_mails()  # on the secretariat's list, to send again
    assert "johan@example.be" in mislukt.aan and mislukt.soort == "mislukt"
    assert smtp_server == []


def test_resetting_twice_is_harmless_and_says_there_was_nothing(
    secretariaat, lid, django_capture_on_commit_callbacks
):
    factoren(lid)
    client = bevestigd(secretariaat)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_herstel_url(lid))
        tweede = client.post(_herstel_url(lid), follow=True)
    assert "had geen tweede factor; er is niets veranderd" in tweede.content.decode()
    assert LogEntry.objects.filter(object_id=str(lid.pk)).count() == 1
    assert Bericht.objects.count() == 1


def test_an_account_without_an_address_is_reset_without_a_mail(
    secretariaat, lid, django_capture_on_commit_callbacks
):
    adres_wijzigen(account=lid, email="")
    lid.refresh_from_db()
    factoren(lid)
    client = bevestigd(secretariaat)
    assert "er gaat geen mail weg" in client.get(_herstel_url(lid)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_herstel_url(lid))
    assert not _heeft_factoren(lid)
    assert not Bericht.objects.exists()


def test_a_session_not_confirmed_with_a_second_factor_may_not_reset(secretariaat, lid):
    factoren(lid)
    client = bouwers.aangemeld(secretariaat)  # within its grace, no factor of its own
    pagina = client.get(_herstel_url(lid))
    assert pagina.status_code == 200
    tekst = pagina.content.decode()
    assert "Uw eigen aanmelding is niet bevestigd met een tweede factor" in tekst
    assert 'type="submit"' not in tekst.split('id="content"')[1]
    assert client.post(_herstel_url(lid)).status_code == 403
    assert _heeft_factoren(lid)


@pytest.mark.parametrize("rol", ["coordinator", "lid_zelf", "ander_lid"])
def test_the_coordinator_and_members_may_not_reset(rol, seed, secretariaat, coordinator, lid):
    doel = bouwers.lid("Michel", "Bortels")
    factoren(doel)
    doener = {"coordinator": coordinator, "lid_zelf": doel, "ander_lid": lid}[rol]
    client = bevestigd(doener)
    antwoord = client.post(_herstel_url(doel))
    if rol == "coordinator":
        assert antwoord.status_code == 403
    else:  # no admin access: the admin's login page
        assert antwoord.status_code == 302 and reverse("admin:login") in antwoord.url
    assert _heeft_factoren(doel)


def test_ones_own_account_is_refused_and_sent_to_the_profile(secretariaat):
    client = bevestigd(secretariaat)
    antwoord = client.post(_herstel_url(secretariaat), follow=True)
    assert "Uw eigen tweede factor beheert u op Mijn profiel" in antwoord.content.decode()
    assert TOTPDevice.objects.filter(user=secretariaat).exists()


def test_a_superusers_factor_is_reset_by_a_superuser_only(secretariaat, superuser):
    ander = User.objects.create_superuser("baas2", "baas2@example.be", bouwers.WACHTWOORD)
    factoren(superuser)
    geweigerd = bevestigd(secretariaat).post(_herstel_url(superuser), follow=True)
    assert "herstelt alleen een superuser" in geweigerd.content.decode()
    assert _heeft_factoren(superuser)

    bevestigd(ander).post(_herstel_url(superuser))
    assert not _heeft_factoren(superuser)


def test_the_action_leads_to_the_confirmation_page_of_one_account(secretariaat, lid, seed):
    client = bevestigd(secretariaat)
    lijst = reverse("admin:auth_user_changelist")
    assert "Tweede factor herstellen…" in client.get(lijst).content.decode()
    een = client.post(lijst, {"action": "tweede_factor_herstellen", "_selected_action": [lid.pk]})
    assert een.status_code == 302 and een.url == _herstel_url(lid)
    twee = client.post(
        lijst,
        {"action": "tweede_factor_herstellen", "_selected_action": [lid.pk, secretariaat.pk]},
        follow=True,
    )
    assert "Kies precies één account" in twee.content.decode()


def test_the_command_goes_through_the_same_service_and_mails_too(
    lid, capsys, django_capture_on_commit_callbacks
):
    factoren(lid)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("tweestaps_herstellen", lid.username)
        call_command("tweestaps_herstellen", lid.username)
    uit = capsys.readouterr().out
    assert "3 tweede factor(en)" in uit and "had geen tweede factor" in uit
    assert not _heeft_factoren(lid)
    (bericht,) = Bericht.objects.all()
    assert "Het secretariaat heeft de tweede stap" in bericht.tekst

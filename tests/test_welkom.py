"""New accounts get a mail with the link to choose a password; an account keeps its language.

Mail goes through the real SMTP server of the tests (``smtp_server``) and is read as it
arrived.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from kern.models import Voorkeur
from kern.voorkeuren import taal_bewaren
from tests import bouwers
from tests.bouwers import WACHTWOORD
from werkgroep.models import Deelnemer
from werkgroep.services import adres_wijzigen

NIEUW = "Een-nieuw-wachtwoord-36"


def _tekst(bericht) -> str:
    return bericht.get_body(preferencelist=("plain",)).get_content()


def _link(bericht) -> str:
    return re.search(r"https?://[^/\s]+(/\S+)", _tekst(bericht)).group(1)


def _wachtwoord_kiezen(client, link: str) -> None:
    formulier = client.get(link, follow=True)  # Django hides the token first
    assert formulier.status_code == 200
    klaar = client.post(
        formulier.redirect_chain[-1][0], {"new_password1": NIEUW, "new_password2": NIEUW}
    )
    assert klaar["Location"] == reverse("password_reset_complete")


def test_a_new_member_made_by_the_command_gets_the_link_and_chooses_a_password(
    seed, client, smtp_server, settings, django_capture_on_commit_callbacks
):
    settings.SITE_ADRES = "https://werkgroep.example.be"
    johan = Deelnemer.objects.get_by_natural_key("Johan", "Dejonckheere")
    johan.email = "johan@example.be"
    johan.save()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("account", "jdejonckheere", rol="lid", deelnemer=["Johan", "Dejonckheere"])

    (bericht,) = smtp_server
    assert bericht["To"].addresses[0].addr_spec == "johan@example.be"
    assert bericht["Subject"] == "Uw account op de werkgroepsite: kies uw wachtwoord"
    tekst = _tekst(bericht)
    assert tekst.startswith("Dag Johan,")
    assert "Uw gebruikersnaam is jdejonckheere." in tekst
    assert "https://werkgroep.example.be/accounts/reset/" in tekst
    assert "3 dagen lang" in tekst  # Django's PASSWORD_RESET_TIMEOUT
    html = bericht.get_body(preferencelist=("html",)).get_content()
    assert "https://werkgroep.example.be/accounts/reset/" in html

    _wachtwoord_kiezen(client, _link(bericht))
    assert get_user_model().objects.get(username="jdejonckheere").check_password(NIEUW)


def test_an_account_without_address_gets_no_mail_and_the_command_says_so(
    seed, smtp_server, capsys, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("account", "coordinator2", rol="coordinator")
    assert smtp_server == []
    assert "no e-mail address, so no mail" in capsys.readouterr().out


def _nieuw_account(client, **velden):
    gegevens = {
        "username": "nieuwlid",
        "first_name": "Ann",
        "last_name": "Jughmans",
        "email": "ann@example.be",
        "usable_password": "false",
        "_save": "Opslaan",
    }
    gegevens.update(velden)
    return client.post(reverse("admin:auth_user_add"), gegevens, follow=True)


def test_the_secretariat_adds_an_account_and_it_gets_the_link(
    secretariaat, client, smtp_server, django_capture_on_commit_callbacks
):
    beheer = bouwers.aangemeld(secretariaat)
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = _nieuw_account(beheer)
    assert antwoord.status_code == 200
    assert "krijgt een mail met de link om een wachtwoord te kiezen" in antwoord.content.decode()
    account = get_user_model().objects.get(username="nieuwlid")
    assert (account.first_name, account.email) == ("Ann", "ann@example.be")
    assert not account.has_usable_password()

    (bericht,) = smtp_server
    assert _tekst(bericht).startswith("Dag Ann,")
    assert "http://testserver/accounts/reset/" in _tekst(bericht)
    _wachtwoord_kiezen(client, _link(bericht))
    account.refresh_from_db()
    assert account.check_password(NIEUW)


def test_an_account_added_with_a_password_or_without_address_gets_no_mail(
    secretariaat, smtp_server, django_capture_on_commit_callbacks
):
    beheer = bouwers.aangemeld(secretariaat)
    with django_capture_on_commit_callbacks(execute=True):
        met_wachtwoord = _nieuw_account(
            beheer, username="metwachtwoord", usable_password="true",
            password1=NIEUW, password2=NIEUW,
        )  # fmt: skip
        zonder_adres = _nieuw_account(beheer, username="zonderadres", email="")
    assert get_user_model().objects.get(username="metwachtwoord").check_password(NIEUW)
    assert "krijgt een mail" not in met_wachtwoord.content.decode()
    assert "heeft geen e-mailadres: er ging geen mail weg" in zonder_adres.content.decode()
    assert smtp_server == []


def test_the_secretariat_sends_the_link_again_from_the_accounts_list(
    secretariaat, lid, smtp_server, django_capture_on_commit_callbacks
):
    adres_wijzigen(account=lid, email="johan@example.be")  # the person's one address
    lid.refresh_from_db()
    beheer = bouwers.aangemeld(secretariaat)
    with django_capture_on_commit_callbacks(execute=True):
        beheer.post(
            reverse("admin:auth_user_changelist"),
            {"action": "welkomstmail", "index": 0, "_selected_action": [lid.pk]},
        )
    (bericht,) = smtp_server
    assert bericht["To"].addresses[0].addr_spec == lid.email


def test_the_coordinator_may_not_add_accounts_or_send_the_link(
    coordinator, lid, smtp_server, django_capture_on_commit_callbacks
):
    lezer = bouwers.aangemeld(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        assert lezer.get(reverse("admin:auth_user_add")).status_code == 403
        antwoord = lezer.post(
            reverse("admin:auth_user_changelist"),
            {"action": "welkomstmail", "index": 0, "_selected_action": [lid.pk]},
        )
    assert antwoord.status_code == 403
    assert smtp_server == []


# ---- the account's language ----------------------------------------------------------------


def test_a_logged_in_switch_keeps_the_language_and_the_next_login_brings_it_back(
    client, lid, settings
):
    client.force_login(lid)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert Voorkeur.objects.get(account=lid).taal == "en"

    client.logout()
    client.cookies.pop(settings.LANGUAGE_COOKIE_NAME, None)
    antwoord = client.post(reverse("login"), {"username": lid.username, "password": WACHTWOORD})
    assert antwoord.status_code == 302
    assert antwoord.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert 'lang="en"' in client.get("/").content.decode()[:200]


def test_a_login_without_a_choice_sets_no_language(client, lid, settings):
    antwoord = client.post(reverse("login"), {"username": lid.username, "password": WACHTWOORD})
    assert antwoord.status_code == 302
    assert settings.LANGUAGE_COOKIE_NAME not in antwoord.cookies


@pytest.mark.parametrize("taal", ["xx", "", "en-us-nope"])
def test_an_unknown_language_is_not_kept(client, lid, taal):
    client.force_login(lid)
    client.post(reverse("set_language"), {"language": taal, "next": "/"})
    assert not Voorkeur.objects.exists()


def test_anonymous_switches_without_anything_kept(client, db):
    antwoord = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert antwoord.status_code == 302
    assert not Voorkeur.objects.exists()


def test_the_welcome_mail_is_in_the_accounts_language(
    lid, smtp_server, django_capture_on_commit_callbacks
):
    from werkgroep.services import welkomstmail_sturen

    adres_wijzigen(account=lid, email="johan@example.be")  # the person's one address
    lid.refresh_from_db()
    assert taal_bewaren(lid, "en")
    with django_capture_on_commit_callbacks(execute=True):
        assert welkomstmail_sturen(lid, basis_url="https://werkgroep.example.be/")
    (bericht,) = smtp_server
    assert bericht["Subject"] == "Your account on the working-group site: choose your password"
    assert "https://werkgroep.example.be/accounts/reset/" in _tekst(bericht)

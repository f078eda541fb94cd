"""Accounts people manage themselves: the profile, the greeting, the password pages."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection
from django.test import TestCase
from django.urls import reverse

from tests.bouwers import WACHTWOORD

NIEUW = "Een-nieuw-wachtwoord-36"


def _h1(antwoord) -> str:
    return re.search(r"<h1[^>]*>(.*?)</h1>", antwoord.content.decode(), re.S).group(1).strip()


def _terug_naar_aanmelden(antwoord) -> bool:
    return f'href="{reverse("login")}"' in antwoord.content.decode()


# ---- The profile ------------------------------------------------------------------------


def test_anonymous_is_sent_to_the_login_for_the_profile(client, db):
    antwoord = client.get(reverse("site:profiel"))
    assert antwoord.status_code == 302
    assert antwoord["Location"] == f"{reverse('login')}?next={reverse('site:profiel')}"
    antwoord = client.post(reverse("site:profiel"), {"first_name": "X", "email": "x@example.org"})
    assert antwoord.status_code == 302 and antwoord["Location"].startswith(reverse("login"))


def test_a_member_sees_their_participant_and_its_names_to_start_from(
    client_van, lid, django_assert_num_queries
):
    client = client_van(lid)
    # session, user, the participant, the user's and the groups' permissions (the menu),
    # the session saved (every request), and two savepoints around each (ATOMIC_REQUESTS);
    # the second-factor section: the account's apps, its passkeys, and whether it must have
    # one (its groups)
    with django_assert_num_queries(13):
        antwoord = client.get(reverse("site:profiel"))
    pagina = antwoord.content.decode()
    assert _h1(antwoord) == "Mijn profiel"
    assert "<strong>Johan Dejonckheere</strong>" in pagina
    assert 'value="Johan"' in pagina and 'value="Dejonckheere"' in pagina
    assert f'href="{reverse("password_change")}"' in pagina
    assert f'action="{reverse("set_language")}"' in pagina
    assert ">English</button>" in pagina and ">Nederlands</button>" in pagina


def test_the_language_chosen_on_the_profile_comes_back_to_it(client_van, lid, settings):
    client = client_van(lid)
    antwoord = client.post(
        reverse("set_language"), {"language": "en", "next": reverse("site:profiel")}
    )
    assert antwoord["Location"] == reverse("site:profiel")
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert 'lang="en"' in client.get(reverse("site:profiel")).content.decode()[:200]


def test_an_account_without_participant_has_a_profile_too(client_van, secretariaat):
    antwoord = client_van(secretariaat).get(reverse("site:profiel"))
    assert antwoord.status_code == 200
    assert "deelnemerslijst" not in antwoord.content.decode()


def test_a_member_changes_their_name_and_address(client_van, lid, django_assert_num_queries):
    client = client_van(lid)
    gegevens = {"first_name": "Jo", "last_name": "De Jonckheere", "email": "jo@example.org"}
    # session, user, the participant, the address taken by no other account, the address
    # written to the participant and to the account (werkgroep.services.adres_wijzigen, in
    # its own savepoint), the names, the session saved (every request), and the savepoints
    # of the request (ATOMIC_REQUESTS) and of the session; on PostgreSQL also the lock that
    # puts address changes one after the other (werkgroep.services.adressen_na_elkaar)
    with django_assert_num_queries(14 + (connection.vendor == "postgresql")):
        antwoord = client.post(reverse("site:profiel"), gegevens)
    assert antwoord.status_code == 302 and antwoord["Location"] == reverse("site:profiel")
    lid.refresh_from_db()
    assert (lid.first_name, lid.last_name, lid.email) == ("Jo", "De Jonckheere", "jo@example.org")
    assert "Uw gegevens zijn opgeslagen." in client.get(reverse("site:profiel")).content.decode()
    # the participant's name (the secretariat's list, the key of imports) stays as it was;
    # its address is the person's one address (issue 25)
    lid.deelnemer.refresh_from_db()
    assert (lid.deelnemer.naam, lid.deelnemer.email) == ("Johan Dejonckheere", "jo@example.org")


def test_the_profile_refuses_an_address_of_another_account(client_van, lid, secretariaat):
    secretariaat.email = "secretariaat@example.org"
    secretariaat.save()
    gegevens = {"first_name": "Jo", "last_name": "", "email": "Secretariaat@example.org"}
    antwoord = client_van(lid).post(reverse("site:profiel"), gegevens)
    assert antwoord.status_code == 200
    assert "Dit e-mailadres hoort al bij een ander account." in antwoord.content.decode()
    lid.refresh_from_db()
    assert lid.first_name == "Johan"  # nothing saved


def test_the_profile_needs_an_address(client_van, lid):
    antwoord = client_van(lid).post(reverse("site:profiel"), {"first_name": "Jo", "email": ""})
    assert antwoord.status_code == 200
    lid.refresh_from_db()
    assert lid.first_name == "Johan"  # nothing saved


# ---- The greeting -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("voornaam", "achternaam", "getoond"),
    [("Johan", "Dejonckheere", "Johan"), ("", "Dejonckheere", "Dejonckheere"), ("", "", "jdj")],
)
def test_the_menu_names_the_person_and_leads_to_the_profile(
    client_van, db, voornaam, achternaam, getoond
):
    user = get_user_model().objects.create_user(
        "jdj", first_name=voornaam, last_name=achternaam, password=WACHTWOORD
    )
    pagina = client_van(user).get(reverse("werkgroep:organisaties")).content.decode()
    assert f'href="{reverse("site:profiel")}" title="Mijn profiel">{getoond}</a>' in pagina


def test_the_home_page_greets_by_first_name(client_van, lid):
    lid.first_name = "Johan"
    lid.save()
    assert "Welkom, Johan" in client_van(lid).get(reverse("site:home")).content.decode()


# ---- Password reset: each step ---------------------------------------------------------


def _mail_vragen(client, email):
    """Ask for the mail; it is sent by the background task once the request commits."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(reverse("password_reset"), {"email": email})


def _link_uit(bericht) -> str:
    return re.search(r"https?://[^/\s]+(/\S+)", bericht.body).group(1)


def test_the_reset_form_is_the_sites_page_with_a_way_back(client, db):
    antwoord = client.get(reverse("password_reset"))
    pagina = antwoord.content.decode()
    assert _h1(antwoord) == "Wachtwoord vergeten?"
    assert "admin" not in antwoord.templates[0].origin.name
    assert _terug_naar_aanmelden(antwoord)
    assert f'action="{reverse("set_language")}"' in pagina  # the language switch


def test_a_new_member_without_password_gets_the_mail_and_sets_one(client, seed):
    from werkgroep import rollen
    from werkgroep.models import Deelnemer
    from werkgroep.services import account_aanmaken

    deelnemer = Deelnemer.objects.get_by_natural_key("Johan", "Dejonckheere")
    deelnemer.email = "johan@example.org"
    account = account_aanmaken(
        gebruikersnaam="jdejonckheere", wachtwoord=None, rol=rollen.LID, deelnemer=deelnemer
    )
    assert not account.has_usable_password()

    antwoord = _mail_vragen(client, "JOHAN@example.org")
    assert antwoord["Location"] == reverse("password_reset_done")
    verstuurd = client.get(antwoord["Location"])
    assert _h1(verstuurd) == "Controleer uw mailbox" and _terug_naar_aanmelden(verstuurd)

    (bericht,) = mail.outbox
    assert bericht.to == ["johan@example.org"]
    assert bericht.subject == "Kies uw wachtwoord voor de werkgroepsite"
    assert bericht.body.startswith("Dag Johan,")  # the name the account got from its participant
    assert "Uw gebruikersnaam: jdejonckheere" in bericht.body

    formulier = client.get(_link_uit(bericht), follow=True)  # Django hides the token first
    assert _h1(formulier) == "Kies een nieuw wachtwoord" and _terug_naar_aanmelden(formulier)
    klaar = client.post(
        formulier.redirect_chain[-1][0], {"new_password1": NIEUW, "new_password2": NIEUW}
    )
    assert klaar["Location"] == reverse("password_reset_complete")
    afgerond = client.get(klaar["Location"])
    assert _h1(afgerond) == "Uw wachtwoord is ingesteld" and _terug_naar_aanmelden(afgerond)
    account.refresh_from_db()
    assert account.check_password(NIEUW)

    # the link works once
    nog_eens = client.get(_link_uit(bericht), follow=True)
    assert _h1(nog_eens) == "Deze link werkt niet meer"
    assert f'href="{reverse("password_reset")}"' in nog_eens.content.decode()


def test_the_mail_greets_by_first_name(client, lid):
    lid.first_name, lid.email = "Johan", "johan@example.org"
    lid.save()
    _mail_vragen(client, "johan@example.org")
    assert mail.outbox[0].body.startswith("Dag Johan,")


def test_an_inactive_account_or_unknown_address_gets_no_mail_and_the_same_page(client, lid):
    lid.email, lid.is_active = "johan@example.org", False
    lid.save()
    for adres in ["johan@example.org", "niemand@example.org"]:
        assert _mail_vragen(client, adres)["Location"] == reverse("password_reset_done")
    assert mail.outbox == []


def test_a_made_up_link_says_it_does_not_work(client, lid):
    antwoord = client.get(reverse("password_reset_confirm", args=["MQ", "abc-123"]), follow=True)
    assert antwoord.status_code == 200
    assert _h1(antwoord) == "Deze link werkt niet meer"
    assert _terug_naar_aanmelden(antwoord)
    assert "<form" not in antwoord.content.decode().split("</nav>")[1]


def test_a_link_from_before_a_password_change_no_longer_works(client, lid):
    lid.email = "johan@example.org"
    lid.save()
    _mail_vragen(client, "johan@example.org")
    lid.set_password("Iets-anders-intussen-1")
    lid.save()
    antwoord = client.get(_link_uit(mail.outbox[0]), follow=True)
    assert _h1(antwoord) == "Deze link werkt niet meer"


# ---- Password change --------------------------------------------------------------------


def test_anonymous_is_sent_to_the_login_for_the_password_change(client, db):
    antwoord = client.get(reverse("password_change"))
    assert antwoord["Location"] == f"{reverse('login')}?next={reverse('password_change')}"


def test_a_member_changes_their_password_in_the_sites_look(client_van, lid):
    client = client_van(lid)
    formulier = client.get(reverse("password_change"))
    assert _h1(formulier) == "Wachtwoord wijzigen"
    assert "admin" not in formulier.templates[0].origin.name
    assert f'href="{reverse("site:profiel")}"' in formulier.content.decode()

    fout = client.post(
        reverse("password_change"),
        {"old_password": "fout", "new_password1": NIEUW, "new_password2": NIEUW},
    )
    assert fout.status_code == 200
    lid.refresh_from_db()
    assert lid.check_password(WACHTWOORD)

    antwoord = client.post(
        reverse("password_change"),
        {"old_password": WACHTWOORD, "new_password1": NIEUW, "new_password2": NIEUW},
    )
    assert antwoord["Location"] == reverse("password_change_done")
    klaar = client.get(antwoord["Location"])  # still logged in
    assert _h1(klaar) == "Uw wachtwoord is gewijzigd"
    lid.refresh_from_db()
    assert lid.check_password(NIEUW)


def test_the_migration_names_existing_accounts_after_their_participant(lid):
    import importlib

    from django.apps import apps

    migratie = importlib.import_module("werkgroep.migrations.0007_accounts_met_naam")
    type(lid).objects.filter(pk=lid.pk).update(first_name="", last_name="")
    migratie.namen_geven(apps, None)
    lid.refresh_from_db()
    assert (lid.first_name, lid.last_name) == ("Johan", "Dejonckheere")

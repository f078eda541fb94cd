"""One address per person (issue 25): a participant's address and their account's are one.

The participant's is the truth (invitations used it), the account's is its copy (Django's
password reset finds accounts by it); the profile, the admin's two forms and account
creation write both at once (``werkgroep.services.adres_wijzigen``), every mail reads it
through ``werkgroep.selectors.adres_van``, and the migration that joined existing pairs kept
each conflict for ``manage.py adresconflicten``.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.contrib.auth.models import User
from django.core import mail as django_mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from tests import bouwers
from tests.bouwers import aangemeld
from werkgroep import rollen, selectors, services
from werkgroep.models import Adresconflict, Deelnemer

VOOR = [("werkgroep", "0011_vergadering_zonder_verslag")]
NA = [("werkgroep", "0012_een_adres_per_persoon")]


def _migreren(doel):
    executor = MigrationExecutor(connection)
    executor.migrate(doel)
    return executor.loader.project_state(doel).apps


# ---- The migration -------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_migration_joins_each_pair_reports_each_conflict_and_goes_back(capsys):
    apps = _migreren(VOOR)
    OudeDeelnemer = apps.get_model("werkgroep", "Deelnemer")
    OudAccount = apps.get_model("auth", "User")

    def paar(naam: str, deelnemer_adres: str, account_adres: str):
        account = OudAccount.objects.create(username=naam, email=account_adres)
        return OudeDeelnemer.objects.create(
            voornaam=naam.capitalize(), achternaam="Test", email=deelnemer_adres, account=account
        )

    alleen_deelnemer = paar("an", "an@example.org", "")
    alleen_account = paar("bert", "", "bert@example.org")
    gelijk = paar("chris", "chris@example.org", "Chris@Example.org")
    conflict = paar("dirk", "dirk@werk.be", "dirk@thuis.be")
    OudAccount.objects.create(username="ander", email="els@example.org")
    gedeeld = paar("els", "els@example.org", "")
    zonder_account = OudeDeelnemer.objects.create(voornaam="Fien", achternaam="Test", email="")
    capsys.readouterr()

    _migreren(NA)
    uitvoer = capsys.readouterr().out

    def adressen(oud) -> tuple[str, str]:
        deelnemer = Deelnemer.objects.select_related("account").get(pk=oud.pk)
        return deelnemer.email, deelnemer.account.email if deelnemer.account else ""

    assert adressen(alleen_deelnemer) == ("an@example.org", "an@example.org")
    assert adressen(alleen_account) == ("bert@example.org", "bert@example.org")
    assert adressen(gelijk) == ("chris@example.org", "chris@example.org")  # no conflict: case
    assert adressen(conflict) == ("dirk@werk.be", "dirk@werk.be")  # the participant's wins
    assert adressen(gedeeld) == ("els@example.org", "")  # another account's: left as it was
    assert adressen(zonder_account) == ("", "")

    # each conflict printed, and kept for the secretariat
    assert uitvoer.count("Adresconflict") == 2
    assert "Dirk Test (account dirk): participant dirk@werk.be, account dirk@thuis.be" in uitvoer
    assert "Els Test (account els)" in uitvoer and "another account's" in uitvoer
    kept = {
        (c.deelnemer.voornaam, c.soort, c.adres_deelnemer, c.adres_account)
        for c in Adresconflict.objects.select_related("deelnemer")
    }
    assert kept == {
        ("Dirk", "verschillend", "dirk@werk.be", "dirk@thuis.be"),
        ("Els", "gedeeld", "els@example.org", ""),
    }
    lijst = io.StringIO()
    call_command("adresconflicten", stdout=lijst)
    assert "Dirk Test\tdirk\tdeelnemer: dirk@werk.be\taccount: dirk@thuis.be" in lijst.getvalue()

    # going back gives the account the address the conflict replaced
    _migreren(VOOR)
    assert OudAccount.objects.get(username="dirk").email == "dirk@thuis.be"
    assert OudAccount.objects.get(username="an").email == "an@example.org"  # a copy stays
    _migreren(NA)  # leave the database as the other tests expect it


def test_the_secretariat_marks_a_conflict_handled(lid):
    lid.email = "johan@thuis.be"
    lid.save()
    deelnemer = lid.deelnemer
    deelnemer.email = "johan@werk.be"
    deelnemer.save()
    conflict = services.adressen_samenbrengen(deelnemer=deelnemer)
    assert conflict.soort == Adresconflict.Soort.VERSCHILLEND
    lid.refresh_from_db()
    assert lid.email == "johan@werk.be"

    call_command("adresconflicten", "--afgehandeld", str(conflict.pk), stdout=io.StringIO())
    lijst = io.StringIO()
    call_command("adresconflicten", stdout=lijst)
    assert lijst.getvalue().strip() == "Geen open adresconflicten."


# ---- The rule and the one write ------------------------------------------------------------


def test_a_new_account_takes_its_participants_address(seed):
    deelnemer = Deelnemer.objects.get_by_natural_key("Johan", "Dejonckheere")
    deelnemer.email = "johan@werkwaardig.be"
    deelnemer.save()
    account = services.account_aanmaken(
        gebruikersnaam="jdj", wachtwoord=None, rol=rollen.LID, deelnemer=deelnemer
    )
    assert account.email == "johan@werkwaardig.be"
    assert not Adresconflict.objects.exists()


def test_an_address_of_another_account_is_refused_and_nothing_is_written(lid, secretariaat):
    services.adres_wijzigen(account=secretariaat, email="secretariaat@esf.be")
    voor = lid.deelnemer.email
    with pytest.raises(ValidationError, match="hoort al bij een ander account"):
        services.adres_wijzigen(deelnemer=lid.deelnemer, email="Secretariaat@ESF.be")
    lid.refresh_from_db()
    lid.deelnemer.refresh_from_db()
    assert (lid.deelnemer.email, lid.email) == (voor, lid.email)
    assert lid.email != "Secretariaat@ESF.be"


def test_participants_without_accounts_may_share_an_address(seed):
    """A shared office address on the list is common; no password reset hangs on it."""
    for naam in ("Een", "Twee"):
        services.adres_wijzigen(
            deelnemer=bouwers.maak_deelnemer(voornaam=naam, achternaam="Kantoor"),
            email="info@kantoor.be",
        )
    assert Deelnemer.objects.filter(email="info@kantoor.be").count() == 2


def test_every_mail_reads_the_participants_address(lid):
    services.adres_wijzigen(account=lid, email="johan@werkwaardig.be")
    Deelnemer.objects.filter(pk=lid.deelnemer.pk).update(email="waarheid@werkwaardig.be")
    lid = User.objects.select_related("deelnemer").get(pk=lid.pk)
    assert selectors.adres_van(lid) == "waarheid@werkwaardig.be"
    assert selectors.ontvanger_van(lid).adres == "waarheid@werkwaardig.be"
    assert selectors.ontvanger_van(lid.deelnemer).adres == "waarheid@werkwaardig.be"


# ---- The profile changes it for every mail -------------------------------------------------


@pytest.fixture
def vergadering(seed):
    dag = timezone.localdate() + dt.timedelta(days=30)
    return bouwers.maak_vergadering(seed, dag.strftime("%d/%m/%Y"), plaats="Brussel")


def test_an_address_saved_on_the_profile_reaches_the_invite_page_and_the_invitation(
    lid, secretariaat, vergadering, smtp_server, django_capture_on_commit_callbacks
):
    Deelnemer.objects.filter(pk=lid.deelnemer.pk).update(email="")
    User.objects.filter(pk=lid.pk).update(email="")
    uitnodigen = reverse("uitnodigingen:uitnodigen", args=[vergadering.pk])
    secretaris = aangemeld(secretariaat)
    voor = secretaris.get(uitnodigen).context["zonder_adres"]
    assert lid.deelnemer in voor

    antwoord = aangemeld(lid).post(
        reverse("site:profiel"),
        {"first_name": "Johan", "last_name": "Dejonckheere", "email": "johan@nieuw.be"},
    )
    assert antwoord.status_code == 302

    pagina = secretaris.get(uitnodigen)
    assert lid.deelnemer not in pagina.context["zonder_adres"]
    assert "Johan Dejonckheere &lt;johan@nieuw.be&gt;" in pagina.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        secretaris.post(uitnodigen, {"gasten": "", "leden": [str(lid.deelnemer.pk)]})
    assert [b["To"].addresses[0].addr_spec for b in smtp_server] == ["johan@nieuw.be"]


def test_an_address_saved_on_the_profile_gets_the_password_mail(client, lid):
    aangemeld(lid).post(
        reverse("site:profiel"),
        {"first_name": "Johan", "last_name": "Dejonckheere", "email": "johan@nieuw.be"},
    )
    django_mail.outbox.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(reverse("password_reset"), {"email": "johan@nieuw.be"})
    (bericht,) = django_mail.outbox
    assert bericht.to == ["johan@nieuw.be"]


def test_the_profile_refuses_another_accounts_address_in_dutch(lid, secretariaat):
    services.adres_wijzigen(account=secretariaat, email="secretariaat@esf.be")
    antwoord = aangemeld(lid).post(
        reverse("site:profiel"),
        {"first_name": "Jo", "last_name": "", "email": "SECRETARIAAT@esf.be"},
    )
    assert antwoord.status_code == 200
    assert "Dit e-mailadres hoort al bij een ander account." in antwoord.content.decode()
    lid.refresh_from_db()
    lid.deelnemer.refresh_from_db()
    assert lid.first_name == "Johan" and lid.deelnemer.email != "SECRETARIAAT@esf.be"


# ---- The admin's two forms write through the same rule -------------------------------------


def _admin_formulier(client, url) -> dict:
    """The change form's current values, as a browser would post them back."""
    formulier = client.get(url).context["adminform"].form
    gegevens = {}
    for naam in formulier.fields:
        waarde = formulier[naam].value()
        if waarde is None:
            continue
        if isinstance(waarde, dt.datetime):  # a split widget: date and time apart
            lokaal = timezone.localtime(waarde)
            gegevens[f"{naam}_0"], gegevens[f"{naam}_1"] = lokaal.date(), lokaal.time()
            continue
        if isinstance(waarde, bool):
            if waarde:
                gegevens[naam] = "on"
            continue
        gegevens[naam] = waarde if not isinstance(waarde, list) else [str(w) for w in waarde]
    return gegevens


def _inlines_leeg(client, url) -> dict:
    """The management forms of the change page's inlines, with their existing rows."""
    gegevens = {}
    for formset in client.get(url).context["inline_admin_formsets"]:
        beheer = formset.formset.management_form
        for naam in beheer.fields:
            gegevens[f"{beheer.prefix}-{naam}"] = beheer[naam].value()
        for formulier in formset.formset.forms:
            for naam in formulier.fields:
                waarde = formulier[naam].value()
                if waarde is not None:
                    gegevens[f"{formulier.prefix}-{naam}"] = waarde
    return gegevens


def test_the_admins_participant_form_changes_the_accounts_address(lid, secretariaat):
    client = aangemeld(secretariaat)
    url = reverse("admin:werkgroep_deelnemer_change", args=[lid.deelnemer.pk])
    gegevens = _admin_formulier(client, url) | _inlines_leeg(client, url)
    gegevens["email"] = "johan@admin.be"
    antwoord = client.post(url, gegevens)
    assert antwoord.status_code == 302, antwoord.context["adminform"].form.errors
    lid.refresh_from_db()
    assert lid.email == "johan@admin.be"


def test_the_admins_account_form_changes_the_participants_address(lid, secretariaat):
    client = aangemeld(secretariaat)
    url = reverse("admin:auth_user_change", args=[lid.pk])
    gegevens = _admin_formulier(client, url)
    gegevens["email"] = "johan@account.be"
    antwoord = client.post(url, gegevens)
    assert antwoord.status_code == 302, antwoord.context["adminform"].form.errors
    lid.deelnemer.refresh_from_db()
    assert lid.deelnemer.email == "johan@account.be"


def test_the_admin_refuses_another_accounts_address(lid, secretariaat):
    services.adres_wijzigen(account=secretariaat, email="secretariaat@esf.be")
    client = aangemeld(secretariaat)
    url = reverse("admin:werkgroep_deelnemer_change", args=[lid.deelnemer.pk])
    gegevens = _admin_formulier(client, url) | _inlines_leeg(client, url)
    gegevens["email"] = "secretariaat@esf.be"
    antwoord = client.post(url, gegevens)
    assert antwoord.status_code == 200
    assert "Dit e-mailadres hoort al bij een ander account." in antwoord.content.decode()


def test_linking_an_account_in_the_admin_joins_the_addresses(seed, secretariaat):
    deelnemer = Deelnemer.objects.get_by_natural_key("Michel", "Bortels")
    Deelnemer.objects.filter(pk=deelnemer.pk).update(email="")
    account = User.objects.create(username="mbortels", email="michel@lmw.be")
    client = aangemeld(secretariaat)
    url = reverse("admin:werkgroep_deelnemer_change", args=[deelnemer.pk])
    gegevens = _admin_formulier(client, url) | _inlines_leeg(client, url)
    gegevens["account"] = str(account.pk)
    antwoord = client.post(url, gegevens)
    assert antwoord.status_code == 302, antwoord.context["adminform"].form.errors
    deelnemer.refresh_from_db()
    assert deelnemer.email == "michel@lmw.be"


def test_an_imported_address_reaches_the_account(lid):
    from tablib import Dataset

    from werkgroep.resources import DeelnemerResource

    data = Dataset(headers=["voornaam", "achternaam", "organisatie", "e-mail", "telefoon"])
    data.append(["Johan", "Dejonckheere", "", "johan@import.be", ""])
    resultaat = DeelnemerResource().import_data(data, dry_run=False)
    assert not resultaat.has_errors() and not resultaat.has_validation_errors()
    lid.refresh_from_db()
    assert lid.email == "johan@import.be"


def test_an_address_saved_on_the_profile_gets_the_fiche_notice(
    lid, secretariaat, smtp_server, django_capture_on_commit_callbacks
):
    from projecten import services as projecten_services
    from projecten.models import Projectfiche

    aangemeld(lid).post(
        reverse("site:profiel"),
        {"first_name": "Johan", "last_name": "Dejonckheere", "email": "johan@nieuw.be"},
    )
    bouwers.fiche_bewaard(lid, gelezen_versie=0, doelgroep="Werkzoekenden", aanpak="Trajecten")
    fiche = bouwers.werkwaardig()
    projecten_services.fiche_indienen(
        project=fiche.project, werkgroep=fiche.werkgroep, gelezen_versie=1, door=lid
    )
    with django_capture_on_commit_callbacks(execute=True):
        projecten_services.fiche_beoordelen(
            fiche=bouwers.werkwaardig(),
            status=Projectfiche.Status.AANVAARD,
            opmerking="",
            door=secretariaat,
        )
    assert [b["To"].addresses[0].addr_spec for b in smtp_server] == ["johan@nieuw.be"]


def _conflicten(aantal: int) -> None:
    for _ in range(aantal):
        deelnemer = bouwers.maak_deelnemer()
        account = User.objects.create_user(f"conflict{deelnemer.pk}")
        Adresconflict.objects.create(
            deelnemer=deelnemer,
            account=account,
            soort=Adresconflict.Soort.VERSCHILLEND,
            adres_deelnemer=f"d{deelnemer.pk}@voorbeeld.be",
            adres_account=f"a{deelnemer.pk}@voorbeeld.be",
        )


def test_the_secretariat_lists_the_conflicts_in_the_admin_and_marks_them_handled(
    client_van, secretariaat, coordinator, seed, django_assert_num_queries
):
    url = reverse("admin:werkgroep_adresconflict_changelist")
    client = client_van(secretariaat)
    _conflicten(3)
    with django_assert_num_queries(12):
        antwoord = client.get(url)
    assert antwoord.status_code == 200
    assert "@voorbeeld.be" in antwoord.content.decode()
    _conflicten(30)
    with django_assert_num_queries(12):
        assert client.get(url).status_code == 200
    # Read-only: no add, no change.
    assert client.get(reverse("admin:werkgroep_adresconflict_add")).status_code == 403
    eerste = Adresconflict.objects.order_by("pk").first()
    data = {"action": "als_afgehandeld_markeren", "_selected_action": [eerste.pk]}
    # The coordinator reads them but does not handle them.
    bouwers.aangemeld(coordinator).post(url, data)
    assert Adresconflict.objects.get(pk=eerste.pk).afgehandeld_op is None
    client.post(url, data)
    assert Adresconflict.objects.get(pk=eerste.pk).afgehandeld_op is not None

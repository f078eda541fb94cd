"""The operator's commands: creating accounts from the shell."""

from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from werkgroep.models import Deelnemer


def test_a_member_account_is_linked_and_sets_its_own_password(seed):
    johan = Deelnemer.objects.get_by_natural_key("Johan", "Dejonckheere")
    johan.email = "johan@example.be"
    johan.save()
    call_command("account", "jdejonckheere", rol="lid", deelnemer=["Johan", "Dejonckheere"])
    account = get_user_model().objects.get(username="jdejonckheere")
    assert account.groups.get().name == "Lid" and not account.is_staff
    assert not account.has_usable_password()  # chosen via "wachtwoord vergeten"
    assert account.email == "johan@example.be"
    johan.refresh_from_db()
    assert johan.account == account


def test_a_secretariat_account_with_a_password_asked_twice(db):
    with mock.patch(
        "werkgroep.management.commands.account.getpass",
        side_effect=["Zaal-36,30-ok", "Zaal-36,30-ok"],
    ):
        call_command("account", "secretariaat2", rol="secretariaat", wachtwoord=True)
    account = get_user_model().objects.get(username="secretariaat2")
    assert account.check_password("Zaal-36,30-ok") and account.is_staff
    assert account.groups.get().name == "Secretariaat"


@pytest.mark.parametrize(
    ("opties", "wachtwoorden", "melding"),
    [
        ({"rol": "lid"}, [], "needs --deelnemer"),
        ({"rol": "lid", "deelnemer": ["Nie", "Mand"]}, [], "No participant Nie Mand"),
        ({"rol": "coordinator", "wachtwoord": True}, ["Een-goed-1", "Een-goed-2"], "differ"),
        ({"rol": "coordinator", "wachtwoord": True}, ["12345678", "12345678"], "alleen cijfers"),
    ],
)
def test_a_refused_account_changes_nothing(seed, opties, wachtwoorden, melding):
    with (
        mock.patch("werkgroep.management.commands.account.getpass", side_effect=wachtwoorden),
        pytest.raises(CommandError, match=melding),
    ):
        call_command("account", "nieuw", **opties)
    assert not get_user_model().objects.filter(username="nieuw").exists()

"""Two people saving the same new address on their profile at the same moment: one gets it,
the other is refused, on SQLite and PostgreSQL (two accounts with one address would both
get the password link).

Each save runs in a thread of its own with its own connection, as two server workers would.
Each request waits, after its check that no other account has the address, for the other
to have checked too (a barrier, given up after two seconds): without the lock of
``werkgroep.services.adressen_na_elkaar`` both checks pass before either writes. With it,
the second request cannot check until the first has committed, so the first gives up
waiting, writes and commits, and the second then finds the address taken.
"""

from __future__ import annotations

import contextlib
import threading

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from tests import bouwers
from tests.bouwers import aangemeld
from tests.gelijktijdig import in_draden
from werkgroep import selectors

pytestmark = pytest.mark.django_db(transaction=True)

ADRES = "gedeeld@example.be"


def test_two_accounts_saving_one_new_address_at_once_one_gets_it(seed):
    johan = bouwers.lid("Johan", "Dejonckheere")
    michel = bouwers.lid("Michel", "Bortels")
    samen = threading.Barrier(2)
    echte_controle = selectors.adres_van_ander_account

    def controle_en_wachten(email, *, behalve=None):
        bezet = echte_controle(email, behalve=behalve)
        with contextlib.suppress(threading.BrokenBarrierError):
            samen.wait(timeout=2)  # the other checked too, or is held by the lock
        return bezet

    def opslaan(account, voornaam):
        client = aangemeld(account)
        gegevens = {"first_name": voornaam, "last_name": "", "email": ADRES}
        return lambda: client.post(reverse("site:profiel"), gegevens)

    antwoorden = in_draden(
        [opslaan(johan, "Johan"), opslaan(michel, "Michel")],
        vervangen=(selectors, "adres_van_ander_account", controle_en_wachten),
    )
    assert all(not isinstance(a, Exception) for a in antwoorden), antwoorden
    assert sorted(a.status_code for a in antwoorden) == [200, 302]
    geweigerd = [a for a in antwoorden if a.status_code == 200][0].content.decode()
    assert "Dit e-mailadres hoort al bij een ander account." in geweigerd
    assert User.objects.filter(email__iexact=ADRES).count() == 1

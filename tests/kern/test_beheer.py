"""The admin shows no read-only link to a record the reader may not open (kern/beheer.py)."""

from django.urls import reverse

from tests import bouwers
from werkgroep.models import Deelnemer


def test_the_coordinator_reads_a_participant_without_a_link_to_an_account(
    seed, coordinator, secretariaat
):
    lid = bouwers.lid("Johan", "Dejonckheere")
    deelnemer = Deelnemer.objects.get(account=lid)
    url = reverse("admin:werkgroep_deelnemer_change", args=[deelnemer.pk])
    account_url = reverse("admin:auth_user_change", args=[lid.pk])

    lezer = bouwers.aangemeld(coordinator).get(url)
    assert lezer.status_code == 200
    assert account_url not in lezer.content.decode()
    assert bouwers.aangemeld(coordinator).get(account_url).status_code == 403

    # Who may change the participant still sees and sets the account.
    beheerder = bouwers.aangemeld(secretariaat).get(url)
    assert 'name="account"' in beheerder.content.decode()

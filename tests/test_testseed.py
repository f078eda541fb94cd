"""The tests' seed restored from its copy is the seed ``loaddata`` wrote, row for row."""

import pytest
from django.apps import apps
from django.db import transaction

from tests import bouwers
from werkgroep.models import Deelnemer, Organisatie


def _alle_rijen() -> dict:
    return {
        m._meta.label: list(m._base_manager.order_by("pk").values_list())
        for m in apps.get_models(include_auto_created=True)
        if m._meta.managed and not m._meta.proxy
    }


@pytest.mark.django_db
def test_the_seed_restored_is_the_seed_loaded_and_new_rows_follow_it():
    with transaction.atomic():
        kopie = bouwers._seed_laden()
        geladen = _alle_rijen()
        transaction.set_rollback(True)
    assert _alle_rijen() != geladen  # rolled back: the seed is gone
    bouwers._seed_terugzetten(kopie)
    assert _alle_rijen() == geladen
    # The primary keys continue after the restored rows (PostgreSQL's sequences).
    nieuw = Deelnemer.objects.create(
        voornaam="Nieuwe", achternaam="Deelnemer", organisatie=Organisatie.objects.first()
    )
    assert nieuw.pk > max(pk for pk, *_ in geladen["werkgroep.Deelnemer"])

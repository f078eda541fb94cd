"""The one heartbeat of a background task (``kern.hartslag``), as the report and the import
use it. Their killed-worker tests (``tests/kern/test_import_achtergrond.py``,
``tests/rapportage/test_verslag_onder_fouten.py``) prove it with real workers; these say
what one beat does."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone

from kern.hartslag import Hartslag
from kern.models import Importtaak

pytestmark = pytest.mark.django_db


def _taak(django_user_model) -> Importtaak:
    lang_geleden = timezone.now() - dt.timedelta(hours=1)
    return Importtaak.objects.create(
        gebruiker=django_user_model.objects.create_user("wie"),
        model="financien.kostenpost",
        resource="x",
        formaat="x",
        bestandsnaam="x.csv",
        taal="nl-be",
        totaal=10,
        status=Importtaak.Status.BEZIG,
        bijgewerkt=lang_geleden,
    )


def _hartslag(taak: Importtaak, stand: dict, **opties) -> Hartslag:
    return Hartslag(
        "import-test-hartslag",
        Importtaak.objects.filter(pk=taak.pk, poging=1, status=Importtaak.Status.BEZIG),
        seconden=lambda: 5,
        extra=lambda: {"gedaan": stand["gedaan"]},
        **opties,
    )


def test_a_beat_refreshes_the_row_and_writes_what_the_task_says(django_user_model):
    taak, stand = _taak(django_user_model), {"gedaan": 7}
    eerder = taak.bijgewerkt
    assert _hartslag(taak, stand).kloppen() == 1
    taak.refresh_from_db()
    assert taak.bijgewerkt > eerder and taak.gedaan == 7


def test_a_beat_never_revives_a_row_another_attempt_took_over(django_user_model):
    taak = _taak(django_user_model)
    Importtaak.objects.filter(pk=taak.pk).update(poging=2, status=Importtaak.Status.WACHTRIJ)
    assert _hartslag(taak, {"gedaan": 3}).kloppen() == 0
    taak.refresh_from_db()
    assert (taak.gedaan, taak.status) == (0, Importtaak.Status.WACHTRIJ)


def test_no_thread_inside_a_transaction_nor_on_sqlite_when_the_task_holds_its_lock(
    django_user_model,
):
    """The tests' transaction: nobody else could see a beat. SQLite with
    ``ook_op_sqlite=False``: the import holds the one write lock, only its process tells."""
    taak = _taak(django_user_model)
    with _hartslag(taak, {"gedaan": 0}) as hartslag:
        assert not hartslag.is_alive()
    if connection.vendor == "sqlite":
        with _hartslag(taak, {"gedaan": 0}, ook_op_sqlite=False) as hartslag:
            assert not hartslag.is_alive()

"""Asking for a report again (``rapportage.taken.verslag_aanvragen``): what its row says
afterwards, which rows it touches, and when a task is queued. The database backend with no
worker running, so what is queued stays in the queue to be looked at."""

from __future__ import annotations

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from rapportage.models import Verslagbestand
from rapportage.taken import verslag_aanvragen
from rapportage.verslag import WERKGROEP, Verslag
from tests.rapportage.test_achtergrond import DATABASE, SLUG

pytestmark = pytest.mark.django_db
Status, Stap = Verslagbestand.Status, Verslagbestand.Stap
VERSLAG = Verslag(WERKGROEP, SLUG, 2006, 2006)


@pytest.fixture(autouse=True)
def achtergrond(seed, settings):
    settings.TASKS = DATABASE


def _taken() -> int:
    return DBTaskResult.objects.filter(task_path__endswith="verslag_maken").count()


def _zet(bestand, **velden):
    Verslagbestand.objects.filter(pk=bestand.pk).update(**velden)


def test_asking_again_after_a_failure_queues_it_afresh():
    bestand = verslag_aanvragen(VERSLAG, "nl-be")
    lang_geleden = timezone.now() - Verslagbestand.VASTGELOPEN_NA * 4
    _zet(bestand, status=Status.MISLUKT, stap=Stap.PDF, fout="RuntimeError: kapot",
         aangevraagd=lang_geleden, bijgewerkt=lang_geleden)  # fmt: skip
    opnieuw = verslag_aanvragen(VERSLAG, "nl-be")
    assert (opnieuw.pk, opnieuw.status, opnieuw.stap, opnieuw.fout) == (
        bestand.pk, Status.WACHTRIJ, Stap.WACHTEN, ""
    )  # fmt: skip
    assert opnieuw.aangevraagd > lang_geleden and opnieuw.bijgewerkt > lang_geleden
    assert _taken() == 2


def test_asking_again_touches_only_its_own_report():
    nl = verslag_aanvragen(VERSLAG, "nl-be")
    en = verslag_aanvragen(VERSLAG, "en")
    _zet(nl, status=Status.KLAAR)
    _zet(en, status=Status.KLAAR)
    verslag_aanvragen(VERSLAG, "nl-be")
    assert Verslagbestand.objects.get(pk=en.pk).status == Status.KLAAR
    assert Verslagbestand.objects.get(pk=nl.pk).status == Status.WACHTRIJ


def test_a_report_long_in_the_queue_is_not_queued_twice():
    """Only a render that stopped answering (BEZIG, not updated for long) is taken back; a
    report still waiting for a worker is already queued."""
    bestand = verslag_aanvragen(VERSLAG, "nl-be")
    lang_geleden = timezone.now() - Verslagbestand.VASTGELOPEN_NA * 4
    _zet(bestand, bijgewerkt=lang_geleden)
    assert verslag_aanvragen(VERSLAG, "nl-be").status == Status.WACHTRIJ
    assert _taken() == 1
    _zet(bestand, status=Status.BEZIG, bijgewerkt=lang_geleden)
    assert verslag_aanvragen(VERSLAG, "nl-be").status == Status.WACHTRIJ
    assert _taken() == 2

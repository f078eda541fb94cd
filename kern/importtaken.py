"""A large file's preview and import, run by a background task with progress on its page.

A file with more data rows than ``settings.IMPORT_ACHTERGROND_REGELS`` is not previewed in
the request that uploads it (a 2 MB CSV is 26,000 ledger lines: longer than a proxy
waits): the upload becomes an :class:`~kern.models.Importtaak` and :func:`import_uitvoeren`
is enqueued on the project's one task backend (immediate in the demo and the tests, the
database and ``manage.py db_worker`` in production). The page
(``SpreadsheetAdmin.importtaak_view``) reloads itself and says how far the task is; the
preview it shows when done is the one a small file gets, and its confirm enqueues the
same task for the import itself.

All or nothing as ever: the import is one transaction, and the row is marked done inside
it, only by the attempt that still owns it (``poging``). A worker killed mid-import leaves
nothing; its process is gone or its row stops showing signs of life
(:class:`kern.hartslag.Hartslag`), and the next look at the page queues it again
(:func:`vastgelopen_opnieuw`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import os
import socket

from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django_tasks import task

from .hartslag import Hartslag
from .models import Importtaak

logger = logging.getLogger(__name__)

Status, Stap = Importtaak.Status, Importtaak.Stap


def _zet(taak_id: int, poging: int, **velden) -> int:
    """Update the row if attempt ``poging`` still owns it; the number of rows updated."""
    return Importtaak.objects.filter(pk=taak_id, poging=poging).update(
        bijgewerkt=timezone.now(), **velden
    )


def inplannen(taak: Importtaak) -> None:
    """Enqueue the task for the row's current attempt; a backend that refuses fails it."""
    try:
        import_uitvoeren.enqueue(taak.pk, taak.poging)
    except Exception:
        _zet(taak.pk, taak.poging, status=Status.MISLUKT, resultaat={"serverfout": True})
        raise


def _deze_werker() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _werker_dood(werker: str) -> bool:
    """Whether ``werker`` (host:pid) was a process of this machine that is gone."""
    host, _, pid = werker.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False  # another machine's: its heartbeat tells
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def vastgelopen(taak: Importtaak) -> bool:
    """Running, but its worker died: a process of this machine that is gone, or (on
    PostgreSQL, where workers may run on other machines) no sign of life for six
    heartbeats. On SQLite an import holds the one write lock for its whole run, so no
    heartbeat can be written: there only the process tells (SQLite is one machine)."""
    if taak.status != Status.BEZIG:
        return False
    if _werker_dood(taak.werker):
        return True
    if connection.vendor == "sqlite":
        return False
    stil = dt.timedelta(seconds=6 * settings.IMPORT_HARTSLAG)
    return timezone.now() - taak.bijgewerkt > stil


def vastgelopen_opnieuw(taak: Importtaak) -> Importtaak:
    """A running task whose worker died queued again, once: of two pages that see it at
    once, one takes the next attempt."""
    if vastgelopen(taak) and Importtaak.objects.filter(
        pk=taak.pk, poging=taak.poging, status=Status.BEZIG, bijgewerkt=taak.bijgewerkt
    ).update(status=Status.WACHTRIJ, poging=F("poging") + 1, gedaan=0, bijgewerkt=timezone.now()):
        taak.refresh_from_db()
        inplannen(taak)
    return taak


def bevestigen(taak: Importtaak) -> bool:
    """Queue the import of a previewed file without errors; False when it was confirmed
    already (a second click, a second tab) or cannot be."""
    if taak.resultaat.get("fouten") or taak.resultaat.get("serverfout"):
        return False
    if not Importtaak.objects.filter(
        pk=taak.pk, poging=taak.poging, stap=Stap.VOORVERTONING, status=Status.KLAAR
    ).update(
        stap=Stap.INLEZEN,
        status=Status.WACHTRIJ,
        poging=F("poging") + 1,
        gedaan=0,
        bijgewerkt=timezone.now(),
    ):
        return False
    taak.refresh_from_db()
    inplannen(taak)
    return True


@dataclasses.dataclass
class _Gebruiker:
    """What the admin's log needs of a request."""

    user: object


@task()
def import_uitvoeren(taak_id: int, poging: int) -> str:
    """Preview or import a queued file, as attempt ``poging``.

    It claims the row for that attempt; another attempt (queued again after a worker died)
    finds it taken and returns. The outcome is stored only while the attempt owns the row.
    """
    if not Importtaak.objects.filter(pk=taak_id, poging=poging, status=Status.WACHTRIJ).update(
        status=Status.BEZIG, bijgewerkt=timezone.now(), werker=_deze_werker()
    ):
        return "niet in de wachtrij"
    taak = Importtaak.objects.select_related("gebruiker").get(pk=taak_id)
    stand = {"gedaan": 0}
    hartslag = Hartslag(
        f"import-{taak_id}-hartslag",
        Importtaak.objects.filter(pk=taak_id, poging=poging, status=Status.BEZIG),
        seconden=lambda: settings.IMPORT_HARTSLAG,
        extra=lambda: {"gedaan": stand["gedaan"]},
        ook_op_sqlite=False,  # the import holds SQLite's one write lock (``vastgelopen``)
    )
    try:
        with hartslag, translation.override(taak.taal):
            return _uitvoeren(taak, stand)
    except Exception:
        logger.exception("Import %s could not be run", taak_id)
        _zet(taak_id, poging, status=Status.MISLUKT, resultaat={"serverfout": True})
        return "mislukt"


def _uitvoeren(taak: Importtaak, stand: dict) -> str:
    from .spreadsheets import OnleesbaarBestand, importfouten, voorvertoning_rijen
    from .spreadsheets.resources import opties

    modeladmin = admin.site.get_model_admin(apps.get_model(taak.model))  # writes the log
    try:
        dataset = import_string(taak.formaat)().create_dataset(bytes(taak.inhoud))
    except OnleesbaarBestand as fout:
        _zet(taak.pk, taak.poging, status=Status.MISLUKT, resultaat={"onleesbaar": str(fout)})
        return "onleesbaar"
    resource = import_string(taak.resource)()
    # Every line written at the end, not per thousand: the transaction takes the database's
    # write lock (SQLite's only one) for seconds, not the whole import.
    opties(resource).batch_size = dataset.height + 1
    _zet(taak.pk, taak.poging, totaal=dataset.height)

    def voortgang(gedaan: int, totaal: int) -> None:
        stand["gedaan"] = min(gedaan, dataset.height)

    resource.voortgang = voortgang
    droog = taak.stap == Stap.VOORVERTONING
    with transaction.atomic():
        resultaat = resource.import_data(
            dataset, dry_run=droog, user=taak.gebruiker, retain_instance_in_row_result=True
        )
        fouten = importfouten(resultaat)
        uitkomst = {
            "totalen": {
                "nieuw": resultaat.totals["new"],
                "gewijzigd": resultaat.totals["update"],
                "ongewijzigd": resultaat.totals["skip"],
            },
            "fouten": [dataclasses.asdict(f) for f in fouten],
            "blad": getattr(resultaat, "blad", None),
            "koppen": [str(kop) for kop in resultaat.diff_headers],
            "regels": len(resultaat.valid_rows()),
            "voorvertoning": voorvertoning_rijen(resultaat) if droog else [],
        }
        klaar = {"status": Status.KLAAR, "gedaan": dataset.height, "resultaat": uitkomst}
        if not droog and fouten:
            transaction.set_rollback(True)  # nothing imported; said below, outside
        else:
            if not droog:
                modeladmin.generate_log_entries(resultaat, _Gebruiker(taak.gebruiker))
                klaar["inhoud"] = b""  # imported: the file is not kept
            if not _zet(taak.pk, taak.poging, **klaar):
                transaction.set_rollback(True)  # a later attempt owns the row: it imports
                return "overgenomen"
            return "klaar"
    _zet(taak.pk, taak.poging, **{**klaar, "status": Status.MISLUKT})
    return "mislukt"


def opruimen() -> int:
    """Remove the tasks (and their files) nobody confirmed or looked at within
    ``settings.IMPORT_VOORVERTONING_SECONDEN``; running ones stay."""
    grens = timezone.now() - dt.timedelta(seconds=settings.IMPORT_VOORVERTONING_SECONDEN)
    weg, _ = stil_sinds(grens).delete()
    return weg


def stil_sinds(grens: dt.datetime):
    """The tasks (with their uploaded file) not running and unchanged since ``grens``: an
    unconfirmed preview here, a finished import after ``BEWAREN_IMPORTBESTANDEN_DAGEN`` in
    ``manage.py bewaren``."""
    return Importtaak.objects.filter(bijgewerkt__lt=grens).exclude(
        status__in=[Status.BEZIG, Status.WACHTRIJ]
    )

"""The one heartbeat of a background task: a sign of life on the task's row while it runs.

A task that a worker runs (a report's render, a large file's import) marks its row
running; a worker killed mid-task leaves the row so. Whoever looks at the row next tells
a live task from a dead one by the row's ``bijgewerkt``: :class:`Hartslag` refreshes it
every few seconds from a thread of its own, on a connection of its own, for as long as
the task runs. The background report (``rapportage.taken``) and the background import
(``kern.importtaken``) both use it; each says which row is still its own and what else a
beat writes (the import's progress).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from django.db import connection, models, transaction
from django.utils import timezone

logger = logging.getLogger(__name__)


class Hartslag(threading.Thread):
    """While the ``with`` block runs, set ``bijgewerkt`` (and ``extra()``) on the rows of
    ``rij`` every ``seconden()`` seconds, on a connection of its own.

    ``rij`` filters the row on what makes it still this run's (its attempt, its status):
    a beat never revives a row another attempt took over. ``seconden`` is read at each
    beat, so a setting changed by a test counts. A beat that fails (a locked database) is
    logged and the next one tried. With ``ook_op_sqlite=False`` there is no heartbeat on
    SQLite: a task that holds SQLite's one write lock for its whole run (an import) could
    not write one, and only its process tells whether it lives.
    """

    def __init__(
        self,
        naam: str,
        rij: models.QuerySet,
        *,
        seconden: Callable[[], float],
        extra: Callable[[], dict] | None = None,
        ook_op_sqlite: bool = True,
    ):
        super().__init__(name=naam, daemon=True)
        self.rij, self.seconden, self.extra = rij, seconden, extra
        self.ook_op_sqlite = ook_op_sqlite
        self.gestopt = threading.Event()

    def kloppen(self) -> int:
        """One beat: the number of rows still this run's that were refreshed."""
        velden = self.extra() if self.extra is not None else {}
        return self.rij.update(bijgewerkt=timezone.now(), **velden)

    def run(self) -> None:
        try:
            while not self.gestopt.wait(self.seconden()):
                try:
                    self.kloppen()
                except Exception:  # e.g. SQLite locked by the task's own writes: next beat
                    logger.warning("%s: no heartbeat", self.name, exc_info=True)
        finally:
            connection.close()  # this thread's own

    def __enter__(self) -> Hartslag:
        # Inside a transaction (the tests' immediate backend) nobody else sees the row
        # running, and a second connection would wait for this one's lock: no heartbeat.
        if transaction.get_connection().in_atomic_block:
            return self
        if connection.vendor == "sqlite" and not self.ook_op_sqlite:
            return self
        self.start()
        return self

    def __exit__(self, *_fout) -> None:
        self.gestopt.set()
        if self.is_alive():
            self.join()

"""django-tasks-db's worker, which also takes back the mail of a worker that died.

django-tasks-db 0.13 has no lease or heartbeat: a worker killed while sending leaves its
task ``RUNNING`` for ever. The mail itself is a row of the outbox with its claim's time
(``kern.models.Bericht``), so this worker, beside running tasks as the library's does,
sweeps every few seconds (``kern.mail.terugnemen``): a claim older than
``MAIL_CLAIM_SECONDEN`` goes back to waiting and is queued again. ``kern`` comes before
``django_tasks_db`` in ``INSTALLED_APPS``, so ``manage.py db_worker`` is this command.
"""

from __future__ import annotations

import logging
import os
import threading

from django.conf import settings
from django.db import close_old_connections, connection
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands import db_worker

from kern import mail

logger = logging.getLogger(__name__)


def _vegen(stop: threading.Event, interval: float) -> None:
    """Take back expired claims until the process ends (its own database connection)."""
    while True:
        try:
            close_old_connections()
            if aantal := mail.terugnemen():
                logger.warning("%d mail(s) taken back from a stopped worker", aantal)
        except Exception:
            logger.exception("Taking back expired mail claims failed; trying again")
        if stop.wait(interval):
            connection.close()
            return


class Command(db_worker.Command):
    help = (
        "Run a database background worker; every few seconds it also sends again the mail "
        "a stopped worker had claimed (MAIL_CLAIM_SECONDEN)."
    )

    def handle(self, *args, reload: bool = False, batch: bool = False, **options):
        stop = threading.Event()
        # With --reload the parent process only restarts the child: the child sweeps.
        if not (reload and not batch) or os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
            interval = max(1.0, min(30.0, settings.MAIL_CLAIM_SECONDEN / 3))
            threading.Thread(
                target=_vegen, args=(stop, interval), name="mail-terugnemen", daemon=True
            ).start()
        try:
            super().handle(*args, reload=reload, batch=batch, **options)
        finally:
            stop.set()

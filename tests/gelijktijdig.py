"""Requests at once, as two server workers would make them: each in a thread with its own
database connection, for the race tests (a double click, two saves of one record)."""

from __future__ import annotations

import threading
from unittest import mock

from django.db import connections


def in_draden(verzoeken, *, vervangen: tuple[object, str, object]) -> list:
    """Run each ``verzoek()`` in its own thread at once, with ``vervangen`` = (module, name,
    function) patched in for the run (where the test makes the threads wait for each
    other); returns each one's answer, or the exception it raised."""
    antwoorden: list = [None] * len(verzoeken)

    def draai(i, verzoek):
        try:
            antwoorden[i] = verzoek()
        except Exception as fout:  # noqa: BLE001 - reported by the test's assertion
            antwoorden[i] = fout
        finally:
            connections.close_all()

    with mock.patch.object(*vervangen):
        draden = [threading.Thread(target=draai, args=(i, v)) for i, v in enumerate(verzoeken)]
        for draad in draden:
            draad.start()
        for draad in draden:
            draad.join(60)
    return antwoorden

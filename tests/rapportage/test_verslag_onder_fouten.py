"""Yearly reports under faults: a worker killed mid-render, and a request that arrives while
a render of older data runs. Real processes and threads on the test database (PostgreSQL in
CI), no stand-in for the fault.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import F
from django.urls import reverse
from pypdf import PdfReader

from rapportage import taken
from rapportage.models import Verslagbestand
from tests import bouwers
from tests.bench.vermenigvuldigen import vermenigvuldig
from tests.conftest import omgeving_zonder

SLUG = "regierol-van-de-lokale-besturen"
PDF_URL = reverse("rapportage:jaarverslag_pdf", args=[SLUG, 2006])
DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
PROJECT = Path(__file__).resolve().parents[2]
Status, Stap = Verslagbestand.Status, Verslagbestand.Stap
# Grown this many times, the report keeps WeasyPrint busy for several heartbeats.
FACTOR = 20
# What a hung step may take before the test gives up (a guard, not a measurement).
GEDULD = 300


@pytest.fixture
def achtergrond(settings, monkeypatch):
    """The database backend, and a view that does not wait for the worker."""
    settings.TASKS = DATABASE
    monkeypatch.setattr(taken, "WACHTTIJD", 0)


def _database_url() -> str:
    """The test database, as the worker subprocess's DATABASE_URL."""
    instellingen = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{instellingen['NAME']}"
    delen = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(delen._replace(path=f"/{instellingen['NAME']}"))


def _werker_omgeving(**extra: str) -> dict[str, str]:
    return {
        **omgeving_zonder("DATABASE_URL", "TAKEN_BACKEND"),
        "DATABASE_URL": _database_url(),
        "TAKEN_BACKEND": "database",
        **extra,
    }


def _tot(voorwaarde, werker: subprocess.Popen | None = None):
    """Poll until ``voorwaarde()`` gives something true; fail if the worker exits first."""
    einde = time.monotonic() + GEDULD
    while time.monotonic() < einde:
        uitkomst = voorwaarde()
        if uitkomst:
            return uitkomst
        if werker is not None and werker.poll() is not None:
            pytest.fail(f"the worker stopped: {werker.stderr.read().decode()[-2000:]}")
        time.sleep(0.05)
    pytest.fail("gave up waiting")


def _rij() -> Verslagbestand:
    return Verslagbestand.objects.defer("pdf").get()


@pytest.mark.langzaam(reden="a real db_worker in a subprocess, killed with SIGKILL mid-render")
@pytest.mark.django_db(transaction=True)
def test_a_render_whose_worker_is_killed_says_so_and_renders_again(
    achtergrond, client_van, coordinator
):
    bouwers.seed()
    vermenigvuldig(FACTOR)
    client = client_van(coordinator)
    wachten = client.get(PDF_URL)["Location"]

    werker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay"],
        cwd=PROJECT,
        env=_werker_omgeving(VERSLAG_HARTSLAG="0.2"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        in_pdf = _tot(lambda: (r := _rij()).stap == Stap.PDF and r, werker)
        # WeasyPrint runs, and the row shows signs of life all the while.
        levend = _tot(
            lambda: (
                ((r := _rij()).bijgewerkt > in_pdf.bijgewerkt or r.status != Status.BEZIG) and r
            ),
            werker,
        )
        assert (levend.status, levend.stap) == (Status.BEZIG, Stap.PDF)
        os.kill(werker.pid, signal.SIGKILL)
        assert werker.wait() == -signal.SIGKILL
    finally:
        if werker.poll() is None:
            werker.kill()
            werker.wait()
        werker.stderr.close()

    dood = _rij()
    assert (dood.status, dood.stap, dood.pdf_voor) == (Status.BEZIG, Stap.PDF, 0)
    # Just killed, it still counts as running: the page keeps refreshing.
    assert client.get(wachten)["Refresh"]
    time.sleep(1)  # five heartbeats: none comes
    assert _rij().bijgewerkt == dood.bijgewerkt

    # A minute without a sign of life.
    Verslagbestand.objects.update(bijgewerkt=F("bijgewerkt") - dt.timedelta(seconds=61))
    pagina = client.get(wachten)
    html = pagina.content.decode()
    assert "Refresh" not in pagina
    assert "Het maken van het verslag is onderbroken." in html
    opnieuw_url = f"{PDF_URL}?datum={dood.verslagdatum.isoformat()}"  # the same report date
    assert "Probeer het opnieuw." in html and f'href="{opnieuw_url}"' in html

    # The next request queues it again; a worker makes it.
    opnieuw = client.get(PDF_URL)["Location"]
    assert _rij().status == Status.WACHTRIJ
    subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-reload", "--no-startup-delay"],
        cwd=PROJECT,
        env=_werker_omgeving(),
        check=True,
        capture_output=True,
        timeout=GEDULD,
    )
    assert "Het verslag is klaar." in client.get(opnieuw).content.decode()
    bestand = _rij()
    download = (
        reverse("rapportage:verslag_bestand", args=[bestand.pk]) + f"?aanvraag={bestand.aanvragen}"
    )
    pdf = client.get(download).getvalue()
    assert len(PdfReader(io.BytesIO(pdf)).pages) > 1


# ---- A request during a render of older data ----------------------------------------------


class Vastgehouden:
    """``taken.html_naar_pdf`` that records each HTML and holds the first render mid-PDF
    until the test lets it go, so a change and a request land while it runs."""

    def __init__(self):
        self.htmls: list[str] = []
        self.bezig = threading.Event()
        self.verder = threading.Event()

    def __call__(self, html: str, bijlagen=(), ingesloten=()) -> bytes:
        self.htmls.append(html)
        if len(self.htmls) == 1:
            self.bezig.set()
            assert self.verder.wait(GEDULD)
        return f"%PDF-1.7 render {len(self.htmls)}".encode()


@pytest.mark.django_db(transaction=True)
def test_a_request_after_a_change_never_gets_the_pdf_of_a_render_started_before_it(
    achtergrond, monkeypatch, client_van, coordinator
):
    werkgroep = bouwers.seed()
    pdf = Vastgehouden()
    monkeypatch.setattr(taken, "html_naar_pdf", pdf)
    client = client_van(coordinator)
    eerste = client.get(PDF_URL)["Location"]
    bestand = _rij()

    def maken():
        try:
            taken.verslag_maken.call(bestand.pk)
        finally:
            connection.close()

    render = threading.Thread(target=maken)
    render.start()
    try:
        assert pdf.bezig.wait(GEDULD)
        # While the first render (data read before) makes its PDF: a change, then a request.
        werkgroep.doelstellingen.update(tekst="Na de wijziging geschreven")
        tweede = client.get(PDF_URL)["Location"]
        assert tweede.endswith("?aanvraag=2") and eerste.endswith("?aanvraag=1")
        assert _rij().status == Status.BEZIG  # the second request queued nothing of its own
    finally:
        pdf.verder.set()
        render.join()

    # The first render is done: its PDF is the first request's, and the report is queued
    # again for the second.
    rij = _rij()
    assert (rij.status, rij.pdf_voor, rij.aanvragen) == (Status.WACHTRIJ, 1, 2)
    download = reverse("rapportage:verslag_bestand", args=[bestand.pk])
    assert client.get(f"{download}?aanvraag=1").getvalue() == b"%PDF-1.7 render 1"
    assert client.get(f"{download}?aanvraag=2")["Location"] == tweede
    assert client.get(download)["Location"] == tweede  # no number: the last request's
    pagina = client.get(tweede)
    assert pagina["Refresh"] and "Het verslag staat in de wachtrij." in pagina.content.decode()

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    assert client.get(f"{download}?aanvraag=2").getvalue() == b"%PDF-1.7 render 2"
    assert "Na de wijziging geschreven" not in pdf.htmls[0]
    assert "Na de wijziging geschreven" in pdf.htmls[1]
    assert len(pdf.htmls) == 2 and _rij().status == Status.KLAAR


@pytest.mark.django_db(transaction=True)
def test_a_render_shows_signs_of_life_while_it_runs(settings, monkeypatch):
    """The heartbeat on its own: while WeasyPrint holds the task, ``bijgewerkt`` moves."""
    bouwers.seed()
    settings.VERSLAG_HARTSLAG = 0.05
    gezien = []

    def traag(html: str, bijlagen=(), ingesloten=()) -> bytes:
        begin = _rij().bijgewerkt
        _tot(lambda: _rij().bijgewerkt > begin)
        gezien.append(_rij().status)
        return b"%PDF-1.7 traag"

    monkeypatch.setattr(taken, "html_naar_pdf", traag)
    from rapportage.verslag import Verslag

    bestand = taken.verslag_aanvragen(Verslag.uit_periode("werkgroep", SLUG, "2006"), "nl-be")
    assert bestand.klaar_voor(bestand.aanvraag) and gezien == [Status.BEZIG]
    assert not any(t.name.startswith("verslag-") for t in threading.enumerate())

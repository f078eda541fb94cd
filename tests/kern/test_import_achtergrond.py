"""A file longer than ``IMPORT_ACHTERGROND_REGELS`` is previewed and imported by a background
task, its page saying how far it is: the same preview, errors, all-or-nothing and Dutch as
a small file; its upload kept only until it is imported or expires; and a worker killed
with SIGKILL mid-import leaves nothing, is seen to have died, and the import runs again.
Real worker processes on the test database (PostgreSQL in CI), no stand-in for the fault.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import signal
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.admin.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.models import F
from django.urls import reverse

from financien.models import Bedragplafond, Kostenpost
from kern import importtaken
from kern.models import Importtaak
from tests import bouwers
from tests.rapportage.test_verslag_onder_fouten import DATABASE, GEDULD, _werker_omgeving
from werkgroep.models import Werkgroep

GROEP = "regierol-van-de-lokale-besturen"
KOP = "werkgroep;vergadering;categorie;omschrijving;status;bedrag"
IMPORT = reverse("admin:financien_kostenpost_import")
PROJECT = Path(__file__).resolve().parents[2]
Status, Stap = Importtaak.Status, Importtaak.Stap


def grootboek(aantal: int, *, fout_op: int | None = None) -> bytes:
    rijen = [KOP]
    for n in range(1, aantal + 1):
        categorie = "bestaat-niet" if n == fout_op else "catering"
        rijen.append(f"{GROEP};06/06/2006;{categorie};toets {n};voorzien;{n % 90},50")
    return ("\r\n".join(rijen) + "\r\n").encode("cp1252")


def opladen(client, inhoud: bytes, naam: str = "grootboek.csv"):
    return client.post(
        IMPORT,
        {"resource": "0", "format": "0", "import_file": SimpleUploadedFile(naam, inhoud)},
    )


def tekst(antwoord) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", antwoord.content.decode()))


@pytest.fixture
def beheer(client, secretariaat, seed, settings):
    settings.IMPORT_ACHTERGROND_REGELS = 5
    client.force_login(secretariaat)
    return client


def test_a_long_file_is_previewed_in_the_background_then_imported_once(beheer, secretariaat):
    antwoord = opladen(beheer, grootboek(8))
    taak = Importtaak.objects.get()
    assert antwoord.status_code == 302
    pagina_url = antwoord["Location"]
    assert pagina_url == reverse("admin:financien_kostenpost_importtaak", args=[taak.pk])
    assert "/tmp" not in pagina_url and "grootboek" not in pagina_url

    pagina = beheer.get(pagina_url)
    assert "Refresh" not in pagina  # done: the tests' immediate backend ran it at once
    inhoud = tekst(pagina)
    assert "Bestand „grootboek.csv”: 8 regels." in inhoud
    assert "Hieronder ziet u wat het bestand zou doen: 8 nieuw, 0 gewijzigd, 0 ongewijzigd." in (
        inhoud
    )
    assert "toets 8" in inhoud
    assert not Kostenpost.objects.filter(omschrijving__startswith="toets").exists()

    assert beheer.post(pagina_url)["Location"] == pagina_url
    inhoud = tekst(beheer.get(pagina_url))
    assert "Ingelezen (kostenposten): 8 nieuw, 0 gewijzigd, 0 ongewijzigd." in inhoud
    posten = Kostenpost.objects.filter(omschrijving__startswith="toets")
    assert posten.count() == 8
    assert {p.history.get().history_user for p in posten} == {secretariaat}
    toegevoegd = "Toegevoegd uit een bestand (import)."
    assert LogEntry.objects.filter(change_message=toegevoegd).count() == 8
    taak.refresh_from_db()
    assert (taak.stap, taak.status, bytes(taak.inhoud)) == (Stap.INLEZEN, Status.KLAAR, b"")

    # A second confirm (the back button, a second tab) imports nothing and says so.
    volgend = beheer.post(pagina_url, follow=True)
    assert "Dit bestand is al ingelezen" in tekst(volgend)
    assert posten.count() == 8


def test_a_short_file_is_still_previewed_in_the_request(beheer):
    antwoord = opladen(beheer, grootboek(5))
    assert antwoord.status_code == 200 and antwoord.context["confirm_form"]
    assert not Importtaak.objects.exists()


def test_every_error_of_a_background_preview_is_listed_and_nothing_can_be_confirmed(beheer):
    pagina_url = opladen(beheer, grootboek(9, fout_op=7))["Location"]
    pagina = beheer.get(pagina_url)
    fouten = pagina.context["fouten"]
    assert [(f.regel, f.kolom, f.waarde) for f in fouten] == [(8, "categorie", "bestaat-niet")]
    assert "Het bestand is niet ingelezen" in tekst(pagina)
    assert "Importeren bevestigen" not in tekst(pagina)
    beheer.post(pagina_url)
    assert not Kostenpost.objects.filter(omschrijving__startswith="toets").exists()
    assert Importtaak.objects.get().stap == Stap.VOORVERTONING


def test_a_file_that_changed_meanwhile_is_refused_whole_at_confirm(beheer):
    pagina_url = opladen(beheer, grootboek(8))["Location"]
    # Between preview and confirm the secretariat lowers the group's ceiling per line.
    Bedragplafond.objects.update_or_create(
        werkgroep=Werkgroep.objects.get(slug=GROEP), defaults={"bedrag": Decimal("1.00")}
    )
    beheer.post(pagina_url)
    pagina = tekst(beheer.get(pagina_url))
    assert "Het bestand kon niet meer worden ingelezen" in pagina
    assert not Kostenpost.objects.filter(omschrijving__startswith="toets").exists()
    assert Importtaak.objects.get().status == Status.MISLUKT


def test_another_account_does_not_see_the_task(beheer, client, django_user_model):
    pagina_url = opladen(beheer, grootboek(8))["Location"]
    ander = bouwers.secretariaat(gebruikersnaam="tweede")
    client.force_login(ander)
    assert client.get(pagina_url).status_code == 404
    assert client.post(pagina_url).status_code == 404


def test_an_unconfirmed_task_and_its_file_go_after_the_preview_time(beheer, settings):
    opladen(beheer, grootboek(8))
    settings.IMPORT_VOORVERTONING_SECONDEN = 60
    assert importtaken.opruimen() == 0
    Importtaak.objects.update(bijgewerkt=F("bijgewerkt") - dt.timedelta(seconds=61))
    opladen(beheer, grootboek(6))  # each new one first removes the expired
    assert Importtaak.objects.get().totaal == 6


# ---- A worker killed mid-import -----------------------------------------------------------


def _tot(voorwaarde, werker: subprocess.Popen | None = None):
    einde = time.monotonic() + GEDULD
    while time.monotonic() < einde:
        if uitkomst := voorwaarde():
            return uitkomst
        if werker is not None and werker.poll() is not None:
            pytest.fail(f"the worker stopped: {werker.stderr.read().decode()[-2000:]}")
        time.sleep(0.05)
    pytest.fail("gave up waiting")


def _werker(*extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay", *extra],
        cwd=PROJECT,
        env=_werker_omgeving(IMPORT_HARTSLAG="0.2"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _doden_midden_in(stap: str) -> None:
    """Start a worker, wait until it is well into the file, kill -9 it."""
    werker = _werker()
    try:
        _tot(lambda: (t := Importtaak.objects.get()).stap == stap and t.status == Status.BEZIG)
        if connection.vendor != "sqlite":  # the heartbeat says how far it is
            _tot(lambda: Importtaak.objects.get().gedaan >= 500, werker)
        else:  # SQLite: the import holds the write lock, no heartbeat (kern.importtaken)
            time.sleep(1)
        assert Importtaak.objects.get().status == Status.BEZIG
        os.kill(werker.pid, signal.SIGKILL)
        assert werker.wait() == -signal.SIGKILL
    finally:
        if werker.poll() is None:
            werker.kill()
            werker.wait()
        werker.stderr.close()


def _tot_klaar() -> None:
    subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-reload", "--no-startup-delay"],
        cwd=PROJECT,
        env=_werker_omgeving(IMPORT_HARTSLAG="0.2"),
        check=True,
        capture_output=True,
        timeout=GEDULD,
    )


@pytest.mark.langzaam(reden="real db_workers in subprocesses, killed with SIGKILL mid-import")
@pytest.mark.django_db(transaction=True)
def test_an_import_whose_worker_is_killed_imports_nothing_then_runs_again(
    client, settings, monkeypatch
):
    settings.TASKS = DATABASE
    settings.IMPORT_ACHTERGROND_REGELS = 100
    settings.IMPORT_HARTSLAG = 0.2
    bouwers.seed()
    client.force_login(bouwers.secretariaat())
    aantal = 12000
    pagina_url = opladen(client, grootboek(aantal))["Location"]
    wacht = client.get(pagina_url)
    assert wacht["Refresh"] and "Het staat in de wachtrij." in tekst(wacht)

    # The preview: killed halfway; its process is gone, so the next look at the page
    # queues it again; a new worker does it.
    _doden_midden_in(Stap.VOORVERTONING)
    wacht = client.get(pagina_url)
    assert wacht["Refresh"] and "Het staat in de wachtrij." in tekst(wacht)
    taak = Importtaak.objects.get()
    assert (taak.status, taak.poging) == (Status.WACHTRIJ, 2)
    client.get(pagina_url)  # seen again: not queued twice
    assert Importtaak.objects.get().poging == 2
    _tot_klaar()
    pagina = tekst(client.get(pagina_url))
    assert "Hieronder ziet u wat het bestand zou doen: 12000 nieuw" in pagina
    assert "Hieronder staan alleen de eerste 100 van de 12.000 regels." in pagina

    # The import: killed halfway it has stored nothing.
    client.post(pagina_url)
    _doden_midden_in(Stap.INLEZEN)
    assert not Kostenpost.objects.filter(omschrijving__startswith="toets").exists()
    if connection.vendor != "sqlite":
        # A worker of another machine: its row's heartbeat tells. Just killed, it still
        # counts as running, and the page says how far it got.
        Importtaak.objects.update(werker="een-andere-machine:1")
        bezig = client.get(pagina_url)
        assert bezig["Refresh"]
        assert re.search(r"Regel [\d.]+ van 12\.000\.", tekst(bezig))
        assert Importtaak.objects.get().status == Status.BEZIG
        _tot(lambda: importtaken.vastgelopen(Importtaak.objects.get()))  # six heartbeats
    client.get(pagina_url)
    assert Importtaak.objects.get().status == Status.WACHTRIJ
    _tot_klaar()
    assert "Ingelezen (kostenposten): 12000 nieuw" in tekst(client.get(pagina_url))
    assert Kostenpost.objects.filter(omschrijving__startswith="toets").count() == aantal
    assert Kostenpost.history.filter(omschrijving__startswith="toets").count() == aantal
    assert bytes(Importtaak.objects.get().inhoud) == b""

"""Mail under real faults: a mail server that accepts and never answers, a password reset
while SMTP is slow, a worker killed with SIGKILL while it sends. Each outcome is asserted
(sent once, or listed), never a duration."""

from __future__ import annotations

import asyncio
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.db import connection, transaction
from django.test import TestCase
from django.urls import reverse

from kern import mail
from kern.models import Bericht
from tests.conftest import omgeving_zonder, smtp_controller_starten
from tests.uitnodigingen.test_mail import DATABASE, worker

ROOT = Path(__file__).resolve().parent.parent.parent
SMTP = "django.core.mail.backends.smtp.EmailBackend"


class StilleServer:
    """A mail server that accepts every connection and never says a word, not even its
    greeting: what a hung server looks like to a client."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.poort = self.sock.getsockname()[1]
        self.verbindingen: list[socket.socket] = []
        threading.Thread(target=self._aannemen, daemon=True).start()

    def _aannemen(self):
        while True:
            try:
                verbinding, _adres = self.sock.accept()
            except OSError:
                return
            self.verbindingen.append(verbinding)

    def stoppen(self):
        self.sock.close()
        for verbinding in self.verbindingen:
            verbinding.close()


@pytest.fixture
def stille_server(settings):
    server = StilleServer()
    settings.EMAIL_BACKEND = SMTP
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.poort
    settings.EMAIL_USE_TLS = False
    yield server
    server.stoppen()


def _sturen(adres: str) -> Bericht:
    with TestCase.captureOnCommitCallbacks(execute=True):
        mail.sturen("projecten/mail/fiche_ingediend", [mail.Ontvanger(adres)], {})
    return Bericht.objects.get(aan=adres)


def test_every_smtp_connection_has_a_timeout_and_a_claim_outlasts_a_send(settings):
    from django.core.mail import get_connection

    assert get_connection(SMTP).timeout == settings.EMAIL_TIMEOUT > 0
    assert settings.MAIL_CLAIM_SECONDEN > 2 * settings.EMAIL_TIMEOUT


def test_a_server_that_never_answers_is_given_up_after_the_timeout_and_the_mail_listed(
    db, settings, stille_server
):
    """The immediate backend: each attempt connects, hears nothing, gives up after
    EMAIL_TIMEOUT; after the last the mail is listed, and the request is not held for ever."""
    settings.EMAIL_TIMEOUT, settings.MAIL_POGINGEN = 1, 2
    bericht = _sturen("an@elders.be")
    bericht.refresh_from_db()
    assert (bericht.status, bericht.pogingen) == (Bericht.Status.MISLUKT, 2)
    assert "timed out" in bericht.fout
    assert len(stille_server.verbindingen) == 2  # both attempts reached the server
    assert [m.aan for m in mail.niet_verstuurde_mails()] == ["an@elders.be"]


def test_the_worker_moves_on_from_a_server_that_never_answers(db, settings, stille_server):
    settings.TASKS = DATABASE
    settings.EMAIL_TIMEOUT, settings.MAIL_POGINGEN = 1, 1
    eerste, tweede = _sturen("een@x.be"), _sturen("twee@x.be")
    worker()  # returns: neither mail holds it
    for bericht in (eerste, tweede):
        bericht.refresh_from_db()
        assert bericht.status == Bericht.Status.MISLUKT and "timed out" in bericht.fout
    assert len(mail.niet_verstuurde_mails()) == 2


def test_a_password_reset_request_does_not_talk_to_smtp(
    client, lid, settings, smtp_server, stille_server, werkende_poort
):
    """With the database backend the request only queues the mail: the hung server is not
    even connected to (with EMAIL_TIMEOUT at a minute, a request that talked to it would
    hang, then fail). The worker sends it once the server works."""
    settings.TASKS = DATABASE
    settings.EMAIL_TIMEOUT = 60
    lid.email = "johan@example.org"
    lid.save()
    with TestCase.captureOnCommitCallbacks(execute=True):
        antwoord = client.post(reverse("password_reset"), {"email": "johan@example.org"})
    assert antwoord.status_code == 302
    assert antwoord["Location"] == reverse("password_reset_done")
    assert stille_server.verbindingen == []
    bericht = Bericht.objects.get()
    assert bericht.status == Bericht.Status.WACHTEND and "/accounts/reset/" in bericht.tekst

    settings.EMAIL_PORT = werkende_poort
    worker()
    (ontvangen,) = smtp_server
    assert ontvangen["To"].addresses[0].addr_spec == "johan@example.org"
    assert ontvangen["Subject"] == "Kies uw wachtwoord voor de werkgroepsite"


@pytest.fixture
def werkende_poort(_smtp_controller) -> int:
    """The port of the working test SMTP server (``smtp_server``), whatever the settings."""
    controller, _postbus = _smtp_controller
    return controller.port


# ---- A worker killed with SIGKILL while it sends ------------------------------------------


class _Vasthouden:
    """An SMTP server that takes the whole message and then never answers it (the client
    waits for the reply to DATA): a send in progress, to kill the worker in."""

    def __init__(self):
        self.bezig = threading.Event()
        self.aanvaard = 0

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.bezig.set()
        await asyncio.sleep(3600)
        self.aanvaard += 1
        return "250 OK"


def _database_url() -> str:
    instellingen = connection.settings_dict
    if connection.vendor == "postgresql":
        opties = instellingen["OPTIONS"]
        host = instellingen["HOST"] or opties.get("host", "")
        poort = instellingen["PORT"] or opties.get("port", "")
        wachtwoord = f":{instellingen['PASSWORD']}" if instellingen.get("PASSWORD") else ""
        gebruiker = f"{instellingen['USER']}{wachtwoord}"
        return f"postgres://{gebruiker}@/{instellingen['NAME']}?host={host}&port={poort}"
    return f"sqlite:///{instellingen['NAME']}"


def _worker_starten(poort: int, **extra: str) -> subprocess.Popen:
    omgeving = omgeving_zonder("DATABASE_URL")
    omgeving.update(
        DATABASE_URL=_database_url(),
        TAKEN_BACKEND="database",
        EMAIL_BACKEND=SMTP,
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(poort),
        **extra,
    )
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay",
         "--interval", "0.2"],
        cwd=ROOT, env=omgeving, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip


def _wachten_tot(voorwaarde, proces: subprocess.Popen, waarop: str, seconden: float = 90):
    """Poll until ``voorwaarde()``; a safety net so a broken run fails instead of hanging."""
    einde = time.monotonic() + seconden
    while not voorwaarde():
        if proces.poll() is not None:
            pytest.fail(f"the worker stopped while waiting for {waarop}: {proces.stdout.read()}")
        if time.monotonic() > einde:
            proces.kill()
            pytest.fail(f"never {waarop}: {proces.stdout.read()}")
        time.sleep(0.1)


@pytest.mark.langzaam(reden="two db_worker processes, one killed with SIGKILL")
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_while_sending_leaves_the_mail_to_the_next_worker_sent_once(
    settings, smtp_server, werkende_poort
):
    settings.TASKS = DATABASE
    houder = _Vasthouden()
    vast = smtp_controller_starten(houder)
    try:
        with transaction.atomic():
            mail.sturen("projecten/mail/fiche_ingediend", [mail.Ontvanger("an@elders.be")], {})
        bericht = Bericht.objects.get()

        # The first worker sends to the server that holds the message, and is killed there.
        eerste = _worker_starten(vast.port, EMAIL_TIMEOUT="300")
        _wachten_tot(houder.bezig.is_set, eerste, "the message reached the server")
        eerste.send_signal(signal.SIGKILL)
        eerste.wait()
        bericht.refresh_from_db()
        assert (bericht.status, bericht.pogingen) == (Bericht.Status.BEZIG, 1)

        # A new worker, the mail server working: it takes the dead worker's claim back once
        # the claim is older than MAIL_CLAIM_SECONDEN, and sends the mail.
        tweede = _worker_starten(werkende_poort, EMAIL_TIMEOUT="1", MAIL_CLAIM_SECONDEN="3")
        try:
            _wachten_tot(
                lambda: Bericht.objects.filter(status=Bericht.Status.VERSTUURD).exists(),
                tweede,
                "sent by the second worker",
            )
        finally:
            tweede.send_signal(signal.SIGTERM)
            tweede.wait(30)
        bericht.refresh_from_db()
        assert bericht.pogingen == 2
        assert [b["To"].addresses[0].addr_spec for b in smtp_server] == ["an@elders.be"]
        assert houder.aanvaard == 0  # the held message was never acknowledged: not delivered
        assert mail.niet_verstuurde_mails() == []
    finally:
        vast.stop()

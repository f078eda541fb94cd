"""Mail in the background: a failed attempt is tried again, a mail that failed every attempt
is listed for the secretariat (from the database backend's results) and sent again."""

from __future__ import annotations

import socket

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from kern import mail
from tests.bouwers import aangemeld

DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def mislukte_mail(aan: str = "Johan <johan@werkwaardig.be>", onderwerp: str = "Uitnodiging"):
    """A mail task as the database backend keeps it after its last attempt failed."""
    return DBTaskResult.objects.create(
        status="FAILED",
        task_path=mail.TAAKPAD,
        args_kwargs={
            "args": [{"aan": aan, "onderwerp": onderwerp, "tekst": "Dag Johan", "html": ""}],
            "kwargs": {"poging": 3},
        },
        backend_name="default",
        run_after=timezone.now(),
        finished_at=timezone.now(),
        exception_class_path="smtplib.SMTPServerDisconnected",
        traceback="Traceback …\nsmtplib.SMTPServerDisconnected: Connection unexpectedly closed\n",
    )


@pytest.fixture
def dichte_poort():
    """A port nobody listens on: every attempt to send there fails."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def worker():
    """``manage.py db_worker --batch``, step by step as the worker runs each task (the
    command's loop closes the connection, which a test's transaction cannot survive)."""
    from django_tasks_db.management.commands.db_worker import Worker

    while (taak := DBTaskResult.objects.ready().get_locked()) is not None:
        taak.claim("test")
        Worker(
            queue_names=["default"], interval=0, batch=True, backend_name="default",
            startup_delay=False, max_tasks=None, worker_id="test", excluded_queue_names=[],
        ).run_task(taak)  # fmt: skip


def test_a_failed_attempt_is_tried_again_later_and_the_last_failure_is_kept(
    db, settings, smtp_server, dichte_poort, django_capture_on_commit_callbacks
):
    settings.TASKS = DATABASE
    settings.MAIL_POGINGEN, settings.MAIL_WACHTTIJD = 3, 0
    poort = settings.EMAIL_PORT
    settings.EMAIL_PORT = dichte_poort
    with django_capture_on_commit_callbacks(execute=True):
        mail.sturen("projecten/mail/fiche_ingediend", [mail.Ontvanger("an@elders.be")], {})
    worker()
    taken = list(DBTaskResult.objects.order_by("enqueued_at"))
    assert [t.status for t in taken] == ["SUCCESSFUL", "SUCCESSFUL", "FAILED"]
    assert [t.args_kwargs["kwargs"].get("poging", 1) for t in taken] == [1, 2, 3]
    (mislukt,) = mail.mislukte_mails()
    assert mislukt.aan == "an@elders.be" and mislukt.pogingen == 3
    assert "ConnectionRefusedError" in mislukt.fout

    # Sent again once the server is back: a new task with all its attempts.
    settings.EMAIL_PORT = poort
    with django_capture_on_commit_callbacks(execute=True):
        assert mail.opnieuw_sturen(mislukt.id)
    worker()
    assert [b["To"].addresses[0].addr_spec for b in smtp_server] == ["an@elders.be"]
    assert mail.mislukte_mails() == []


def test_a_retry_waits_longer_each_time(db, settings, dichte_poort):
    settings.TASKS = DATABASE
    settings.MAIL_POGINGEN, settings.MAIL_WACHTTIJD = 3, 300
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", dichte_poort
    voor = timezone.now()
    mail.mail_versturen.call({"aan": "x@y.be", "onderwerp": "o", "tekst": "t"}, poging=2)
    (later,) = DBTaskResult.objects.all()
    assert later.args_kwargs["kwargs"] == {"poging": 3}
    assert 599 <= (later.run_after - voor).total_seconds() <= 610


def test_the_immediate_backend_tries_at_once_and_raises_after_the_last(db, settings, dichte_poort):
    settings.MAIL_POGINGEN = 2
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", dichte_poort
    resultaat = mail.mail_versturen.enqueue({"aan": "x@y.be", "onderwerp": "o", "tekst": "t"})
    assert resultaat.status == "SUCCESSFUL"  # attempt 1 handed over to attempt 2 …
    with pytest.raises(ConnectionRefusedError):
        mail.mail_versturen.call({"aan": "x@y.be", "onderwerp": "o", "tekst": "t"}, poging=2)


# ---- The secretariat's page ----------------------------------------------------------------


def test_the_secretariat_finds_failed_mail_from_its_home_and_sends_it_again(
    secretariaat, smtp_server, django_capture_on_commit_callbacks
):
    taak = mislukte_mail(aan="An <an@elders.be>", onderwerp="Uitnodiging: Regierol")
    client = aangemeld(secretariaat)
    home = client.get(reverse("home")).content.decode()
    assert "1 mail kon niet verstuurd worden" in home
    assert reverse("mislukte_mails") in home
    pagina = client.get(reverse("mislukte_mails")).content.decode()
    assert "Uitnodiging: Regierol" in pagina and "an@elders.be" in pagina
    assert "Connection unexpectedly closed" in pagina and "3 pogingen" in pagina
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(reverse("mail_opnieuw", args=[taak.id]))
    assert antwoord.status_code == 302 and antwoord["Location"] == reverse("mislukte_mails")
    (bericht,) = smtp_server
    assert bericht["Subject"] == "Uitnodiging: Regierol"
    assert not DBTaskResult.objects.filter(status="FAILED").exists()
    assert "kon niet verstuurd" not in client.get(reverse("home")).content.decode()
    # Twice (a second tab): said, not a 500.
    antwoord = client.post(reverse("mail_opnieuw", args=[taak.id]), follow=True)
    assert "al opnieuw verstuurd?" in antwoord.content.decode()


def test_only_the_secretariat_sees_or_resends_failed_mail(
    coordinator, lid, smtp_server, django_capture_on_commit_callbacks
):
    taak = mislukte_mail()
    for wie in (coordinator, lid):
        client = aangemeld(wie)
        assert client.get(reverse("mislukte_mails")).status_code == 404
        assert "kon niet verstuurd" not in client.get(reverse("home")).content.decode()
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(reverse("mail_opnieuw", args=[taak.id])).status_code == 404
    assert smtp_server == [] and DBTaskResult.objects.filter(status="FAILED").count() == 1


def test_the_failed_mail_page_keeps_its_query_count(secretariaat, django_assert_num_queries):
    client = aangemeld(secretariaat)
    mislukte_mail()
    client.get(reverse("mislukte_mails"))
    # Session, user, the user's permissions (own, group), the failed tasks (1), the session's
    # new expiry, and the request's savepoints (4).
    with django_assert_num_queries(10):
        assert client.get(reverse("mislukte_mails")).status_code == 200
    for n in range(30):
        mislukte_mail(aan=f"n{n}@x.be")
    with django_assert_num_queries(10):
        assert "n29@x.be" in client.get(reverse("mislukte_mails")).content.decode()

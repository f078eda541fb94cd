"""Mail in the background, kept in the outbox (``kern.models.Bericht``): a failed attempt is
tried again, a mail that failed every attempt is listed for the secretariat whatever the task
backend, a mail claimed by a worker that died is taken back, and each is sent once."""

from __future__ import annotations

import datetime as dt
import io
import socket

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from kern import mail
from kern.models import Bericht
from tests.bouwers import aangemeld

DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def mislukte_mail(aan: str = "Johan <johan@werkwaardig.be>", onderwerp: str = "Uitnodiging"):
    """A mail as the outbox keeps it after its last attempt failed."""
    return Bericht.objects.create(
        aan=aan,
        onderwerp=onderwerp,
        tekst="Dag Johan",
        status=Bericht.Status.MISLUKT,
        pogingen=3,
        fout="smtplib.SMTPServerDisconnected: Connection unexpectedly closed",
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


def sturen(capture, adres="an@elders.be") -> Bericht:
    with capture(execute=True):
        mail.sturen("projecten/mail/fiche_ingediend", [mail.Ontvanger(adres)], {})
    return Bericht.objects.get(aan=adres)


def test_a_failed_attempt_is_tried_again_later_and_the_last_failure_is_kept(
    db, settings, smtp_server, dichte_poort, django_capture_on_commit_callbacks
):
    settings.TASKS = DATABASE
    settings.MAIL_POGINGEN, settings.MAIL_WACHTTIJD = 3, 0
    poort = settings.EMAIL_PORT
    settings.EMAIL_PORT = dichte_poort
    bericht = sturen(django_capture_on_commit_callbacks)
    assert bericht.status == Bericht.Status.WACHTEND
    worker()
    bericht.refresh_from_db()
    assert (bericht.status, bericht.pogingen) == (Bericht.Status.MISLUKT, 3)
    assert DBTaskResult.objects.count() == 3  # one task per attempt, each ended well
    (mislukt,) = mail.niet_verstuurde_mails()
    assert (mislukt.aan, mislukt.soort, mislukt.pogingen) == ("an@elders.be", "mislukt", 3)
    assert "ConnectionRefusedError" in mislukt.fout

    # Sent again once the server is back, with all its attempts.
    settings.EMAIL_PORT = poort
    with django_capture_on_commit_callbacks(execute=True):
        assert mail.opnieuw_sturen(mislukt.id)
        assert not mail.opnieuw_sturen(mislukt.id)  # a second click: nothing more
    worker()
    assert [b["To"].addresses[0].addr_spec for b in smtp_server] == ["an@elders.be"]
    assert mail.niet_verstuurde_mails() == []
    bericht.refresh_from_db()
    assert bericht.status == Bericht.Status.VERSTUURD and bericht.verstuurd_op


@pytest.mark.parametrize(("eerdere_pogingen", "seconden"), [(0, 300), (1, 600), (3, 2400)])
def test_a_retry_waits_longer_each_time(db, settings, dichte_poort, eerdere_pogingen, seconden):
    """Attempt n + 1 waits MAIL_WACHTTIJD × 2^(n - 1), and the row says why it waits."""
    settings.TASKS = DATABASE
    settings.MAIL_POGINGEN, settings.MAIL_WACHTTIJD = 5, 300
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", dichte_poort
    bericht = Bericht.objects.create(
        aan="x@y.be", onderwerp="o", tekst="t", pogingen=eerdere_pogingen
    )
    voor = timezone.now()
    assert mail.mail_versturen.call(bericht.pk) == (
        f"poging {eerdere_pogingen + 1} mislukt, opnieuw gepland"
    )
    (later,) = DBTaskResult.objects.all()
    assert later.args_kwargs["args"] == [bericht.pk]
    assert seconden - 1 <= (later.run_after - voor).total_seconds() <= seconden + 10
    bericht.refresh_from_db()
    assert (
        bericht.status == Bericht.Status.WACHTEND and bericht.te_versturen_vanaf == later.run_after
    )
    assert bericht.fout.startswith("ConnectionRefusedError")  # said while it waits


def test_the_last_failed_attempt_keeps_its_error(db, settings, dichte_poort):
    settings.MAIL_POGINGEN = 1
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", dichte_poort
    bericht = Bericht.objects.create(aan="x@y.be", onderwerp="o", tekst="t")
    assert mail.mail_versturen.call(bericht.pk) == "mislukt"
    bericht.refresh_from_db()
    assert bericht.status == Bericht.Status.MISLUKT
    assert bericht.fout.startswith("ConnectionRefusedError")


@pytest.mark.parametrize("pogingen", [1, 3])
def test_a_failed_attempt_leaves_a_claim_that_is_not_its_own_alone(
    db, settings, monkeypatch, dichte_poort, pogingen
):
    """While a worker's send fails, its claim may be taken back and the mail claimed again,
    or another mail claimed at the same instant: the failure touches neither."""
    settings.MAIL_POGINGEN = pogingen
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", dichte_poort
    moment = timezone.now()
    monkeypatch.setattr(timezone, "now", lambda: moment)
    ander = Bericht.objects.create(
        aan="ander@x.be", onderwerp="o", tekst="t", status="bezig", pogingen=1, geclaimd_op=moment
    )
    bericht = Bericht.objects.create(aan="x@y.be", onderwerp="o", tekst="t")
    assert mail.mail_versturen.call(bericht.pk) in ("mislukt", "poging 1 mislukt, opnieuw gepland")
    ander.refresh_from_db()
    assert (ander.status, ander.geclaimd_op, ander.fout) == ("bezig", moment, "")

    # Taken back and claimed again by another worker while this attempt failed.
    opnieuw = moment + dt.timedelta(seconds=1)
    echte_send = mail.EmailMultiAlternatives.send

    def send_terwijl_teruggenomen(zelf, *args, **kwargs):
        Bericht.objects.filter(aan="laat@x.be").update(geclaimd_op=opnieuw)
        return echte_send(zelf, *args, **kwargs)

    monkeypatch.setattr(mail.EmailMultiAlternatives, "send", send_terwijl_teruggenomen)
    laat = Bericht.objects.create(aan="laat@x.be", onderwerp="o", tekst="t")
    mail.mail_versturen.call(laat.pk)
    laat.refresh_from_db()
    assert (laat.status, laat.geclaimd_op, laat.fout) == ("bezig", opnieuw, "")


def test_a_sent_mail_is_marked_only_where_its_claim_still_holds(db, monkeypatch, smtp_server):
    """The same after a send that worked: another mail claimed at the same instant stays
    claimed, and a mail taken back and claimed again meanwhile stays the new claimer's."""
    moment = timezone.now()
    monkeypatch.setattr(timezone, "now", lambda: moment)
    ander = Bericht.objects.create(
        aan="ander@x.be", onderwerp="o", tekst="t", status="bezig", pogingen=1, geclaimd_op=moment
    )
    bericht = Bericht.objects.create(aan="x@y.be", onderwerp="o", tekst="t")
    assert mail.mail_versturen.call(bericht.pk) == "verstuurd"
    ander.refresh_from_db()
    assert (ander.status, ander.geclaimd_op) == ("bezig", moment)

    opnieuw = moment + dt.timedelta(seconds=1)
    echte_send = mail.EmailMultiAlternatives.send

    def send_terwijl_teruggenomen(zelf, *args, **kwargs):
        Bericht.objects.filter(aan="laat@x.be").update(geclaimd_op=opnieuw)
        return echte_send(zelf, *args, **kwargs)

    monkeypatch.setattr(mail.EmailMultiAlternatives, "send", send_terwijl_teruggenomen)
    laat = Bericht.objects.create(aan="laat@x.be", onderwerp="o", tekst="t")
    mail.mail_versturen.call(laat.pk)
    laat.refresh_from_db()
    assert (laat.status, laat.geclaimd_op) == ("bezig", opnieuw)


def test_sending_one_mail_again_touches_only_that_one_and_gives_it_every_attempt_anew(
    db, django_capture_on_commit_callbacks
):
    lang_geleden = timezone.now() - dt.timedelta(hours=1)
    onderbroken = Bericht.objects.create(
        aan="een@x.be", onderwerp="o", tekst="t", status="bezig", pogingen=3,
        geclaimd_op=lang_geleden, te_versturen_vanaf=lang_geleden,
    )  # fmt: skip
    mislukte_mail(aan="twee@x.be")
    with django_capture_on_commit_callbacks() as taken:  # queued, not yet run
        assert mail.opnieuw_sturen(onderbroken.pk)
    assert len(taken) == 1
    onderbroken.refresh_from_db()
    assert (onderbroken.status, onderbroken.geclaimd_op, onderbroken.pogingen) == (
        "wachtend",
        None,
        0,
    )
    # The other is still listed; this one waits its turn, not "waiting too long".
    assert [m.aan for m in mail.niet_verstuurde_mails()] == ["twee@x.be"]


def test_a_mail_is_claimed_once_so_a_second_task_sends_nothing(
    db, smtp_server, django_capture_on_commit_callbacks
):
    bericht = Bericht.objects.create(aan="x@y.be", onderwerp="o", tekst="t")
    assert mail.mail_versturen.call(bericht.pk) == "verstuurd"
    assert mail.mail_versturen.call(bericht.pk) == "niet meer wachtend"
    # Claimed by another worker that is still sending: left alone.
    bezig = Bericht.objects.create(
        aan="z@y.be", onderwerp="o", tekst="t", status="bezig", geclaimd_op=timezone.now()
    )
    assert mail.mail_versturen.call(bezig.pk) == "niet meer wachtend"
    assert len(smtp_server) == 1


def test_a_task_queued_before_the_outbox_is_still_sent(db, smtp_server):
    """A task of the old form (the mail itself as its argument) waiting at the upgrade."""
    mail.mail_versturen.call({"aan": "x@y.be", "onderwerp": "Oud", "tekst": "t"}, poging=2)
    assert [b["Subject"] for b in smtp_server] == ["Oud"]
    assert smtp_server[0].get_content().strip() == "t"
    oud = Bericht.objects.get()
    assert (oud.pogingen, oud.html, oud.bijlagen) == (2, "", [])
    bijlage = {"naam": "a.txt", "tekst": "x", "mimetype": "text/plain"}
    mail.mail_versturen.call(
        {"aan": "z@y.be", "onderwerp": "Rijk", "tekst": "t", "html": "<p>h</p>",
         "bijlagen": [bijlage]},
    )  # fmt: skip
    rijk = Bericht.objects.get(aan="z@y.be")
    assert (rijk.html, rijk.bijlagen) == ("<p>h</p>", [bijlage])


def test_a_claim_of_a_dead_worker_is_taken_back_and_sent_once(
    db, settings, smtp_server, django_capture_on_commit_callbacks
):
    settings.MAIL_CLAIM_SECONDEN, settings.MAIL_POGINGEN = 60, 3
    nu = timezone.now()
    verlopen = Bericht.objects.create(
        aan="dood@x.be", onderwerp="o", tekst="t", status="bezig", pogingen=1,
        geclaimd_op=nu - dt.timedelta(seconds=61),
    )  # fmt: skip
    nog_bezig = Bericht.objects.create(
        aan="levend@x.be", onderwerp="o", tekst="t", status="bezig", pogingen=1,
        geclaimd_op=nu - dt.timedelta(seconds=30),
    )  # fmt: skip
    laatste = Bericht.objects.create(
        aan="laatste@x.be", onderwerp="o", tekst="t", status="bezig", pogingen=3,
        geclaimd_op=nu - dt.timedelta(seconds=61),
    )  # fmt: skip
    vergeten = Bericht.objects.create(
        aan="vergeten@x.be", onderwerp="o", tekst="t",
        te_versturen_vanaf=nu - mail.TE_LANG_WACHTEND - dt.timedelta(seconds=1),
    )  # fmt: skip
    # Listed before anyone takes them back: interrupted, and waiting far too long.
    soorten = {m.aan: m.soort for m in mail.niet_verstuurde_mails()}
    assert soorten == {"dood@x.be": "onderbroken", "laatste@x.be": "onderbroken",
                       "vergeten@x.be": "wacht"}  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        assert mail.terugnemen(nu) == 2
        assert mail.terugnemen(nu) == 0  # a second sweeper finds nothing
    assert sorted(b["To"].addresses[0].addr_spec for b in smtp_server) == [
        "dood@x.be",
        "vergeten@x.be",
    ]
    for rij, status in [(verlopen, "verstuurd"), (nog_bezig, "bezig"), (laatste, "mislukt"),
                        (vergeten, "verstuurd")]:  # fmt: skip
        rij.refresh_from_db()
        assert rij.status == status, rij
    assert laatste.fout == "De verzending werd onderbroken (de verwerker stopte)."
    assert [m.aan for m in mail.niet_verstuurde_mails()] == ["laatste@x.be"]


def test_a_mail_sent_or_failed_long_ago_is_not_taken_back_nor_a_sent_one_listed(
    db, smtp_server, django_capture_on_commit_callbacks
):
    lang_geleden = timezone.now() - dt.timedelta(hours=1)
    Bericht.objects.create(
        aan="verstuurd@x.be", onderwerp="o", tekst="t", status="verstuurd", pogingen=1,
        te_versturen_vanaf=lang_geleden, verstuurd_op=lang_geleden,
    )  # fmt: skip
    mislukt = mislukte_mail(aan="mislukt@x.be")
    Bericht.objects.filter(pk=mislukt.pk).update(te_versturen_vanaf=lang_geleden)
    assert [m.aan for m in mail.niet_verstuurde_mails()] == ["mislukt@x.be"]
    with django_capture_on_commit_callbacks(execute=True):
        assert mail.terugnemen() == 0
        assert not mail.opnieuw_sturen(Bericht.objects.get(aan="verstuurd@x.be").pk)
    assert smtp_server == []
    assert dict(Bericht.objects.values_list("aan", "status")) == {
        "verstuurd@x.be": "verstuurd",
        "mislukt@x.be": "mislukt",
    }


def test_mails_taken_back_together_and_forgotten_again_are_each_queued_again(
    db, smtp_server, django_capture_on_commit_callbacks
):
    """One sweep gives the mail it takes back one time to wait from; when that is long past
    again, the next sweep queues each of them, not the first alone."""
    lang_geleden = timezone.now() - dt.timedelta(hours=1)
    for adres in ("een@x.be", "twee@x.be"):
        Bericht.objects.create(aan=adres, onderwerp="o", tekst="t", te_versturen_vanaf=lang_geleden)
    with django_capture_on_commit_callbacks(execute=True):
        assert mail.terugnemen() == 2
    assert sorted(b["To"].addresses[0].addr_spec for b in smtp_server) == [
        "een@x.be",
        "twee@x.be",
    ]


def test_a_mail_sent_while_the_sweeper_looks_is_not_taken_back(db, smtp_server):
    """The sweeper read a mail as forgotten; a worker sends it before the sweeper writes:
    the sweeper's conditional UPDATE finds it changed and leaves it sent."""
    from django.db import connection

    lang_geleden = timezone.now() - dt.timedelta(hours=1)
    bericht = Bericht.objects.create(
        aan="x@y.be", onderwerp="o", tekst="t", te_versturen_vanaf=lang_geleden
    )
    gedaan = []

    def voor_het_schrijven(execute, sql, params, many, context):
        if not gedaan and sql.lstrip().upper().startswith("UPDATE"):
            gedaan.append(True)  # the worker's send, between the sweeper's read and write
            Bericht.objects.filter(pk=bericht.pk).update(
                status="verstuurd", verstuurd_op=timezone.now()
            )
        return execute(sql, params, many, context)

    with connection.execute_wrapper(voor_het_schrijven):
        assert mail.terugnemen() == 0
    bericht.refresh_from_db()
    assert bericht.status == "verstuurd"


def test_herinneringen_also_takes_back_dead_claims(
    db, settings, smtp_server, django_capture_on_commit_callbacks
):
    from django.core.management import call_command

    Bericht.objects.create(
        aan="dood@x.be", onderwerp="o", tekst="t", status="bezig", pogingen=1,
        geclaimd_op=timezone.now() - dt.timedelta(seconds=settings.MAIL_CLAIM_SECONDEN + 1),
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        call_command("herinneringen", stdout=io.StringIO())
    assert [b["To"].addresses[0].addr_spec for b in smtp_server] == ["dood@x.be"]


# ---- The immediate backend with the mail server down: said and listed ----------------------


def test_with_the_immediate_backend_and_smtp_down_the_mail_is_listed_and_counted(
    secretariaat, seed, settings, dichte_poort, smtp_server, django_capture_on_commit_callbacks
):
    """The demo's backend: the mail is tried in the web process; when every attempt fails,
    the meeting page says so per person, and the mail is on the failed page and in "Te doen"."""
    from tests import bouwers
    from werkgroep.models import Deelnemer

    settings.MAIL_POGINGEN = 2
    poort = settings.EMAIL_PORT
    settings.EMAIL_PORT = dichte_poort  # nothing listens
    Deelnemer.objects.update(email="")
    johan = Deelnemer.objects.get_by_natural_key("Johan", "Dejonckheere")
    johan.email = "johan@werkwaardig.be"
    johan.save()
    dag = timezone.localdate() + dt.timedelta(days=20)
    vergadering = bouwers.maak_vergadering(seed, dag.strftime("%d/%m/%Y"))
    client = aangemeld(secretariaat)
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(
            reverse("uitnodigingen:uitnodigen", args=[vergadering.pk]),
            {"leden": [str(johan.pk)], "gasten": ""},
        )
    pagina = client.get(antwoord["Location"]).content.decode()
    assert "1 uitnodiging wordt verstuurd." in pagina
    assert "verstuurd." not in pagina.replace("wordt verstuurd.", "")
    assert "De mail aan 1 genodigde kon niet verstuurd worden." in pagina
    assert '<span class="badge text-bg-danger">mislukt</span>' in pagina

    home = client.get(reverse("site:home")).content.decode()
    assert "1 mail kon niet verstuurd worden" in home
    lijst = client.get(reverse("uitnodigingen:mislukte_mails")).content.decode()
    assert "johan@werkwaardig.be" in lijst and "2 pogingen" in lijst
    # The cause in Dutch; the exception's English line only as the technical note.
    assert "De mailserver was niet bereikbaar: de verbinding werd geweigerd." in lijst
    assert "Technische melding voor wie de mailserver beheert" in lijst

    # The server is back: sent again from the invite page, it arrives and is no longer listed.
    settings.EMAIL_PORT = poort
    uitnodiging = vergadering.uitnodigingen.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("uitnodigingen:opnieuw_uitnodigen", args=[vergadering.pk, uitnodiging.pk])
        )
    assert [b["To"].addresses[0].addr_spec for b in smtp_server] == ["johan@werkwaardig.be"]
    assert "kon niet verstuurd" not in client.get(reverse("site:home")).content.decode()
    assert "kon niet verstuurd" not in client.get(antwoord["Location"]).content.decode()


# ---- The secretariat's page ----------------------------------------------------------------


def test_the_secretariat_finds_failed_mail_from_its_home_and_sends_it_again(
    secretariaat, smtp_server, django_capture_on_commit_callbacks
):
    bericht = mislukte_mail(aan="An <an@elders.be>", onderwerp="Uitnodiging: Regierol")
    client = aangemeld(secretariaat)
    home = client.get(reverse("site:home")).content.decode()
    assert "1 mail kon niet verstuurd worden" in home
    assert reverse("uitnodigingen:mislukte_mails") in home
    pagina = client.get(reverse("uitnodigingen:mislukte_mails")).content.decode()
    assert "Uitnodiging: Regierol" in pagina and "an@elders.be" in pagina
    assert "De mailserver verbrak de verbinding." in pagina and "3 pogingen" in pagina
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(reverse("uitnodigingen:mail_opnieuw", args=[bericht.pk]))
    assert antwoord.status_code == 302 and antwoord["Location"] == reverse(
        "uitnodigingen:mislukte_mails"
    )
    (ontvangen,) = smtp_server
    assert ontvangen["Subject"] == "Uitnodiging: Regierol"
    assert not Bericht.objects.filter(status="mislukt").exists()
    assert "kon niet verstuurd" not in client.get(reverse("site:home")).content.decode()
    # Twice (a second tab): said, not a 500, and not sent twice.
    antwoord = client.post(reverse("uitnodigingen:mail_opnieuw", args=[bericht.pk]), follow=True)
    assert "al opnieuw verstuurd?" in antwoord.content.decode()
    assert len(smtp_server) == 1


def test_a_mail_waiting_long_with_no_worker_is_listed_with_what_to_do(
    secretariaat, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = DATABASE  # and no worker runs
    bericht = sturen(django_capture_on_commit_callbacks)
    client = aangemeld(secretariaat)
    assert "kon niet verstuurd" not in client.get(reverse("site:home")).content.decode()
    Bericht.objects.filter(pk=bericht.pk).update(
        gemaakt_op=timezone.now() - dt.timedelta(hours=1),
        te_versturen_vanaf=timezone.now() - dt.timedelta(hours=1),
    )
    assert "1 mail kon niet verstuurd worden" in client.get(reverse("site:home")).content.decode()
    pagina = client.get(reverse("uitnodigingen:mislukte_mails")).content.decode()
    assert "an@elders.be" in pagina and "manage.py db_worker" in pagina


def test_only_the_secretariat_sees_or_resends_failed_mail(
    coordinator, lid, smtp_server, django_capture_on_commit_callbacks
):
    bericht = mislukte_mail()
    for wie in (coordinator, lid):
        client = aangemeld(wie)
        assert client.get(reverse("uitnodigingen:mislukte_mails")).status_code == 404
        assert "kon niet verstuurd" not in client.get(reverse("site:home")).content.decode()
        with django_capture_on_commit_callbacks(execute=True):
            assert (
                client.post(reverse("uitnodigingen:mail_opnieuw", args=[bericht.pk])).status_code
                == 404
            )
    assert smtp_server == [] and Bericht.objects.filter(status="mislukt").count() == 1


def test_the_failed_mail_page_keeps_its_query_count(secretariaat, django_assert_num_queries):
    client = aangemeld(secretariaat)
    mislukte_mail()
    client.get(reverse("uitnodigingen:mislukte_mails"))
    # Session, user, the user's permissions (own, group), the mail not sent (1), the session's
    # new expiry, and the request's savepoints (4).
    with django_assert_num_queries(10):
        assert client.get(reverse("uitnodigingen:mislukte_mails")).status_code == 200
    for n in range(30):
        mislukte_mail(aan=f"n{n}@x.be")
    with django_assert_num_queries(10):
        assert "n29@x.be" in client.get(reverse("uitnodigingen:mislukte_mails")).content.decode()


@pytest.mark.parametrize(
    ("fout", "oorzaak"),
    [
        ("ConnectionRefusedError: [Errno 111] Connection refused", "verbinding werd geweigerd"),
        (
            "smtplib.SMTPServerDisconnected: Connection unexpectedly closed: timed out",
            "niet op tijd",
        ),
        ("TimeoutError: timed out", "niet op tijd"),
        ("smtplib.SMTPRecipientsRefused: {'x@y': (550, b'no')}", "adres van de ontvanger"),
        ("smtplib.SMTPAuthenticationError: (535, b'bad')", "aanmelding"),
        ("socket.gaierror: [Errno -2] Name or service not known", "niet gevonden"),
        ("ValueError: something", "onverwachte fout"),
        ("De verzending werd onderbroken (de verwerker stopte).", "werd onderbroken"),
    ],
)
def test_a_failed_send_is_explained_in_dutch(fout, oorzaak):
    assert oorzaak in Bericht(fout=fout).oorzaak


def test_a_recipient_is_shown_with_the_name_as_typed_not_as_the_header_encodes_it(db):
    mail.sturen(
        "projecten/mail/fiche_ingediend", [mail.Ontvanger("gast1@example.org", naam="Gast Eén")], {}
    )
    bericht = Bericht.objects.get()
    assert "=?utf-8?" in bericht.aan  # the header as it is sent
    assert bericht.ontvanger == "Gast Eén <gast1@example.org>"
    bericht.status, bericht.fout = Bericht.Status.MISLUKT, "TimeoutError: timed out"
    bericht.save()
    (lijst,) = mail.niet_verstuurde_mails()
    assert lijst.aan == "Gast Eén <gast1@example.org>"


def test_an_attempt_that_failed_and_a_dead_worker_s_claim_are_said_not_hidden(settings):
    wacht = Bericht(status=Bericht.Status.WACHTEND, pogingen=1, fout="TimeoutError: timed out")
    assert wacht.toestand == "poging 1 mislukt, wordt opnieuw geprobeerd"
    assert wacht.toestand_badge == "warning"
    assert Bericht(status=Bericht.Status.WACHTEND).toestand == "wacht op verzending"
    lang_geleden = timezone.now() - dt.timedelta(seconds=settings.MAIL_CLAIM_SECONDEN + 1)
    assert Bericht(status=Bericht.Status.BEZIG, geclaimd_op=lang_geleden).toestand == "onderbroken"
    assert Bericht(status=Bericht.Status.BEZIG, geclaimd_op=timezone.now()).toestand == (
        "wordt verstuurd"
    )

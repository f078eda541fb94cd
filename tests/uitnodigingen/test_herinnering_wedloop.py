"""Two reminder runs at once (``manage.py herinneringen`` started twice, say by cron on two
machines) send each person one reminder, on SQLite and PostgreSQL.

Each run is a thread of its own with its own database connection. The test holds the
invitations locked (PostgreSQL: the rows ``FOR UPDATE``; SQLite: the write lock) until
both runs have read the list of whom to remind, so both try to claim the same people;
only then does it let go. The claim (the row locked, the reminder inserted under its named
constraints) must then let one run have each person: the second run's insert is refused.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections import Counter
from email.utils import parseaddr

import pytest
from django.core import mail
from django.db import connection, connections, transaction
from django.utils import timezone

from tests import bouwers
from uitnodigingen.models import Herinnering, Uitnodiging
from uitnodigingen.services import herinneringen_sturen, uitnodigen

pytestmark = pytest.mark.django_db(transaction=True)

VANDAAG = timezone.localdate()


@pytest.fixture
def uitgenodigd(seed, settings):
    """Three people invited to a meeting two days from now, none of whom answered."""
    settings.HERINNERING_DAGEN_VOORAF = 3
    vergadering = bouwers.maak_vergadering(
        seed, (VANDAAG + dt.timedelta(days=2)).strftime("%d/%m/%Y")
    )
    mensen = [
        bouwers.maak_deelnemer(email=f"persoon{i}@voorbeeld.be", voornaam=f"Persoon{i}")
        for i in range(3)
    ]
    assert uitnodigen(vergadering=vergadering, deelnemers=mensen).aantal == 3
    mail.outbox.clear()
    return vergadering


def _lock_wachters() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0]


def test_two_reminder_runs_at_once_mail_each_person_once(uitgenodigd):
    gelezen = [threading.Event(), threading.Event()]
    verstuurd: list = [None, None]

    def run(i):
        def na_het_lezen(execute, sql, params, many, context):
            resultaat = execute(sql, params, many, context)
            if sql.lstrip().upper().startswith("SELECT") and "uitnodigingen_herinnering" in sql:
                gelezen[i].set()  # the list of whom to remind is read: now claim
            return resultaat

        try:
            with connection.execute_wrapper(na_het_lezen):
                verstuurd[i] = herinneringen_sturen(VANDAAG)
        except Exception as fout:  # noqa: BLE001 - reported by the assertion below
            verstuurd[i] = fout
        finally:
            connections.close_all()

    draden = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    postgres = connection.vendor == "postgresql"
    with transaction.atomic():
        # Hold what both runs will claim: the rows on PostgreSQL, the write lock on SQLite
        # (its transactions begin IMMEDIATE, so this one holds it from here on).
        list(Uitnodiging.objects.select_for_update().filter(vergadering=uitgenodigd).order_by("pk"))
        for draad in draden:
            draad.start()
        for event in gelezen:
            assert event.wait(30), "a reminder run never read its list"
        if postgres:
            # Both runs are really waiting on the rows this transaction holds.
            for _ in range(600):
                if _lock_wachters() >= 2:
                    break
                time.sleep(0.05)
            assert _lock_wachters() == 2
    for draad in draden:
        draad.join(60)
        assert not draad.is_alive()

    assert all(isinstance(v, int) for v in verstuurd), verstuurd
    assert sum(verstuurd) == 3
    ontvangers = Counter(parseaddr(bericht.to[0])[1] for bericht in mail.outbox)
    assert sorted(ontvangers.values()) == [1, 1, 1], ontvangers
    assert all(b.subject.startswith("Herinnering:") for b in mail.outbox)
    dag = uitgenodigd.datum_van
    assert sorted(Herinnering.objects.values_list("voor", "op")) == [(dag, VANDAAG)] * 3


def test_who_answers_while_a_run_is_under_way_gets_no_reminder(uitgenodigd):
    """The run has read its list; before it claims, Persoon0 answers through the link. The
    claim checks the answer again, so the run passes Persoon0 by."""
    gelezen, verstuurd = threading.Event(), []

    def na_het_lezen(execute, sql, params, many, context):
        resultaat = execute(sql, params, many, context)
        if sql.lstrip().upper().startswith("SELECT") and "uitnodigingen_herinnering" in sql:
            gelezen.set()
        return resultaat

    def run():
        try:
            with connection.execute_wrapper(na_het_lezen):
                verstuurd.append(herinneringen_sturen(VANDAAG))
        finally:
            connections.close_all()

    draad = threading.Thread(target=run)
    with transaction.atomic():
        rijen = Uitnodiging.objects.select_for_update().filter(vergadering=uitgenodigd)
        list(rijen.order_by("pk"))
        draad.start()
        assert gelezen.wait(30), "the reminder run never read its list"
        rijen.filter(email="persoon0@voorbeeld.be").update(
            antwoord="aanwezig", beantwoord_op=timezone.now()
        )
    draad.join(60)
    assert verstuurd == [2]
    assert sorted(parseaddr(b.to[0])[1] for b in mail.outbox) == [
        "persoon1@voorbeeld.be",
        "persoon2@voorbeeld.be",
    ]
    assert not Herinnering.objects.filter(uitnodiging__email="persoon0@voorbeeld.be").exists()


def test_a_third_run_afterwards_sends_nothing(uitgenodigd):
    assert herinneringen_sturen(VANDAAG) == 3
    assert herinneringen_sturen(VANDAAG) == 0
    assert len(mail.outbox) == 3

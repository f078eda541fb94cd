"""One recovery code typed in two sessions at once (a phished code raced, or a double click
in two tabs): it lets in one of them. Each request in a thread with its own connection; on
PostgreSQL both are held until both have read the devices, so they truly overlap (SQLite's
requests take the write lock when they begin and so run one after the other)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from tests import bouwers
from tests.bouwers import aangemeld
from tests.gelijktijdig import in_draden
from tweestaps import selectors

pytestmark = pytest.mark.django_db(transaction=True)


def test_one_recovery_code_lets_in_one_session_of_two(seed, lid):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=lid, name="App", confirmed=True)
    StaticDevice.objects.create(user=lid, name="Herstelcodes").token_set.create(token="abcd2345")
    clients = [aangemeld(lid), aangemeld(lid)]
    postgres = connection.vendor == "postgresql"
    samen = threading.Barrier(2, timeout=20)
    echt = selectors.te_controleren

    def te_controleren(user, code):
        apparaten = echt(user, code)
        if postgres:
            samen.wait()
        return apparaten

    url = reverse("tweestaps:bevestigen")
    antwoorden = in_draden(
        [lambda c=c: c.post(url, {"code": "abcd2345"}) for c in clients],
        vervangen=(selectors, "te_controleren", te_controleren),
    )

    assert all(not isinstance(a, Exception) for a in antwoorden), antwoorden
    assert sorted(a.status_code for a in antwoorden) == [200, 302]
    assert not StaticToken.objects.exists()
    binnen = [c.get("/").status_code for c in clients]
    assert sorted(binnen) == [200, 302]


def test_two_members_of_the_secretariat_resetting_one_account_at_once_mail_it_once(
    seed, secretariaat, lid
):
    """Two tabs (or two colleagues) post "Tweede factor herstellen" for one account at
    once: its factors go, one of them records and mails it, the other is told there was
    nothing left. On PostgreSQL both requests are held until both reached the service."""
    from django.contrib.admin.models import LogEntry

    from kern.models import Bericht
    from tests.tweestaps.test_herstellen import _heeft_factoren, _herstel_url, bevestigd, factoren
    from tweestaps import services
    from werkgroep.services import adres_wijzigen

    adres_wijzigen(account=lid, email="johan@example.be")
    lid.refresh_from_db()
    factoren(lid)
    collega = bouwers.secretariaat(gebruikersnaam="collega")
    clients = [bevestigd(secretariaat), bevestigd(collega)]
    postgres = connection.vendor == "postgresql"
    samen = threading.Barrier(2, timeout=20)
    echt = services.factoren_herstellen

    def factoren_herstellen(**kwargs):
        if postgres:
            samen.wait()
        return echt(**kwargs)

    antwoorden = in_draden(
        [lambda c=c: c.post(_herstel_url(lid), follow=True) for c in clients],
        vervangen=(services, "factoren_herstellen", factoren_herstellen),
    )

    assert all(not isinstance(a, Exception) for a in antwoorden), antwoorden
    teksten = sorted(a.content.decode() for a in antwoorden)
    assert sum("is hersteld" in t for t in teksten) == 1
    assert sum("had geen tweede factor" in t for t in teksten) == 1
    assert not _heeft_factoren(lid)
    assert LogEntry.objects.filter(object_id=str(lid.pk)).count() == 1
    assert Bericht.objects.filter(aan__contains="johan@example.be").count() == 1

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

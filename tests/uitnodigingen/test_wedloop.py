"""A double click on the first "Uitnodigen": two requests at once, each in a thread with its
own database connection, as two server workers would. On PostgreSQL both are held until
both transactions are open and past their first checks, so they truly overlap; SQLite's
requests take the write lock when they begin and so run one after the other."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from tests import bouwers
from tests.bouwers import aangemeld
from tests.gelijktijdig import in_draden
from uitnodigingen import selectors
from uitnodigingen.models import Oproep, Uitnodiging

pytestmark = pytest.mark.django_db(transaction=True)


def tegelijk(*verzoeken):
    """Run each ``verzoek()`` in its own thread at once; on PostgreSQL both wait for each
    other in the service's first check, inside their open transactions."""
    postgres = connection.vendor == "postgresql"
    samen = threading.Barrier(len(verzoeken), timeout=20)
    echt = selectors.waarom_niet_versturen
    teller = threading.local()

    def waarom_niet(vergadering, vandaag=None):
        teller.n = getattr(teller, "n", 0) + 1
        if postgres and teller.n == 2:  # the view asks first, then the service: wait there
            samen.wait()
        return echt(vergadering, vandaag)

    return in_draden(verzoeken, vervangen=(selectors, "waarom_niet_versturen", waarom_niet))


def test_a_double_click_on_the_first_invite_sends_one_mail_per_person(smtp_server):
    from werkgroep.models import Deelnemer

    werkgroep = bouwers.seed()
    Deelnemer.objects.update(email="")
    johan = Deelnemer.objects.get_by_natural_key("Johan", "Dejonckheere")
    michel = Deelnemer.objects.get_by_natural_key("Michel", "Bortels")
    johan.email, michel.email = "johan@werkwaardig.be", "michel@lmw.be"
    johan.save()
    michel.save()
    dag = timezone.localdate() + dt.timedelta(days=20)
    vergadering = bouwers.maak_vergadering(werkgroep, dag.strftime("%d/%m/%Y"))
    secretaris = bouwers.secretariaat()
    url = reverse("uitnodigingen:uitnodigen", args=[vergadering.pk])
    data = {"leden": [str(johan.pk), str(michel.pk)], "gasten": "An <an@elders.be>"}
    clients = [aangemeld(secretaris), aangemeld(secretaris)]

    antwoorden = tegelijk(*[lambda c=c: c.post(url, data) for c in clients])

    assert all(not isinstance(a, Exception) for a in antwoorden), antwoorden
    assert [a.status_code for a in antwoorden] == [302, 302]
    assert Oproep.objects.filter(vergadering=vergadering).count() == 1
    assert Uitnodiging.objects.filter(vergadering=vergadering).count() == 3
    ontvangers = sorted(b["To"].addresses[0].addr_spec for b in smtp_server)
    assert ontvangers == ["an@elders.be", "johan@werkwaardig.be", "michel@lmw.be"]
    # The later click is told who already had it, not "0 sent".
    gezegd = [
        c.get(a["Location"]).content.decode() for c, a in zip(clients, antwoorden, strict=True)
    ]
    assert sum("3 uitnodigingen worden verstuurd." in g for g in gezegd) == 1
    assert sum("Al eerder verstuurd, dus niet opnieuw" in g for g in gezegd) == 1

"""Two meetings of a group on one day: each has its own cost lines (the ledger's duplicate
key names the meeting a line is linked to), they follow each other by hour (a meeting
without an hour after those with one), and "the next meeting" and "the earlier meetings"
of the minutes (approval date, open actions) follow that order, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from financien import selectors as financien_selectors
from financien.models import Kostencategorie, Kostenpost
from tests import bouwers
from vergaderstukken import selectors
from vergaderstukken.models import Actie, Notulen
from werkgroep.models import Vergadering

pytestmark = pytest.mark.django_db

DAG = dt.date(2006, 11, 20)


@pytest.fixture
def dag(seed):
    """Two held meetings on 20/11/2006 made in the wrong order (15:00 first, of a kind that
    sorts first), and one without an hour."""
    maak = bouwers.maak_vergadering
    middag = maak(seed, "20/11/2006", aanvang=dt.time(15, 0), soort=Vergadering.Soort.PLENAIR)
    ochtend = maak(seed, "20/11/2006", aanvang=dt.time(10, 0), soort="voorbereidend")
    zonder_uur = maak(seed, "20/11/2006", soort=Vergadering.Soort.PLENAIR)
    Vergadering.objects.filter(datum_van=DAG).update(status=Vergadering.Status.GEHOUDEN)
    return ochtend, middag, zonder_uur


def _kosten(client, vergadering, bedrag: str):
    categorie = str(Kostencategorie.objects.get(slug="catering").pk)
    return client.post(
        reverse("financien:vergadering_kosten", args=[vergadering.pk]),
        {
            "kosten-TOTAL_FORMS": "1", "kosten-INITIAL_FORMS": "0",
            "kosten-MIN_NUM_FORMS": "0", "kosten-MAX_NUM_FORMS": "20",
            "kosten-0-status": "gefactureerd", "kosten-0-categorie": categorie,
            "kosten-0-bedrag": bedrag,
        },
    )  # fmt: skip


def test_each_meeting_of_the_day_has_its_own_cost_lines(client_van, secretariaat, dag):
    ochtend, middag, _ = dag
    client = client_van(secretariaat)
    assert _kosten(client, ochtend, "40").status_code == 302
    assert _kosten(client, middag, "55").status_code == 302  # same date, category, text
    lijnen = Kostenpost.objects.filter(vergadering_zoals_geschreven="20/11/2006")
    assert {(p.vergadering_id, p.omschrijving, p.bedrag) for p in lijnen} == {
        (ochtend.pk, "catering", Decimal("40.00")),
        (middag.pk, "catering", Decimal("55.00")),
    }
    # Not one line written twice: the stored keys name the meetings.
    assert {p.dubbelsleutel.split("\x1f")[0] for p in lijnen} == {ochtend.kenmerk, middag.kenmerk}
    assert financien_selectors.controles(DAG).dubbel == []
    # The same line on the same meeting is still refused.
    pagina = _kosten(client, middag, "55").content.decode()
    assert "Deze vergadering heeft al een kostenpost met die categorie en omschrijving." in pagina
    assert lijnen.count() == 2


def test_meetings_of_one_day_follow_each_other_by_hour(seed, dag):
    ochtend, middag, zonder_uur = dag
    op_die_dag = Vergadering.objects.filter(datum_van=DAG)
    assert list(op_die_dag) == [ochtend, middag, zonder_uur]
    assert list(op_die_dag.order_by("-pk").chronologisch()) == [ochtend, middag, zonder_uur]
    assert selectors.volgende_vergadering(ochtend) == middag
    assert selectors.volgende_vergadering(middag) == zonder_uur
    assert selectors.goedkeuring_mogelijk_vanaf(ochtend) == DAG  # approved in the afternoon


def test_the_afternoon_meeting_lists_the_morning_s_open_actions_not_the_reverse(seed, dag):
    ochtend, middag, zonder_uur = dag
    for vergadering in (ochtend, middag):
        notulen = Notulen.objects.create(
            vergadering=vergadering,
            status=Notulen.Status.TER_GOEDKEURING,
            verstuurd_op=timezone.now(),
        )
        Actie.objects.create(notulen=notulen, omschrijving=f"Actie van {vergadering.aanvang}")
    assert [a.omschrijving for a in selectors.open_acties(middag)] == ["Actie van 10:00:00"]
    assert selectors.open_acties(ochtend) == []
    assert sorted(a.omschrijving for a in selectors.open_acties(zonder_uur)) == [
        "Actie van 10:00:00",
        "Actie van 15:00:00",
    ]

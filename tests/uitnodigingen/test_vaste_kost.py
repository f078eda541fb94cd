"""A round of mail costs the same queries for 3 people or 13 (issue 24): the rows, the
mails and the rows' link to their mail each in one statement; only the sending, one task
per mail after the commit, grows with the people (and that is the mail itself)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from kern.models import Bericht
from tests import bouwers
from uitnodigingen import services
from werkgroep.models import Agendapunt, Deelnemer, Vergadering


@pytest.fixture
def vergadering(seed):
    dag = timezone.localdate() + dt.timedelta(days=20)
    v = bouwers.maak_vergadering(seed, dag.strftime("%d/%m/%Y"), aanvang=dt.time(14, 0))
    Agendapunt.objects.create(vergadering=v, volgorde=1, titel="Verwelkoming")
    return v


def _mensen(seed, aantal: int) -> list[Deelnemer]:
    """``aantal`` new members with an address."""
    return [
        bouwers.lidmaatschap(
            seed, bouwers.maak_deelnemer(voornaam=f"Lid{n}", achternaam="Test", email=f"l{n}@x.be")
        ).deelnemer
        for n in range(aantal)
    ]


@pytest.mark.parametrize("aantal", [3, 13])
def test_inviting_costs_the_same_queries_for_3_or_13_people(
    seed, vergadering, aantal, django_assert_num_queries
):
    from kern import voorkeuren

    mensen = _mensen(seed, aantal)
    account = bouwers.lid("Johan", "Dejonckheere")
    voorkeuren.taal_bewaren(account, "en")
    johan = Deelnemer.objects.get(account=account)
    johan.email = "johan@werkwaardig.be"
    johan.save()
    mensen.append(johan)
    # Its transaction (2), the meeting locked (1), its round read and checked as the
    # round's full_clean asks (6: row, meeting and round exist, a check in its savepoint),
    # the round written (1), the existing rows (1), the new rows (1), the agenda (1), the
    # languages (1), the mails (1), the rows told of their mail (1): none per person.
    with django_assert_num_queries(16):
        verzonden = services.uitnodigen(vergadering=vergadering, deelnemers=mensen)
    assert verzonden.aantal == aantal + 1
    assert Bericht.objects.count() == aantal + 1
    # Each in their own language, read in that one query.
    assert "Invitation" in Bericht.objects.get(aan__contains="johan@").onderwerp
    assert "Uitnodiging" in Bericht.objects.get(aan__contains="l0@x.be").onderwerp


@pytest.mark.parametrize("aantal", [3, 13])
def test_a_cancellation_costs_the_same_queries_for_3_or_13_people(
    seed, vergadering, aantal, django_assert_num_queries
):
    services.uitnodigen(vergadering=vergadering, deelnemers=_mensen(seed, aantal))
    vergadering.status = Vergadering.Status.GEANNULEERD
    with django_assert_num_queries(9):
        services.vergadering_bewaard(vergadering)
    assert Bericht.objects.count() == 2 * aantal


def test_every_kind_of_mail_has_its_own_subject_and_says_what_it_carries(seed, vergadering):
    """The kinds are one enum: each has its own subject line in the template, and the enum
    alone says which ask for a reply and which carry a calendar file (and its method)."""
    from django.template.loader import render_to_string

    from uitnodigingen.models import Mailsoort

    onderwerpen = {
        soort: render_to_string(
            "uitnodigingen/mail/uitnodiging_onderwerp.txt",
            {"soort": soort, "werkgroep": seed, "vergadering": vergadering},
        )
        for soort in Mailsoort
    }
    assert len(set(onderwerpen.values())) == len(Mailsoort)
    assert [s for s in Mailsoort if s.met_antwoordlink] == [
        "uitnodiging",
        "wijziging",
        "herinnering",
        "toch_door",
    ]
    assert {s: s.kalendermethode for s in Mailsoort} == {
        "uitnodiging": "REQUEST", "aankondiging": None, "wijziging": "REQUEST",
        "annulering": "CANCEL", "herinnering": "REQUEST", "toch_door": "REQUEST",
    }  # fmt: skip

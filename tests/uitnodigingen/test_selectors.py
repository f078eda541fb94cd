"""The reads other parts build on: who was invited, and what each member answered."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tests import bouwers
from uitnodigingen import selectors
from uitnodigingen.models import Uitnodiging


def test_antwoorden_maps_each_invited_member_who_answered_to_their_answer(
    seed, django_assert_num_queries
):
    vergadering = bouwers.maak_vergadering(seed, "15/03/2030")
    ja, nee, stil = (bouwers.lidmaatschap(seed).deelnemer for _ in range(3))
    nu = timezone.now()
    for deelnemer, antwoord in [(ja, "aanwezig"), (nee, "verontschuldigd"), (stil, "")]:
        Uitnodiging.objects.create(
            vergadering=vergadering, deelnemer=deelnemer, email=f"{deelnemer.pk}@x.be",
            antwoord=antwoord, beantwoord_op=nu if antwoord else None, uitgenodigd_op=nu,
        )  # fmt: skip
    gast = Uitnodiging.objects.create(
        vergadering=vergadering, email="gast@elders.be", naam="Gast", antwoord="misschien",
        opmerking="Later", beantwoord_op=nu, uitgenodigd_op=nu,
    )  # fmt: skip
    # Told of the month only: not invited.
    Uitnodiging.objects.create(
        vergadering=vergadering, email="enkel@aangekondigd.be", aangekondigd_op=nu
    )
    with django_assert_num_queries(1):
        assert selectors.antwoorden(vergadering) == {ja.pk: "aanwezig", nee.pk: "verontschuldigd"}
    with django_assert_num_queries(1):
        lijst = selectors.uitgenodigd(vergadering)
    assert len(lijst) == 4
    assert gast in lijst
    rij = next(u for u in lijst if u.gast)
    assert (rij.email, rij.antwoord, rij.opmerking) == ("gast@elders.be", "misschien", "Later")


def test_a_link_holds_until_the_meetings_last_day(seed):
    vergadering = bouwers.maak_vergadering(seed, "15/03/2030")
    assert selectors.link_geldig(vergadering, dt.date(2030, 3, 15))
    assert not selectors.link_geldig(vergadering, dt.date(2030, 3, 16))

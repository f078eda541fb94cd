"""The reads other parts build on: who was invited, and what each member answered."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tests import bouwers
from uitnodigingen import selectors
from uitnodigingen.models import Uitnodiging
from werkgroep.models import Vergadering


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


def _om(dag: dt.date, uur: int, minuut: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(dag, dt.time(uur, minuut)))


def _uitgenodigd(seed, vergadering, **velden) -> Uitnodiging:
    deelnemer = bouwers.lidmaatschap(seed).deelnemer
    return Uitnodiging.objects.create(
        vergadering=vergadering, deelnemer=deelnemer, email=f"{deelnemer.pk}@x.be",
        uitgenodigd_op=timezone.now(), **velden,
    )  # fmt: skip


def _beantwoordbaar(uitnodiging, nu) -> bool:
    open_ = Uitnodiging.objects.beantwoordbaar(nu).filter(pk=uitnodiging.pk).exists()
    annotatie = Uitnodiging.objects.met_beantwoordbaar(nu).get(pk=uitnodiging.pk).beantwoordbaar
    assert open_ == annotatie  # the filter and the annotation are the one rule
    return open_


def test_an_invitation_is_answered_until_the_meeting_ends_on_its_day(seed):
    dag = dt.date(2030, 3, 15)
    rij = _uitgenodigd(
        seed,
        bouwers.maak_vergadering(seed, "15/03/2030", aanvang=dt.time(14), einde=dt.time(16, 30)),
    )
    assert _beantwoordbaar(rij, _om(dag - dt.timedelta(days=1), 23))
    assert _beantwoordbaar(rij, _om(dag, 16, 29))
    assert not _beantwoordbaar(rij, _om(dag, 16, 30))
    assert not _beantwoordbaar(rij, _om(dag + dt.timedelta(days=1), 9))


def test_without_an_end_the_meeting_lasts_the_calendars_default_duration(seed):
    dag = dt.date(2030, 3, 15)
    rij = _uitgenodigd(seed, bouwers.maak_vergadering(seed, "15/03/2030", aanvang=dt.time(10)))
    assert _beantwoordbaar(rij, _om(dag, 11, 59))
    assert not _beantwoordbaar(rij, _om(dag, 12, 0))
    # Just after midnight nothing on that day has lasted its duration yet.
    vroeg = _uitgenodigd(seed, bouwers.maak_vergadering(seed, "16/03/2030", aanvang=dt.time(0)))
    assert _beantwoordbaar(vroeg, _om(dt.date(2030, 3, 16), 1, 59))
    assert not _beantwoordbaar(vroeg, _om(dt.date(2030, 3, 16), 2, 0))


def test_without_an_hour_the_whole_day_and_a_month_until_its_last_day(seed):
    rij = _uitgenodigd(seed, bouwers.maak_vergadering(seed, "15/03/2030"))
    assert _beantwoordbaar(rij, _om(dt.date(2030, 3, 15), 23, 59))
    assert not _beantwoordbaar(rij, _om(dt.date(2030, 3, 16), 0))
    maand = _uitgenodigd(seed, bouwers.maak_vergadering(seed, "april 2030"))
    assert _beantwoordbaar(maand, _om(dt.date(2030, 4, 30), 20))
    assert not _beantwoordbaar(maand, _om(dt.date(2030, 5, 1), 0))


def test_a_meeting_marked_held_or_cancelled_is_no_longer_answered(seed):
    vergadering = bouwers.maak_vergadering(seed, "15/03/2030", aanvang=dt.time(14))
    rij = _uitgenodigd(seed, vergadering)
    ochtend = _om(dt.date(2030, 3, 15), 9)
    assert _beantwoordbaar(rij, ochtend)
    for status in (Vergadering.Status.GEHOUDEN, Vergadering.Status.GEANNULEERD):
        Vergadering.objects.filter(pk=vergadering.pk).update(status=status)
        assert not _beantwoordbaar(rij, ochtend)


def test_recorded_attendance_of_a_participant_or_a_guest_closes_the_answers(seed):
    vergadering = bouwers.maak_vergadering(seed, "15/03/2030", aanvang=dt.time(14))
    rij = _uitgenodigd(seed, vergadering)
    ochtend = _om(dt.date(2030, 3, 15), 9)
    gast = Uitnodiging.objects.create(
        vergadering=vergadering, email="gast@elders.be", uitgenodigd_op=timezone.now()
    )
    assert _beantwoordbaar(rij, ochtend)
    Uitnodiging.objects.filter(pk=gast.pk).update(aanwezigheid="aanwezig")
    assert not _beantwoordbaar(rij, ochtend)
    Uitnodiging.objects.filter(pk=gast.pk).update(aanwezigheid="")
    assert _beantwoordbaar(rij, ochtend)
    bouwers.aanwezigheid(vergadering, status="aanwezig")
    assert not _beantwoordbaar(rij, ochtend)
    # Another meeting's attendance does not count.
    ander = _uitgenodigd(seed, bouwers.maak_vergadering(seed, "16/03/2030"))
    assert _beantwoordbaar(ander, ochtend)


def test_an_invitation_only_announced_is_not_answered(seed):
    vergadering = bouwers.maak_vergadering(seed, "15/03/2030")
    rij = Uitnodiging.objects.create(
        vergadering=vergadering, email="a@x.be", aangekondigd_op=timezone.now()
    )
    assert not _beantwoordbaar(rij, _om(dt.date(2030, 3, 1), 9))

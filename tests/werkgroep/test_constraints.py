"""Invariants live in the database as named constraints, and full_clean says the same."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tests import bouwers
from tests.bouwers import maak_deelnemer
from werkgroep.models import (
    Aanwezigheid,
    Agendapunt,
    Lidmaatschap,
    Organisatie,
    Thema,
    Vergadering,
    Werkgroep,
)


@pytest.fixture
def werkgroep(db):
    return bouwers.werkgroep(
        titel="Regie", slug="regie", thema="Sociale Economie", thema_slug="sociale-economie"
    )


def test_a_window_must_end_after_it_starts(werkgroep):
    with pytest.raises(IntegrityError), transaction.atomic():
        Vergadering.objects.create(
            werkgroep=werkgroep,
            kenmerk="x",
            precisie="maanden",
            datum_van=dt.date(2006, 11, 1),
            datum_tot=dt.date(2006, 10, 31),
        )
    vergadering = Vergadering(
        werkgroep=werkgroep,
        precisie="maanden",
        datum_van=dt.date(2006, 11, 1),
        datum_tot=dt.date(2006, 10, 31),
    )
    with pytest.raises(ValidationError) as fout:
        vergadering.full_clean()
    assert "Een datum kan niet eindigen voor hij begint." in str(fout.value)


def test_a_day_is_one_day(werkgroep):
    with pytest.raises(IntegrityError), transaction.atomic():
        Vergadering.objects.create(
            werkgroep=werkgroep,
            kenmerk="x",
            precisie="dag",
            datum_van=dt.date(2006, 9, 25),
            datum_tot=dt.date(2006, 9, 26),
        )


def test_an_hour_belongs_only_to_a_known_day(werkgroep):
    with pytest.raises(IntegrityError), transaction.atomic():
        Vergadering.objects.create(
            werkgroep=werkgroep,
            kenmerk="x",
            precisie="maand",
            datum_van=dt.date(2006, 12, 1),
            datum_tot=dt.date(2006, 12, 31),
            aanvang=dt.time(14, 0),
        )


def test_one_attendance_per_participant_per_meeting(werkgroep):
    vergadering = Vergadering.objects.create(
        werkgroep=werkgroep,
        kenmerk="a",
        datum_van=dt.date(2006, 6, 6),
        datum_tot=dt.date(2006, 6, 6),
    )
    deelnemer = maak_deelnemer()
    Aanwezigheid.objects.create(vergadering=vergadering, deelnemer=deelnemer)
    with pytest.raises(IntegrityError) as fout, transaction.atomic():
        Aanwezigheid.objects.create(vergadering=vergadering, deelnemer=deelnemer, status="afwezig")
    assert "aanwezigheid" in str(fout.value).lower()
    dubbel = Aanwezigheid(vergadering=vergadering, deelnemer=deelnemer)
    with pytest.raises(ValidationError):
        dubbel.full_clean()


def test_slugs_are_unique(werkgroep):
    with pytest.raises(IntegrityError), transaction.atomic():
        Werkgroep.objects.create(thema=werkgroep.thema, titel="Regie bis", slug="regie")
    with pytest.raises(IntegrityError), transaction.atomic():
        Thema.objects.create(naam="Tweede", slug="sociale-economie")


def test_a_meeting_key_is_unique_within_its_group(werkgroep):
    Vergadering.objects.create(
        werkgroep=werkgroep, kenmerk="2006-12", precisie="maand",
        datum_van=dt.date(2006, 12, 1), datum_tot=dt.date(2006, 12, 31),
    )  # fmt: skip
    with pytest.raises(IntegrityError), transaction.atomic():
        Vergadering.objects.create(
            werkgroep=werkgroep, kenmerk="2006-12", precisie="maand",
            datum_van=dt.date(2006, 12, 1), datum_tot=dt.date(2006, 12, 31),
        )  # fmt: skip


def test_a_new_meeting_gets_a_free_key_and_keeps_its_first_date(werkgroep):
    december = {
        "precisie": "maand",
        "datum_van": dt.date(2006, 12, 1),
        "datum_tot": dt.date(2006, 12, 31),
    }
    eerste = Vergadering(werkgroep=werkgroep, **december)
    eerste.full_clean()
    eerste.save()
    tweede = Vergadering(werkgroep=werkgroep, **december)
    tweede.full_clean()
    assert (eerste.kenmerk, tweede.kenmerk) == ("2006-12", "2006-12-2")
    assert eerste.oorspronkelijke_datum == "december 2006"


def test_a_membership_cannot_end_before_it_starts(werkgroep):
    deelnemer = maak_deelnemer()
    with pytest.raises(IntegrityError), transaction.atomic():
        Lidmaatschap.objects.create(
            werkgroep=werkgroep,
            deelnemer=deelnemer,
            van=dt.date(2006, 1, 1),
            tot=dt.date(2005, 1, 1),
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Lidmaatschap.objects.create(werkgroep=werkgroep, deelnemer=deelnemer)
        Lidmaatschap.objects.create(werkgroep=werkgroep, deelnemer=deelnemer)


def test_a_speaker_is_a_participant_or_an_outside_name_not_both(werkgroep):
    vergadering = Vergadering.objects.create(
        werkgroep=werkgroep,
        kenmerk="a",
        datum_van=dt.date(2005, 12, 2),
        datum_tot=dt.date(2005, 12, 2),
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Agendapunt.objects.create(
            vergadering=vergadering, volgorde=1, titel="x", spreker=maak_deelnemer(),
            spreker_naam="Professor De Rynck",
        )  # fmt: skip


def test_organisation_names_are_unique_under_the_same_parent(db):
    stad = Organisatie.objects.create(naam="Stad Antwerpen")
    Organisatie.objects.create(naam="Sociale Zaken", moeder=stad)
    Organisatie.objects.create(naam="Sociale Zaken")  # another one, at the top: allowed
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisatie.objects.create(naam="Sociale Zaken", moeder=stad)
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisatie.objects.create(naam="Stad Antwerpen")


def test_an_organisation_cannot_be_part_of_itself(db):
    stad = Organisatie.objects.create(naam="Stad Antwerpen")
    dienst = Organisatie.objects.create(naam="Sociale Zaken", moeder=stad)
    stad.moeder = dienst
    with pytest.raises(ValidationError):
        stad.full_clean()

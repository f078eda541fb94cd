"""Dates of each precision: parsed as written, shown as written, sorted sensibly."""

import datetime as dt

import pytest
from django.utils.translation import override

from kern.datums import Datumaanduiding, OngeldigeDatum, Precisie


@pytest.mark.parametrize(
    ("tekst", "van", "tot", "precisie"),
    [
        ("16/09/2005", dt.date(2005, 9, 16), dt.date(2005, 9, 16), Precisie.DAG),
        ("6/6/2006", dt.date(2006, 6, 6), dt.date(2006, 6, 6), Precisie.DAG),
        ("02/12/05", dt.date(2005, 12, 2), dt.date(2005, 12, 2), Precisie.DAG),
        ("2005-12-02", dt.date(2005, 12, 2), dt.date(2005, 12, 2), Precisie.DAG),
        ("6 juni 2006", dt.date(2006, 6, 6), dt.date(2006, 6, 6), Precisie.DAG),
        ("25 sept. ’06", dt.date(2006, 9, 25), dt.date(2006, 9, 25), Precisie.DAG),
        ("december 2006", dt.date(2006, 12, 1), dt.date(2006, 12, 31), Precisie.MAAND),
        ("dec ’06", dt.date(2006, 12, 1), dt.date(2006, 12, 31), Precisie.MAAND),
        ("Oktober/november 2006", dt.date(2006, 10, 1), dt.date(2006, 11, 30), Precisie.MAANDEN),
        ("okt/nov ’06", dt.date(2006, 10, 1), dt.date(2006, 11, 30), Precisie.MAANDEN),
        ("dec 2006/jan 2007", dt.date(2006, 12, 1), dt.date(2007, 1, 31), Precisie.MAANDEN),
        ("February 2006", dt.date(2006, 2, 1), dt.date(2006, 2, 28), Precisie.MAAND),
    ],
)
def test_it_reads_dates_as_people_write_them(tekst, van, tot, precisie):
    datum = Datumaanduiding.parse(tekst)
    assert (datum.van, datum.tot, datum.precisie) == (van, tot, precisie)


def test_it_never_reads_a_date_month_first():
    assert Datumaanduiding.parse("02/12/2005").van == dt.date(2005, 12, 2)
    with pytest.raises(OngeldigeDatum):
        Datumaanduiding.parse("12/25/2005")


@pytest.mark.parametrize(
    "tekst",
    [
        "",
        "morgen",
        "31/02/2006",
        "31 juni 2006",
        "6 foo 2006",
        "november/oktober 2006",
        "december/januari 2007",
        "13/2006",
    ],
)
def test_it_refuses_what_is_not_a_date(tekst):
    with pytest.raises(OngeldigeDatum):
        Datumaanduiding.parse(tekst)


@pytest.mark.parametrize(
    "tekst", ["16/09/2005", "december 2006", "oktober/november 2006", "december 2006/januari 2007"]
)
def test_it_shows_each_precision_as_written_in_dutch(tekst):
    with override("nl-be"):
        assert str(Datumaanduiding.parse(tekst)) == tekst


def test_it_shows_months_in_english_when_asked():
    with override("en"):
        assert str(Datumaanduiding.parse("oktober/november 2006")) == "October/November 2006"


def test_a_window_sorts_after_the_day_before_it_and_before_the_month_after_it():
    datums = [
        Datumaanduiding.parse(t) for t in ["december 2006", "oktober/november 2006", "25/09/2006"]
    ]
    with override("nl-be"):
        assert [str(d) for d in sorted(datums)] == [
            "25/09/2006",
            "oktober/november 2006",
            "december 2006",
        ]


def test_its_key_is_stable_and_language_neutral():
    assert Datumaanduiding.parse("oktober/november 2006").sleutel == "2006-10/2006-11"
    assert Datumaanduiding.parse("december 2006").sleutel == "2006-12"
    assert Datumaanduiding.parse("25/09/2006").sleutel == "2006-09-25"

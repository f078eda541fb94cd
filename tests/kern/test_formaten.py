"""Dates and times read the same in Dutch and English: day first, a 24-hour clock."""

import datetime as dt

import pytest
from django import forms
from django.template import Context, Template
from django.utils import translation
from django.utils.formats import get_format

MOMENT = dt.datetime(2026, 11, 27, 8, 29, tzinfo=dt.UTC)  # 09:29 in Brussels


@pytest.mark.parametrize("taal", ["nl-be", "en"])
def test_short_dates_and_times_are_day_first_with_a_24_hour_clock(taal):
    sjabloon = Template(
        '{{ m|date:"SHORT_DATETIME_FORMAT" }} · {{ d|date:"SHORT_DATE_FORMAT" }} · '
        '{{ m|time:"TIME_FORMAT" }}'
    )
    with translation.override(taal):
        tekst = sjabloon.render(Context({"m": MOMENT, "d": dt.date(2026, 12, 15)}))
    assert tekst == "27/11/2026 09:29 · 15/12/2026 · 09:29"


def test_english_long_dates_keep_english_month_names():
    with translation.override("en"):
        assert (
            Template('{{ d|date:"DATE_FORMAT" }}').render(Context({"d": dt.date(2026, 12, 15)}))
            == "15 December 2026"
        )
        assert get_format("DECIMAL_SEPARATOR") == "."


def test_an_english_form_reads_a_date_day_first():
    class Formulier(forms.Form):
        datum = forms.DateField()

    with translation.override("en"):
        formulier = Formulier({"datum": "02/12/2005"})
        assert formulier.is_valid(), formulier.errors
    assert formulier.cleaned_data["datum"] == dt.date(2005, 12, 2)

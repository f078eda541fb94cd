"""Belgian notation for amounts, in and out, the same in every language."""

from decimal import Decimal

import pytest
from django.utils.translation import override

from financien.bedragen import OngeldigBedrag, bedrag_tekst, euro, parse_bedrag
from financien.forms import BedragField


@pytest.mark.parametrize(
    ("tekst", "bedrag"),
    [
        ("36,30", "36.30"),
        ("36.30", "36.30"),
        ("1.234,56", "1234.56"),
        ("1234,56", "1234.56"),
        ("€ 36,30", "36.30"),
        ("€\u00a01.234,56", "1234.56"),
        ("1.234", "1234.00"),  # a thousands separator, never 1,234
        ("40", "40.00"),
        ("36,3", "36.30"),
        ("-5,00", "-5.00"),
        ("+5,00", "5.00"),
        ("36,30 EUR", "36.30"),
        ("EUR 1.234,56", "1234.56"),
        ("1\u00a0234,56", "1234.56"),  # a non-breaking space between the thousands
        ("1 234,56", "1234.56"),
    ],
)
@pytest.mark.parametrize("taal", ["nl-be", "en"])
def test_it_reads_amounts_the_belgian_way_in_every_language(tekst, bedrag, taal, settings):
    with override(taal):
        assert parse_bedrag(tekst) == Decimal(bedrag)
        assert BedragField().clean(tekst) == Decimal(bedrag)


@pytest.mark.parametrize("tekst", ["36,305", "1,234", "abc", "12,34,56", "1.23.4"])
def test_it_refuses_what_is_not_an_amount_in_cents(tekst):
    with pytest.raises(OngeldigBedrag) as fout:
        parse_bedrag(tekst)
    if tekst in ("36,305", "1,234"):  # read, but to the tenth of a cent
        assert str(fout.value) == f"Een bedrag heeft hoogstens twee decimalen: “{tekst}”."
    else:
        assert str(fout.value) == f"“{tekst}” is geen bedrag."


@pytest.mark.parametrize(
    "tekst",
    [
        *["12.34,56", "1.2345,67", "1234.567,89", ".123,45", "12,34.56", "1,2345.67"],
        # One sign groups the thousands, the other holds the cents, each once only.
        *["1.234,56,78", "1,234.56.78", "1.234,567.89", "1,234.567,89"],
    ],
)
def test_with_both_separators_the_thousands_must_be_grouped_by_three(tekst):
    """Both a comma and a point: the first groups thousands, so anything but groups of
    three before the cents is a typing error, never 1234,56."""
    with pytest.raises(OngeldigBedrag) as fout:
        parse_bedrag(tekst)
    assert str(fout.value) == f"“{tekst}” is geen bedrag."


@pytest.mark.parametrize(
    ("tekst", "bedrag"),
    [("1,234.56", "1234.56"), ("1.234.567,89", "1234567.89"), ("-1.234,5", "-1234.50")],
)
def test_with_both_separators_rightly_grouped_the_last_one_holds_the_cents(tekst, bedrag):
    assert parse_bedrag(tekst) == Decimal(bedrag)


def test_django_s_own_localized_parsing_would_get_it_wrong(settings):
    """Why we parse ourselves: Django's localized input reads these silently wrong."""
    from django.utils.formats import sanitize_separators

    settings.USE_THOUSAND_SEPARATOR = True
    with override("en"):
        assert Decimal(sanitize_separators("36,30")) == Decimal("3630")  # 36,30 read as 3630
        assert BedragField().clean("36,30") == Decimal("36.30")
    settings.USE_THOUSAND_SEPARATOR = False
    with override("nl-be"):
        assert Decimal(sanitize_separators("1.234")) == Decimal("1.234")  # a thousand read as 1,234
        assert BedragField().clean("1.234") == Decimal("1234.00")


def test_spreadsheet_numbers_become_exact_decimals():
    assert parse_bedrag(36.3) == Decimal("36.30")
    assert parse_bedrag(Decimal("150")) == Decimal("150.00")
    assert parse_bedrag(None) is None and parse_bedrag("") is None


def test_it_shows_amounts_as_euro_with_belgian_notation():
    with override("nl-be"):
        assert euro(Decimal("36.3")) == "€\u00a036,30"
        assert euro(Decimal("1234.56")) == "€\u00a01.234,56"
        assert euro(Decimal("-1234567.80")) == "€\u00a0-1.234.567,80"
        assert euro(None) == ""


def test_in_english_it_shows_amounts_as_english_readers_write_them():
    """CLDR's English euros (Babel: ``format_currency(…, "EUR", locale="en")``), read back
    by the same parser."""
    with override("en"):
        assert euro(Decimal("36.3")) == "€36.30"
        assert euro(Decimal("1234.56")) == "€1,234.56"
        assert euro(Decimal("-1234567.80")) == "-€1,234,567.80"
        assert euro(None) == ""
        assert parse_bedrag(euro(Decimal("1234.56"))) == Decimal("1234.56")


def test_a_spreadsheet_cell_without_an_amount_stays_empty():
    assert bedrag_tekst(None) == "" and bedrag_tekst(None, duizendtallen=False) == ""
    assert bedrag_tekst(Decimal("1234.5"), duizendtallen=False) == "1234,50"
    assert (bedrag_tekst(Decimal("0")), bedrag_tekst(Decimal("0.5"))) == ("0,00", "0,50")

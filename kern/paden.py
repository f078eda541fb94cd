"""The converters for ids and years in the site's addresses, registered for every URL conf.

Django's ``int`` takes any number of digits: a year of twenty digits reached ``date()``
(a ValueError, a 500) and an id beyond 64 bits an integer column (an error on PostgreSQL
and SQLite alike). These take only what can exist, so anything else is a 404 before a
view runs; ``tests/test_vreemde_invoer.py`` walks every URL with such numbers.
"""

from __future__ import annotations

from django.urls import register_converter

# A year in an address: four digits from 1900 to 2999 (the site's data begins in 2005).
JAAR = r"(?:19|2[0-9])[0-9]{2}"


class Id:
    """A primary key: at most 18 digits, so it always fits a 64-bit integer column."""

    regex = r"[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(value)


class Jaar(Id):
    """A year ("2006")."""

    regex = JAAR


class Periode:
    """A year ("2006") or a range of years ("2005-2006"), kept as text; an int year
    reverses too. Whether the range is in order is the report's rule (rapportage.verslag)."""

    regex = rf"{JAAR}(?:-{JAAR})?"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value) -> str:
        return str(value)


def registreren() -> None:
    """Called once, when the apps are ready (kern.apps), before any URL conf is read."""
    register_converter(Id, "id")
    register_converter(Jaar, "jaar")
    register_converter(Periode, "periode")

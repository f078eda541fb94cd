"""Dates as people write them: to the day, to the month, or a window of months.

The seed plans meetings on "25/09/2006", in "december 2006" and in
"oktober/november 2006". A :class:`Datumaanduiding` keeps that precision, shows
it the way users write it, sorts by its first possible day, and is parsed back
from the same text, so import, admin and display agree.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass

from django.db import models
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _


class Precisie(models.TextChoices):
    DAG = "dag", _("tot op de dag")
    MAAND = "maand", _("tot op de maand")
    MAANDEN = "maanden", _("venster van maanden")

    @property
    def dag_bekend(self) -> bool:
        """Only a known day can carry an hour, a calendar event or an invitation."""
        return self is Precisie.DAG


# Month names a Belgian office types, Dutch and English, full and short.
_MAANDNAMEN = {
    "januari": 1, "jan": 1, "january": 1,
    "februari": 2, "feb": 2, "febr": 2, "february": 2,
    "maart": 3, "mrt": 3, "maa": 3, "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "augustus": 8, "aug": 8, "august": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "october": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip

_DAG = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MAAND_NUM = re.compile(r"^(\d{1,2})[/.\-](\d{4})$")
_JAAR = r"(?:'|’)?(\d{2}|\d{4})"
_MAAND_WOORD = re.compile(rf"^([a-z]+)\.?\s*{_JAAR}?$")
_DAG_WOORD = re.compile(rf"^(\d{{1,2}})\s+([a-z]+)\.?\s*{_JAAR}$")  # "6 juni 2006"


class OngeldigeDatum(ValueError):
    """Raised with a message for the user when a date text cannot be read."""


def _jaar(tekst: str) -> int:
    jaar = int(tekst)
    # Two-digit years belong to this century: "06" is 2006.
    return 2000 + jaar if jaar < 100 else jaar


def _maand(woord: str) -> int:
    try:
        return _MAANDNAMEN[woord.strip().rstrip(".").lower()]
    except KeyError:
        raise OngeldigeDatum(_("Onbekende maand: “%(maand)s”.") % {"maand": woord}) from None


def _laatste_dag(jaar: int, maand: int) -> dt.date:
    return dt.date(jaar, maand, calendar.monthrange(jaar, maand)[1])


@dataclass(frozen=True, order=True)
class Datumaanduiding:
    """A date with its precision: first and last possible day."""

    van: dt.date
    tot: dt.date
    precisie: str = Precisie.DAG

    @classmethod
    def dag(cls, datum: dt.date) -> Datumaanduiding:
        return cls(datum, datum, Precisie.DAG)

    @classmethod
    def maand(cls, jaar: int, maand: int) -> Datumaanduiding:
        return cls(dt.date(jaar, maand, 1), _laatste_dag(jaar, maand), Precisie.MAAND)

    @classmethod
    def maanden(cls, jaar_van: int, maand_van: int, jaar_tot: int, maand_tot: int):
        van = dt.date(jaar_van, maand_van, 1)
        tot = _laatste_dag(jaar_tot, maand_tot)
        if tot <= _laatste_dag(jaar_van, maand_van):
            raise OngeldigeDatum(_("Een venster van maanden moet eindigen na zijn begin."))
        return cls(van, tot, Precisie.MAANDEN)

    @classmethod
    def parse(cls, tekst: str) -> Datumaanduiding:
        """Read "16/09/2005", "16/09/05", "6 juni 2006", "december 2006", "okt/nov ’06"…

        Day-first always: "02/12/2005" is the second of December. An import reads the
        same few dates thousands of times: the answer (immutable) is kept.
        """
        return _parse(cls, str(tekst))

    @classmethod
    def _parse(cls, tekst: str) -> Datumaanduiding:
        schoon = " ".join(str(tekst).strip().lower().split())
        if not schoon:
            raise OngeldigeDatum(_("Geef een datum op."))
        try:
            gevonden = cls._herkennen(schoon)
        except OngeldigeDatum:
            raise
        except ValueError:
            raise OngeldigeDatum(
                _("“%(tekst)s” is geen bestaande datum (dag/maand/jaar).") % {"tekst": tekst}
            ) from None
        if gevonden is None:
            raise OngeldigeDatum(
                _(
                    "“%(tekst)s” is geen datum die we kennen. Schrijf bv. 25/09/2006, "
                    "december 2006 of oktober/november 2006."
                )
                % {"tekst": tekst}
            )
        return gevonden

    @classmethod
    def _herkennen(cls, schoon: str) -> Datumaanduiding | None:
        """The date ``schoon`` (trimmed, lower case) writes, or ``None`` when it has no date's
        form; a form with an impossible date raises ``ValueError``. Without the messages:
        :func:`sleutelwaarde` asks it of every text of a file, most of them no date."""
        if m := _ISO.match(schoon):
            return cls.dag(dt.date(int(m[1]), int(m[2]), int(m[3])))
        if m := _DAG.match(schoon):
            return cls.dag(dt.date(_jaar(m[3]), int(m[2]), int(m[1])))
        if m := _MAAND_NUM.match(schoon):
            return cls.maand(int(m[2]), int(m[1]))
        if (m := _DAG_WOORD.match(schoon)) and m[2] in _MAANDNAMEN:
            return cls.dag(dt.date(_jaar(m[3]), _MAANDNAMEN[m[2]], int(m[1])))
        delen = [d.strip() for d in re.split(r"\s*(?:/|–|-| tot | t\.e\.m\. )\s*", schoon)]
        if len(delen) == 1:
            m = _MAAND_WOORD.match(delen[0])
            if m and m[2]:
                return cls.maand(_jaar(m[2]), _maand(m[1]))
        elif len(delen) == 2:
            eerste, tweede = _MAAND_WOORD.match(delen[0]), _MAAND_WOORD.match(delen[1])
            if eerste and tweede and tweede[2]:
                jaar_tot = _jaar(tweede[2])
                maand_van, maand_tot = _maand(eerste[1]), _maand(tweede[1])
                # Without its own year the first month is in the same year; a window
                # across New Year names both: "december 2006/januari 2007".
                jaar_van = _jaar(eerste[2]) if eerste[2] else jaar_tot
                return cls.maanden(jaar_van, maand_van, jaar_tot, maand_tot)
        return None

    def __str__(self) -> str:
        if self.precisie == Precisie.DAG:
            return self.van.strftime("%d/%m/%Y")
        if self.precisie == Precisie.MAAND:
            return f"{MONTHS[self.van.month]} {self.van.year}"
        if self.van.year == self.tot.year:
            return f"{MONTHS[self.van.month]}/{MONTHS[self.tot.month]} {self.tot.year}"
        return f"{MONTHS[self.van.month]} {self.van.year}/{MONTHS[self.tot.month]} {self.tot.year}"

    @property
    def dag_bekend(self) -> bool:
        return Precisie(self.precisie).dag_bekend

    @property
    def sleutel(self) -> str:
        """A stable, language-neutral key: 2006-09-25, 2006-12 or 2006-10/2006-11."""
        if self.precisie == Precisie.DAG:
            return self.van.isoformat()
        if self.precisie == Precisie.MAAND:
            return self.van.strftime("%Y-%m")
        return f"{self.van:%Y-%m}/{self.tot:%Y-%m}"


@functools.lru_cache(maxsize=4096)
def sleutelwaarde(tekst: str) -> str:
    """A key as a value: "14/04/06" is "14/04/2006", " Koffie " is "koffie".

    Used wherever two writings of one record must be found to be the same; an
    import asks it for every key cell, most of them repeated (cached).
    """
    schoon = " ".join(str(tekst).split()).casefold()
    try:
        datum = Datumaanduiding._herkennen(schoon.lower())
    except ValueError:
        return schoon
    return schoon if datum is None else datum.sleutel


@functools.lru_cache(maxsize=4096)
def _parse(cls, tekst: str) -> Datumaanduiding:
    # An error is raised again each time (lru_cache keeps no exceptions): only the
    # valid dates, the many, are kept.
    return cls._parse(tekst)

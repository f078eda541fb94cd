"""The columns' widgets: dates day-first or of any precision, hours as Belgians write them,
choices by code or label, text without control characters, and the one lookup of every
import's references (:class:`Verwijzing`)."""

from __future__ import annotations

import datetime as dt
import functools
import re

from django.utils.translation import gettext_lazy as _
from django.utils.translation import override
from import_export import widgets

from ..datums import Datumaanduiding, OngeldigeDatum, sleutelwaarde
from .formaten import cel_tekst


class BelgischeDatumWidget(widgets.DateWidget):
    """Day-first dates: 02/12/2005, 2/12/05, 02-12-2005, and ISO 2005-12-02. Never month-first."""

    INVOER = ("%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d-%m-%y", "%d.%m.%Y", "%Y-%m-%d")

    def __init__(self):
        super().__init__(format=None, coerce_to_string=True)
        self.formats = self.INVOER

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, str):
            value = value.strip()
        try:
            return super().clean(value, row, **kwargs)
        except ValueError:
            raise ValueError(
                _("“%(waarde)s” is geen datum als dd/mm/jjjj.") % {"waarde": value}
            ) from None

    def render(self, value, obj=None, **kwargs):
        if kwargs.get("force_native_type"):
            return value
        return value.strftime("%d/%m/%Y") if value else ""


class DatumaanduidingWidget(widgets.Widget):
    """A date of any precision: 25/09/2006, december 2006, oktober/november 2006."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, dt.datetime):
            return Datumaanduiding.dag(value.date())
        if isinstance(value, dt.date):
            return Datumaanduiding.dag(value)
        if value in (None, ""):
            raise ValueError(_("Geef een datum op."))
        try:
            return Datumaanduiding.parse(str(value))
        except OngeldigeDatum as fout:
            raise ValueError(str(fout)) from None

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        with override("nl-be"):  # files keep one language, so they re-import anywhere
            return str(value)


# An hour as Belgians write it: 14:00, 14.00, 14u, 9u30, 14h00, 14:00 uur, 14 uur, 14:00:00.
_UUR = re.compile(
    r"(?P<uur>\d{1,2})\s*(?:[:.uh]\s*(?P<minuten>\d{2})?(?::(?P<seconden>\d{2}))?)?\s*(?:uur)?",
    re.IGNORECASE,
)


class TijdWidget(widgets.TimeWidget):
    """An hour: a time cell, or text as Belgians write it ("14u", "9u30", "14h00",
    "14:00 uur"); anything else is refused in Dutch, never with the library's English."""

    def __init__(self):
        super().__init__(format=None)

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, dt.datetime):
            return value.time()
        if isinstance(value, dt.time) or value is None:
            return value
        tekst = cel_tekst(value).strip()
        if not tekst:
            return None
        gevonden = _UUR.fullmatch(tekst)
        if gevonden:
            uur, minuten = int(gevonden["uur"]), int(gevonden["minuten"] or 0)
            if uur < 24 and minuten < 60 and int(gevonden["seconden"] or 0) < 60:
                return dt.time(uur, minuten)
        raise ValueError(
            _("“%(waarde)s” is geen uur; schrijf het als 14:00, 14u of 9u30.") % {"waarde": tekst}
        )

    def render(self, value, obj=None, **kwargs):
        if kwargs.get("force_native_type"):
            return value
        return value.strftime("%H:%M") if value else ""


class KeuzeWidget(widgets.Widget):
    """A choice by its code ("partner") or its label in Dutch or English."""

    def __init__(self, choices, standaard=None, als_label=False):
        super().__init__()
        self.choices = choices
        self.standaard = standaard
        self.als_label = als_label

    @functools.cached_property
    def _codes(self) -> dict[str, str]:
        """Each code and label (Dutch and English), lower case, with its code: once per file."""
        codes = {}
        for code, label in self.choices.choices:
            for taal in ("en", "nl-be"):
                with override(taal):
                    codes[str(label).lower()] = code
            codes[code.lower()] = code
        return codes

    def clean(self, value, row=None, **kwargs):
        tekst = str(value or "").strip().lower()
        if not tekst:
            if self.standaard is not None:
                return self.standaard
            raise ValueError(_("Dit veld is verplicht."))
        if tekst in self._codes:
            return self._codes[tekst]
        toegelaten = ", ".join(code for code, _label in self.choices.choices if code)
        raise ValueError(
            _("“%(waarde)s” is geen geldige keuze; kies uit: %(keuzes)s.")
            % {"waarde": value, "keuzes": toegelaten}
        )

    def render(self, value, obj=None, **kwargs):
        if self.als_label and value:
            with override("nl-be"):
                return str(self.choices(value).label)
        return value or ""


_STUURTEKENS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class TekstWidget(widgets.CharWidget):
    """Text with surrounding spaces removed; empty stays empty (not None).

    A cell that a spreadsheet turned into a date or a number reads as it shows:
    27/01/2006, 36,30. A line break typed in Excel or Word (a vertical tab) is a
    line break; any other invisible control character is refused, since no
    spreadsheet could show or export it.
    """

    def clean(self, value, row=None, **kwargs):
        tekst = cel_tekst(value).replace("\x0b", "\n").strip()
        if teken := _STUURTEKENS.search(tekst):
            raise ValueError(
                _("Deze tekst bevat een onzichtbaar stuurteken (%(code)s); haal het weg.")
                % {"code": f"U+{ord(teken.group()):04X}"}
            )
        return tekst


class Verwijzing(widgets.ForeignKeyWidget):
    """A record a column names, the one lookup of every import's references.

    A record is found by any of ``velden`` (a slug, a name), compared as values
    (:func:`~kern.datums.sleutelwaarde`: case and spacing do not count), among all
    records read once per file: a fixed number of queries, not one per line. A value
    that names nothing says so in Dutch and what to import first; it never reaches the
    server as an error (:meth:`AllesOfNietsResource.get_instance`).
    """

    def __init__(self, model, *velden: str, verplicht: bool = True):
        velden = velden or ("slug",)
        super().__init__(model, field=velden[0])
        self.velden = velden
        self.verplicht = verplicht
        self._index: dict[str, list] | None = None

    def records(self):
        """Every record a cell may name (read once per file)."""
        return self.model._default_manager.all()

    def namen(self, record) -> list[str]:
        """The writings that name ``record``."""
        return [str(getattr(record, veld) or "") for veld in self.velden]

    def gelezen(self, value, row) -> str:
        """The cell (or cells) as written, for the lookup and the message."""
        return cel_tekst(value).strip()

    def toevoegen(self, record) -> None:
        """A record the same file just made, so a later line may name it."""
        if self._index is not None:
            for naam in self.namen(record):
                self._index.setdefault(sleutelwaarde(naam), []).append(record)

    def onbekend(self, tekst: str) -> str:
        meta = self.model._meta
        return _("Geen %(soort)s “%(waarde)s” gevonden: importeer eerst de %(soorten)s.") % {
            "soort": meta.verbose_name,
            "waarde": tekst,
            "soorten": meta.verbose_name_plural,
        }

    def clean(self, value, row=None, **kwargs):
        tekst = self.gelezen(value, row)
        if not tekst:
            if self.verplicht:
                raise ValueError(_("Dit veld is verplicht."))
            return None
        if self._index is None:
            self._index = {}
            for record in self.records():
                self.toevoegen(record)
        gevonden = list(dict.fromkeys(self._index.get(sleutelwaarde(tekst), [])))
        if not gevonden:
            raise ValueError(self.onbekend(tekst))
        if len(gevonden) > 1:
            raise ValueError(
                _("Er is meer dan één %(soort)s “%(waarde)s”: geef de slug.")
                % {"soort": self.model._meta.verbose_name, "waarde": tekst}
            )
        return gevonden[0]

    def render(self, value, obj=None, **kwargs):
        return self.namen(value)[0] if value is not None else ""

"""Spreadsheets as Belgian offices make them, for django-import-export.

Shared by every app that imports or exports: formats that read `;` or `,`
separated CSV in UTF-8 (with or without BOM) or Windows-1252, and XLSX;
formula-safe exports that re-import unchanged; day-first dates; and a base
resource that imports a file all or nothing.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import logging
import os
import re
import tempfile
import zipfile
from dataclasses import dataclass
from decimal import Decimal

import openpyxl
import tablib
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override
from django.views.decorators.http import require_POST
from import_export import resources, widgets
from import_export.admin import ExportMixin, ImportExportModelAdmin
from import_export.formats import base_formats
from import_export.forms import ImportForm, SelectableFieldsExportForm
from import_export.results import Result, RowResult
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from .datums import Datumaanduiding, OngeldigeDatum, sleutelwaarde

logger = logging.getLogger(__name__)

# A cell starting with one of these is a formula to Excel and LibreOffice.
_FORMULE_TEKENS = ("=", "+", "-", "@", "\t", "\r")


class OnleesbaarBestand(ValueError):
    """The uploaded file is not a spreadsheet we can read; the message says why."""


def formule_veilig(waarde):
    """Prefix text that a spreadsheet would run as a formula with an apostrophe."""
    if isinstance(waarde, str) and waarde.startswith(_FORMULE_TEKENS):
        return "'" + waarde
    return waarde


def zonder_formule_escape(waarde):
    """Undo :func:`formule_veilig`, so an export re-imports unchanged."""
    if isinstance(waarde, str) and waarde.startswith("'") and waarde[1:2] in _FORMULE_TEKENS:
        return waarde[1:]
    return waarde


# Byte-order marks we read, longest first (UTF-32 would start like UTF-16).
_BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
_GELEZEN_CODERINGEN = _(
    "We lezen UTF-8 (met of zonder BOM), Windows-1252 en UTF-16 met BOM. Bewaar het bestand "
    "opnieuw als „CSV UTF-8” of als XLSX."
)


def decodeer(inhoud: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252 (Excel on Windows).

    Anything else is refused with a message that says what we read: text with
    NUL bytes and no BOM is UTF-16 or UTF-32 without a mark, never Windows-1252.
    """
    for bom, codering in _BOMS:
        if inhoud.startswith(bom) and not inhoud.startswith(codecs.BOM_UTF32_LE):
            try:
                return inhoud.decode(codering).lstrip("\ufeff")
            except UnicodeDecodeError:
                break
    else:
        if b"\x00" not in inhoud:
            for codering in ("utf-8", "cp1252"):
                try:
                    return inhoud.decode(codering)
                except UnicodeDecodeError:
                    continue
    raise OnleesbaarBestand(
        _("Dit bestand is geen tekst in een codering die we kennen. %(uitleg)s")
        % {"uitleg": _GELEZEN_CODERINGEN}
    )


def _cel_tekst(cel) -> str:
    """A native value as a Belgian spreadsheet shows it: 36,30 · 02/12/2005 · 14:00."""
    if cel is None:
        return ""
    if isinstance(cel, float):
        cel = Decimal(repr(cel)) if cel != int(cel) else int(cel)
    if isinstance(cel, Decimal):
        return f"{cel:f}".replace(".", ",")
    if isinstance(cel, dt.datetime):
        if cel.time() == dt.time(0):
            return cel.strftime("%d/%m/%Y")
        return cel.strftime("%d/%m/%Y %H:%M")
    if isinstance(cel, dt.date):
        return cel.strftime("%d/%m/%Y")
    if isinstance(cel, dt.time):
        return cel.strftime("%H:%M")
    return str(cel)


def _veilige_dataset(dataset: tablib.Dataset) -> tablib.Dataset:
    veilig = tablib.Dataset(headers=dataset.headers)
    for rij in dataset:
        veilig.append([formule_veilig(cel) for cel in rij])
    return veilig


def _tabel(rijen: list[list]) -> tablib.Dataset:
    """The header row and the data rows as one rectangle, without empty rows or empty columns.

    Spreadsheets leave out trailing empty cells and a ";" at the end of a line
    adds an empty one; a column with neither a header nor a value is dropped.
    """
    rijen = [list(rij) for rij in rijen if any(cel not in (None, "") for cel in rij)]
    if not rijen:
        raise OnleesbaarBestand(_("Het bestand is leeg."))
    if len(rijen) == 1:
        raise OnleesbaarBestand(
            _("Het bestand heeft alleen een kopregel: er staan geen gegevens onder.")
        )
    breedte = max(len(rij) for rij in rijen)
    rijen = [rij + [None] * (breedte - len(rij)) for rij in rijen]
    while breedte > 1 and all(rij[breedte - 1] in (None, "") for rij in rijen):
        breedte -= 1
    koppen = ["" if kop is None else str(kop) for kop in rijen[0][:breedte]]
    dataset = tablib.Dataset(headers=koppen)
    for rij in rijen[1:]:
        dataset.append(rij[:breedte])
    return dataset


class BelgischeCSV(base_formats.CSV):
    """CSV with `;` or `,`, in UTF-8, Windows-1252 or UTF-16; exported as UTF-8 with BOM and `;`."""

    def is_binary(self):
        return True  # we get the raw bytes and decode them ourselves

    def get_read_mode(self):
        return "rb"

    def create_dataset(self, in_stream, **kwargs):
        tekst = decodeer(in_stream) if isinstance(in_stream, bytes) else in_stream
        eerste_regel = tekst.split("\n", 1)[0]
        scheidingsteken = ";" if eerste_regel.count(";") >= eerste_regel.count(",") else ","
        lezer = csv.reader(io.StringIO(tekst, newline=""), delimiter=scheidingsteken)
        rijen = [rij for rij in lezer if any(cel.strip() for cel in rij)]
        if not rijen:
            raise OnleesbaarBestand(_("Het bestand is leeg."))
        for nummer, rij in enumerate(rijen[1:], start=2):
            if len(rij) > len(rijen[0]) and any(cel.strip() for cel in rij[len(rijen[0]) :]):
                raise OnleesbaarBestand(
                    _(
                        "Regel %(regel)s heeft %(aantal)s kolommen, de kopregel %(verwacht)s. "
                        "Staat er een scheidingsteken (;) te veel in die regel?"
                    )
                    % {"regel": nummer, "aantal": len(rij), "verwacht": len(rijen[0])}
                )
        return _tabel([[zonder_formule_escape(cel) for cel in rij] for rij in rijen])

    def export_data(self, dataset, **kwargs):
        uit = io.StringIO(newline="")
        schrijver = csv.writer(uit, delimiter=";", lineterminator="\r\n")
        schrijver.writerow(dataset.headers)
        for rij in _veilige_dataset(dataset):
            schrijver.writerow([_cel_tekst(cel) for cel in rij])
        return "\ufeff" + uit.getvalue()


def controleer_archief(inhoud: bytes) -> None:
    """Refuse an XLSX whose parts would unpack beyond the set limits, before anyone parses it.

    An XLSX is a ZIP archive; a "zip bomb" of a megabyte can unpack to gigabytes.
    The central directory says how large each part becomes; Python's zipfile
    never unpacks a part beyond that size, so checking it bounds the memory.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(inhoud)) as archief:
            delen = archief.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as fout:
        raise OnleesbaarBestand(
            _("Dit is geen leesbaar XLSX-bestand (Excel 2007 of later).")
        ) from fout
    uitgepakt = sum(deel.file_size for deel in delen)
    grootste_verhouding = max(
        (deel.file_size / max(deel.compress_size, 1) for deel in delen), default=0
    )
    maximum = settings.IMPORT_XLSX_MAX_UITGEPAKT
    if uitgepakt > maximum or (
        uitgepakt > 1024 * 1024 and grootste_verhouding > settings.IMPORT_XLSX_MAX_VERHOUDING
    ):
        raise OnleesbaarBestand(
            _(
                "Dit XLSX-bestand zou uitgepakt %(grootte)s worden (het maximum is %(max)s, "
                "hoogstens %(verhouding)s keer het gecomprimeerde deel). Zo groot is geen "
                "werkblad van een werkgroep: bewaar alleen het nodige werkblad, of als CSV."
            )
            % {
                "grootte": filesizeformat(uitgepakt),
                "max": filesizeformat(maximum),
                "verhouding": settings.IMPORT_XLSX_MAX_VERHOUDING,
            }
        )


_OPMAAK_ZONDER_LETTERLIJK = re.compile(r'\[[^\]]*\]|"[^"]*"|\\.')


def _toont_geen_dag(opmaak: str | None) -> bool:
    """A number format such as ``mmmm yyyy``: a year and no day (``[$-813]`` and quotes aside)."""
    code = _OPMAAK_ZONDER_LETTERLIJK.sub("", (opmaak or "").lower())
    return "y" in code and "d" not in code


def xlsx_celwaarde(waarde, opmaak: str | None):
    """A cell as the person sees it: a date shown as a month is that month, as text.

    A date cell whose format shows a day stays a date (without a 00:00 time).
    A month format ("december 2006") becomes the text "december 2006", which every
    date widget reads with its precision, never as the first of the month.
    """
    if isinstance(waarde, dt.datetime | dt.date):
        if _toont_geen_dag(opmaak):
            with override("nl-be"):
                return str(Datumaanduiding.maand(waarde.year, waarde.month))
        if isinstance(waarde, dt.datetime) and waarde.time() == dt.time(0):
            return waarde.date()
    return waarde


_MAX_KOLOMMEN = 100


class TeVeelRegels(Exception):
    """The sheet is longer than ``settings.IMPORT_MAX_REGELS``."""


#: A row with this tag (``dataset.append(rij, tags=[TOTAALRIJ])``) is a totals row: bold.
TOTAALRIJ = "totaal"

# How an XLSX shows a native value; every Decimal on this site is an amount in euro.
XLSX_DATUM = "dd/mm/yyyy"
XLSX_DATUM_TIJD = "dd/mm/yyyy hh:mm"
XLSX_TIJD = "hh:mm"
XLSX_EURO = '"€" #,##0.00;-"€" #,##0.00'
_BREEDTE_MIN, _BREEDTE_MAX = 8, 50
_ONGELDIG_IN_BLADNAAM = re.compile(r"[\[\]:*?/\\]")


def bladnaam(titel) -> str:
    """A sheet name Excel accepts: at most 31 characters, none of ``[]:*?/\\``."""
    naam = _ONGELDIG_IN_BLADNAAM.sub(" ", str(titel or "")).strip().strip("'").strip()
    return naam[:31].rstrip() or str(_("Gegevens"))


def _xlsx_cel(waarde):
    """(value, number format, width as shown) of a native value in a cell."""
    if isinstance(waarde, str):
        if settings.IMPORT_EXPORT_ESCAPE_ILLEGAL_CHARS_ON_EXPORT:
            waarde = ILLEGAL_CHARACTERS_RE.sub("\N{REPLACEMENT CHARACTER}", waarde)
        waarde = formule_veilig(waarde)
        return waarde, None, max((len(regel) for regel in waarde.split("\n")), default=0)
    if isinstance(waarde, bool) or waarde is None:
        return waarde, None, len(_cel_tekst(waarde))
    if isinstance(waarde, Decimal):
        return waarde, XLSX_EURO, len(f"€ {waarde:,.2f}")
    if isinstance(waarde, dt.datetime):
        if timezone.is_aware(waarde):
            waarde = timezone.localtime(waarde).replace(tzinfo=None)
        return waarde, XLSX_DATUM_TIJD, 16
    if isinstance(waarde, dt.date):
        return waarde, XLSX_DATUM, 10
    if isinstance(waarde, dt.time):
        return waarde, XLSX_TIJD, 5
    if isinstance(waarde, int | float):
        return waarde, None, len(_cel_tekst(waarde))
    tekst = formule_veilig(str(waarde))
    return tekst, None, len(tekst)


def xlsx_schrijven(*datasets: tablib.Dataset, gemaakt: dt.datetime | None = None) -> bytes:
    """A workbook people open without fixing it.

    A sheet per dataset, named after its ``title``; the header row bold and frozen; each
    column as wide as its longest value (capped); dates, times and amounts as real
    cells with a Belgian number format (dd/mm/yyyy, € 1.234,56); text that a
    spreadsheet would run as a formula starts with an apostrophe; rows tagged
    :data:`TOTAALRIJ` in bold. With ``gemaakt``, the file is that moment's, byte for
    byte the same for the same cells (no clock in it: a report embeds it and is kept by
    the hash of what it shows).
    """
    boek = openpyxl.Workbook()
    vet = Font(bold=True)
    for nummer, dataset in enumerate(datasets):
        blad = boek.active if nummer == 0 else boek.create_sheet()
        blad.title = bladnaam(dataset.title)
        koppen = [str(kop) for kop in dataset.headers or []]
        breedtes = [len(kop) for kop in koppen]
        if koppen:
            blad.append([formule_veilig(kop) for kop in koppen])
            for cel in blad[1]:
                cel.font = vet
            blad.freeze_panes = "A2"
        for rij in dataset._data:
            cellen = []
            for kolom, waarde in enumerate(rij):
                waarde, opmaak, breedte = _xlsx_cel(waarde)
                cel = WriteOnlyCell(blad, value=waarde)
                if opmaak:
                    cel.number_format = opmaak
                if rij.has_tag(TOTAALRIJ):
                    cel.font = vet
                if isinstance(waarde, str) and "\n" in waarde:
                    cel.alignment = Alignment(wrap_text=True, vertical="top")
                cellen.append(cel)
                if kolom >= len(breedtes):
                    breedtes.append(0)
                breedtes[kolom] = max(breedtes[kolom], breedte)
            blad.append(cellen)
        for kolom, breedte in enumerate(breedtes, start=1):
            blad.column_dimensions[get_column_letter(kolom)].width = min(
                max(breedte + 2, _BREEDTE_MIN), _BREEDTE_MAX
            )
    uit = io.BytesIO()
    boek.save(uit)
    return uit.getvalue() if gemaakt is None else _zonder_klok(uit.getvalue(), gemaakt)


_KERNTIJD = re.compile(rb"(<dcterms:(?:created|modified)\b[^>]*>)[^<]*")


def _zonder_klok(inhoud: bytes, gemaakt: dt.datetime) -> bytes:
    """The workbook with ``gemaakt`` as its creation and change time (openpyxl writes the
    moment of saving) and its archive's entries dated 1980-01-01 (the ZIP format's first
    day; zipfile writes the moment too)."""
    stempel = gemaakt.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    uit = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(inhoud)) as bron,
        zipfile.ZipFile(uit, "w", zipfile.ZIP_DEFLATED) as doel,
    ):
        for info in bron.infolist():
            deel = bron.read(info)
            if info.filename == "docProps/core.xml":
                deel = _KERNTIJD.sub(rb"\g<1>" + stempel, deel)
            doel.writestr(
                zipfile.ZipInfo(info.filename, (1980, 1, 1, 0, 0, 0)), deel, zipfile.ZIP_DEFLATED
            )
    return uit.getvalue()


class VeiligeXLSX(base_formats.XLSX):
    """XLSX read as its cells show, after the archive limits; exports run no formula."""

    def create_dataset(self, in_stream):
        controleer_archief(in_stream)
        try:
            boek = openpyxl.load_workbook(io.BytesIO(in_stream), read_only=True, data_only=True)
            blad = boek.worksheets[0]
            rijen = []
            # A sheet may say it reaches row 1,048,576 with one cell: rows and columns are
            # bounded too, so a small file cannot become millions of empty rows.
            for rij in blad.iter_rows(max_col=_MAX_KOLOMMEN):
                if len(rijen) >= settings.IMPORT_MAX_REGELS:
                    raise TeVeelRegels
                rijen.append(
                    [
                        zonder_formule_escape(xlsx_celwaarde(cel.value, cel.number_format))
                        if cel.value is not None
                        else None
                        for cel in rij
                    ]
                )
            boek.close()
        except TeVeelRegels:
            raise OnleesbaarBestand(
                _("Dit werkblad heeft meer dan %(max)s regels; zoveel leest de site niet in.")
                % {"max": settings.IMPORT_MAX_REGELS}
            ) from None
        except Exception as fout:  # openpyxl raises many kinds for a broken file
            raise OnleesbaarBestand(
                _("Dit is geen leesbaar XLSX-bestand (Excel 2007 of later).")
            ) from fout
        return _tabel(rijen)

    def export_data(self, dataset, **kwargs):
        return xlsx_schrijven(dataset)


FORMATEN = [BelgischeCSV, VeiligeXLSX]


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


class TijdWidget(widgets.TimeWidget):
    def __init__(self):
        super().__init__(format=None)
        self.formats = ("%H:%M", "%H.%M", "%H:%M:%S", "%Hu%M", "%Hu")

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, dt.datetime):
            return value.time()
        return super().clean(value.strip() if isinstance(value, str) else value, row, **kwargs)

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

    def clean(self, value, row=None, **kwargs):
        tekst = str(value or "").strip().lower()
        if not tekst:
            if self.standaard is not None:
                return self.standaard
            raise ValueError(_("Dit veld is verplicht."))
        for code, label in self.choices.choices:
            namen = {code.lower()}
            for taal in ("nl-be", "en"):
                with override(taal):
                    namen.add(str(label).lower())
            if tekst in namen:
                return code
        toegelaten = ", ".join(code for code, _label in self.choices.choices)
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
        tekst = _cel_tekst(value).replace("\x0b", "\n").strip()
        if teken := _STUURTEKENS.search(tekst):
            raise ValueError(
                _("Deze tekst bevat een onzichtbaar stuurteken (%(code)s); haal het weg.")
                % {"code": f"U+{ord(teken.group()):04X}"}
            )
        return tekst


class KolomFout(OnleesbaarBestand):
    """The header row does not name the columns this import reads."""


class RegelnummerResultaat(Result):
    """Numbers rows as the spreadsheet does: the header is line 1, data starts at 2."""

    def append_invalid_row(self, number, row, validation_error):
        super().append_invalid_row(number + 1, row, validation_error)

    def append_error_row(self, number, row, errors):
        super().append_error_row(number + 1, row, errors)


def kopnaam(kop) -> str:
    """A header as we compare it: no BOM, no surrounding or double spaces, any case."""
    return " ".join(str(kop or "").replace("\ufeff", "").split()).casefold()


class AllesOfNietsResource(resources.ModelResource):
    """Imports a file whole or not at all: one bad row rolls back every row.

    django-import-export commits the good rows of a file that has validation
    errors unless told otherwise; here every import runs in one transaction
    that is rolled back on any error or invalid row. Before any row is read, the
    header row is matched to the columns (any case, spaces, BOM), and rows whose
    key is the same value written differently are refused together.
    """

    #: Columns a file must have; by default the key's columns.
    verplichte_kolommen: tuple[str, ...] | None = None
    #: Columns that together say which record a row is; by default the key's columns.
    sleutelkolommen: tuple[str, ...] | None = None

    def get_result_class(self):
        return RegelnummerResultaat

    def _sleutelkolommen(self) -> list[str]:
        if self.sleutelkolommen is not None:
            return list(self.sleutelkolommen)
        return [self.fields[naam].column_name for naam in self._meta.import_id_fields]

    def _kolommen_gelijkgetrokken(self, dataset: tablib.Dataset) -> tablib.Dataset:
        """The same data with each header spelled as the column it names; one error otherwise."""
        verwacht = [veld.column_name for veld in self.fields.values()]
        per_naam = {kopnaam(kolom): kolom for kolom in verwacht}
        gevonden = list(dataset.headers or [])
        koppen = [per_naam.get(kopnaam(kop)) for kop in gevonden]
        onbekend = [
            str(kop).strip() or str(_("(kolom zonder naam)"))
            for kop, kolom in zip(gevonden, koppen, strict=True)
            if kolom is None
        ]
        dubbel = sorted({k for k in koppen if k is not None and koppen.count(k) > 1})
        verplicht = self.verplichte_kolommen or self._sleutelkolommen()
        ontbreekt = [kolom for kolom in verplicht if kolom not in koppen]
        if onbekend or ontbreekt or dubbel:
            delen = []
            if ontbreekt:
                delen.append(_("Ontbrekende kolom: %(namen)s.") % {"namen": _lijst(ontbreekt)})
            if onbekend:
                delen.append(_("Onbekende kolom: %(namen)s.") % {"namen": _lijst(onbekend)})
            if dubbel:
                delen.append(_("Dubbele kolom: %(namen)s.") % {"namen": _lijst(dubbel)})
            raise KolomFout(
                _(
                    "De kopregel van het bestand klopt niet. %(fouten)s Verwacht: %(verwacht)s "
                    "(verplicht: %(verplicht)s). Gevonden: %(gevonden)s."
                )
                % {
                    "fouten": " ".join(str(deel) for deel in delen),
                    "verwacht": _lijst(verwacht),
                    "verplicht": _lijst(verplicht),
                    "gevonden": _lijst([str(k).strip() for k in gevonden]),
                }
            )
        gelijk = tablib.Dataset(headers=koppen)
        for rij in dataset:
            gelijk.append(rij)
        return gelijk

    def export(self, *args, **kwargs) -> tablib.Dataset:
        """The rows, titled with the model's plural: the XLSX's sheet ("Kostenposten")."""
        data = super().export(*args, **kwargs)
        data.title = capfirst(self._meta.model._meta.verbose_name_plural)
        return data

    def aanvullen(self, dataset: tablib.Dataset) -> None:
        """Fill in what a file may leave out (a key made from other columns), before any check."""

    def _dubbele_regels(self, dataset: tablib.Dataset) -> dict[int, int]:
        """{line: the earlier line} for rows whose key repeats an earlier row's, as values."""
        kolommen = [k for k in self._sleutelkolommen() if k in dataset.headers]
        if not kolommen:
            return {}
        eerder, dubbel = {}, {}
        for regel, rij in enumerate(dataset.dict, start=2):
            sleutel = tuple(sleutelwaarde(_cel_tekst(rij.get(kolom))) for kolom in kolommen)
            if sleutel in eerder:
                dubbel[regel] = eerder[sleutel]
            else:
                eerder[sleutel] = regel
        return dubbel

    def import_data(self, dataset, dry_run=False, raise_errors=False, **kwargs):
        try:
            dataset = self._kolommen_gelijkgetrokken(dataset)
        except KolomFout as fout:
            resultaat = self.get_result_class()()
            resultaat.append_base_error(self.get_error_result_class()(fout))
            return resultaat
        self.aanvullen(dataset)
        self._dubbel = self._dubbele_regels(dataset)
        kwargs["use_transactions"] = True
        kwargs["rollback_on_validation_errors"] = True
        with transaction.atomic():
            return super().import_data(
                dataset, dry_run=dry_run, raise_errors=raise_errors, **kwargs
            )

    def import_row(self, row, instance_loader, **kwargs):
        """A row that repeats an earlier row's key is refused before it is looked up."""
        regel = kwargs.get("row_number", 0) + 1  # the header is line 1
        eerste = getattr(self, "_dubbel", {}).get(regel)
        if eerste is None:
            return super().import_row(row, instance_loader, **kwargs)
        rijresultaat = self.get_row_result_class()()
        rijresultaat.import_type = RowResult.IMPORT_TYPE_INVALID
        rijresultaat.validation_error = ValidationError(
            _(
                "Dit is dezelfde regel als regel %(eerste)s, anders geschreven (zelfde "
                "%(kolommen)s). Laat er één van staan."
            )
            % {"eerste": eerste, "kolommen": _lijst(self._sleutelkolommen())}
        )
        return rijresultaat

    def modelfouten(self, instance, import_validation_errors) -> dict:
        """The row's errors from its cells and the model's own checks, by model field."""
        fouten = dict(import_validation_errors or {})
        try:
            instance.full_clean(exclude=list(fouten))
        except ValidationError as fout:
            fouten = fout.update_error_dict(fouten)
        return fouten

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        if fouten := self.modelfouten(instance, import_validation_errors):
            # Named by the file's column ("vergadering"), not the model field behind it.
            kolom = {f.attribute: f.column_name for f in self.fields.values() if f.attribute}
            raise ValidationError({kolom.get(k, k): v for k, v in fouten.items()})

    class Meta:
        abstract = True
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True


def kolom(dataset: tablib.Dataset, kop: str) -> list:
    """The values of a column, or empty cells when the file has no such column."""
    return list(dataset[kop]) if kop in dataset.headers else [""] * len(dataset)


def kolom_vervangen(dataset: tablib.Dataset, kop: str, waarden: list) -> None:
    """Put ``waarden`` in column ``kop``, adding it when the file left it out."""
    if kop in dataset.headers:
        del dataset[kop]
    dataset.append_col(waarden, header=kop)


def _lijst(namen) -> str:
    return ", ".join(f"„{naam}”" for naam in namen)


@dataclass
class Importfout:
    """One reason a file was refused, as the import page shows it: line, column, value, why."""

    regel: int | None
    kolom: str
    waarde: str
    reden: str


_SERVERFOUT = _(
    "Deze regel kon niet worden verwerkt door een fout op de server; er is niets opgeslagen. "
    "Meld het aan de beheerder van de site."
)


def importfouten(resultaat: Result) -> list[Importfout]:
    """Every error of an import, in file order, in words: never a traceback or a server path."""
    fouten = []
    for fout in resultaat.base_errors:
        if isinstance(fout.error, OnleesbaarBestand):
            fouten.append(Importfout(None, "", "", str(fout.error)))
        else:
            logger.error("Import mislukt", exc_info=fout.error)
            fouten.append(Importfout(None, "", "", str(_SERVERFOUT)))
    for regel, rij in enumerate(resultaat.rows, start=2):
        for fout in rij.errors:
            logger.error("Importregel %s mislukt", regel, exc_info=fout.error)
            fouten.append(Importfout(regel, "", "", str(_SERVERFOUT)))
    for rij in resultaat.invalid_rows:
        waarden = dict(zip(resultaat.diff_headers, rij.values, strict=False))
        for kolom, redenen in rij.field_specific_errors.items():
            waarde = waarden.get(kolom)
            for reden in redenen:
                tekst = "" if waarde == "---" else _cel_tekst(waarde)
                fouten.append(Importfout(rij.number, kolom, tekst, reden))
        for reden in rij.non_field_specific_errors:
            fouten.append(Importfout(rij.number, "", "", reden))
    return sorted(fouten, key=lambda f: f.regel or 0)


class AlIngelezen(Exception):
    """The confirmed file was imported already, or its preview is gone."""


def _tijdelijk_bestand_opeisen(naam: str) -> str:
    """Take the previewed file for this one confirm: of two confirms, one gets it.

    The preview keeps the upload in the temporary folder under the name the
    confirm form carries back; renaming is atomic, so a second confirm (a double
    click, the back button, a second worker) finds nothing to import. A name
    outside the temporary folder is refused like a missing one.
    """
    map_ = os.path.realpath(tempfile.gettempdir())
    pad = os.path.realpath(os.path.join(map_, naam))
    if os.path.dirname(pad) != map_ or not os.path.basename(pad).startswith("tmp"):
        raise AlIngelezen
    bezig = f"{pad}.bezig"
    try:
        os.rename(pad, bezig)
    except OSError:
        raise AlIngelezen from None
    return bezig


class BegrensdImportFormulier(ImportForm):
    """The import form, in Dutch, refusing files over ``settings.IMPORT_MAX_BYTES``."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["import_file"].label = _("Bestand")
        self.fields["format"].label = _("Formaat")
        self.fields["resource"].label = _("Soort gegevens")

    def clean_import_file(self):
        bestand = self.cleaned_data["import_file"]
        if bestand.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _("Het bestand is %(grootte)s; het maximum is %(max)s.")
                % {
                    "grootte": filesizeformat(bestand.size),
                    "max": filesizeformat(settings.IMPORT_MAX_BYTES),
                }
            )
        return bestand


class NederlandsExportFormulier(SelectableFieldsExportForm):
    """The export form with its labels in Dutch."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["format"].label = _("Formaat")
        self.fields["resource"].label = _("Soort gegevens")

    def _validate_any_field_selected(self, resource) -> None:
        # The library's own check, with its message in Dutch.
        kolommen = list(resource().get_export_order())
        if not any(v for k, v in self.cleaned_data.items() if k in kolommen):
            raise forms.ValidationError(
                _("Kies minstens één kolom om te exporteren."), code="invalid"
            )


class SpreadsheetExport(ExportMixin):
    """Export to CSV/XLSX behind its own permission, on the project's Dutch page; numbers and
    dates leave as themselves (real cells in XLSX, Belgian text in CSV). For an admin that
    exports but does not import (the project fiches)."""

    formats = FORMATEN
    export_form_class = NederlandsExportFormulier
    export_template_name = "admin/spreadsheets/export.html"

    def get_export_queryset(self, request):
        """The list's filters from the address; one the list does not know is the address's
        mistake (400), which the library let through as a 500 (the list itself redirects)."""
        try:
            return super().get_export_queryset(request)
        except IncorrectLookupParameters:
            raise BadRequest from None

    def get_export_data(self, file_format, request, queryset, **kwargs):
        if not self.has_export_permission(request):
            raise PermissionDenied
        data = self.get_data_for_export(request, queryset, force_native_type=True, **kwargs)
        return file_format.export_data(data)


class SpreadsheetAdmin(SpreadsheetExport, ImportExportModelAdmin):
    """Admin with CSV/XLSX import and export, each behind its own permission.

    The import and export pages are the project's own templates: in Dutch, every
    error in the page itself (line, column, value, reason), no script inline.
    """

    import_form_class = BegrensdImportFormulier
    import_template_name = "admin/spreadsheets/import.html"

    def import_action(self, request, **kwargs):
        antwoord = super().import_action(request, **kwargs)
        context = getattr(antwoord, "context_data", None)
        if context is not None and context.get("result") is not None:
            resultaat = context["result"]
            context["fouten"] = importfouten(resultaat)
            context["totalen"] = _totalen(resultaat)
        return antwoord

    @method_decorator(require_POST)
    def process_import(self, request, **kwargs):
        """Import the previewed file once: a second confirm says so, it never fails."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        importpagina = reverse(
            f"admin:{self.model._meta.app_label}_{self.model._meta.model_name}_import",
            current_app=self.admin_site.name,
        )
        form = self.create_confirm_form(request)
        try:
            if not form.is_valid():
                raise AlIngelezen
            bezig = _tijdelijk_bestand_opeisen(form.cleaned_data["import_file_name"])
        except AlIngelezen:
            messages.warning(
                request,
                _(
                    "Dit bestand is al ingelezen, of de voorvertoning is verlopen. Laad het "
                    "bestand opnieuw op als u het nog wilt inlezen."
                ),
            )
            return redirect(importpagina)
        try:
            with open(bezig, "rb") as bestand:
                inhoud = bestand.read()
            formaat = self.get_import_formats()[int(form.cleaned_data["format"])]()
            resultaat = self.process_dataset(formaat.create_dataset(inhoud), form, request)
        except OnleesbaarBestand:
            resultaat = None
        finally:
            os.remove(bezig)
        if resultaat is None or resultaat.has_errors() or resultaat.has_validation_errors():
            messages.error(
                request,
                _(
                    "Het bestand kon niet meer worden ingelezen: de gegevens zijn sinds de "
                    "voorvertoning veranderd. Er is niets opgeslagen; laad het opnieuw op."
                ),
            )
            return redirect(importpagina)
        return self.process_result(resultaat, request)

    def add_success_message(self, result, request):
        messages.success(
            request,
            _("Ingelezen (%(soort)s): %(totalen)s.")
            % {"soort": self.model._meta.verbose_name_plural, "totalen": _totalen(result)},
        )

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, OnleesbaarBestand):
            form.add_error("import_file", str(e))
        else:
            logger.warning("Onleesbaar importbestand", exc_info=e)
            form.add_error(
                "import_file",
                _("Dit bestand kunnen we niet lezen. Kies het juiste formaat (CSV of XLSX)."),
            )


def _totalen(resultaat: Result) -> str:
    """ "2 nieuw, 1 gewijzigd, 5 ongewijzigd": what the import did or would do."""
    totalen = resultaat.totals
    return _("%(nieuw)s nieuw, %(gewijzigd)s gewijzigd, %(ongewijzigd)s ongewijzigd") % {
        "nieuw": totalen[RowResult.IMPORT_TYPE_NEW],
        "gewijzigd": totalen[RowResult.IMPORT_TYPE_UPDATE],
        "ongewijzigd": totalen[RowResult.IMPORT_TYPE_SKIP],
    }


class SlugUitKolom:
    """A file may leave out the slug: it is then ``slugify`` of the ``slug_bron`` column."""

    slug_bron = "naam"

    def aanvullen(self, dataset):
        super().aanvullen(dataset)
        slugs = [
            str(slug or "").strip() or slugify(str(bron or ""))
            for slug, bron in zip(
                kolom(dataset, "slug"), kolom(dataset, self.slug_bron), strict=True
            )
        ]
        kolom_vervangen(dataset, "slug", slugs)

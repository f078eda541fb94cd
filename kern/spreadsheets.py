"""Spreadsheets as Belgian offices make them, for django-import-export.

Shared by every app that imports or exports: formats that read `;` or `,`
separated CSV in UTF-8 (with or without BOM) or Windows-1252, and XLSX;
formula-safe exports that re-import unchanged; day-first dates; and a base
resource that imports a file all or nothing.
"""

from __future__ import annotations

import codecs
import copy
import csv
import datetime as dt
import functools
import io
import logging
import os
import re
import secrets
import tempfile
import time
import zipfile
from dataclasses import dataclass
from decimal import Decimal

import openpyxl
import tablib
from defusedxml import ElementTree as DefusedET
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.models import LogEntry
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import (
    BadRequest,
    FieldDoesNotExist,
    PermissionDenied,
    ValidationError,
)
from django.db import models, transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.decorators import method_decorator
from django.utils.safestring import mark_safe
from django.utils.text import capfirst, slugify
from django.utils.translation import get_language, override
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from import_export import resources, widgets
from import_export.admin import ExportMixin, ImportExportModelAdmin
from import_export.formats import base_formats
from import_export.forms import ImportForm, SelectableFieldsExportForm
from import_export.results import Result, RowResult
from import_export.tmp_storages import TempFolderStorage
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
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


def cel_tekst(cel) -> str:
    """A native value as a Belgian spreadsheet shows it: 36,30 · 02/12/2005 · 14:00."""
    if cel is None:
        return ""
    if isinstance(cel, float):  # 15 significant digits, as the spreadsheet holds it
        cel = Decimal(format(cel, ".15g")) if cel != int(cel) else int(cel)
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

    ``rijen`` are all of the file's rows, the empty ones too: each data row keeps the
    number the file gives it (``dataset.regelnummers``), so a message about "regel 7"
    points at row 7 in Calc or Excel even after blank lines. Spreadsheets leave out
    trailing empty cells and a ";" at the end of a line adds an empty one; a column
    with neither a header nor a value is dropped.
    """
    genummerd = [
        (nummer, list(rij))
        for nummer, rij in enumerate(rijen, start=1)
        if any(cel not in (None, "") and str(cel).strip() for cel in rij)
    ]
    regelnummers = [nummer for nummer, _ in genummerd[1:]]
    rijen = [rij for _, rij in genummerd]
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
    dataset.regelnummers = regelnummers
    return dataset


def regelnummers(dataset: tablib.Dataset) -> list[int]:
    """The file's line number of each data row (the header being line 1 unless told)."""
    return list(getattr(dataset, "regelnummers", None) or range(2, dataset.height + 2))


def regel_weglaten(dataset: tablib.Dataset, index: int) -> None:
    """Leave a data row out (a totals row), the others keeping their line numbers."""
    nummers = regelnummers(dataset)
    del dataset[index]
    del nummers[index]
    dataset.regelnummers = nummers


class BelgischeCSV(base_formats.CSV):
    """CSV with `;` or `,`, in UTF-8, Windows-1252 or UTF-16; exported as UTF-8 with BOM and `;`."""

    def is_binary(self):
        return True  # we get the raw bytes and decode them ourselves

    def get_read_mode(self):
        return "rb"

    def create_dataset(self, in_stream, **kwargs):
        tekst = decodeer(in_stream) if isinstance(in_stream, bytes) else in_stream
        eerste_regel = next((r for r in tekst.splitlines() if r.strip()), "")
        # ";" (Belgian Excel and Calc), "," (elsewhere) or a tab (Excel's "Unicode-tekst").
        scheidingsteken = max(";,\t", key=eerste_regel.count)
        lezer = csv.reader(io.StringIO(tekst, newline=""), delimiter=scheidingsteken)
        rijen = list(lezer)
        gevuld = [(n, rij) for n, rij in enumerate(rijen, start=1) if any(c.strip() for c in rij)]
        if not gevuld:
            raise OnleesbaarBestand(_("Het bestand is leeg."))
        if len(gevuld) - 1 > settings.IMPORT_MAX_REGELS:
            raise _te_veel_regels()
        kop = gevuld[0][1]
        for nummer, rij in gevuld[1:]:
            if len(rij) > len(kop) and any(cel.strip() for cel in rij[len(kop) :]):
                raise OnleesbaarBestand(
                    _(
                        "Regel %(regel)s heeft %(aantal)s kolommen, de kopregel %(verwacht)s. "
                        "Staat er een scheidingsteken (;) te veel in die regel?"
                    )
                    % {"regel": nummer, "aantal": len(rij), "verwacht": len(kop)}
                )
        return _tabel([[zonder_formule_escape(cel) for cel in rij] for rij in rijen])

    def export_data(self, dataset, **kwargs):
        uit = io.StringIO(newline="")
        schrijver = csv.writer(uit, delimiter=";", lineterminator="\r\n")
        schrijver.writerow(dataset.headers)
        for rij in _veilige_dataset(dataset):
            schrijver.writerow([cel_tekst(cel) for cel in rij])
        return "\ufeff" + uit.getvalue()


_ONLEESBAAR = {
    "xlsx": _("Dit is geen leesbaar XLSX-bestand (Excel 2007 of later)."),
    "ods": _("Dit is geen leesbaar ODS-bestand (LibreOffice Calc)."),
}


def controleer_archief(inhoud: bytes, soort: str = "xlsx") -> None:
    """Refuse an XLSX or ODS whose parts would unpack beyond the set limits, before anyone
    parses it.

    Both are ZIP archives; a "zip bomb" of a megabyte can unpack to gigabytes.
    The central directory says how large each part becomes; Python's zipfile
    never unpacks a part beyond that size, so checking it bounds the memory.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(inhoud)) as archief:
            delen = archief.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as fout:
        raise OnleesbaarBestand(_ONLEESBAAR[soort]) from fout
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
                "Dit bestand zou uitgepakt %(grootte)s worden (het maximum is %(max)s, "
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


def _als_maand(datum: dt.date) -> str:
    """A date cell that shows no day, as the month it shows: "december 2006"."""
    with override("nl-be"):
        return str(Datumaanduiding.maand(datum.year, datum.month))


def xlsx_celwaarde(waarde, opmaak: str | None):
    """A cell as the person sees it: a date shown as a month is that month, as text.

    A date cell whose format shows a day stays a date (without a 00:00 time).
    A month format ("december 2006") becomes the text "december 2006", which every
    date widget reads with its precision, never as the first of the month.
    """
    if isinstance(waarde, dt.datetime | dt.date):
        if _toont_geen_dag(opmaak):
            return _als_maand(waarde)
        if isinstance(waarde, dt.datetime) and waarde.time() == dt.time(0):
            return waarde.date()
    return waarde


_MAX_KOLOMMEN = 100


class TeVeelRegels(Exception):
    """The sheet is longer than ``settings.IMPORT_MAX_REGELS``."""


def _te_veel_regels() -> OnleesbaarBestand:
    return OnleesbaarBestand(
        _("Dit bestand heeft meer dan %(max)s regels; zoveel leest de site niet in.")
        % {"max": formats.number_format(settings.IMPORT_MAX_REGELS, force_grouping=True)}
    )


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
        return waarde, None, max((len(regel) for regel in waarde.split("\n")), default=0)
    if isinstance(waarde, bool) or waarde is None:
        return waarde, None, len(cel_tekst(waarde))
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
        return waarde, None, len(cel_tekst(waarde))
    tekst = str(waarde)
    return tekst, None, len(tekst)


def _xlsx_schrijfcel(blad, waarde, opmaak: str | None, font: Font | None):
    """What a write-only sheet's row holds for a value: the value itself where openpyxl
    writes it as we mean it (most cells of a long list, at a third of a cell's cost), else a
    cell that says how."""
    if (
        opmaak is None
        and font is None
        and not (
            isinstance(waarde, str)
            and ("\n" in waarde or waarde.startswith("=") or waarde in ERROR_CODES)
        )
    ):
        return waarde
    cel = WriteOnlyCell(blad, value=waarde)
    if isinstance(waarde, str):
        cel.data_type = "s"  # a text cell, even "=…": openpyxl makes that a formula
        if "\n" in waarde:
            cel.alignment = Alignment(wrap_text=True, vertical="top")
    if opmaak:
        cel.number_format = opmaak
    if font:
        cel.font = font
    return cel


def xlsx_schrijven(*datasets: tablib.Dataset, gemaakt: dt.datetime | None = None) -> bytes:
    """A workbook people open without fixing it.

    A sheet per dataset, named after its ``title``; the header row bold and frozen; each
    column as wide as its longest value (capped); dates, times and amounts as real
    cells with a Belgian number format (dd/mm/yyyy, € 1.234,56); text is a text cell,
    shown as written and never run as a formula ("=HYPERLINK(…)", "+32 …"), so
    without the apostrophe a CSV needs; rows tagged :data:`TOTAALRIJ` in bold. With
    ``gemaakt``, the file is that moment's, byte for byte the same for the same cells (no
    clock in it: a report embeds it and is kept by the hash of what it shows).
    """
    # Write-only: rows stream to the file, no worksheet of cell objects kept (a large
    # report embeds thousands of rows); so the column widths are measured first.
    boek = openpyxl.Workbook(write_only=True)
    vet = Font(bold=True)
    for dataset in datasets:
        blad = boek.create_sheet(bladnaam(dataset.title))
        koppen = [str(kop) for kop in dataset.headers or []]
        breedtes = [len(kop) for kop in koppen]
        rijen = []
        for rij in dataset._data:
            cellen = []
            for kolom, waarde in enumerate(rij):
                waarde, opmaak, breedte = _xlsx_cel(waarde)
                cellen.append((waarde, opmaak))
                if kolom >= len(breedtes):
                    breedtes.append(0)
                breedtes[kolom] = max(breedtes[kolom], breedte)
            rijen.append((cellen, rij.has_tag(TOTAALRIJ)))
        for kolom, breedte in enumerate(breedtes, start=1):
            blad.column_dimensions[get_column_letter(kolom)].width = min(
                max(breedte + 2, _BREEDTE_MIN), _BREEDTE_MAX
            )
        if koppen:
            blad.freeze_panes = "A2"
            blad.append([_xlsx_schrijfcel(blad, kop, None, vet) for kop in koppen])
        for cellen, totaal in rijen:
            blad.append(
                [_xlsx_schrijfcel(blad, w, opmaak, vet if totaal else None) for w, opmaak in cellen]
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


def _zichtbaar_blad(boek):
    """The sheet a person sees on opening the file: the active one, else the first visible."""
    actief = boek.active
    if actief is not None and getattr(actief, "sheet_state", "visible") == "visible":
        return actief
    zichtbaar = [b for b in boek.worksheets if getattr(b, "sheet_state", "visible") == "visible"]
    if not zichtbaar:
        raise OnleesbaarBestand(_("Dit bestand heeft geen zichtbaar werkblad."))
    return zichtbaar[0]


class VeiligeXLSX(base_formats.XLSX):
    """XLSX read as its cells show, after the archive limits; exports run no formula."""

    def create_dataset(self, in_stream):
        controleer_archief(in_stream)
        try:
            boek = openpyxl.load_workbook(io.BytesIO(in_stream), read_only=True, data_only=True)
            blad = _zichtbaar_blad(boek)
            # The sheet's recorded size (<dimension>) is not trusted: some tools write it
            # smaller than the data, and read-only mode would stop there without a word.
            blad.reset_dimensions()
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
            dataset = _tabel(rijen)
        except TeVeelRegels:
            raise _te_veel_regels() from None
        except OnleesbaarBestand:
            raise
        except Exception as fout:  # openpyxl raises many kinds for a broken file
            raise OnleesbaarBestand(
                _("Dit is geen leesbaar XLSX-bestand (Excel 2007 of later).")
            ) from fout
        dataset.title = blad.title  # the import page says which sheet it read
        return dataset

    def export_data(self, dataset, **kwargs):
        return xlsx_schrijven(dataset)


# OpenDocument's names, as ElementTree writes them.
_OD = {
    naam: f"{{urn:oasis:names:tc:opendocument:xmlns:{naam}:1.0}}"
    for naam in ("office", "table", "text", "style", "config")
}
_OD_CELLEN = (_OD["table"] + "table-cell", _OD["table"] + "covered-table-cell")
_OD_TIJD = re.compile(r"PT(\d+)H(\d+)M(\d+)(?:[.,]\d+)?S")


def _ods_tekst(element) -> str:
    """A text:p as shown: its spans, ``text:s`` spaces, tabs and line breaks."""
    delen = [element.text or ""]
    for kind in element:
        if kind.tag == _OD["text"] + "s":
            delen.append(" " * int(kind.get(_OD["text"] + "c", "1")))
        elif kind.tag == _OD["text"] + "tab":
            delen.append("\t")
        elif kind.tag == _OD["text"] + "line-break":
            delen.append("\n")
        else:
            delen.append(_ods_tekst(kind))
        delen.append(kind.tail or "")
    return "".join(delen)


_DATUMDELEN = re.compile(r"\d+|[^\W\d_]+")


def _ods_cel(cel):
    """A cell's value as the sheet shows it, as openpyxl would give it for an XLSX."""
    soort = cel.get(_OD["office"] + "value-type")
    getoond = "\n".join(_ods_tekst(p) for p in cel.iter(_OD["text"] + "p"))
    if soort in ("float", "percentage", "currency"):
        return float(cel.get(_OD["office"] + "value"))
    if soort == "date":
        waarde = cel.get(_OD["office"] + "date-value")
        datum = dt.datetime.fromisoformat(waarde)
        try:  # a date shown as a month ("december 2006") is that month
            if Datumaanduiding.parse(getoond).precisie != Datumaanduiding.dag(datum).precisie:
                return getoond
        except OngeldigeDatum:
            # Shown in a way we do not parse: without a day when it has only two parts, a
            # month and a year (Gnumeric's "2006/12"), as an XLSX format without "d" is.
            if "T" not in waarde and len(_DATUMDELEN.findall(getoond)) == 2:
                return _als_maand(datum)
        return datum.date() if "T" not in waarde else datum
    if soort == "time":
        gevonden = _OD_TIJD.fullmatch(cel.get(_OD["office"] + "time-value", ""))
        if gevonden:
            uren, minuten, seconden = (int(g) for g in gevonden.groups())
            return dt.time(uren % 24, minuten, seconden)
    if soort == "boolean":
        return cel.get(_OD["office"] + "boolean-value") == "true"
    return getoond or None


class VeiligeODS(base_formats.Format):
    """LibreOffice's own format, read like an XLSX: the archive limits first, the sheet the
    file opens on (or the first visible), rows and columns bounded however many a row says
    it repeats, cells as the sheet shows them. Imports only; exports are CSV and XLSX."""

    def get_title(self):
        return "ods"

    def get_extension(self):
        return "ods"

    def get_content_type(self):
        return "application/vnd.oasis.opendocument.spreadsheet"

    def can_import(self):
        return True

    def create_dataset(self, in_stream):
        controleer_archief(in_stream, "ods")
        try:
            with zipfile.ZipFile(io.BytesIO(in_stream)) as archief:
                inhoud = DefusedET.fromstring(archief.read("content.xml"))
                namen = set(archief.namelist())
                instellingen = (
                    DefusedET.fromstring(archief.read("settings.xml"))
                    if "settings.xml" in namen
                    else None
                )
            blad = self._blad(inhoud, instellingen)
            rijen = self._rijen(blad)
            dataset = _tabel(rijen)
        except TeVeelRegels:
            raise _te_veel_regels() from None
        except OnleesbaarBestand:
            raise
        except Exception as fout:  # a broken archive or XML, in many kinds
            raise OnleesbaarBestand(_ONLEESBAAR["ods"]) from fout
        dataset.title = blad.get(_OD["table"] + "name")
        return dataset

    @staticmethod
    def _blad(inhoud, instellingen):
        verborgen = {
            stijl.get(_OD["style"] + "name")
            for stijl in inhoud.iter(_OD["style"] + "style")
            for eigenschappen in stijl.iter(_OD["style"] + "table-properties")
            if eigenschappen.get(_OD["table"] + "display") == "false"
        }
        bladen = [
            blad
            for blad in inhoud.iter(_OD["table"] + "table")
            if blad.get(_OD["table"] + "style-name") not in verborgen
        ]
        if not bladen:
            raise OnleesbaarBestand(_("Dit bestand heeft geen zichtbaar werkblad."))
        actief = None
        if instellingen is not None:
            for item in instellingen.iter(_OD["config"] + "config-item"):
                if item.get(_OD["config"] + "name") == "ActiveTable":
                    actief = item.text
                    break
        return next((b for b in bladen if b.get(_OD["table"] + "name") == actief), bladen[0])

    @staticmethod
    def _rijen(blad) -> list[list]:
        rijen, leeg = [], 0  # empty rows are counted, and kept only before a filled one
        for rij in blad.iter(_OD["table"] + "table-row"):
            cellen, lege_cellen = [], 0
            for cel in rij:
                if cel.tag not in (
                    _OD["table"] + "table-cell",
                    _OD["table"] + "covered-table-cell",
                ):
                    continue
                waarde = _ods_cel(cel)
                keer = int(cel.get(_OD["table"] + "number-columns-repeated", "1"))
                if waarde is None:
                    lege_cellen += keer
                    continue
                cellen += [None] * min(lege_cellen, _MAX_KOLOMMEN)
                cellen += [zonder_formule_escape(waarde)] * min(keer, _MAX_KOLOMMEN)
                lege_cellen = 0
                if len(cellen) > _MAX_KOLOMMEN:
                    cellen = cellen[:_MAX_KOLOMMEN]
                    break
            keer = int(rij.get(_OD["table"] + "number-rows-repeated", "1"))
            if not cellen:
                leeg += keer
                continue
            if len(rijen) + leeg + keer > settings.IMPORT_MAX_REGELS + 1:
                raise TeVeelRegels
            rijen += [[]] * leeg + [cellen] * keer
            leeg = 0
        return rijen


FORMATEN = [BelgischeCSV, VeiligeXLSX, VeiligeODS]


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


class KolomFout(OnleesbaarBestand):
    """The header row does not name the columns this import reads."""


def bestandsregel(regels: list[int] | None, nummer: int) -> int:
    """The file's line of the ``nummer``-th data row (from 1): from ``regels`` (a dataset's
    ``regelnummers``), else as if the header were line 1 and nothing blank."""
    return regels[nummer - 1] if regels and 0 < nummer <= len(regels) else nummer + 1


class RegelnummerResultaat(Result):
    """Numbers rows as the spreadsheet does (``regels``: the file's line of each data row;
    by default the header is line 1 and the data starts at 2)."""

    def __init__(self, *args, regels: list[int] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.regels = regels

    def regel(self, number: int) -> int:
        return bestandsregel(self.regels, number)

    def append_invalid_row(self, number, row, validation_error):
        super().append_invalid_row(self.regel(number), row, validation_error)

    def append_error_row(self, number, row, errors):
        super().append_error_row(self.regel(number), row, errors)


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
    #: Told (rows done, rows in all) after each row: ``manage.py importeer``'s progress bar.
    voortgang = None

    def get_result_class(self):
        return functools.partial(RegelnummerResultaat, regels=getattr(self, "_regels", None))

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
        gelijk.regelnummers = regelnummers(dataset)
        return gelijk

    def export(self, *args, **kwargs) -> tablib.Dataset:
        """The rows, titled with the model's plural: the XLSX's sheet ("Kostenposten")."""
        data = super().export(*args, **kwargs)
        data.title = capfirst(self._meta.model._meta.verbose_name_plural)
        return data

    def aanvullen(self, dataset: tablib.Dataset) -> None:
        """Fill in what a file may leave out (a key made from other columns), before any check."""

    def _dubbele_regels(self, dataset: tablib.Dataset) -> dict[int, int]:
        """{line: the earlier line} for rows whose key repeats an earlier row's: the key as
        the database lookup compares it (:meth:`_rijsleutel`), so "vvsg" is "VVSG", "›" is ">"
        and a meeting named by its key is the same meeting named by its date."""
        if any(
            self.fields[n].column_name not in dataset.headers for n in self.get_import_id_fields()
        ):
            return {}
        eerder, dubbel = {}, {}
        for regel, rij in zip(regelnummers(dataset), dataset.dict, strict=True):
            sleutel = self._rijsleutel(rij, als_geschreven=True)
            if sleutel is None or "" in sleutel:
                continue  # a key left empty (or unreadable) is the row's own error, no twin
            if sleutel in eerder:
                dubbel[regel] = eerder[sleutel]
            else:
                eerder[sleutel] = regel
        return dubbel

    def import_data(self, dataset, dry_run=False, raise_errors=False, **kwargs):
        blad = dataset.title  # the sheet of a workbook that was read
        try:
            dataset = self._kolommen_gelijkgetrokken(dataset)
        except KolomFout as fout:
            resultaat = self.get_result_class()()
            resultaat.append_base_error(self.get_error_result_class()(fout))
            return resultaat
        self.aanvullen(dataset)
        self._regels = regelnummers(dataset)
        self._dubbel = self._dubbele_regels(dataset)
        kwargs["use_transactions"] = True
        kwargs["rollback_on_validation_errors"] = True
        with transaction.atomic():
            resultaat = super().import_data(
                dataset, dry_run=dry_run, raise_errors=raise_errors, **kwargs
            )
        resultaat.blad = blad
        return resultaat

    @staticmethod
    def _sleuteldeel(waarde):
        """A key cell as a value: a record by its id, a text by :func:`sleutelwaarde`; no
        record (an optional reference left empty) is ``None``, an empty text ``""``."""
        if isinstance(waarde, models.Model):
            return ("pk", waarde.pk)
        if waarde is None:
            return None
        return sleutelwaarde(waarde) if isinstance(waarde, str) else waarde

    def _sleutel_van(self, record) -> tuple:
        delen = []
        for naam in self.get_import_id_fields():
            veld = record._meta.get_field(self.fields[naam].attribute)
            waarde = getattr(record, veld.attname)
            delen.append(("pk", waarde) if veld.is_relation and waarde is not None else waarde)
        return tuple(self._sleuteldeel(deel) for deel in delen)

    def _rijsleutel(self, row, *, als_geschreven: bool = False) -> tuple | None:
        """A row's key as values, the one comparison of the lookup in the database and of
        the twin check inside a file: each key cell read by its column's widget, a record
        by its id, a text by :func:`sleutelwaarde`. ``None`` when a key cell cannot be
        read; the row's own validation then names that column and why.

        ``als_geschreven``: a reference to a record not in the database (one an earlier
        line of the same file makes: a new parent organisation) is its writing as a value,
        as :class:`Verwijzing` compares it, so two lines naming it differently are twins.
        """
        delen = []
        for naam in self.get_import_id_fields():
            veld = self.fields[naam]
            if veld.column_name not in row:
                return None
            try:
                delen.append(self._sleuteldeel(self.celwaarde(veld, row)))
            except ValueError:
                if not (als_geschreven and isinstance(veld.widget, Verwijzing)):
                    return None
                tekst = veld.widget.gelezen(row[veld.column_name], row)
                if not tekst:
                    return None
                delen.append(("geschreven", sleutelwaarde(tekst)))
        return tuple(delen)

    def _bestaande(self) -> dict[tuple, models.Model]:
        """Every record by its key as values, read once per file; the oldest of two."""
        if getattr(self, "_bestaand", None) is None:
            self._bestaand = {}
            for record in self.get_queryset().order_by("-pk"):
                self._bestaand[self._sleutel_van(record)] = record
        return self._bestaand

    def get_instance(self, instance_loader, row):
        """The record whose key is the row's as values ("VVSG" is "vvsg"), from one read of
        all records per file. A key column that cannot be read (a reference to nothing, a bad
        date) matches no record; the row's own validation then names that column and why."""
        sleutel = self._rijsleutel(row)
        return None if sleutel is None else self._bestaande().get(sleutel)

    def celwaarde(self, veld, row):
        """A cell's value as its column reads it (``veld.clean``), once per row: the key's
        cells are read to find the record (:meth:`get_instance`) and again to fill it."""
        if getattr(self, "_rij", None) is not row:
            self._rij, self._cellen = row, {}
        if veld.column_name not in self._cellen:
            self._cellen[veld.column_name] = veld.clean(row)
        return self._cellen[veld.column_name]

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        """A plain column is filled with :meth:`celwaarde` (what ``Field.save`` does, without
        reading the cell a second time); other columns as the library does."""
        if is_m2m or field.readonly or not field.attribute or "__" in field.attribute:
            return super().import_field(field, instance, row, is_m2m, **kwargs)
        if field.column_name not in row:
            return None
        waarde = self.celwaarde(field, row)
        if waarde is not None or field.saves_null_values:
            setattr(instance, field.attribute, waarde)
        return None

    def import_instance(self, instance, row, **kwargs):
        """A key found under another writing ("vvsg") keeps the writing it had ("VVSG"):
        the row is then unchanged, and skipped without a history version."""
        eerder = {}
        if instance.pk:
            for naam in self.get_import_id_fields():
                attribuut = self.fields[naam].attribute
                if isinstance(getattr(instance, attribuut, None), str):
                    eerder[attribuut] = getattr(instance, attribuut)
        super().import_instance(instance, row, **kwargs)
        for attribuut, oud in eerder.items():
            nieuw = getattr(instance, attribuut)
            if isinstance(nieuw, str) and sleutelwaarde(nieuw) == sleutelwaarde(oud):
                setattr(instance, attribuut, oud)

    def after_save_instance(self, instance, row, **kwargs):
        super().after_save_instance(instance, row, **kwargs)
        if getattr(self, "_bestaand", None) is not None:
            self._bestaand.setdefault(self._sleutel_van(instance), instance)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # Options of this import alone: :meth:`import_row` sets ``skip_diff`` per row.
        self._meta = copy.copy(self._meta)

    def import_row(self, row, instance_loader, **kwargs):
        """A row that repeats an earlier row's key is refused before it is looked up.

        Only the preview's first ``settings.IMPORT_VOORVERTONING_REGELS`` rows get a diff
        (the library's copy of the record, both rows exported and an HTML diff: a third of
        a large preview's time); the others, and every row of a confirmed import, are only
        counted, their unchanged rows told by :meth:`skip_row`.
        """
        regels = getattr(self, "_regels", None) or []
        nummer = kwargs.get("row_number", 0)
        self._meta.skip_diff = not (
            kwargs.get("dry_run") and nummer <= settings.IMPORT_VOORVERTONING_REGELS
        )
        if self.voortgang is not None:
            self.voortgang(nummer, len(regels))
        regel = bestandsregel(regels, nummer)
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

    def after_init_instance(self, instance, new, row, **kwargs):
        """The found record's values as they were, for :meth:`skip_row` without a diff."""
        super().after_init_instance(instance, new, row, **kwargs)
        self._origineel = None if new else self._veldwaarden(instance)

    def _veldwaarden(self, instance) -> list:
        """Each column's value on ``instance``; a reference by its id (no query per row)."""
        waarden = []
        for veld in self.get_import_fields():
            try:
                modelveld = instance._meta.get_field(veld.attribute or "")
            except FieldDoesNotExist:
                modelveld = None
            if getattr(modelveld, "concrete", False) and modelveld.many_to_one:
                waarden.append(getattr(instance, modelveld.attname))
            else:
                waarden.append(veld.get_value(instance))
        return waarden

    def skip_row(self, instance, original, row, import_validation_errors=None):
        """Unchanged: every column's value as the record had it (the library compares with
        the diff's copy of the record, which only the preview's first rows have)."""
        if not self._meta.skip_diff:
            return super().skip_row(instance, original, row, import_validation_errors)
        if not self._meta.skip_unchanged or import_validation_errors:
            return False
        eerder = getattr(self, "_origineel", None)
        return eerder is not None and eerder == self._veldwaarden(instance)

    #: {column attribute: the model fields it fills}: a cell that cannot be read is its
    #: error alone, not also those fields' ("datum": datum_van, datum_tot, precisie).
    velden_van_kolom: dict[str, tuple[str, ...]] = {}

    def modelfouten(self, instance, import_validation_errors) -> dict:
        """The row's errors from its cells and the model's own checks, by model field."""
        fouten = dict(import_validation_errors or {})
        uitgesloten = [*fouten]
        for kolom in fouten:
            uitgesloten += self.velden_van_kolom.get(kolom, ())
        try:
            instance.full_clean(exclude=uitgesloten)
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
    for rij in resultaat.error_rows:
        for fout in rij.errors:
            logger.error("Importregel %s mislukt", rij.number, exc_info=fout.error)
            fouten.append(Importfout(rij.number, "", "", str(_SERVERFOUT)))
    for rij in resultaat.invalid_rows:
        waarden = dict(zip(resultaat.diff_headers, rij.values, strict=False))
        for kolom, redenen in rij.field_specific_errors.items():
            waarde = waarden.get(kolom)
            for reden in redenen:
                tekst = "" if waarde == "---" else cel_tekst(waarde)
                fouten.append(Importfout(rij.number, kolom, tekst, reden))
        for reden in rij.non_field_specific_errors:
            fouten.append(Importfout(rij.number, "", "", reden))
    return sorted(fouten, key=lambda f: f.regel or 0)


def voorvertoning_rijen(resultaat: Result) -> list[tuple[int, dict]]:
    """The preview's rows: the first ``settings.IMPORT_VOORVERTONING_REGELS``, each its line
    in the file and what the import does with it and the diff of its values (safe HTML
    the library escaped)."""
    regels = getattr(resultaat, "regels", None) or []
    return [
        (
            regels[i] if i < len(regels) else i + 2,
            {"import_type": rij.import_type, "diff": list(rij.diff or [])},
        )
        for i, rij in enumerate(resultaat.valid_rows()[: settings.IMPORT_VOORVERTONING_REGELS])
    ]


def _getal(aantal: int) -> str:
    return formats.number_format(aantal, force_grouping=True)


def resultaat_context(
    *, fouten, totalen_tekst: str, blad, koppen, voorvertoning, regels: int
) -> dict:
    """What ``_import_resultaat.html`` shows, for the import page and a background import."""
    return {
        "fouten": fouten,
        "totalen": totalen_tekst,
        "blad": blad,
        "koppen": koppen,
        "voorvertoning": voorvertoning,
        "regels_verborgen": regels > len(voorvertoning),
        "regels_getoond": _getal(len(voorvertoning)),
        "regels_totaal": _getal(regels),
    }


class AlIngelezen(Exception):
    """The confirmed file was imported already, or its preview is gone."""


_VOORVERTONING = "tmpwerkgroep-import-"


def _verlopen_voorvertoningen_wissen() -> None:
    """Remove previews nobody confirmed within ``settings.IMPORT_VOORVERTONING_SECONDEN``."""
    grens = time.time() - settings.IMPORT_VOORVERTONING_SECONDEN
    map_ = tempfile.gettempdir()
    for naam in os.listdir(map_):
        if not naam.startswith(_VOORVERTONING):
            continue
        pad = os.path.join(map_, naam)
        try:
            if os.stat(pad).st_mtime < grens:
                os.remove(pad)
        except OSError:
            continue  # confirmed or removed meanwhile


class Voorvertoningsopslag(TempFolderStorage):
    """The upload between preview and confirm, in the temporary folder under a random
    name: the confirm form carries that name only, never a server path. Each new preview
    first removes the ones left unconfirmed past their time."""

    def _open(self, mode="r"):
        if self.name:
            return super()._open(mode)
        _verlopen_voorvertoningen_wissen()
        self.name = _VOORVERTONING + secrets.token_hex(16)
        return open(self.get_full_path(), "xb")  # noqa: SIM115 (the caller closes it)


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


_AL_INGELEZEN = _(
    "Dit bestand is al ingelezen, of de voorvertoning is verlopen. Laad het bestand opnieuw "
    "op als u het nog wilt inlezen."
)
#: Seconds between two loads of a background import's page while it runs.
VERVERSEN = 2

_LOGBERICHTEN = {
    RowResult.IMPORT_TYPE_NEW: _("Toegevoegd uit een bestand (import)."),
    RowResult.IMPORT_TYPE_UPDATE: _("Gewijzigd uit een bestand (import)."),
    RowResult.IMPORT_TYPE_DELETE: _("Verwijderd uit een bestand (import)."),
}


class SpreadsheetAdmin(SpreadsheetExport, ImportExportModelAdmin):
    """Admin with CSV/XLSX import and export, each behind its own permission.

    The import and export pages are the project's own templates: in Dutch, every
    error in the page itself (line, column, value, reason), no script inline.
    """

    import_form_class = BegrensdImportFormulier
    import_template_name = "admin/spreadsheets/import.html"
    tmp_storage_class = Voorvertoningsopslag

    def get_urls(self):
        return [
            path(
                "import/taak/<id:pk>/",
                self.admin_site.admin_view(self.importtaak_view),
                name=self._admin_url("importtaak"),
            ),
            *super().get_urls(),
        ]

    def _achtergrond(self, request):
        """A valid upload longer than ``settings.IMPORT_ACHTERGROND_REGELS`` rows, as a
        background import (its page's address); ``None`` for a file the request previews."""
        form = self.create_import_form(request)
        if not form.is_valid():
            return None
        formaat = self.get_import_formats()[int(form.cleaned_data["format"])]
        bestand = form.cleaned_data["import_file"]
        inhoud = b"".join(bestand.chunks())
        try:
            regels = formaat().create_dataset(inhoud).height
        except Exception:
            return None  # the request's own preview says why in Dutch
        if regels <= settings.IMPORT_ACHTERGROND_REGELS:
            return None
        from . import importtaken
        from .models import Importtaak

        importtaken.opruimen()
        resource = self.choose_import_resource_class(form, request)
        taak = Importtaak.objects.create(
            gebruiker=request.user,
            model=self.model._meta.label_lower,
            resource=f"{resource.__module__}.{resource.__qualname__}",
            formaat=f"{formaat.__module__}.{formaat.__qualname__}",
            bestandsnaam=os.path.basename(bestand.name or "")[:255],
            taal=get_language() or settings.LANGUAGE_CODE,
            inhoud=inhoud,
            totaal=regels,
        )
        importtaken.inplannen(taak)
        return self._taakpagina(taak.pk)

    def _admin_url(self, pagina: str) -> str:
        return f"{self.model._meta.app_label}_{self.model._meta.model_name}_{pagina}"

    def _taakpagina(self, pk: int) -> str:
        naam = f"admin:{self._admin_url('importtaak')}"
        return reverse(naam, args=[pk], current_app=self.admin_site.name)

    def importtaak_view(self, request, pk: int):
        """A background import's page: how far it is (it reloads itself), then the preview
        with its confirm button or every error, then what was imported."""
        from . import importtaken
        from .models import Importtaak

        if not self.has_import_permission(request):
            raise PermissionDenied
        taak = get_object_or_404(
            Importtaak.objects.defer("inhoud"),
            pk=pk,
            gebruiker=request.user,
            model=self.model._meta.label_lower,
        )
        if request.method == "POST":
            if not importtaken.bevestigen(taak):
                messages.warning(request, _AL_INGELEZEN)
            return redirect(self._taakpagina(taak.pk))
        taak = importtaken.vastgelopen_opnieuw(taak)
        uitkomst = taak.resultaat or {}
        context = {
            **self.admin_site.each_context(request),
            **self.get_import_context_data(),
            "title": _("Importeren"),
            "opts": self.model._meta,
            "taak": taak,
            "gedaan": _getal(taak.gedaan),
            "totaal": _getal(taak.totaal),
            "verversen": VERVERSEN,
            "lijst": reverse(
                f"admin:{self._admin_url('changelist')}", current_app=self.admin_site.name
            ),
        }
        if "totalen" in uitkomst:
            context.update(
                resultaat_context(
                    fouten=[Importfout(**f) for f in uitkomst["fouten"]],
                    totalen_tekst=totalen_tekst(**uitkomst["totalen"]),
                    blad=uitkomst["blad"],
                    koppen=uitkomst["koppen"],
                    voorvertoning=[
                        (regel, {**rij, "diff": [mark_safe(d) for d in rij["diff"]]})  # noqa: S308
                        for regel, rij in uitkomst["voorvertoning"]
                    ],
                    regels=uitkomst["regels"],
                )
            )
        antwoord = TemplateResponse(request, "admin/spreadsheets/import_taak.html", context)
        if taak.status in (Importtaak.Status.WACHTRIJ, Importtaak.Status.BEZIG):
            # Reloads as <meta http-equiv="refresh"> would, with or without JavaScript.
            antwoord["Refresh"] = str(VERVERSEN)
        return antwoord

    def import_action(self, request, **kwargs):
        if (
            request.method == "POST"
            and self.has_import_permission(request)
            and (taakpagina := self._achtergrond(request))
        ):
            return redirect(taakpagina)
        antwoord = super().import_action(request, **kwargs)
        context = getattr(antwoord, "context_data", None)
        if context is not None and context.get("result") is not None:
            resultaat = context["result"]
            context.update(
                resultaat_context(
                    fouten=importfouten(resultaat),
                    totalen_tekst=totalen(resultaat),
                    blad=getattr(resultaat, "blad", None),
                    koppen=resultaat.diff_headers,
                    voorvertoning=voorvertoning_rijen(resultaat),
                    regels=len(resultaat.valid_rows()),
                )
            )
        return antwoord

    @method_decorator(require_POST)
    def process_import(self, request, **kwargs):
        """Import the previewed file once: a second confirm says so, it never fails."""
        return self._bevestigen(request)

    def _bevestigen(self, request):
        """:meth:`process_import`'s work, undecorated so ``make mutate`` can change it."""
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
            messages.warning(request, _AL_INGELEZEN)
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

    def _create_log_entry(self, user_pk, rows, import_type, action_flag):
        """The admin's history of an imported record in Dutch, not "new through
        import_export" (the library's only hook for its words)."""
        if rows:
            with override("nl-be"):
                bericht = str(_LOGBERICHTEN.get(import_type, _("Ingelezen uit een bestand.")))
            LogEntry.objects.log_actions(
                user_pk, rows, action_flag, change_message=bericht, single_object=len(rows) == 1
            )

    def add_success_message(self, result, request):
        messages.success(
            request,
            _("Ingelezen (%(soort)s): %(totalen)s.")
            % {"soort": self.model._meta.verbose_name_plural, "totalen": totalen(result)},
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


def totalen(resultaat: Result) -> str:
    """ "2 nieuw, 1 gewijzigd, 5 ongewijzigd": what the import did or would do."""
    totalen = resultaat.totals
    return totalen_tekst(
        nieuw=totalen[RowResult.IMPORT_TYPE_NEW],
        gewijzigd=totalen[RowResult.IMPORT_TYPE_UPDATE],
        ongewijzigd=totalen[RowResult.IMPORT_TYPE_SKIP],
    )


def totalen_tekst(*, nieuw: int, gewijzigd: int, ongewijzigd: int) -> str:
    return _("%(nieuw)s nieuw, %(gewijzigd)s gewijzigd, %(ongewijzigd)s ongewijzigd") % {
        "nieuw": nieuw,
        "gewijzigd": gewijzigd,
        "ongewijzigd": ongewijzigd,
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

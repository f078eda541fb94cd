"""XLSX both ways: read as its cells show, after the archive limits; written as a workbook
people open without fixing it (real dates and amounts, text never run as a formula)."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from decimal import Decimal

import openpyxl
import tablib
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from import_export.formats import base_formats
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from .formaten import (
    _MAX_KOLOMMEN,
    _tabel,
    cel_tekst,
    controleer_archief,
    xlsx_celwaarde,
    zonder_formule_escape,
)
from .fouten import OnleesbaarBestand, TeVeelRegels, _te_veel_regels

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


def _met_tag(dataset: tablib.Dataset, tag: str) -> list[bool]:
    """Per row, whether it carries ``tag``, by tablib's public ``filter(tag)``: the tagged rows
    in order, found in the dataset as a subsequence (a totals row is never another's twin)."""
    getagd = list(dataset.filter(tag)) if dataset.height else []
    uitkomst = []
    for rij in dataset:
        gevonden = bool(getagd) and rij == getagd[0]
        if gevonden:
            getagd.pop(0)
        uitkomst.append(gevonden)
    return uitkomst


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
        for rij, totaal in zip(dataset, _met_tag(dataset, TOTAALRIJ), strict=True):
            cellen = []
            for kolom, waarde in enumerate(rij):
                waarde, opmaak, breedte = _xlsx_cel(waarde)
                cellen.append((waarde, opmaak))
                if kolom >= len(breedtes):
                    breedtes.append(0)
                breedtes[kolom] = max(breedtes[kolom], breedte)
            rijen.append((cellen, totaal))
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

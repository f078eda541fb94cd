"""Spreadsheets as Belgian offices make them: `;` or `,` separated CSV in UTF-8 (with or
without BOM), UTF-16 or Windows-1252, formula-safe both ways; cells as text as they are
shown; the archive limits every XLSX and ODS passes before anyone parses it."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import zipfile
from decimal import Decimal

import tablib
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override
from import_export.formats import base_formats

from ..datums import Datumaanduiding
from .fouten import _GELEZEN_CODERINGEN, _ONLEESBAAR, OnleesbaarBestand, _te_veel_regels

# A cell starting with one of these is a formula to Excel and LibreOffice.
_FORMULE_TEKENS = ("=", "+", "-", "@", "\t", "\r")


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

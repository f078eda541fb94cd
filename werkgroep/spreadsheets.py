"""Spreadsheets as Belgian offices make them, for django-import-export.

Shared by every app that imports or exports: formats that read `;` or `,`
separated CSV in UTF-8 (with or without BOM) or Windows-1252, and XLSX;
formula-safe exports that re-import unchanged; day-first dates; and a base
resource that imports a file all or nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import tablib
from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override
from import_export import resources, widgets
from import_export.admin import ImportExportModelAdmin
from import_export.formats import base_formats
from import_export.forms import ImportForm
from import_export.results import Result

from .datums import Datumaanduiding, OngeldigeDatum

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


def decodeer(inhoud: bytes) -> str:
    """UTF-8 with or without BOM, else Windows-1252 (what Excel on Windows saves)."""
    try:
        return inhoud.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return inhoud.decode("cp1252")
        except UnicodeDecodeError as fout:
            raise OnleesbaarBestand(
                _("Het bestand is geen tekst in UTF-8 of Windows-1252.")
            ) from fout


def _cel_tekst(cel) -> str:
    """A native value as a Belgian spreadsheet shows it: 36,30 · 02/12/2005 · 14:00."""
    if cel is None:
        return ""
    if isinstance(cel, Decimal):
        return f"{cel:f}".replace(".", ",")
    if isinstance(cel, dt.datetime):
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


class BelgischeCSV(base_formats.CSV):
    """CSV with `;` or `,`, in UTF-8 or Windows-1252; exported as UTF-8 with BOM and `;`."""

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
        dataset = tablib.Dataset(headers=[kop.strip() for kop in rijen[0]])
        for nummer, rij in enumerate(rijen[1:], start=2):
            if len(rij) != len(dataset.headers):
                raise OnleesbaarBestand(
                    _("Regel %(regel)s heeft %(aantal)s kolommen in plaats van %(verwacht)s.")
                    % {"regel": nummer, "aantal": len(rij), "verwacht": len(dataset.headers)}
                )
            dataset.append([zonder_formule_escape(cel) for cel in rij])
        return dataset

    def export_data(self, dataset, **kwargs):
        uit = io.StringIO(newline="")
        schrijver = csv.writer(uit, delimiter=";", lineterminator="\r\n")
        schrijver.writerow(dataset.headers)
        for rij in _veilige_dataset(dataset):
            schrijver.writerow([_cel_tekst(cel) for cel in rij])
        return "\ufeff" + uit.getvalue()


class VeiligeXLSX(base_formats.XLSX):
    """XLSX whose corrupt uploads get a clear error and whose exports run no formula."""

    def create_dataset(self, in_stream):
        try:
            dataset = super().create_dataset(in_stream)
        except Exception as fout:  # openpyxl raises many kinds for a broken file
            raise OnleesbaarBestand(
                _("Dit is geen leesbaar XLSX-bestand (Excel 2007 of later).")
            ) from fout
        leeg = tablib.Dataset(headers=[str(kop or "").strip() for kop in dataset.headers])
        for rij in dataset:
            if any(cel not in (None, "") for cel in rij):
                leeg.append([zonder_formule_escape(cel) for cel in rij])
        return leeg

    def export_data(self, dataset, **kwargs):
        return super().export_data(_veilige_dataset(dataset), **kwargs)


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


class TekstWidget(widgets.CharWidget):
    """Text with surrounding spaces removed; empty stays empty (not None)."""

    def clean(self, value, row=None, **kwargs):
        return "" if value is None else str(value).strip()


class RegelnummerResultaat(Result):
    """Numbers rows as the spreadsheet does: the header is line 1, data starts at 2."""

    def append_invalid_row(self, number, row, validation_error):
        super().append_invalid_row(number + 1, row, validation_error)

    def append_error_row(self, number, row, errors):
        super().append_error_row(number + 1, row, errors)


class AllesOfNietsResource(resources.ModelResource):
    """Imports a file whole or not at all: one bad row rolls back every row.

    django-import-export commits the good rows of a file that has validation
    errors unless told otherwise; here every import runs in one transaction
    that is rolled back on any error or invalid row.
    """

    def get_result_class(self):
        return RegelnummerResultaat

    def import_data(self, dataset, dry_run=False, raise_errors=False, **kwargs):
        kwargs["use_transactions"] = True
        kwargs["rollback_on_validation_errors"] = True
        with transaction.atomic():
            return super().import_data(
                dataset, dry_run=dry_run, raise_errors=raise_errors, **kwargs
            )

    class Meta:
        abstract = True
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True


class BegrensdImportFormulier(ImportForm):
    """The import form, refusing files over ``settings.IMPORT_MAX_BYTES``."""

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


class SpreadsheetAdmin(ImportExportModelAdmin):
    """Admin with CSV/XLSX import and export, each behind its own permission."""

    formats = FORMATEN
    import_form_class = BegrensdImportFormulier

    def get_export_data(self, file_format, request, queryset, **kwargs):
        # Numbers and dates leave as themselves: real cells in XLSX, Belgian text in CSV.
        if not self.has_export_permission(request):
            raise PermissionDenied
        data = self.get_data_for_export(request, queryset, force_native_type=True, **kwargs)
        return file_format.export_data(data)

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, OnleesbaarBestand):
            form.add_error("import_file", str(e))
        else:
            form.add_error(
                "import_file",
                _("Dit bestand kunnen we niet lezen. Kies het juiste formaat (CSV of XLSX)."),
            )

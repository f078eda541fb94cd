"""Every XLSX the site writes opens without fixing: named sheet, bold frozen header,
column widths, date and euro cells, no formula that runs."""

import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
import tablib
from django.urls import reverse

from kern.spreadsheets import TOTAALRIJ, XLSX_DATUM, XLSX_EURO, VeiligeXLSX, bladnaam
from projecten.resources import ProjectficheResource


def _blad(dataset):
    return openpyxl.load_workbook(io.BytesIO(VeiligeXLSX().export_data(dataset))).active


def _voorbeeld():
    data = tablib.Dataset(headers=["naam", "van", "aangemaakt", "aanvang", "bedrag", "aantal"])
    data.title = "Projecten 2006"
    data.append(
        [
            '=HYPERLINK("http://x")',
            dt.date(2006, 9, 25),
            dt.datetime(2006, 9, 25, 12, 30, tzinfo=dt.UTC),  # 14:30 in Brussels
            dt.time(14, 0),
            Decimal("1234.56"),
            3,
        ]
    )
    data.append(["een heel lange naam " * 5, None, None, None, Decimal("-36.30"), None])
    return data


def test_the_sheet_is_named_and_its_header_bold_and_frozen():
    blad = _blad(_voorbeeld())
    assert blad.title == "Projecten 2006"
    assert [c.value for c in blad[1]] == [
        "naam", "van", "aangemaakt", "aanvang", "bedrag", "aantal",
    ]  # fmt: skip
    assert all(cel.font.bold for cel in blad[1])
    assert not any(cel.font.bold for cel in blad[2])
    assert blad.freeze_panes == "A2"


def test_dates_times_and_amounts_are_real_cells_with_belgian_formats():
    blad = _blad(_voorbeeld())
    van, aangemaakt, aanvang, bedrag, aantal = (
        blad["B2"],
        blad["C2"],
        blad["D2"],
        blad["E2"],
        blad["F2"],
    )
    assert van.is_date and van.value.isoformat() == "2006-09-25T00:00:00"
    assert van.number_format == XLSX_DATUM == "dd/mm/yyyy"
    assert aangemaakt.value.isoformat() == "2006-09-25T14:30:00"  # local time
    assert aangemaakt.number_format == "dd/mm/yyyy hh:mm"
    assert aanvang.value == dt.time(14, 0) and aanvang.number_format == "hh:mm"
    # An amount is a number (not the text "€ 1.234,56") shown in euro.
    assert bedrag.data_type == "n" and bedrag.value == pytest.approx(1234.56)
    assert bedrag.number_format == XLSX_EURO and "€" in XLSX_EURO and "#,##0.00" in XLSX_EURO
    assert blad["E3"].value == pytest.approx(-36.30)
    assert aantal.value == 3 and aantal.number_format == "General"
    assert blad["B3"].value is None  # empty stays empty


def test_a_formula_never_runs_and_an_illegal_character_does_not_fail_the_file():
    data = _voorbeeld()
    data.append(["-1+1", None, None, None, None, "tab\x01fout"])
    data.append(["#N/A", None, None, None, None, "twee\nregels"])
    blad = _blad(data)
    # A text cell, shown as written: no formula, and no apostrophe (only a CSV needs one).
    assert blad["A2"].value == '=HYPERLINK("http://x")' and blad["A2"].data_type == "s"
    assert blad["A4"].value == "-1+1" and blad["A4"].data_type == "s"
    assert blad["F4"].value == "tab\N{REPLACEMENT CHARACTER}fout"
    # A text that reads as one of Excel's error values stays the text typed.
    assert blad["A5"].value == "#N/A" and blad["A5"].data_type == "s"
    assert blad["F5"].value == "twee\nregels" and blad["F5"].alignment.wrap_text


def test_columns_are_as_wide_as_their_longest_value_within_bounds():
    blad = _blad(_voorbeeld())
    breedte = {k: blad.column_dimensions[k].width for k in "ABCDEF"}
    assert breedte["A"] == 50  # a hundred characters, capped
    assert breedte["B"] == 12  # dd/mm/yyyy and a margin
    assert breedte["C"] == 18  # dd/mm/yyyy hh:mm
    assert breedte["E"] == len("€ 1,234.56") + 2
    assert breedte["F"] == 8  # "aantal": the minimum


def test_a_totals_row_is_bold():
    data = _voorbeeld()
    data.append(["Totaal", None, None, None, Decimal("1198.26"), None], tags=[TOTAALRIJ])
    blad = _blad(data)
    assert blad["A4"].font.bold and blad["E4"].font.bold
    assert blad["E4"].number_format == XLSX_EURO


@pytest.mark.parametrize(
    ("titel", "naam"),
    [
        ("Grootboek 2006", "Grootboek 2006"),
        (None, "Gegevens"),
        ("kosten [2006]: a/b*c?d\\e", "kosten  2006   a b c d e"),
        ("x" * 40, "x" * 31),
        ("'citaat'", "citaat"),
    ],
)
def test_a_sheet_name_is_one_excel_accepts(titel, naam):
    assert bladnaam(titel) == naam
    data = tablib.Dataset(headers=["a"])
    data.title = titel
    data.append([1])
    assert _blad(data).title == naam


def test_the_admin_export_names_its_sheet_after_the_model(client_van, secretariaat, seed):
    kolommen = ["werkgroep", "vergadering", "categorie", "omschrijving", "status", "bedrag"]
    antwoord = client_van(secretariaat).post(
        reverse("admin:financien_kostenpost_export"),
        {"format": "1", "resource": "0", **{f"kostenpostresource_{k}": "on" for k in kolommen}},
    )
    blad = openpyxl.load_workbook(io.BytesIO(antwoord.getvalue())).active
    assert blad.title == "Kostenposten"
    assert blad["A1"].font.bold and blad.freeze_panes == "A2"
    bedrag = next(c for c in blad["F"][1:] if c.value is not None)
    assert bedrag.data_type == "n" and bedrag.number_format == XLSX_EURO


def test_the_fiche_admin_export_names_its_sheet_too(client_van, secretariaat, seed):
    from projecten.models import Projectfiche

    Projectfiche.objects.first().save()  # a last change to export
    kolommen = list(ProjectficheResource().get_export_order())
    antwoord = client_van(secretariaat).post(
        reverse("admin:projecten_projectfiche_export"),
        {"format": "1", "resource": "0", **{f"projectficheresource_{k}": "on" for k in kolommen}},
    )
    assert antwoord.status_code == 200, antwoord.content.decode()[:500]
    blad = openpyxl.load_workbook(io.BytesIO(antwoord.getvalue())).active
    assert blad.title == "Projectfiches"
    assert blad["A1"].font.bold
    # The last change is a date cell (with its time), not text; the page is the Dutch one.
    kop = [c.value for c in blad[1]]
    kolom = kop.index("laatst gewijzigd")
    gewijzigd = [rij[kolom] for rij in blad.iter_rows(min_row=2) if rij[kolom].value]
    assert gewijzigd and all(cel.is_date for cel in gewijzigd)
    pagina = client_van(secretariaat).get(reverse("admin:projecten_projectfiche_export"))
    assert "admin/spreadsheets/export.html" in [t.name for t in pagina.templates]

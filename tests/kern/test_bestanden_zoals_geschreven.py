"""Files as their tools write them: a sheet whose recorded size is too small, a hidden first
sheet, Excel's "Unicode-tekst" (UTF-16 with tabs), line numbers after blank lines, hours as
Belgians write them, and a formula's float results. Files other tools than Calc write are
made here with openpyxl, as those tools make them."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from decimal import Decimal

import openpyxl
import pytest

from financien.bedragen import OngeldigBedrag, parse_bedrag
from financien.models import Kostenpost
from financien.resources import KostenpostResource
from kern.spreadsheets import BelgischeCSV, TijdWidget, VeiligeXLSX, importfouten

GROEP = "regierol-van-de-lokale-besturen"
KOPPEN = ["werkgroep", "vergadering", "categorie", "omschrijving", "status", "bedrag"]


def regel(i: int) -> list:
    return [GROEP, "06/06/2006", "catering", f"broodjes {i}", "voorzien", "10,00"]


def xlsx(bladen: dict[str, list[list]], *, actief: int = 0, verborgen=(), dimensie=None) -> bytes:
    boek = openpyxl.Workbook()
    boek.remove(boek.active)
    for naam, rijen in bladen.items():
        blad = boek.create_sheet(naam)
        for rij in rijen:
            blad.append(rij)
        if naam in verborgen:
            blad.sheet_state = "hidden"
    boek.active = actief
    uit = io.BytesIO()
    boek.save(uit)
    if dimensie is None:
        return uit.getvalue()
    # What some export tools write: a recorded size smaller than the data.
    bron, doel = zipfile.ZipFile(io.BytesIO(uit.getvalue())), io.BytesIO()
    with zipfile.ZipFile(doel, "w") as nieuw:
        for deel in bron.infolist():
            inhoud = bron.read(deel.filename)
            if deel.filename.startswith("xl/worksheets/"):
                inhoud = re.sub(rb'<dimension ref="[^"]*"/>', dimensie.encode(), inhoud)
            nieuw.writestr(deel, inhoud)
    return doel.getvalue()


def test_a_sheet_recording_a_smaller_size_than_its_data_is_read_whole():
    rijen = [KOPPEN, *[regel(i) for i in range(10)]]
    dataset = VeiligeXLSX().create_dataset(
        xlsx({"Kosten": rijen}, dimensie='<dimension ref="A1:F2"/>')
    )
    assert dataset.height == 10
    assert dataset[-1][3] == "broodjes 9"


def test_the_visible_active_sheet_is_read_not_a_hidden_first_one():
    bladen = {"Oud": [["x"], ["y"]], "Kosten": [KOPPEN, regel(1)]}
    dataset = VeiligeXLSX().create_dataset(xlsx(bladen, actief=1, verborgen=("Oud",)))
    assert dataset.title == "Kosten" and dataset.headers == KOPPEN
    # A hidden sheet left active (some tools do) is passed over for the first visible one.
    dataset = VeiligeXLSX().create_dataset(xlsx(bladen, actief=0, verborgen=("Oud",)))
    assert dataset.title == "Kosten"


def test_excels_unicode_text_is_read_utf16_with_tabs():
    tekst = "\r\n".join("\t".join(r) for r in [KOPPEN, regel(1), regel(2)]) + "\r\n"
    dataset = BelgischeCSV().create_dataset(tekst.encode("utf-16"))
    assert dataset.headers == KOPPEN and dataset.height == 2
    assert dataset[1][3] == "broodjes 2"


def test_line_numbers_are_the_files_after_blank_lines(seed):
    """Row 7 in Calc is "regel 7" on the page, however many blank lines come before it."""
    rijen = [";".join(KOPPEN), ";".join(regel(1)), "", ";;;;;", ";".join(regel(2))]
    slecht = regel(3)
    slecht[5] = "twaalf euro"
    rijen += ["", ";".join(slecht)]
    dataset = BelgischeCSV().create_dataset("\r\n".join(rijen).encode())
    resultaat = KostenpostResource().import_data(dataset, dry_run=True)
    assert [(f.regel, f.kolom) for f in importfouten(resultaat)] == [(7, "bedrag")]
    # The same in an XLSX, and for a line that repeats another.
    rijen = [KOPPEN, regel(1), [], [], regel(1)]
    dataset = VeiligeXLSX().create_dataset(xlsx({"Kosten": rijen}))
    fouten = importfouten(KostenpostResource().import_data(dataset, dry_run=True))
    assert [f.regel for f in fouten] == [5]
    assert "regel 2" in fouten[0].reden


@pytest.mark.parametrize(
    ("geschreven", "uur"),
    [
        ("14:00", dt.time(14)),
        ("14.00", dt.time(14)),
        ("14h00", dt.time(14)),
        ("14u", dt.time(14)),
        ("9u30", dt.time(9, 30)),
        ("14:00 uur", dt.time(14)),
        ("14 uur", dt.time(14)),
        ("14:00:00", dt.time(14)),
        (dt.datetime(1899, 12, 30, 9, 30), dt.time(9, 30)),  # noqa: DTZ001 (a cell has no zone)
        ("", None),
    ],
)
def test_hours_as_belgians_write_them(geschreven, uur):
    assert TijdWidget().clean(geschreven) == uur


@pytest.mark.parametrize("geschreven", ["25:00", "14:60", "twee uur", "14,5"])
def test_an_hour_that_is_none_is_refused_in_dutch(geschreven):
    with pytest.raises(ValueError, match="is geen uur; schrijf het als 14:00, 14u of 9u30"):
        TijdWidget().clean(geschreven)


def test_a_formulas_float_is_the_amount_the_cell_shows():
    """Excel stores 434.99999999999994 for a cell showing € 435,00: 15 digits are the cell."""
    assert parse_bedrag(434.99999999999994) == Decimal("435.00")
    assert parse_bedrag(0.1 + 0.2) == Decimal("0.30")
    with pytest.raises(OngeldigBedrag, match="“43,923”"):
        parse_bedrag(43.923)


def test_a_ledger_with_formula_results_imports(seed):
    rijen = [KOPPEN, [*regel(1)[:5], 434.99999999999994]]
    dataset = VeiligeXLSX().create_dataset(xlsx({"Kosten": rijen}))
    resultaat = KostenpostResource().import_data(dataset, dry_run=False)
    assert not resultaat.has_errors() and not resultaat.has_validation_errors()
    assert Kostenpost.objects.get(omschrijving="broodjes 1").bedrag == Decimal("435.00")


def test_the_import_page_says_which_sheet_and_numbers_lines_as_the_file(seed, secretariaat):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from tests.bouwers import aangemeld

    bladen = {"Oud": [["x"], ["y"]], "Kosten 2006": [KOPPEN, [], regel(1), [], regel(2)]}
    inhoud = xlsx(bladen, actief=1, verborgen=("Oud",))
    antwoord = aangemeld(secretariaat).post(
        reverse("admin:financien_kostenpost_import"),
        {
            "format": "1",
            "resource": "0",
            "import_file": SimpleUploadedFile("kosten.xlsx", inhoud),
        },
    )
    assert antwoord.status_code == 200
    assert "Gelezen werkblad: „Kosten 2006”." in antwoord.content.decode()
    assert [regel for regel, _ in antwoord.context["voorvertoning"]] == [3, 5]


def test_a_csv_has_the_row_limit_of_a_sheet_written_as_belgians_write_numbers(settings):
    from kern.spreadsheets import OnleesbaarBestand

    settings.IMPORT_MAX_REGELS = 1_000
    rijen = [";".join(KOPPEN), *(";".join(regel(i)) for i in range(1_001))]
    with pytest.raises(OnleesbaarBestand, match="meer dan 1.000 regels"):
        BelgischeCSV().create_dataset("\r\n".join(rijen).encode())
    assert BelgischeCSV().create_dataset("\r\n".join(rijen[:-1]).encode()).height == 1_000


def test_a_preview_keeps_no_server_path_in_the_form_and_no_file_after_it(
    seed, secretariaat, settings, tmp_path, monkeypatch
):
    """The confirm form names the upload by a random name; confirming removes it, and a
    preview nobody confirmed is removed by a later one once its time is up."""
    import os
    import tempfile

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from tests.bouwers import aangemeld

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    client = aangemeld(secretariaat)
    url = reverse("admin:financien_kostenpost_import")

    def voorvertoning(omschrijving: str) -> str:
        inhoud = "\r\n".join(
            [";".join(KOPPEN), ";".join([*regel(0)[:3], omschrijving, "voorzien", "1"])]
        )
        antwoord = client.post(
            url,
            {
                "format": "0",
                "resource": "0",
                "import_file": SimpleUploadedFile("k.csv", inhoud.encode()),
            },
        )
        return antwoord.context["confirm_form"]["import_file_name"].value()

    naam = voorvertoning("eerste")
    assert "/" not in naam and "\\" not in naam and naam.startswith("tmpwerkgroep-import-")
    assert os.listdir(tmp_path) == [naam]
    # Left unconfirmed past its time: the next preview removes it.
    settings.IMPORT_VOORVERTONING_SECONDEN = 60
    oud = os.stat(tmp_path / naam).st_mtime - 120
    os.utime(tmp_path / naam, (oud, oud))
    tweede = voorvertoning("tweede")
    assert os.listdir(tmp_path) == [tweede]
    # Confirmed: imported once, and the file is gone.
    client.post(
        reverse("admin:financien_kostenpost_process_import"),
        {"format": "0", "resource": "0", "import_file_name": tweede, "original_file_name": "k.csv"},
    )
    assert Kostenpost.objects.filter(omschrijving="tweede").count() == 1
    assert os.listdir(tmp_path) == []
    # Written in a batch, the line still has its history row, naming who imported it.
    assert Kostenpost.history.get(omschrijving="tweede").history_user == secretariaat


def test_a_ledger_import_does_not_cost_queries_per_line(seed):
    """Lines are looked up from one read and written in batches with their history."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(aantal: int, voorvoegsel: str) -> int:
        rijen = [";".join(KOPPEN)] + [
            ";".join([*regel(0)[:3], f"{voorvoegsel} {i}", "voorzien", "1"]) for i in range(aantal)
        ]
        dataset = BelgischeCSV().create_dataset("\r\n".join(rijen).encode())
        with CaptureQueriesContext(connection) as vastgelegd:
            resultaat = KostenpostResource().import_data(dataset, dry_run=False)
        assert resultaat.totals["new"] == aantal
        return len(vastgelegd.captured_queries)

    # Not one per line (a savepoint, an insert and a history insert each: 720 more); a
    # batch insert splits only at SQLite's bound on parameters per query, every ~100 lines.
    assert queries(200, "groot") - queries(20, "klein") <= 6
    assert Kostenpost.history.filter(omschrijving__startswith="groot").count() == 200


def test_unreadable_dates_are_each_their_own_error_in_the_files_words(seed):
    """Two meetings whose date cannot be read: each names its date, neither is "the same
    line as line 2", and no model field (datum_van, datum_tot) stands in for the column."""
    from werkgroep.resources import VergaderingResource

    inhoud = "\r\n".join(
        ["werkgroep;datum", f"{GROEP};volgende week", f"{GROEP};na de zomer"]
    ).encode()
    fouten = importfouten(
        VergaderingResource().import_data(BelgischeCSV().create_dataset(inhoud), dry_run=True)
    )
    assert [(f.regel, f.kolom, f.waarde) for f in fouten] == [
        (2, "datum", "volgende week"),
        (3, "datum", "na de zomer"),
    ]
    tekst = " ".join(f.reden for f in fouten)
    assert "dezelfde regel" not in tekst and "datum_van" not in tekst and "datum_tot" not in tekst

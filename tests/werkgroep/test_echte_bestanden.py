"""Spreadsheets as offices write them.

Files made by LibreOffice Calc (nl-BE), headers as typed, every encoding a
Belgian office saves, a zip bomb, a confirm pressed twice, and the import
page's errors in words. The files under tests/bestanden/ were written by Calc
itself (tests/bestanden/calc.py).
"""

import codecs
import io
import re
import tracemalloc
from pathlib import Path

import openpyxl
import pytest
from django.contrib.admin.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from financien.models import Kostenpost
from kern.spreadsheets import BelgischeCSV, OnleesbaarBestand, VeiligeXLSX, decodeer
from werkgroep.models import Vergadering

BESTANDEN = Path(__file__).resolve().parent.parent / "bestanden"
CSV, XLSX = "0", "1"
GROEP = "regierol-van-de-lokale-besturen"


def oplaad(client, model: str, inhoud: bytes, naam: str, formaat: str):
    app = "financien" if model == "kostenpost" else "werkgroep"
    return client.post(
        reverse(f"admin:{app}_{model}_import"),
        {"resource": "0", "format": formaat, "import_file": SimpleUploadedFile(naam, inhoud)},
    )


def bevestig(client, model: str, voorvertoning):
    app = "financien" if model == "kostenpost" else "werkgroep"
    formulier = voorvertoning.context["confirm_form"]
    return client.post(
        reverse(f"admin:{app}_{model}_process_import"),
        {k: formulier.initial[k] for k in formulier.fields},
        follow=True,
    )


def importeer(client, model, inhoud, naam, formaat):
    voorvertoning = oplaad(client, model, inhoud, naam, formaat)
    assert voorvertoning.status_code == 200
    assert voorvertoning.context.get("confirm_form"), tekst_van(voorvertoning)[-3000:]
    return bevestig(client, model, voorvertoning)


def tekst_van(antwoord) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", antwoord.content.decode()))


def _schoon(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html)).strip()


def calc(naam: str) -> bytes:
    return (BESTANDEN / naam).read_bytes()


def zonder_lek(pagina: str) -> None:
    """No traceback, no server path, no library English in a page a user sees."""
    for verboden in ("Traceback", "/work/", "site-packages", "Line number", "Import finished",
                     "Errors", "Non field specific", "not found in dataset", "None"):  # fmt: skip
        assert verboden not in pagina, verboden


# -- dates as Calc stores them -------------------------------------------------------------


def test_a_ledger_typed_in_calc_imports_with_its_dates_as_shown(client_van, secretariaat, seed):
    antwoord = importeer(
        client_van(secretariaat), "kostenpost", calc("grootboek_calc.xlsx"), "g.xlsx", XLSX
    )
    assert "4 nieuw, 0 gewijzigd" in tekst_van(antwoord)
    posten = {p.omschrijving: p for p in Kostenpost.objects.select_related("vergadering")}
    # A date cell (27/01/06 on screen) is the day it shows, written out in full.
    assert posten["broodjes"].vergadering_zoals_geschreven == "27/01/2006"
    assert posten["broodjes"].vergadering is None  # no meeting that day: on the check page
    assert posten["koffie en thee"].vergadering.kenmerk == "2006-06-06"
    # A date cell formatted "MMMM JJJJ" is that month, not its first day.
    assert posten["zaalhuur"].vergadering_zoals_geschreven == "december 2006"
    assert posten["zaalhuur"].vergadering.kenmerk == "2006-12"
    assert str(posten["koffie en thee"].bedrag) == "1234.56"
    assert posten["spreker"].bedrag is None


def test_the_same_calc_file_twice_changes_nothing_and_logs_nothing(client_van, secretariaat, seed):
    client = client_van(secretariaat)
    importeer(client, "kostenpost", calc("grootboek_calc.xlsx"), "g.xlsx", XLSX)
    # The admin's history says in Dutch where the lines came from.
    berichten = set(LogEntry.objects.values_list("change_message", flat=True))
    assert berichten == {"Toegevoegd uit een bestand (import)."}
    voor = (
        list(Kostenpost.objects.order_by("pk").values()),
        Kostenpost.history.count(),
        LogEntry.objects.count(),
    )
    antwoord = importeer(client, "kostenpost", calc("grootboek_calc.xlsx"), "g.xlsx", XLSX)
    assert "0 nieuw, 0 gewijzigd, 4 ongewijzigd" in tekst_van(antwoord)
    na = (
        list(Kostenpost.objects.order_by("pk").values()),
        Kostenpost.history.count(),
        LogEntry.objects.count(),
    )
    assert na == voor


def test_meetings_typed_in_calc_keep_day_month_and_time(client_van, secretariaat, seed):
    importeer(
        client_van(secretariaat), "vergadering", calc("vergaderingen_calc.xlsx"), "v.xlsx", XLSX
    )
    januari = Vergadering.objects.get(kenmerk="2007-01-15")
    assert str(januari.datum) == "15/01/2007"
    assert januari.oorspronkelijke_datum == "01/12/2006"  # not "2006-12-01 00:00:00"
    assert (januari.aanvang.isoformat(), januari.einde.isoformat()) == ("14:00:00", "16:30:00")
    februari = Vergadering.objects.get(kenmerk="2007-02")
    assert (februari.precisie, str(februari.datum)) == ("maand", "februari 2007")
    assert februari.oorspronkelijke_datum == "januari 2007"


def test_an_unchanged_meetings_file_writes_no_version_and_no_log(client_van, secretariaat, seed):
    client = client_van(secretariaat)
    importeer(client, "vergadering", calc("vergaderingen_calc.xlsx"), "v.xlsx", XLSX)
    voor = (Vergadering.history.count(), LogEntry.objects.count())
    antwoord = importeer(client, "vergadering", calc("vergaderingen_calc.xlsx"), "v.xlsx", XLSX)
    assert "0 nieuw, 0 gewijzigd, 2 ongewijzigd" in tekst_van(antwoord)
    assert (Vergadering.history.count(), LogEntry.objects.count()) == voor


def test_the_sites_own_ledger_export_opened_in_calc_and_saved_as_xlsx_reimports_unchanged(
    client_van, secretariaat, seed
):
    bron = calc("grootboek_export_via_calc.xlsx")  # 02/12/05 became a date cell in Calc
    voor = list(Kostenpost.objects.order_by("pk").values())
    antwoord = importeer(client_van(secretariaat), "kostenpost", bron, "e.xlsx", XLSX)
    assert "0 nieuw, 0 gewijzigd, 8 ongewijzigd" in tekst_van(antwoord)
    assert list(Kostenpost.objects.order_by("pk").values()) == voor  # "02/12/05" kept as written


def test_the_meetings_export_round_trip_through_calc_changes_nothing(
    client_van, secretariaat, seed
):
    """Calc opens "december 2006" from the meetings CSV as the date 01/12/06: a spreadsheet's
    doing, not the secretariat's. The month stays, the first-given date stays, no history."""
    bron = calc("vergaderingen_export_via_calc.xlsx")
    # The file was exported from the seed when it still called every meeting without a kind
    # "plenair" and 06/06/2006 held (issue 22): the data as it stood then.
    Vergadering.objects.filter(soort="").update(soort="plenair")
    Vergadering.objects.filter(kenmerk="2006-06-06").update(status="gehouden")
    voor = (list(Vergadering.objects.order_by("pk").values()), Vergadering.history.count())
    antwoord = importeer(client_van(secretariaat), "vergadering", bron, "e.xlsx", XLSX)
    assert "0 nieuw, 0 gewijzigd, 10 ongewijzigd" in tekst_van(antwoord)
    assert (list(Vergadering.objects.order_by("pk").values()), Vergadering.history.count()) == voor
    december = Vergadering.objects.get(kenmerk="2006-12")
    assert (december.precisie, december.oorspronkelijke_datum) == ("maand", "december 2006")


def test_a_meeting_moved_in_a_file_is_a_change_but_its_first_date_stays(
    client_van, secretariaat, seed
):
    inhoud = (
        "werkgroep;kenmerk;datum;oorspronkelijke datum\r\n"
        f"{GROEP};2006-12;14/12/2006;01/01/2006\r\n"
    ).encode()
    antwoord = importeer(client_van(secretariaat), "vergadering", inhoud, "v.csv", CSV)
    assert "0 nieuw, 1 gewijzigd" in tekst_van(antwoord)
    december = Vergadering.objects.get(kenmerk="2006-12")
    assert (december.precisie, str(december.datum_van)) == ("dag", "2006-12-14")
    assert december.oorspronkelijke_datum == "december 2006"  # as first recorded


# -- headers -------------------------------------------------------------------------------


def test_headers_in_any_case_with_spaces_bom_and_a_trailing_separator_are_read(
    client_van, secretariaat, seed
):
    client = client_van(secretariaat)
    antwoord = importeer(client, "kostenpost", calc("grootboek_koppen_calc.xlsx"), "k.xlsx", XLSX)
    assert "1 nieuw" in tekst_van(antwoord)
    inhoud = (
        "\ufeff Werkgroep ;VERGADERING;Categorie;Omschrijving;Status;Bedrag;\r\n"
        f"{GROEP};21/08/2006;materiaal;stiften;voorzien;4,50;\r\n"
    ).encode()
    antwoord = importeer(client, "kostenpost", inhoud, "k.csv", CSV)
    assert "1 nieuw" in tekst_van(antwoord)
    assert Kostenpost.objects.filter(omschrijving__in=["flipovers", "stiften"]).count() == 2


def test_a_wrong_column_gets_one_dutch_message_naming_expected_and_found(
    client_van, secretariaat, seed, settings
):
    settings.DEBUG = False
    voor = Kostenpost.objects.count()
    antwoord = oplaad(
        client_van(secretariaat),
        "kostenpost",
        calc("grootboek_verkeerde_kolom_calc.xlsx"),
        "f.xlsx",
        XLSX,
    )
    pagina = tekst_van(antwoord)
    assert antwoord.status_code == 200 and not antwoord.context.get("confirm_form")
    assert "De kopregel van het bestand klopt niet." in pagina
    assert "Ontbrekende kolom: „vergadering”" in pagina
    assert "Onbekende kolom: „datum”" in pagina
    assert "Gevonden: „werkgroep”, „datum”" in pagina
    assert pagina.count("De kopregel") == 1
    zonder_lek(pagina)
    assert Kostenpost.objects.count() == voor


# -- encodings -----------------------------------------------------------------------------

REGELS = "werkgroep;datum;soort;plaats\r\n" + f"{GROEP};03/03/2007;plenair;Café ’t Hoekske\r\n"


@pytest.mark.parametrize(
    "inhoud",
    [
        REGELS.encode("utf-8"),
        codecs.BOM_UTF8 + REGELS.encode("utf-8"),
        REGELS.encode("cp1252"),
        codecs.BOM_UTF16_LE + REGELS.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + REGELS.encode("utf-16-be"),
    ],
    ids=["utf-8", "utf-8-bom", "windows-1252", "utf-16-le-bom", "utf-16-be-bom"],
)
def test_every_encoding_an_office_saves_is_read(client_van, secretariaat, seed, inhoud):
    importeer(client_van(secretariaat), "vergadering", inhoud, "v.csv", CSV)
    assert Vergadering.objects.get(kenmerk="2007-03-03").plaats == "Café ’t Hoekske"


@pytest.mark.parametrize(
    "inhoud",
    [REGELS.encode("utf-16-le"), REGELS.encode("utf-32"), b"werkgroep;datum\r\n\x81\x8d;x\r\n"],
    ids=["utf-16-zonder-bom", "utf-32", "onbekend"],
)
def test_another_encoding_is_refused_saying_which_are_read(client_van, secretariaat, seed, inhoud):
    antwoord = oplaad(client_van(secretariaat), "vergadering", inhoud, "v.csv", CSV)
    pagina = tekst_van(antwoord)
    assert "We lezen UTF-8 (met of zonder BOM), Windows-1252 en UTF-16 met BOM" in pagina
    assert "kolommen" not in pagina.split("We lezen")[0][-200:]  # not a column-count message
    zonder_lek(pagina)


def test_decoding_refuses_rather_than_guesses():
    assert decodeer(codecs.BOM_UTF16_LE + "é".encode("utf-16-le")) == "é"
    with pytest.raises(OnleesbaarBestand):
        decodeer("ab".encode("utf-16-le"))


# -- the archive limits --------------------------------------------------------------------


def test_a_zip_bomb_is_refused_in_dutch_before_any_parsing_with_bounded_memory(
    client_van, secretariaat, seed
):
    bom = calc("bom.xlsx")
    tracemalloc.start()
    with pytest.raises(OnleesbaarBestand, match="zou uitgepakt"):
        VeiligeXLSX().create_dataset(bom)
    piek = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    # Refused from the archive's directory alone: far less memory than one unpacked sheet.
    assert piek < 5 * len(bom), piek
    antwoord = oplaad(client_van(secretariaat), "kostenpost", bom, "bom.xlsx", XLSX)
    pagina = tekst_van(antwoord)
    assert "Dit bestand zou uitgepakt 150,7 MB worden" in pagina, pagina[-1500:]
    zonder_lek(pagina)


def test_an_ordinary_calc_file_is_far_below_the_limits():
    assert len(VeiligeXLSX().create_dataset(calc("grootboek_calc.xlsx"))) == 4


# -- confirming ----------------------------------------------------------------------------


def test_confirming_twice_says_the_file_was_read_and_imports_once(client_van, secretariaat, seed):
    client = client_van(secretariaat)
    voorvertoning = oplaad(client, "kostenpost", calc("grootboek_calc.xlsx"), "g.xlsx", XLSX)
    eerste = bevestig(client, "kostenpost", voorvertoning)
    tweede = bevestig(client, "kostenpost", voorvertoning)
    assert eerste.status_code == tweede.status_code == 200
    assert "Dit bestand is al ingelezen" in tekst_van(tweede)
    assert Kostenpost.objects.filter(omschrijving="broodjes").count() == 1


def test_a_confirm_for_a_file_outside_the_temporary_folder_is_refused(
    client_van, secretariaat, seed
):
    client = client_van(secretariaat)
    antwoord = client.post(
        reverse("admin:financien_kostenpost_process_import"),
        {
            "import_file_name": "/etc/passwd",
            "original_file_name": "x.csv",
            "format": CSV,
            "resource": "0",
        },  # fmt: skip
        follow=True,
    )
    assert "Dit bestand is al ingelezen" in tekst_van(antwoord)


# -- errors in the page --------------------------------------------------------------------


def test_every_bad_row_shows_line_column_value_and_reason_in_the_page(
    client_van, secretariaat, seed
):
    inhoud = (
        "werkgroep;vergadering;categorie;omschrijving;status;bedrag\r\n"
        f"{GROEP};21/08/2006;materiaal;goed;voorzien;4,50\r\n"
        f"{GROEP};31/02/2006;materiaal;fout;voorzien;4,50\r\n"
        f"{GROEP};21/08/2006;materiaal;ook fout;voorzien;vier euro\r\n"
    ).encode()
    antwoord = oplaad(client_van(secretariaat), "kostenpost", inhoud, "f.csv", CSV)
    tabel = antwoord.content.decode().split('class="import-fouten"')[1]
    rijen = [
        [_schoon(cel) for cel in re.findall(r"<td>(.*?)</td>", rij, re.S)]
        for rij in re.findall(r"<tr>(.*?)</tr>", tabel, re.S)
    ]
    rijen = [rij for rij in rijen if rij]
    assert rijen[0][:3] == ["3", "vergadering", "31/02/2006"]
    assert "geen bestaande datum" in rijen[0][3]
    assert rijen[1][:3] == ["4", "bedrag", "vier euro"]
    assert "geen bedrag" in rijen[1][3]
    zonder_lek(tekst_van(antwoord))


def test_the_import_and_export_pages_are_dutch_and_the_export_runs_no_inline_script(
    client_van, secretariaat, seed
):
    client = client_van(secretariaat)
    importpagina = client.get(reverse("admin:financien_kostenpost_import")).content.decode()
    exportpagina = client.get(reverse("admin:financien_kostenpost_export")).content.decode()
    for pagina in (importpagina, exportpagina):
        assert "onchange=" not in pagina and "<script>" not in pagina
        for engels in ("This exporter", "This importer", "Select all", "Submit", "File to import"):
            assert engels not in pagina
    assert "Alles selecteren" in exportpagina and "js/export_kolommen.js" in exportpagina
    assert "Bestand nakijken" in importpagina


def test_the_preview_shows_amounts_in_belgian_notation_and_empty_cells_empty(
    client_van, secretariaat, seed
):
    antwoord = oplaad(
        client_van(secretariaat), "kostenpost", calc("grootboek_calc.xlsx"), "g.xlsx", XLSX
    )
    pagina = antwoord.content.decode().split('class="import-preview"')[1]
    assert "1.234,56" in pagina and "36,30" in pagina
    assert "None" not in pagina and "1234.56" not in pagina


def test_an_xlsx_export_reads_back_through_the_same_reader(seed):
    from financien.resources import KostenpostResource

    data = KostenpostResource().export(force_native_type=True)
    terug = VeiligeXLSX().create_dataset(VeiligeXLSX().export_data(data))
    assert terug.headers == data.headers and len(terug) == len(data)
    csv = BelgischeCSV().create_dataset(BelgischeCSV().export_data(data).encode("utf-8"))
    assert len(csv) == len(data)
    assert openpyxl.load_workbook(io.BytesIO(VeiligeXLSX().export_data(data))).active.max_row > 1


def test_two_confirms_at_the_same_moment_claim_the_file_once(tmp_path, monkeypatch):
    """The preview's file, through the storage's public ``save``/``read``: of eight reads at
    once, one gets the file and seven are told it was read already; then it is gone."""
    import tempfile
    import threading

    from kern.spreadsheets import AlIngelezen
    from kern.spreadsheets.admin import Voorvertoningsopslag

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    opgeslagen = Voorvertoningsopslag(read_mode="rb")
    opgeslagen.save(b"x")
    start, uitkomsten = threading.Barrier(8), []

    def bevestig_nu():
        start.wait()
        try:
            uitkomsten.append(Voorvertoningsopslag(name=opgeslagen.name, read_mode="rb").read())
        except AlIngelezen:
            uitkomsten.append(None)

    draden = [threading.Thread(target=bevestig_nu) for _ in range(8)]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join()
    assert uitkomsten.count(None) == 7
    assert [u for u in uitkomsten if u] == [b"x"]
    assert list(tmp_path.iterdir()) == []
    # A name that is no preview's (another temporary file, a path) is refused alike.
    (tmp_path / "tmpandere").write_bytes(b"y")
    for naam in ("tmpandere", "../tmpandere", str(tmp_path / "tmpandere")):
        with pytest.raises(AlIngelezen):
            Voorvertoningsopslag(name=naam, read_mode="rb").read()
    assert (tmp_path / "tmpandere").read_bytes() == b"y"


def test_a_sheet_that_claims_a_million_rows_is_refused_without_reading_them(settings):
    settings.IMPORT_MAX_REGELS = 100
    boek = openpyxl.Workbook()
    blad = boek.active
    blad.append(["werkgroep", "datum"])
    blad.cell(row=5000, column=1, value="x")  # 4,998 empty rows in between
    uit = io.BytesIO()
    boek.save(uit)
    with pytest.raises(OnleesbaarBestand, match="meer dan 100 regels"):
        VeiligeXLSX().create_dataset(uit.getvalue())


def test_a_file_with_only_its_header_row_says_so_in_dutch(client_van, secretariaat, seed):
    inhoud = b"werkgroep;vergadering;categorie;omschrijving;status;bedrag\r\n"
    antwoord = oplaad(client_van(secretariaat), "kostenpost", inhoud, "k.csv", CSV)
    pagina = tekst_van(antwoord)
    assert "Het bestand heeft alleen een kopregel" in pagina
    assert "No valid data" not in pagina


def test_a_word_line_break_is_a_line_break_and_other_control_characters_are_refused(seed):
    from financien.resources import KostenpostResource

    kop = "werkgroep;vergadering;categorie;omschrijving;status;bedrag\r\n"
    goed = f"{GROEP};21/08/2006;materiaal;stiften\x0bblauw;voorzien;4,50\r\n"
    resultaat = KostenpostResource().import_data(
        BelgischeCSV().create_dataset((kop + goed).encode()), dry_run=False
    )
    assert not resultaat.has_validation_errors()
    assert Kostenpost.objects.filter(omschrijving="stiften\nblauw").exists()
    fout = f"{GROEP};21/08/2006;materiaal;bel\x07;voorzien;4,50\r\n"
    resultaat = KostenpostResource().import_data(
        BelgischeCSV().create_dataset((kop + fout).encode()), dry_run=False
    )
    reden = resultaat.invalid_rows[0].field_specific_errors["omschrijving"][0]
    assert "onzichtbaar stuurteken (U+0007)" in reden


def test_an_xlsx_export_survives_a_control_character_typed_elsewhere(
    client_van, secretariaat, seed
):
    Kostenpost.objects.filter(omschrijving="broodjeslunch").update(omschrijving="brood\x07jes")
    antwoord = client_van(secretariaat).post(
        reverse("admin:financien_kostenpost_export"),
        {"format": XLSX, "resource": "0", **{f"kostenpostresource_{k}": "on" for k in (
            "werkgroep", "vergadering", "categorie", "omschrijving", "status", "bedrag")}},
    )  # fmt: skip
    assert antwoord.status_code == 200, tekst_van(antwoord)[-500:]
    blad = openpyxl.load_workbook(io.BytesIO(antwoord.content)).active
    assert "brood\ufffdjes" in [rij[3] for rij in blad.iter_rows(values_only=True)]


def test_an_export_without_columns_asks_for_one_in_dutch(client_van, secretariaat, seed):
    antwoord = client_van(secretariaat).post(
        reverse("admin:financien_kostenpost_export"), {"format": XLSX, "resource": "0"}
    )
    pagina = tekst_van(antwoord)
    assert "Kies minstens één kolom om te exporteren." in pagina
    assert "Select at least" not in pagina

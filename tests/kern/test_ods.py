"""ODS, LibreOffice's own format: read as an XLSX is (the files typed in Calc nl-BE by
``tests/bestanden/calc.py``), with the same archive and row limits, the visible sheet, and
its XML read without entity expansion."""

from __future__ import annotations

import io
import zipfile

import pytest

from financien.models import Kostenpost
from kern.spreadsheets import OnleesbaarBestand, VeiligeODS, VeiligeXLSX
from tests.werkgroep.test_echte_bestanden import calc, importeer, tekst_van

ODS = "2"
NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0"'
)


def ods(bladen: str, *, stijlen: str = "", actief: str | None = None, kop: str = "") -> bytes:
    """An ODS as a program other than Calc may write it: content.xml, settings.xml."""
    inhoud = (
        f'<?xml version="1.0" encoding="UTF-8"?>{kop}<office:document-content {NS}>'
        f"<office:automatic-styles>{stijlen}</office:automatic-styles>"
        f"<office:body><office:spreadsheet>{bladen}</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    uit = io.BytesIO()
    with zipfile.ZipFile(uit, "w", zipfile.ZIP_DEFLATED) as archief:
        archief.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archief.writestr("content.xml", inhoud)
        if actief:
            archief.writestr(
                "settings.xml",
                f'<office:document-settings {NS}><config:config-item config:name="ActiveTable">'
                f"{actief}</config:config-item></office:document-settings>",
            )
    return uit.getvalue()


def rij(*cellen: str, herhaald: int = 1) -> str:
    tekst = "".join(f"<table:table-cell><text:p>{c}</text:p></table:table-cell>" for c in cellen)
    return f'<table:table-row table:number-rows-repeated="{herhaald}">{tekst}</table:table-row>'


def blad(naam: str, *rijen: str, stijl: str = "") -> str:
    extra = f' table:style-name="{stijl}"' if stijl else ""
    return f'<table:table table:name="{naam}"{extra}>{"".join(rijen)}</table:table>'


@pytest.mark.parametrize("naam", ["grootboek_calc", "vergaderingen_calc"])
def test_a_file_typed_in_calc_reads_the_same_as_ods_and_as_xlsx(naam):
    """Dates, months ("december 2006" formatted MMMM JJJJ), times, numbers, empty cells."""
    als_ods = VeiligeODS().create_dataset(calc(f"{naam}.ods"))
    als_xlsx = VeiligeXLSX().create_dataset(calc(f"{naam}.xlsx"))
    assert als_ods.headers == als_xlsx.headers
    assert list(als_ods) == list(als_xlsx)
    assert als_ods.regelnummers == als_xlsx.regelnummers


def test_the_admin_imports_calcs_ods_ledger(client_van, secretariaat, seed):
    antwoord = importeer(
        client_van(secretariaat), "kostenpost", calc("grootboek_calc.ods"), "g.ods", ODS
    )
    assert "4 nieuw" in tekst_van(antwoord)
    zaal = Kostenpost.objects.get(omschrijving="zaalhuur")
    assert zaal.vergadering_zoals_geschreven == "december 2006"  # the month, not its first day


def test_the_visible_active_sheet_is_read_and_named():
    stijlen = (
        '<style:style style:name="verborgen" style:family="table">'
        '<style:table-properties table:display="false"/></style:style>'
    )
    bestand = ods(
        blad("Oud", rij("x"), rij("y"), stijl="verborgen")
        + blad("Kosten", rij("werkgroep", "datum"), rij("a", "b"))
        + blad("Notities", rij("n"), rij("m")),
        stijlen=stijlen,
        actief="Oud",  # a hidden sheet left active: the first visible one is read
    )
    dataset = VeiligeODS().create_dataset(bestand)
    assert (dataset.title, dataset.headers) == ("Kosten", ["werkgroep", "datum"])


def test_rows_a_file_repeats_count_against_the_limit_and_empty_ones_cost_nothing(settings):
    settings.IMPORT_MAX_REGELS = 100
    veel_leeg = blad(
        "B",
        rij("a", "b"),
        rij("1", "2"),
        '<table:table-row table:number-rows-repeated="1048000">'
        "<table:table-cell/></table:table-row>",
    )
    assert VeiligeODS().create_dataset(ods(veel_leeg)).height == 1
    veel_vol = blad("B", rij("a", "b"), rij("1", "2", herhaald=1_000_000))
    with pytest.raises(OnleesbaarBestand, match="meer dan 100 regels"):
        VeiligeODS().create_dataset(ods(veel_vol))


def test_an_ods_bomb_and_entities_are_refused_before_anything_is_read(settings):
    settings.IMPORT_XLSX_MAX_UITGEPAKT = 1024 * 1024
    uit = io.BytesIO()
    with zipfile.ZipFile(uit, "w", zipfile.ZIP_DEFLATED) as archief:
        archief.writestr("content.xml", b" " * (2 * 1024 * 1024))
    with pytest.raises(OnleesbaarBestand, match="zou uitgepakt"):
        VeiligeODS().create_dataset(uit.getvalue())
    lach = '<!DOCTYPE x [<!ENTITY a "hahahahaha"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
    with pytest.raises(OnleesbaarBestand, match="geen leesbaar ODS-bestand"):
        VeiligeODS().create_dataset(ods(blad("B", rij("&b;", "x"), rij("1", "2")), kop=lach))
    with pytest.raises(OnleesbaarBestand, match="geen leesbaar ODS-bestand"):
        VeiligeODS().create_dataset(b"PK geen zip")

"""Tried as a new user would (issue 23): the secretariat exports each of the admin's imports,
opens the file in an office program, changes two cells of one line (a value and a reference),
saves it and imports it again. The preview shows exactly one changed line with exactly those
changes, every other line unchanged; confirming writes exactly those, one history version.

The office files were written once by the programs themselves and are kept here (CI has no
office program): LibreOffice Calc 7.4 in nl-BE with date recognition on opened the site's CSV
export (and, apart, its XLSX export), typed the changes and saved XLSX, ODS and CSV
(``tests/bestanden/calc.py``); Gnumeric (``ssconvert``, nl-BE) converted the changed CSV to
XLSX and ODS. Other tools are built here: openpyxl writing the same cells (shared strings,
every number a float, dates as serials), and a workbook with inline strings as streaming
writers make it.

When the seed or an export changes, ``test_the_office_files_were_made_from_todays_export``
fails; write the exports again (``RONDREIS_SCHRIJVEN=1 pytest tests/kern/test_rondreis.py -k
todays``), then run ``/usr/bin/python3 tests/bestanden/calc.py rondreis`` and
``/usr/bin/python3 tests/bestanden/rondreis/gnumeric.py``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import zipfile
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape

import openpyxl
import pytest
from django.contrib.admin.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import html

from tests.bestanden.rondreis.wijzigingen import FOUTEN, WIJZIGINGEN

from .rondreis import export_csv, export_xlsx, imports, rondreis_wereld

pytestmark = pytest.mark.filterwarnings(
    "ignore:Workbook contains no default style"  # openpyxl on Gnumeric's XLSX: read as it is
)

RONDREIS = Path(__file__).resolve().parent.parent / "bestanden" / "rondreis"
IMPORTS = imports()
SOORTEN = sorted(IMPORTS)
CSV, XLSX, ODS = "0", "1", "2"


def _pk(model_pad: str, **sleutel):
    from django.apps import apps

    return lambda: apps.get_model(model_pad).objects.get(**sleutel).pk


#: soort: (the columns the preview shows changed, {field: the value the record then holds})
VERWACHT = {
    "thema": ({"naam"}, {"naam": "Sociale economie en werk"}),
    "werkgroep": (
        {"titel", "thema"},
        {
            "titel": "Regierol van de lokale besturen (2005-2006)",
            "thema_id": _pk("werkgroep.Thema", slug="werk-en-zorg"),
        },
    ),
    "organisatie": ({"opmerking"}, {"opmerking": "Onderzoeksinstituut voor Arbeid en Samenleving"}),
    "deelnemer": (
        {"telefoon", "organisatie"},
        {"telefoon": "09 265 00 00", "organisatie_id": _pk("werkgroep.Organisatie", naam="VVSG")},
    ),
    "lidmaatschap": ({"van"}, {"van": dt.date(2006, 2, 1)}),
    "vergadering": ({"plaats"}, {"plaats": "Gent"}),
    "agendapunt": (
        {"titel", "spreker achternaam"},
        {
            "titel": "De regierol en de sociale economie",
            "spreker_id": _pk("werkgroep.Deelnemer", voornaam="Koen", achternaam="Repriels"),
        },
    ),
    "aanwezigheid": ({"status"}, {"status": "aanwezig"}),
    "programma": ({"naam"}, {"naam": "EQUAL"}),
    "project": (
        {"website", "programma"},
        {
            "website": "https://www.werkwaardig.be",
            "programma_id": _pk("projecten.Programma", slug="zwaartepunt-6"),
        },
    ),
    "projectorganisatie": ({"rol"}, {"rol": "promotor"}),
    "projectdeelnemer": ({"rol"}, {"rol": "promotor"}),
    "product": (
        {"versie", "ontwikkeld door"},
        {"versie": "2", "gemaakt_door_id": _pk("werkgroep.Organisatie", naam="VVSG")},
    ),
    "kostenpost": ({"bedrag"}, {"bedrag": Decimal("40.10")}),
}


def test_every_import_of_the_admin_has_its_round_trip():
    assert set(WIJZIGINGEN) == set(VERWACHT) == set(FOUTEN) == set(WEIGERINGEN) == set(IMPORTS)


def _cellen(xlsx: bytes) -> list[tuple]:
    return list(openpyxl.load_workbook(io.BytesIO(xlsx)).active.iter_rows(values_only=True))


@pytest.mark.parametrize("soort", SOORTEN)
def test_the_office_files_were_made_from_todays_export(seed, soort):
    rondreis_wereld(seed)
    inhoud = export_csv(IMPORTS[soort])
    xlsx = export_xlsx(IMPORTS[soort])
    pad = RONDREIS / f"{soort}_export.csv"
    if os.environ.get("RONDREIS_SCHRIJVEN"):
        pad.write_bytes(inhoud)
        pad.with_suffix(".xlsx").write_bytes(xlsx)
    assert pad.read_bytes() == inhoud, "the export changed: make the office files again"
    assert _cellen(pad.with_suffix(".xlsx").read_bytes()) == _cellen(xlsx)


# ---- the changed file as other tools write it ---------------------------------------------


def gewijzigde_cellen(soort: str, wijzigingen: dict = WIJZIGINGEN) -> list[list[str]]:
    """The export's cells with the changes typed in, as text."""
    tekst = (RONDREIS / f"{soort}_export.csv").read_text("utf-8-sig")
    rijen = list(csv.reader(io.StringIO(tekst, newline=""), delimiter=";"))
    koppen, wijziging = rijen[0], wijzigingen[soort]
    gevonden = [
        rij
        for rij in rijen[1:]
        if all(rij[koppen.index(k)] == v for k, v in wijziging["regel"].items())
    ]
    assert len(gevonden) == 1, (soort, gevonden)
    for kolom, waarde in wijziging["cellen"].items():
        gevonden[0][koppen.index(kolom)] = waarde
    return rijen


_DAG = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_GETAL = re.compile(r"-?\d+(,\d+)?")


def als_getypt(tekst: str):
    """A cell as a tool that recognises values stores it: a day a date, a number a float
    (a CSV's leading apostrophe is the tool's "this is text")."""
    if tekst.startswith("'"):
        return tekst[1:]
    if gevonden := _DAG.fullmatch(tekst):
        dag, maand, jaar = (int(g) for g in gevonden.groups())
        try:
            return dt.date(jaar + 2000 if jaar < 100 else jaar, maand, dag)
        except ValueError:
            return tekst  # no such day (31/02): the tool keeps the text
    if gevonden := _ISO.fullmatch(tekst):
        return dt.date(*(int(g) for g in gevonden.groups()))
    if _GETAL.fullmatch(tekst):
        return float(tekst.replace(",", "."))
    return tekst or None


def openpyxl_bestand(soort: str, wijzigingen: dict = WIJZIGINGEN) -> bytes:
    """openpyxl from scratch: shared strings, every number a float, dates as date serials."""
    boek = openpyxl.Workbook()
    blad = boek.active
    for r, rij in enumerate(gewijzigde_cellen(soort, wijzigingen), start=1):
        for k, tekst in enumerate(rij, start=1):
            waarde = tekst if r == 1 else als_getypt(tekst)
            cel = blad.cell(r, k, waarde)
            if isinstance(waarde, dt.date):
                cel.number_format = "dd/mm/yyyy"
    uit = io.BytesIO()
    boek.save(uit)
    return uit.getvalue()


def inline_bestand(soort: str, wijzigingen: dict = WIJZIGINGEN) -> bytes:
    """A workbook as streaming writers make one: inline strings, no shared strings, numbers
    and date serials (style 1: the built-in date format 14) in ``<v>``, no ``<dimension>``."""
    regels = []
    for r, rij in enumerate(gewijzigde_cellen(soort, wijzigingen), start=1):
        cellen = []
        for k, tekst in enumerate(rij):
            adres = f"{openpyxl.utils.get_column_letter(k + 1)}{r}"
            waarde = tekst if r == 1 else als_getypt(tekst)
            if waarde is None:
                continue
            if isinstance(waarde, dt.date):
                serie = (waarde - dt.date(1899, 12, 30)).days
                cellen.append(f'<c r="{adres}" s="1"><v>{serie}</v></c>')
            elif isinstance(waarde, float):
                cellen.append(f'<c r="{adres}"><v>{waarde!r}</v></c>')
            else:
                cellen.append(f'<c r="{adres}" t="inlineStr"><is><t>{escape(waarde)}</t></is></c>')
        regels.append(f'<row r="{r}">{"".join(cellen)}</row>')
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    delen = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
            'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType='
            '"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>'
        ),
        "_rels/.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>"
        ),
        "xl/_rels/workbook.xml.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{rel}/styles" Target="styles.xml"/>'
            "</Relationships>"
        ),
        "xl/workbook.xml": (
            f'<workbook {ns} xmlns:r="{rel}"><sheets>'
            '<sheet name="Export" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/styles.xml": (
            f'<styleSheet {ns}><fonts count="1"><font/></fonts><fills count="1"><fill>'
            '<patternFill patternType="none"/></fill></fills><borders count="1"><border>'
            "<left/><right/><top/><bottom/><diagonal/></border></borders>"
            '<cellStyleXfs count="1"><xf/></cellStyleXfs>'
            '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/>'
            "</cellXfs></styleSheet>"
        ),
        "xl/worksheets/sheet1.xml": (
            f"<worksheet {ns}><sheetData>{''.join(regels)}</sheetData></worksheet>"
        ),
    }
    uit = io.BytesIO()
    with zipfile.ZipFile(uit, "w", zipfile.ZIP_DEFLATED) as archief:
        for naam, xml in delen.items():
            archief.writestr(naam, '<?xml version="1.0" encoding="UTF-8"?>' + xml)
    return uit.getvalue()


def bewaard(naam: str):
    return lambda soort: (RONDREIS / f"{soort}_{naam}").read_bytes()


#: (name, how the file is made, the admin's format)
BRONNEN = [
    ("calc.xlsx", bewaard("calc.xlsx"), XLSX),
    ("calc.ods", bewaard("calc.ods"), ODS),
    ("calc.csv", bewaard("calc.csv"), CSV),
    ("calc_uit_xlsx.xlsx", bewaard("calc_uit_xlsx.xlsx"), XLSX),
    ("calc_uit_xlsx.ods", bewaard("calc_uit_xlsx.ods"), ODS),
    ("calc_uit_xlsx.csv", bewaard("calc_uit_xlsx.csv"), CSV),
    ("gnumeric.xlsx", bewaard("gnumeric.xlsx"), XLSX),
    ("gnumeric.ods", bewaard("gnumeric.ods"), ODS),
    ("openpyxl.xlsx", openpyxl_bestand, XLSX),
    ("inline.xlsx", inline_bestand, XLSX),
]


def _app(soort: str) -> str:
    return IMPORTS[soort]._meta.model._meta.app_label


@pytest.mark.parametrize("bron", BRONNEN, ids=[b[0] for b in BRONNEN])
@pytest.mark.parametrize("soort", SOORTEN)
def test_a_re_saved_and_changed_export_imports_exactly_its_changes(
    client_van, secretariaat, seed, soort, bron
):
    rondreis_wereld(seed)
    naam, maak, formaat = bron
    model = IMPORTS[soort]._meta.model
    kolommen, velden = VERWACHT[soort]
    voor = {r["id"]: r for r in model.objects.values()}
    historiek = model.history.count() if hasattr(model, "history") else None
    client = client_van(secretariaat)

    voorvertoning = client.post(
        reverse(f"admin:{_app(soort)}_{soort}_import"),
        {
            "resource": "0",
            "format": formaat,
            "import_file": SimpleUploadedFile(f"{soort}_{naam}", maak(soort)),
        },
    )
    assert voorvertoning.status_code == 200
    assert voorvertoning.context.get("fouten") == [], voorvertoning.context.get("fouten")
    resultaat = voorvertoning.context["result"]
    assert (resultaat.totals["new"], resultaat.totals["update"]) == (0, 1)
    assert resultaat.totals["skip"] == len(voor) - 1
    (gewijzigd,) = [r for r in resultaat.valid_rows() if r.import_type == "update"]
    getoond = {
        kop
        for kop, cel in zip(resultaat.diff_headers, gewijzigd.diff, strict=True)
        if "<ins" in cel or "<del" in cel
    }
    assert getoond == kolommen

    formulier = voorvertoning.context["confirm_form"]
    bevestigd = client.post(
        reverse(f"admin:{_app(soort)}_{soort}_process_import"),
        {k: formulier.initial[k] for k in formulier.fields},
        follow=True,
    )
    assert bevestigd.status_code == 200
    na = {r["id"]: r for r in model.objects.values()}
    assert na.keys() == voor.keys()
    anders = {pk: {k: v for k, v in na[pk].items() if voor[pk][k] != v} for pk in na}
    anders = {pk: velden for pk, velden in anders.items() if velden}
    verwacht = {k: (v() if callable(v) else v) for k, v in velden.items()}
    assert list(anders.values()) == [verwacht]
    (pk,) = anders
    if historiek is not None:
        assert model.history.count() == historiek + 1
        assert model.history.latest("history_id").id == pk
    assert LogEntry.objects.count() == 1


# ---- a mistake typed instead: refused, naming line, column and value in Dutch ---------------

_SLUG = (
    "Voer een geldige ‘slug’ in, bestaande uit letters, cijfers, liggende streepjes en "
    "verbindingsstreepjes."
)

#: soort: (line, column, value as the sheet shows it, reason)
WEIGERINGEN = {
    "thema": (2, "slug", "sociale economie!", _SLUG),
    "werkgroep": (
        2, "thema", "Werk en Welzijn",
        "Geen themawerking “Werk en Welzijn” gevonden: importeer eerst de themawerkingen.",
    ),
    "organisatie": (
        14, "maakt deel uit van", "KU Leuven",
        "Geen organisatie “KU Leuven” gevonden: importeer eerst de organisaties.",
    ),
    "deelnemer": (
        2, "organisatie", "Stad Nergens",
        "Geen organisatie “Stad Nergens” gevonden: importeer eerst de organisaties.",
    ),
    "lidmaatschap": (3, "van", "31/02/2006", "“31/02/2006” is geen datum als dd/mm/jjjj."),
    "vergadering": (
        7, "aanvang", "14h7", "“14h7” is geen uur; schrijf het als 14:00, 14u of 9u30."
    ),
    "agendapunt": (10, "volgorde", "1,5", "“1,5” is geen volgnummer (1, 2, 3 …)."),
    "aanwezigheid": (
        4, "status", "ziek",
        "“ziek” is geen geldige keuze; kies uit: aanwezig, verontschuldigd, afwezig.",
    ),
    "programma": (2, "slug", "equal/2", _SLUG),
    "project": (6, "website", "www.werkwaardig.be", "Voer een geldige URL in."),
    "projectorganisatie": (
        8, "rol", "trekker",
        "“trekker” is geen geldige keuze; kies uit: onbekend, promotor, partner.",
    ),
    "projectdeelnemer": (
        8, "achternaam", "Viane",
        "Geen deelnemer “Jean-Marie Viane” gevonden: importeer eerst de deelnemers.",
    ),
    "product": (
        5, "stadium", "klaar",
        "“klaar” is geen geldige keuze; kies uit: onbekend, in_ontwikkeling, tussentijds, finaal.",
    ),
    "kostenpost": (
        5, "bedrag", "40,123", "Een bedrag heeft hoogstens twee decimalen: “40,123”."
    ),
}  # fmt: skip

FOUTBRONNEN = [
    ("calc_fout.xlsx", bewaard("calc_fout.xlsx"), XLSX),
    ("calc_fout.ods", bewaard("calc_fout.ods"), ODS),
    ("calc_fout.csv", bewaard("calc_fout.csv"), CSV),
    ("openpyxl.xlsx", lambda soort: openpyxl_bestand(soort, FOUTEN), XLSX),
    ("inline.xlsx", lambda soort: inline_bestand(soort, FOUTEN), XLSX),
]


@pytest.mark.parametrize("bron", FOUTBRONNEN, ids=[b[0] for b in FOUTBRONNEN])
@pytest.mark.parametrize("soort", SOORTEN)
def test_a_mistake_typed_in_an_export_is_refused_by_line_column_and_value(
    client_van, secretariaat, seed, soort, bron
):
    rondreis_wereld(seed)
    naam, maak, formaat = bron
    model = IMPORTS[soort]._meta.model
    voor = list(model.objects.order_by("pk").values())
    voorvertoning = client_van(secretariaat).post(
        reverse(f"admin:{_app(soort)}_{soort}_import"),
        {
            "resource": "0",
            "format": formaat,
            "import_file": SimpleUploadedFile(f"{soort}_{naam}", maak(soort)),
        },
    )
    (fout,) = voorvertoning.context["fouten"]
    assert (fout.regel, fout.kolom, fout.waarde, fout.reden) == WEIGERINGEN[soort]
    assert "confirm_form" not in voorvertoning.context
    pagina = voorvertoning.content.decode()
    for deel in WEIGERINGEN[soort][1:]:  # the page shows the column, the value and why
        assert html.escape(str(deel)) in pagina
    assert list(model.objects.order_by("pk").values()) == voor

"""Makes the test spreadsheets with LibreOffice Calc itself, typed as a Belgian office types.

Not part of the test run: the files it writes are kept beside it, so the tests
need no office program. Run it again only to change a file:

    apt-get install libreoffice-calc-nogui python3-uno
    /usr/bin/python3 tests/bestanden/calc.py

Calc runs headless with the locale nl-BE; every cell is typed through the same
input line a person uses (``.uno:EnterString``), so Calc decides what becomes
a date, a time or a number, and with which format. A cell that a person would
format by hand (Opmaak › Cellen › "MMMM JJJJ") is formatted the same way here.
CSV files are opened the way Calc opens a double-clicked CSV and saved as XLSX.

The round trip of every import (``rondreis/``): Calc opens the site's CSV export with date
recognition on ("Speciale getallen herkennen", as Excel always does), the changes of
``rondreis/wijzigingen.py`` are typed into their cells, and the sheet is saved as XLSX, CSV
(``;``, UTF-8) and ODS: ``rondreis/<soort>_calc.{xlsx,csv,ods}``; the mistakes of ``FOUTEN``
likewise, ``rondreis/<soort>_calc_fout.{xlsx,csv,ods}``; and the changes typed into the site's
XLSX export, ``rondreis/<soort>_calc_uit_xlsx.{xlsx,csv,ods}``.
"""

import contextlib
import csv
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.lang import DisposedException, Locale

HIER = Path(__file__).resolve().parent
sys.path.insert(0, str(HIER / "rondreis"))
from wijzigingen import FOUTEN, WIJZIGINGEN  # noqa: E402 (plain data beside this script)

GROEP = "regierol-van-de-lokale-besturen"
NIEUWE_GROEP = "leren-op-de-werkvloer"  # a group entered from files only
MAAND = "MMMM JJJJ"  # Calc's Dutch code for "december 2006"

# name: rows of cells; a cell is the text typed, or (text, number format to apply).
BLADEN = {
    # The journey of the issue: a small ledger typed by the secretariat.
    "grootboek_calc.xlsx": [
        ["werkgroep", "vergadering", "categorie", "omschrijving", "status", "bedrag"],
        [GROEP, "06/06/2006", "Catering", "koffie en thee", "gefactureerd", "1.234,56"],
        [GROEP, "27/01/2006", "catering", "broodjes", "voorzien", "36,30"],
        [GROEP, ("december 2006", MAAND), "zaal", "zaalhuur", "voorzien", "150"],
        [GROEP, "oktober/november 2006", "spreker/experten", "spreker", "nog te bepalen", ""],
    ],
    # One line written twice, the second time with a four-digit year and other spacing.
    "grootboek_dubbel_calc.xlsx": [
        ["werkgroep", "vergadering", "categorie", "omschrijving", "status", "bedrag"],
        [GROEP, "14/04/06", "catering", "Koffie", "voorzien", "12,50"],
        [GROEP, "14/04/2006", "catering", " koffie ", "voorzien", "12,50"],
    ],
    "grootboek_bedragen_calc.xlsx": [
        ["werkgroep", "vergadering", "categorie", "omschrijving", "status", "bedrag"],
        [GROEP, "14/04/2006", "catering", "koffie", "voorzien", "12,50"],
        [GROEP, "14/04/2006", "zaal", "creditnota zaal", "gefactureerd", "-40,00"],
        [GROEP, "14/04/2006", "andere", "tikfout", "voorzien", "100.000.000.000"],
    ],
    # Headers as people write them: capitals, spaces, and an empty column after them.
    "grootboek_koppen_calc.xlsx": [
        ["Werkgroep", " Vergadering ", "CATEGORIE", "Omschrijving", "Status", "Bedrag", ""],
        [GROEP, "21/08/2006", "materiaal", "flipovers", "voorzien", "20", ""],
    ],
    "grootboek_verkeerde_kolom_calc.xlsx": [
        ["werkgroep", "datum", "categorie", "omschrijving", "status", "bedrag"],
        [GROEP, "21/08/2006", "materiaal", "flipovers", "voorzien", "20"],
    ],
    "vergaderingen_calc.xlsx": [
        [
            "werkgroep",
            "kenmerk",
            "datum",
            "soort",
            "status",
            "aanvang",
            "einde",
            "plaats",
            "oorspronkelijke datum",
        ],
        [GROEP, "", "15/01/2007", "plenair", "gepland", "14:00", "16:30", "Brussel", "01/12/2006"],
        [
            GROEP,
            "",
            ("februari 2007", MAAND),
            "plenair",
            "gepland",
            "",
            "",
            "",
            ("januari 2007", MAAND),
        ],
    ],
}

# LibreOffice's own format (issue 23): the ledger and the meetings as above, saved as ODS.
BLADEN["grootboek_calc.ods"] = BLADEN["grootboek_calc.xlsx"]
BLADEN["vergaderingen_calc.ods"] = BLADEN["vergaderingen_calc.xlsx"]

# The agenda and attendance of a new group (tests/werkgroep/test_import_groep.py): a meeting
# typed as "14/03/2007" becomes a date cell, one typed as "2007-05" a month.
BLADEN.update(
    {
        "groep_agenda_calc.xlsx": [
            [
                "werkgroep", "vergadering", "volgorde", "soort", "titel", "spreker voornaam",
                "spreker achternaam", "externe spreker", "tekst",
            ],
            [
                NIEUWE_GROEP, "14/03/2007", "1", "uiteenzetting", "Werkplekleren bij de VDAB",
                "Anna", "Peeters",
            ],
            [
                NIEUWE_GROEP, "14/03/2007", "2", "andere", "Leren in kleine ondernemingen", "", "",
                "Prof. Jan Claes", "Een uiteenzetting; met vragen",
            ],
            [NIEUWE_GROEP, "2007-05", "1", "beslissing", "Thema van het jaarverslag"],
        ],
        "groep_aanwezigheid_calc.xlsx": [
            ["werkgroep", "vergadering", "voornaam", "achternaam", "status"],
            [NIEUWE_GROEP, "14/03/2007", "Anna", "Peeters", "aanwezig"],
            [NIEUWE_GROEP, "2007-03-14", "Koen", "De Smet", "Verontschuldigd"],
        ],
    }
)  # fmt: skip

# The site's own CSV exports of the seed (admin › Kostenposten / Vergaderingen › Exporteren,
# CSV), opened in Calc and saved as XLSX.
CSV_NAAR_XLSX = {
    "grootboek_export.csv": "grootboek_export_via_calc.xlsx",
    "vergaderingen_export.csv": "vergaderingen_export_via_calc.xlsx",
}


def _prop(naam, waarde):
    p = PropertyValue()
    p.Name, p.Value = naam, waarde
    return p


def _verbind(profiel: Path, poort: int):
    soffice = subprocess.Popen(
        [
            "soffice", "--headless", "--invisible", "--norestore",
            f"-env:UserInstallation={profiel.as_uri()}",
            f"--accept=socket,host=127.0.0.1,port={poort};urp;",
        ],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    lokaal = uno.getComponentContext()
    zoeker = lokaal.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", lokaal
    )
    for _ in range(120):
        try:
            url = f"uno:socket,host=127.0.0.1,port={poort};urp;StarOffice.ComponentContext"
            return soffice, zoeker.resolve(url)
        except Exception:
            time.sleep(0.5)
    sys.exit("LibreOffice antwoordt niet")


def _stop(soffice, ctx, profiel: Path):
    with contextlib.suppress(Exception):  # it may be gone already
        ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx).terminate()
    soffice.wait(timeout=30)
    while subprocess.run(["pgrep", "-f", str(profiel)], capture_output=True).returncode == 0:
        time.sleep(0.5)


def _zet_nl_be(ctx):
    """The locale of the office, as Extra › Opties › Taalinstellingen › Talen sets it."""
    config = ctx.ServiceManager.createInstanceWithContext(
        "com.sun.star.configuration.ConfigurationProvider", ctx
    )
    toegang = config.createInstanceWithArguments(
        "com.sun.star.configuration.ConfigurationUpdateAccess",
        (_prop("nodepath", "/org.openoffice.Setup/L10N"),),
    )
    toegang.setPropertyValue("ooSetupSystemLocale", "nl-BE")
    toegang.commitChanges()


def _typ(ctx, doel: Path, rijen):
    smgr = ctx.ServiceManager
    desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    doc = desktop.loadComponentFromURL(
        "private:factory/scalc", "_blank", 0, (_prop("Hidden", True),)
    )
    frame = doc.CurrentController.Frame
    opdracht = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
    blad = doc.Sheets.getByIndex(0)
    for r, rij in enumerate(rijen):
        for k, cel in enumerate(rij):
            tekst, opmaak = cel if isinstance(cel, tuple) else (cel, None)
            if tekst == "":
                continue
            adres = "ABCDEFGHIJ"[k] + str(r + 1)
            opdracht.executeDispatch(frame, ".uno:GoToCell", "", 0, (_prop("ToPoint", adres),))
            opdracht.executeDispatch(
                frame, ".uno:EnterString", "", 0, (_prop("StringName", tekst),)
            )
            if opmaak:
                formaten = doc.NumberFormats
                taal = Locale("nl", "BE", "")
                sleutel = formaten.queryKey(opmaak, taal, False)
                if sleutel == -1:
                    sleutel = formaten.addNew(opmaak, taal)
                blad.getCellByPosition(k, r).NumberFormat = sleutel
    assert (doc.CharLocale.Language, doc.CharLocale.Country) == ("nl", "BE")
    filter_ = "calc8" if doel.suffix == ".ods" else "Calc MS Excel 2007 XML"
    doc.storeToURL(doel.as_uri(), (_prop("FilterName", filter_),))
    # LibreOffice 7.4 may quit while closing an ODS: it is written.
    with contextlib.suppress(DisposedException):
        doc.close(True)


def _csv_naar_xlsx(profiel: Path, bron: Path, doel: Path):
    """Open a CSV as Calc does (separator ;, UTF-8, language nl-BE) and save it as XLSX."""
    with tempfile.TemporaryDirectory() as uit:
        subprocess.run(
            [
                "soffice", "--headless", f"-env:UserInstallation={profiel.as_uri()}",
                "--infilter=CSV:59,34,76,1,,2067", "--convert-to", "xlsx", "--outdir", uit,
                str(bron),
            ],
            check=True, capture_output=True,
        )  # fmt: skip
        shutil.move(Path(uit) / (bron.stem + ".xlsx"), doel)


def _kolomletter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


# Separator ;, text delimiter ", UTF-8, from line 1, standard columns, language nl-BE, quoted
# fields not as text, special numbers (dates, times) recognised.
_CSV_LEZEN = "59,34,76,1,,2067,false,true"
_CSV_SCHRIJVEN = "59,34,76,1"


def _rondreis(ctx, soort: str, wijziging: dict, naam: str, soort_export: str = "csv"):
    """Open the export (CSV or XLSX) as a person does, type the changes, save as XLSX, CSV
    and ODS. The CSV export says which line to change: the XLSX has the same lines."""
    bron = HIER / "rondreis" / f"{soort}_export.{soort_export}"
    lezen = (
        (_prop("FilterName", "Text - txt - csv (StarCalc)"), _prop("FilterOptions", _CSV_LEZEN))
        if soort_export == "csv"
        else ()
    )
    export = (HIER / "rondreis" / f"{soort}_export.csv").read_text("utf-8-sig")
    rijen = list(csv.reader(export.splitlines(), delimiter=";"))
    koppen = rijen[0]
    (regel,) = [
        nummer
        for nummer, rij in enumerate(rijen[1:], start=2)
        if all(rij[koppen.index(k)] == v for k, v in wijziging["regel"].items())
    ]
    smgr = ctx.ServiceManager
    desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    doc = desktop.loadComponentFromURL(
        bron.as_uri(),
        "_blank",
        0,
        (_prop("Hidden", True), *lezen),
    )
    frame = doc.CurrentController.Frame
    opdracht = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
    for kolom, tekst in wijziging["cellen"].items():
        adres = _kolomletter(koppen.index(kolom)) + str(regel)
        opdracht.executeDispatch(frame, ".uno:GoToCell", "", 0, (_prop("ToPoint", adres),))
        opdracht.executeDispatch(frame, ".uno:EnterString", "", 0, (_prop("StringName", tekst),))
    doel = HIER / "rondreis" / naam
    doc.storeToURL(
        doel.with_suffix(".xlsx").as_uri(), (_prop("FilterName", "Calc MS Excel 2007 XML"),)
    )
    doc.storeToURL(
        doel.with_suffix(".csv").as_uri(),
        (
            _prop("FilterName", "Text - txt - csv (StarCalc)"),
            _prop("FilterOptions", _CSV_SCHRIJVEN),
        ),
    )
    doc.storeToURL(doel.with_suffix(".ods").as_uri(), (_prop("FilterName", "calc8"),))
    with contextlib.suppress(DisposedException):
        doc.close(True)


def main(namen: list[str]):
    """Write every file, or only those named (``calc.py grootboek_calc.ods``, ``rondreis``,
    ``rondreis/kostenpost``)."""
    profiel = Path(tempfile.mkdtemp(prefix="calc-profiel-"))
    try:
        poort = int(os.environ.get("CALC_POORT", "2002"))  # another, beside a running office
        soffice, ctx = _verbind(profiel, poort)
        _zet_nl_be(ctx)
        _stop(soffice, ctx, profiel)  # the locale applies to documents from the next start
        soffice, ctx = _verbind(profiel, poort + 1)
        for naam, rijen in BLADEN.items():
            if namen and naam not in namen:
                continue
            _typ(ctx, HIER / naam, rijen)
            print("geschreven:", naam)
        _stop(soffice, ctx, profiel)
        for soort in WIJZIGINGEN:
            if namen and f"rondreis/{soort}" not in namen and "rondreis" not in namen:
                continue
            for wijziging, naam, uit in [
                (WIJZIGINGEN, f"{soort}_calc", "csv"),
                (FOUTEN, f"{soort}_calc_fout", "csv"),
                (WIJZIGINGEN, f"{soort}_calc_uit_xlsx", "xlsx"),
            ]:
                # An office of its own for each: LibreOffice 7.4 may quit after writing an ODS.
                soffice, ctx = _verbind(profiel, poort + 1)
                _rondreis(ctx, soort, wijziging[soort], naam, uit)
                _stop(soffice, ctx, profiel)
                for slot in (HIER / "rondreis").glob(".~lock.*#"):
                    slot.unlink()  # the lock of the export it had open
                print("geschreven:", f"rondreis/{naam}.xlsx, .csv, .ods")
        for bron, doel in CSV_NAAR_XLSX.items():
            if namen and doel not in namen:
                continue
            _csv_naar_xlsx(profiel, HIER / bron, HIER / doel)
            print("geschreven:", doel)
    finally:
        shutil.rmtree(profiel, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1:])

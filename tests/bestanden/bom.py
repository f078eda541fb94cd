"""Makes ``bom.xlsx``: a real XLSX "zip bomb" of about 200 KB that unpacks to about 200 MB.

Not part of the test run: the file is kept beside this script. It is the
ledger that LibreOffice Calc wrote (``grootboek_calc.xlsx``) with its sheet
replaced by two million identical, valid rows, compressed as tightly as ZIP
allows; any spreadsheet library that opens it would parse every row.

    .venv/bin/python tests/bestanden/bom.py
"""

import zipfile
from pathlib import Path

HIER = Path(__file__).resolve().parent
RIJEN = 2_000_000


def _blad():
    yield (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    )
    rij = b'<row><c t="inlineStr"><is><t>regierol-van-de-lokale-besturen</t></is></c></row>'
    for _ in range(RIJEN // 1000):
        yield rij * 1000
    yield b"</sheetData></worksheet>"


def main():
    with (
        zipfile.ZipFile(HIER / "grootboek_calc.xlsx") as bron,
        zipfile.ZipFile(
            HIER / "bom.xlsx", "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9
        ) as doel,
    ):
        for deel in bron.infolist():
            if deel.filename == "xl/worksheets/sheet1.xml":
                with doel.open(deel.filename, "w", force_zip64=True) as blad:
                    for stuk in _blad():
                        blad.write(stuk)
            else:
                doel.writestr(deel.filename, bron.read(deel.filename))
    print(HIER / "bom.xlsx", (HIER / "bom.xlsx").stat().st_size, "bytes")


if __name__ == "__main__":
    main()

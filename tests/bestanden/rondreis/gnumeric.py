"""Makes ``<soort>_gnumeric.{xlsx,ods}`` with Gnumeric, a second office program (issue 23).

Not part of the test run: the files it writes are kept beside it. Run it again only to change
them (after ``tests/kern/test_rondreis.py`` wrote the exports again):

    apt-get install gnumeric
    /usr/bin/python3 tests/bestanden/rondreis/gnumeric.py

Gnumeric reads the site's CSV export with its changes (``wijzigingen.py``) in the locale nl-BE,
recognising dates (``02/12/05``) and numbers (``36,30``) as a Belgian desktop does, and writes
XLSX and ODS with ``ssconvert``. Its text import takes a comma or a tab between cells, not
``;``: the export is handed to it with tabs, as Excel's "Unicode-tekst" has them. The nl-BE
locale is compiled into a temporary folder (``localedef``), the system left as it is.
"""

import csv
import io
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HIER = Path(__file__).resolve().parent
sys.path.insert(0, str(HIER))
from wijzigingen import WIJZIGINGEN  # noqa: E402 (plain data beside this script)


def gewijzigd(soort: str) -> list[list[str]]:
    tekst = (HIER / f"{soort}_export.csv").read_text("utf-8-sig")
    rijen = list(csv.reader(io.StringIO(tekst, newline=""), delimiter=";"))
    koppen, wijziging = rijen[0], WIJZIGINGEN[soort]
    (rij,) = [
        rij
        for rij in rijen[1:]
        if all(rij[koppen.index(k)] == v for k, v in wijziging["regel"].items())
    ]
    for kolom, waarde in wijziging["cellen"].items():
        rij[koppen.index(kolom)] = waarde
    return rijen


def main(soorten: list[str]):
    with tempfile.TemporaryDirectory() as map_:
        map_ = Path(map_)
        subprocess.run(
            ["localedef", "-i", "nl_BE", "-f", "UTF-8", str(map_ / "nl_BE.UTF-8")], check=True
        )
        omgeving = {**os.environ, "LOCPATH": str(map_), "LC_ALL": "nl_BE.UTF-8"}
        for soort in soorten or WIJZIGINGEN:
            bron = map_ / f"{soort}.txt"
            with bron.open("w", encoding="utf-8", newline="") as uit:
                csv.writer(uit, delimiter="\t", lineterminator="\r\n").writerows(gewijzigd(soort))
            for soort_bestand in ("xlsx", "ods"):
                doel = HIER / f"{soort}_gnumeric.{soort_bestand}"
                doel.unlink(missing_ok=True)
                subprocess.run(
                    ["ssconvert", "-I", "Gnumeric_stf:stf_csvtab", str(bron), str(doel)],
                    check=True, env=omgeving, capture_output=True,
                )  # fmt: skip
            print("geschreven:", f"{soort}_gnumeric.xlsx, .ods")


if __name__ == "__main__":
    main(sys.argv[1:])

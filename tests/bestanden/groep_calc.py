"""Makes the agenda and attendance sheets of a new working group with LibreOffice Calc.

Typed in Calc with the locale nl-BE, cell by cell, as ``calc.py`` beside it does
(and with its helpers): a meeting typed as "14/03/2007" becomes a date cell, one
typed as "2007-05" a month, a number a number. Not part of the test run; the
files are kept beside this script. To write them again:

    /usr/bin/python3 tests/bestanden/groep_calc.py
"""

import shutil
import tempfile
from pathlib import Path

from calc import _stop, _typ, _verbind, _zet_nl_be

HIER = Path(__file__).resolve().parent
GROEP = "leren-op-de-werkvloer"

BLADEN = {
    "groep_agenda_calc.xlsx": [
        [
            "werkgroep", "vergadering", "volgorde", "soort", "titel", "spreker voornaam",
            "spreker achternaam", "externe spreker", "tekst",
        ],
        [GROEP, "14/03/2007", "1", "uiteenzetting", "Werkplekleren bij de VDAB", "Anna", "Peeters"],
        [
            GROEP, "14/03/2007", "2", "andere", "Leren in kleine ondernemingen", "", "",
            "Prof. Jan Claes", "Een uiteenzetting; met vragen",
        ],
        [GROEP, "2007-05", "1", "beslissing", "Thema van het jaarverslag"],
    ],
    "groep_aanwezigheid_calc.xlsx": [
        ["werkgroep", "vergadering", "voornaam", "achternaam", "status"],
        [GROEP, "14/03/2007", "Anna", "Peeters", "aanwezig"],
        [GROEP, "2007-03-14", "Koen", "De Smet", "Verontschuldigd"],
    ],
}  # fmt: skip


def main():
    profiel = Path(tempfile.mkdtemp(prefix="calc-profiel-"))
    try:
        soffice, ctx = _verbind(profiel, 2012)
        _zet_nl_be(ctx)
        _stop(soffice, ctx, profiel)  # the locale applies to documents from the next start
        soffice, ctx = _verbind(profiel, 2013)
        for naam, rijen in BLADEN.items():
            _typ(ctx, HIER / naam, rijen)
            print("geschreven:", naam)
        _stop(soffice, ctx, profiel)
    finally:
        shutil.rmtree(profiel, ignore_errors=True)


if __name__ == "__main__":
    main()

"""Spreadsheets as Belgian offices make them, for django-import-export.

Shared by every app that imports or exports, one concern per module:

- ``formaten``: CSV in `;` or `,`, UTF-8 (with or without BOM), UTF-16 or Windows-1252,
  formula-safe both ways; cells as text as shown; the archive limits of XLSX and ODS;
- ``xlsx`` and ``ods``: the safe readers (and XLSX's writer: real dates and amounts);
- ``widgets``: day-first dates, dates of any precision, hours, choices, text, references;
- ``resources``: :class:`AllesOfNietsResource`, which imports a file all or nothing;
- ``fouten``: the errors and their Dutch texts; ``uitkomst``: what an import says it did;
- ``admin``: the import and export pages, the preview's file, the background import's page.

Only the public API of django-import-export and tablib is used (``tests/kern/
test_import_export_api.py`` pins the version and the names relied on). Apps import from here.
"""

from .admin import FORMATEN, SpreadsheetAdmin, SpreadsheetExport
from .formaten import (
    BelgischeCSV,
    cel_tekst,
    controleer_archief,
    decodeer,
    formule_veilig,
    regel_weglaten,
    regelnummers,
    zonder_formule_escape,
)
from .fouten import AlIngelezen, KolomFout, OnleesbaarBestand
from .ods import VeiligeODS
from .resources import AllesOfNietsResource, SlugUitKolom, kolom, kolom_vervangen
from .uitkomst import Importfout, importfouten, totalen, voorvertoning_rijen
from .widgets import (
    BelgischeDatumWidget,
    DatumaanduidingWidget,
    KeuzeWidget,
    TekstWidget,
    TijdWidget,
    Verwijzing,
)
from .xlsx import TOTAALRIJ, XLSX_DATUM, XLSX_EURO, VeiligeXLSX, bladnaam, xlsx_schrijven

__all__ = [
    "FORMATEN",
    "TOTAALRIJ",
    "XLSX_DATUM",
    "XLSX_EURO",
    "AlIngelezen",
    "AllesOfNietsResource",
    "BelgischeCSV",
    "BelgischeDatumWidget",
    "DatumaanduidingWidget",
    "Importfout",
    "KeuzeWidget",
    "KolomFout",
    "OnleesbaarBestand",
    "SlugUitKolom",
    "SpreadsheetAdmin",
    "SpreadsheetExport",
    "TekstWidget",
    "TijdWidget",
    "VeiligeODS",
    "VeiligeXLSX",
    "Verwijzing",
    "bladnaam",
    "cel_tekst",
    "controleer_archief",
    "decodeer",
    "formule_veilig",
    "importfouten",
    "kolom",
    "kolom_vervangen",
    "regel_weglaten",
    "regelnummers",
    "totalen",
    "voorvertoning_rijen",
    "xlsx_schrijven",
    "zonder_formule_escape",
]

"""What an import did or would do, as its page shows it: the totals, every error in words,
the preview's rows."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from import_export.results import Result, RowResult

from .formaten import cel_tekst
from .fouten import _SERVERFOUT, OnleesbaarBestand, _getal

logger = logging.getLogger(__name__)


@dataclass
class Importfout:
    """One reason a file was refused, as the import page shows it: line, column, value, why."""

    regel: int | None
    kolom: str
    waarde: str
    reden: str


def importfouten(resultaat: Result) -> list[Importfout]:
    """Every error of an import, in file order, in words: never a traceback or a server path."""
    fouten = []
    for fout in resultaat.base_errors:
        if isinstance(fout.error, OnleesbaarBestand):
            fouten.append(Importfout(None, "", "", str(fout.error)))
        else:
            logger.error("Import mislukt", exc_info=fout.error)
            fouten.append(Importfout(None, "", "", str(_SERVERFOUT)))
    for rij in resultaat.error_rows:
        for fout in rij.errors:
            logger.error("Importregel %s mislukt", rij.number, exc_info=fout.error)
            fouten.append(Importfout(rij.number, "", "", str(_SERVERFOUT)))
    for rij in resultaat.invalid_rows:
        waarden = dict(zip(resultaat.diff_headers, rij.values, strict=False))
        for kolom, redenen in rij.field_specific_errors.items():
            waarde = waarden.get(kolom)
            for reden in redenen:
                tekst = "" if waarde == "---" else cel_tekst(waarde)
                fouten.append(Importfout(rij.number, kolom, tekst, reden))
        for reden in rij.non_field_specific_errors:
            fouten.append(Importfout(rij.number, "", "", reden))
    return sorted(fouten, key=lambda f: f.regel or 0)


def voorvertoning_rijen(resultaat: Result) -> list[tuple[int, dict]]:
    """The preview's rows: the first ``settings.IMPORT_VOORVERTONING_REGELS``, each its line
    in the file and what the import does with it and the diff of its values (safe HTML
    the library escaped)."""
    regels = getattr(resultaat, "regels", None) or []
    return [
        (
            regels[i] if i < len(regels) else i + 2,
            {"import_type": rij.import_type, "diff": list(rij.diff or [])},
        )
        for i, rij in enumerate(resultaat.valid_rows()[: settings.IMPORT_VOORVERTONING_REGELS])
    ]


def resultaat_context(
    *, fouten, totalen_tekst: str, blad, koppen, voorvertoning, regels: int
) -> dict:
    """What ``_import_resultaat.html`` shows, for the import page and a background import."""
    return {
        "fouten": fouten,
        "totalen": totalen_tekst,
        "blad": blad,
        "koppen": koppen,
        "voorvertoning": voorvertoning,
        "regels_verborgen": regels > len(voorvertoning),
        "regels_getoond": _getal(len(voorvertoning)),
        "regels_totaal": _getal(regels),
    }


def totalen(resultaat: Result) -> str:
    """ "2 nieuw, 1 gewijzigd, 5 ongewijzigd": what the import did or would do."""
    totalen = resultaat.totals
    return totalen_tekst(
        nieuw=totalen[RowResult.IMPORT_TYPE_NEW],
        gewijzigd=totalen[RowResult.IMPORT_TYPE_UPDATE],
        ongewijzigd=totalen[RowResult.IMPORT_TYPE_SKIP],
    )


def totalen_tekst(*, nieuw: int, gewijzigd: int, ongewijzigd: int) -> str:
    return _("%(nieuw)s nieuw, %(gewijzigd)s gewijzigd, %(ongewijzigd)s ongewijzigd") % {
        "nieuw": nieuw,
        "gewijzigd": gewijzigd,
        "ongewijzigd": ongewijzigd,
    }

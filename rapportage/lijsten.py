"""The full lists a large report carries as a spreadsheet instead of printing them line by line.

Above :data:`MAX_KOSTENPOSTEN` cost lines in a year, that year's financial section shows per
meeting the totals per category (``financien.selectors.Vergaderkosten.per_categorie``);
above :data:`MAX_DEELNEMERS` participants, the participants section says how many. The full
ledger (a sheet per year, in the ledger export's columns: ``financien.resources.
grootboek_dataset``, the same rule as the ledger page's XLSX) and the full participant list
then travel in one XLSX, embedded in the PDF (:class:`rapportage.pdf.IngeslotenBestand`) and
offered beside it on the report's page. Below both, the report prints every line, as for the
seed, and carries no file.

A report of a few hundred pages reads badly and takes WeasyPrint long (the 100× seed's 2006
report: 179 pages, most of them ledger and participant rows); the spreadsheet is where a
reader sorts and adds up a long list anyway.
"""

from __future__ import annotations

import datetime as dt

import tablib
from django.utils.translation import gettext as _

from financien.resources import grootboek_dataset
from kern.spreadsheets import xlsx_schrijven

from .pdf import IngeslotenBestand

#: More cost lines than this in a year: the year's costs per meeting and category.
MAX_KOSTENPOSTEN = 150
#: More participants than this in a group: the report counts them; the file lists them.
MAX_DEELNEMERS = 100


def kosten_samenvatten(grootboek) -> bool:
    return len(grootboek.posten) > MAX_KOSTENPOSTEN


def deelnemers_samenvatten(deelnemers: list) -> bool:
    return len(deelnemers) > MAX_DEELNEMERS


def _project(project: dict) -> str:
    tekst = f"‘{project['naam']}’"
    if project["programma"]:
        tekst += f" ({project['programma']})"
    return f"{project['rol']}: {tekst}" if project["rol"] else tekst


def deelnemers_dataset(hoofdstukken: list[dict]) -> tablib.Dataset:
    """The report's participant rows (``jaarverslag._deelnemers``), each group's in turn."""
    data = tablib.Dataset(headers=["werkgroep", "naam", "organisatie", "rol", "projecten"])
    data.title = _("Deelnemers")
    for hoofdstuk in hoofdstukken:
        for rij in hoofdstuk["deelnemers"]:
            data.append(
                [
                    hoofdstuk["werkgroep"].titel,
                    rij["naam"],
                    rij["organisatie"],
                    rij["rol"],
                    "; ".join(_project(p) for p in rij["projecten"]),
                ]
            )
    return data


def volledige_lijsten(
    hoofdstukken: list[dict], naam: str, verslagdatum: dt.date
) -> list[IngeslotenBestand]:
    """The XLSX of every ledger line and participant of these chapters, when one of their
    lists is above its limit (the chapters' ``deelnemers_samengevat``, their years'
    ``kosten_samengevat``); else nothing. Made only when read (the report's page does not)."""
    groot = any(
        h["deelnemers_samengevat"] or any(j["kosten_samengevat"] for j in h["per_jaar"])
        for h in hoofdstukken
    )
    if not groot:
        return []
    jaren = [j["jaar"] for j in hoofdstukken[0]["per_jaar"]]

    def maken() -> bytes:
        grootboeken = [
            grootboek_dataset(
                [p for h in hoofdstukken for p in h["per_jaar"][i]["grootboek"].posten],
                _("Grootboek %(jaar)s") % {"jaar": jaar},
            )
            for i, jaar in enumerate(jaren)
        ]
        return xlsx_schrijven(
            *grootboeken,
            deelnemers_dataset(hoofdstukken),
            gemaakt=dt.datetime.combine(verslagdatum, dt.time()),
        )

    return [
        IngeslotenBestand(
            naam=naam, titel=_("Volledige kostenlijst en deelnemerslijst"), maken=maken
        )
    ]

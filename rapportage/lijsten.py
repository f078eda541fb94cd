"""The full lists a large report carries as a spreadsheet instead of printing them line by line.

Above :data:`MAX_KOSTENPOSTEN` cost lines in a year, that year's financial section shows per
meeting the totals per category (``financien.selectors.Kostengroep.per_categorie``);
above :data:`MAX_DEELNEMERS` participants, the participants section says how many; above
:data:`MAX_VERGADERINGEN` meetings in a year, the meeting schedule counts the meetings per
month and kind (:func:`vergaderfrequentie`) and the programme's agendas travel in the file
(:func:`programma_dataset`), the PDF keeping per meeting what it found: validation results,
the minutes' text, approved decisions. The full ledger (a sheet per
year, in the ledger export's columns: ``financien.resources.grootboek_dataset``, the same
rule as the ledger page's XLSX), the full participant list and every meeting then travel in
one XLSX, embedded in the PDF (:class:`kern.pdf.IngeslotenBestand`) and offered beside
it on the report's page. Below all three, the report prints every line, as for the seed,
and carries no file.

A report of a few hundred pages reads badly and takes WeasyPrint long (the 100× seed's 2006
report: 179 pages, most of them ledger and participant rows; then 106, most of them its 500
meetings' schedule and 700 programmes); the spreadsheet is where a reader sorts and adds up
a long list anyway.
"""

from __future__ import annotations

import datetime as dt
from itertools import groupby

import tablib
from django.utils.translation import gettext as _

from financien.resources import grootboek_dataset
from kern.datums import Datumaanduiding
from kern.pdf import IngeslotenBestand
from kern.spreadsheets import xlsx_schrijven
from werkgroep.models import Vergadering

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

#: More cost lines than this in a year: the year's costs per meeting and category.
MAX_KOSTENPOSTEN = 150
#: More participants than this in a group: the report counts them; the file lists them.
MAX_DEELNEMERS = 100
#: More meetings than this in a year: counted per month and kind, their agendas in the file.
MAX_VERGADERINGEN = 60


def kosten_samenvatten(grootboek) -> bool:
    return len(grootboek.posten) > MAX_KOSTENPOSTEN


def deelnemers_samenvatten(deelnemers: list) -> bool:
    return len(deelnemers) > MAX_DEELNEMERS


def vergaderingen_samenvatten(vergaderingen: list) -> bool:
    """More than :data:`MAX_VERGADERINGEN` meetings in one of the years."""
    per_jaar: dict[int, int] = {}
    for vergadering in vergaderingen:
        per_jaar[vergadering.datum_van.year] = per_jaar.get(vergadering.datum_van.year, 0) + 1
    return max(per_jaar.values(), default=0) > MAX_VERGADERINGEN


def _maand_of_datum(vergadering) -> Datumaanduiding:
    """The month a meeting falls in; a date that spans months ("okt/nov 2006") as written."""
    van, tot = vergadering.datum_van, vergadering.datum_tot
    if (van.year, van.month) == (tot.year, tot.month):
        return Datumaanduiding.maand(van.year, van.month)
    return vergadering.datum


class _Soortnamen(dict):
    """A meeting's kind as shown, looked up once per kind: a long list asks it per row,
    and ``get_soort_display`` translates the choices anew each time."""

    def __missing__(self, soort: str) -> str:
        naam = self[soort] = str(dict(Vergadering.Soort.choices).get(soort, soort))
        return naam

    def van(self, vergadering) -> str:
        return self[vergadering.soort]


def vergaderfrequentie(vergaderingen: list) -> list[dict]:
    """How many meetings of each kind per month, in date order: the schedule of a year with
    more meetings than a table of one row each reads well (each meeting is in the file)."""
    rijen, soorten = [], _Soortnamen()
    volgorde = sorted(vergaderingen, key=lambda v: (_maand_of_datum(v).van, v.datum_tot, v.soort))
    for periode, groep in groupby(volgorde, key=_maand_of_datum):
        per_soort: dict[str, int] = {}
        for vergadering in groep:
            soort = soorten.van(vergadering)
            per_soort[soort] = per_soort.get(soort, 0) + 1
        rijen.extend(
            {"periode": periode, "soort": soort, "aantal": aantal}
            for soort, aantal in per_soort.items()
        )
    return rijen


def vergaderingen_dataset(hoofdstukken: list[dict]) -> tablib.Dataset:
    """Every meeting of the chapters with its date, kind and status as the report states them."""
    data = tablib.Dataset(headers=["werkgroep", "datum", "soort", "status"])
    data.title = _("Vergaderingen")
    soorten = _Soortnamen()
    for hoofdstuk in hoofdstukken:
        alle = [*hoofdstuk["vergaderingen"], *hoofdstuk["voorbereidende_vergaderingen"]]
        for v in sorted(alle, key=lambda v: (v.datum_van, v.datum_tot, v.pk)):
            data.append(
                [hoofdstuk["werkgroep"].titel, str(v.datum), soorten.van(v), v.verslagstatus]
            )
    return data


def programma_dataset(hoofdstukken: list[dict]) -> tablib.Dataset:
    """The programme of a large year as rows: per meeting each agenda item with its speaker,
    and each product presented that the agenda does not name, as the programme would print
    them (``jaarverslag._programma``)."""
    data = tablib.Dataset(
        headers=["werkgroep", "datum", "soort", "status", "agendapunt", "spreker", "voorgesteld"]
    )
    data.title = _("Programma")
    soorten = _Soortnamen()
    for hoofdstuk in hoofdstukken:
        for jaar in hoofdstuk["per_jaar"]:
            for programma in jaar["programma"]:
                v = programma["vergadering"]
                vast = [hoofdstuk["werkgroep"].titel, str(v.datum), soorten.van(v)]
                vast.append(v.verslagstatus)
                for punt in programma["agenda"]:
                    data.append([*vast, punt.kop, punt.spreker_weergave, ""])
                for pr in programma["presentaties"]:
                    data.append([*vast, "", "", f"{pr.product} (‘{pr.project}’)"])
    return data


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
    """The XLSX of every ledger line, participant and meeting of these chapters, when one of
    their lists is above its limit (the chapters' ``deelnemers_samengevat`` and
    ``vergaderingen_samengevat``, their years' ``kosten_samengevat``); else nothing. Made
    only when read (the report's page does not)."""
    groot = any(
        h["deelnemers_samengevat"]
        or h["vergaderingen_samengevat"]
        or any(j["kosten_samengevat"] for j in h["per_jaar"])
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
        programma = (
            [programma_dataset(hoofdstukken)]
            if any(h["vergaderingen_samengevat"] for h in hoofdstukken)
            else []
        )
        return xlsx_schrijven(
            *grootboeken,
            deelnemers_dataset(hoofdstukken),
            vergaderingen_dataset(hoofdstukken),
            *programma,
            gemaakt=dt.datetime.combine(verslagdatum, dt.time()),
        )

    return [
        IngeslotenBestand(
            naam=naam,
            mimetype=XLSX_TYPE,
            maken=maken,
            beschrijving=_("Volledige kostenlijst en deelnemerslijst"),
            gemaakt=dt.datetime.combine(verslagdatum, dt.time()),
        )
    ]

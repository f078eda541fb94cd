"""ODS, LibreOffice's own format, read like an XLSX (imports only)."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

from defusedxml import ElementTree as DefusedET
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from import_export.formats import base_formats

from ..datums import Datumaanduiding, OngeldigeDatum
from .formaten import _MAX_KOLOMMEN, _als_maand, _tabel, controleer_archief, zonder_formule_escape
from .fouten import _ONLEESBAAR, OnleesbaarBestand, TeVeelRegels, _te_veel_regels

# OpenDocument's names, as ElementTree writes them.
_OD = {
    naam: f"{{urn:oasis:names:tc:opendocument:xmlns:{naam}:1.0}}"
    for naam in ("office", "table", "text", "style", "config")
}
_OD_CELLEN = (_OD["table"] + "table-cell", _OD["table"] + "covered-table-cell")
_OD_TIJD = re.compile(r"PT(\d+)H(\d+)M(\d+)(?:[.,]\d+)?S")


def _ods_tekst(element) -> str:
    """A text:p as shown: its spans, ``text:s`` spaces, tabs and line breaks."""
    delen = [element.text or ""]
    for kind in element:
        if kind.tag == _OD["text"] + "s":
            delen.append(" " * int(kind.get(_OD["text"] + "c", "1")))
        elif kind.tag == _OD["text"] + "tab":
            delen.append("\t")
        elif kind.tag == _OD["text"] + "line-break":
            delen.append("\n")
        else:
            delen.append(_ods_tekst(kind))
        delen.append(kind.tail or "")
    return "".join(delen)


_DATUMDELEN = re.compile(r"\d+|[^\W\d_]+")


def _ods_cel(cel):
    """A cell's value as the sheet shows it, as openpyxl would give it for an XLSX."""
    soort = cel.get(_OD["office"] + "value-type")
    getoond = "\n".join(_ods_tekst(p) for p in cel.iter(_OD["text"] + "p"))
    if soort in ("float", "percentage", "currency"):
        return float(cel.get(_OD["office"] + "value"))
    if soort == "date":
        waarde = cel.get(_OD["office"] + "date-value")
        datum = dt.datetime.fromisoformat(waarde)
        try:  # a date shown as a month ("december 2006") is that month
            if Datumaanduiding.parse(getoond).precisie != Datumaanduiding.dag(datum).precisie:
                return getoond
        except OngeldigeDatum:
            # Shown in a way we do not parse: without a day when it has only two parts, a
            # month and a year (Gnumeric's "2006/12"), as an XLSX format without "d" is.
            if "T" not in waarde and len(_DATUMDELEN.findall(getoond)) == 2:
                return _als_maand(datum)
        return datum.date() if "T" not in waarde else datum
    if soort == "time":
        gevonden = _OD_TIJD.fullmatch(cel.get(_OD["office"] + "time-value", ""))
        if gevonden:
            uren, minuten, seconden = (int(g) for g in gevonden.groups())
            return dt.time(uren % 24, minuten, seconden)
    if soort == "boolean":
        return cel.get(_OD["office"] + "boolean-value") == "true"
    return getoond or None


class VeiligeODS(base_formats.Format):
    """LibreOffice's own format, read like an XLSX: the archive limits first, the sheet the
    file opens on (or the first visible), rows and columns bounded however many a row says
    it repeats, cells as the sheet shows them. Imports only; exports are CSV and XLSX."""

    def __init__(self, encoding=None):
        # The library's confirm makes each format with an encoding; an ODS is binary.
        self.encoding = encoding

    def get_title(self):
        return "ods"

    def get_extension(self):
        return "ods"

    def get_content_type(self):
        return "application/vnd.oasis.opendocument.spreadsheet"

    def can_import(self):
        return True

    def create_dataset(self, in_stream):
        controleer_archief(in_stream, "ods")
        try:
            with zipfile.ZipFile(io.BytesIO(in_stream)) as archief:
                inhoud = DefusedET.fromstring(archief.read("content.xml"))
                namen = set(archief.namelist())
                instellingen = (
                    DefusedET.fromstring(archief.read("settings.xml"))
                    if "settings.xml" in namen
                    else None
                )
            blad = self._blad(inhoud, instellingen)
            rijen = self._rijen(blad)
            dataset = _tabel(rijen)
        except TeVeelRegels:
            raise _te_veel_regels() from None
        except OnleesbaarBestand:
            raise
        except Exception as fout:  # a broken archive or XML, in many kinds
            raise OnleesbaarBestand(_ONLEESBAAR["ods"]) from fout
        dataset.title = blad.get(_OD["table"] + "name")
        return dataset

    @staticmethod
    def _blad(inhoud, instellingen):
        verborgen = {
            stijl.get(_OD["style"] + "name")
            for stijl in inhoud.iter(_OD["style"] + "style")
            for eigenschappen in stijl.iter(_OD["style"] + "table-properties")
            if eigenschappen.get(_OD["table"] + "display") == "false"
        }
        bladen = [
            blad
            for blad in inhoud.iter(_OD["table"] + "table")
            if blad.get(_OD["table"] + "style-name") not in verborgen
        ]
        if not bladen:
            raise OnleesbaarBestand(_("Dit bestand heeft geen zichtbaar werkblad."))
        actief = None
        if instellingen is not None:
            for item in instellingen.iter(_OD["config"] + "config-item"):
                if item.get(_OD["config"] + "name") == "ActiveTable":
                    actief = item.text
                    break
        return next((b for b in bladen if b.get(_OD["table"] + "name") == actief), bladen[0])

    @staticmethod
    def _rijen(blad) -> list[list]:
        rijen, leeg = [], 0  # empty rows are counted, and kept only before a filled one
        for rij in blad.iter(_OD["table"] + "table-row"):
            cellen, lege_cellen = [], 0
            for cel in rij:
                if cel.tag not in (
                    _OD["table"] + "table-cell",
                    _OD["table"] + "covered-table-cell",
                ):
                    continue
                waarde = _ods_cel(cel)
                keer = int(cel.get(_OD["table"] + "number-columns-repeated", "1"))
                if waarde is None:
                    lege_cellen += keer
                    continue
                cellen += [None] * min(lege_cellen, _MAX_KOLOMMEN)
                cellen += [zonder_formule_escape(waarde)] * min(keer, _MAX_KOLOMMEN)
                lege_cellen = 0
                if len(cellen) > _MAX_KOLOMMEN:
                    cellen = cellen[:_MAX_KOLOMMEN]
                    break
            keer = int(rij.get(_OD["table"] + "number-rows-repeated", "1"))
            if not cellen:
                leeg += keer
                continue
            if len(rijen) + leeg + keer > settings.IMPORT_MAX_REGELS + 1:
                raise TeVeelRegels
            rijen += [[]] * leeg + [cellen] * keer
            leeg = 0
        return rijen

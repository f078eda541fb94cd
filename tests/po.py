"""Reading gettext catalogues in tests: ours (locale/) and the third parties' (locale_derden/)."""

from __future__ import annotations

import ast
import gettext
from pathlib import Path


def po_entries(pad: Path) -> list[dict]:
    """Each entry of a .po file as a dict; multi-line strings joined, the header skipped.

    Keys: msgctxt, msgid, msgid_plural (None when absent), msgstr (a list: one per
    plural form) and fuzzy.
    """
    entries, huidig, veld, fuzzy = [], {}, None, False

    def afsluiten():
        if huidig.get("msgid"):
            huidig["msgstr"] = [huidig.pop(k) for k in sorted(huidig) if k.startswith("msgstr")]
            entries.append({"msgctxt": None, "msgid_plural": None, **huidig, "fuzzy": fuzzy})

    for regel in pad.read_text(encoding="utf-8").splitlines() + [""]:
        if not regel.strip():
            afsluiten()
            huidig, veld, fuzzy = {}, None, False
        elif regel.startswith("#,") and "fuzzy" in regel:
            fuzzy = True
        elif regel.startswith("#"):
            continue
        elif regel.startswith('"') and veld:
            huidig[veld] += ast.literal_eval(regel)
        else:
            veld, waarde = regel.split(" ", 1)
            huidig[veld] = ast.literal_eval(waarde)
    return entries


def mo_klopt_met_po(map_: Path) -> tuple[dict, dict]:
    """(what django.mo holds, what django.po says it should hold), to compare."""
    with open(map_ / "django.mo", "rb") as mo:
        catalogus = gettext.GNUTranslations(mo)._catalog
    verwacht = {}
    for e in po_entries(map_ / "django.po"):
        msgid = e["msgid"] if e["msgctxt"] is None else f"{e['msgctxt']}\x04{e['msgid']}"
        if e["msgid_plural"] is None:
            verwacht[msgid] = e["msgstr"][0]
        else:
            verwacht.update({(msgid, i): v for i, v in enumerate(e["msgstr"])})
    return {k: v for k, v in catalogus.items() if k}, verwacht

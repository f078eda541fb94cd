"""Amounts in Belgian notation: read "36,30", "36.30", "1.234,56", "1234,56"; show "€ 36,30"
(in English "€36.30", :func:`euro`).

Always `Decimal`, never a float. The same reading rules in every language of the site:
Django's localized parsing reads "36,30" as 3630 when the thousand separator is
off, and "1.234" as 1.234 when it is on; this parser does neither.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import get_language
from django.utils.translation import gettext as _

CENT = Decimal("0.01")
_DUIZENDTALLEN = re.compile(r"^\d{1,3}(\.\d{3})+$")


class OngeldigBedrag(ValueError):
    """The text is not an amount; the message says why, for the user."""


def parse_bedrag(tekst) -> Decimal | None:
    """An amount from what a person typed or a spreadsheet held; ``None`` when empty."""
    if tekst is None:
        return None
    if isinstance(tekst, Decimal):
        waarde = tekst
    elif isinstance(tekst, int):
        waarde = Decimal(tekst)
    elif isinstance(tekst, float):
        # A spreadsheet cell holds 15 significant digits; what a formula leaves beyond them
        # (434.99999999999994 for a cell showing € 435,00) is the float, not the amount.
        waarde = Decimal(format(tekst, ".15g"))
    else:
        waarde = _bedrag_uit_tekst(str(tekst))
        if waarde is None:
            return None
    if waarde != waarde.quantize(CENT):
        # A number cell is shown as the spreadsheet shows it: "43,923", not "43.923".
        getoond = f"{waarde:f}".replace(".", ",") if not isinstance(tekst, str) else tekst
        raise OngeldigBedrag(
            _("Een bedrag heeft hoogstens twee decimalen: “%(tekst)s”.") % {"tekst": getoond}
        )
    return waarde.quantize(CENT)


def _geen_bedrag(tekst: str) -> OngeldigBedrag:
    return OngeldigBedrag(_("“%(tekst)s” is geen bedrag.") % {"tekst": tekst})


def _bedrag_uit_tekst(tekst: str) -> Decimal | None:
    """A typed amount, its euro sign, spaces and sign read; ``None`` when empty."""
    schoon = tekst.replace("€", "").replace("EUR", "").replace("\u00a0", "").replace(" ", "")
    schoon = schoon.strip()
    if not schoon:
        return None
    teken = ""
    if schoon[0] in "+-":
        teken, schoon = schoon[0], schoon[1:]
    schoon = _bedrag_met_punt(schoon, tekst)
    if not re.fullmatch(r"\d+(\.\d*)?|\.\d+", schoon):
        raise _geen_bedrag(tekst)
    try:
        return Decimal(teken + schoon)
    except InvalidOperation:
        raise _geen_bedrag(tekst) from None


def _bedrag_met_punt(schoon: str, tekst: str) -> str:
    """The digits with a point before the cents and no thousands separator: "1.234,56",
    "1,234.56" and "1234,56" are "1234.56", "1.234" is "1234"; "x" for what cannot be one."""
    if "," in schoon and "." in schoon:
        # Both: the last one separates the cents, the other groups thousands.
        if schoon.rfind(",") > schoon.rfind("."):
            geheel, cent = schoon.rsplit(",", 1)
            geheel = geheel if _DUIZENDTALLEN.match(geheel) else None
        else:
            geheel, cent = schoon.rsplit(".", 1)
            # Commas group the thousands here: a point among them ("1.234,567.89") too
            # would be both signs at once.
            geheel = (
                geheel.replace(",", ".")
                if "." not in geheel and _DUIZENDTALLEN.match(geheel.replace(",", "."))
                else None
            )
        if geheel is None:
            raise _geen_bedrag(tekst)
        return geheel.replace(".", "") + "." + cent
    if "," in schoon:
        return schoon.replace(",", ".") if schoon.count(",") == 1 else "x"
    if "." in schoon:
        if _DUIZENDTALLEN.match(schoon):
            return schoon.replace(".", "")  # "1.234" is a thousand two hundred thirty-four
        if schoon.count(".") > 1:
            return "x"
    return schoon


def bedrag_tekst(waarde: Decimal | None, duizendtallen: bool = True) -> str:
    """ "1.234,56" (or "1234,56" for a spreadsheet cell); empty for no amount."""
    if waarde is None:
        return ""
    teken = "-" if waarde < 0 else ""
    geheel, cent = f"{abs(waarde.quantize(CENT)):f}".split(".")
    if duizendtallen:
        geheel = f"{int(geheel):,}".replace(",", ".")
    return f"{teken}{geheel},{cent}"


def euro(waarde: Decimal | None) -> str:
    """ "€ 36,30", "€ 1.234,56" (a non-breaking space after the euro sign); in English
    "€36.30", "€1,234.56", as the Unicode CLDR writes euros for English (Babel's
    ``format_currency(…, "EUR", locale="en")``), so an English report or page reads its
    amounts as its readers write them. Empty for no amount."""
    if waarde is None:
        return ""
    if (get_language() or "").startswith("en"):
        teken = "-" if waarde < 0 else ""
        return f"{teken}€{abs(waarde.quantize(CENT)):,.2f}"
    return f"€\u00a0{bedrag_tekst(waarde)}"

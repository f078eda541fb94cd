"""What an import says when it refuses a file, in Dutch: the errors and their texts."""

from __future__ import annotations

from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext_lazy as _


class OnleesbaarBestand(ValueError):
    """The uploaded file is not a spreadsheet we can read; the message says why."""


class KolomFout(OnleesbaarBestand):
    """The header row does not name the columns this import reads."""


class TeVeelRegels(Exception):
    """The sheet is longer than ``settings.IMPORT_MAX_REGELS``."""


class AlIngelezen(Exception):
    """The confirmed file was imported already, or its preview is gone."""


_GELEZEN_CODERINGEN = _(
    "We lezen UTF-8 (met of zonder BOM), Windows-1252 en UTF-16 met BOM. Bewaar het bestand "
    "opnieuw als „CSV UTF-8” of als XLSX."
)


_ONLEESBAAR = {
    "xlsx": _("Dit is geen leesbaar XLSX-bestand (Excel 2007 of later)."),
    "ods": _("Dit is geen leesbaar ODS-bestand (LibreOffice Calc)."),
}


_SERVERFOUT = _(
    "Deze regel kon niet worden verwerkt door een fout op de server; er is niets opgeslagen. "
    "Meld het aan de beheerder van de site."
)


_AL_INGELEZEN = _(
    "Dit bestand is al ingelezen, of de voorvertoning is verlopen. Laad het bestand opnieuw "
    "op als u het nog wilt inlezen."
)


def _te_veel_regels() -> OnleesbaarBestand:
    return OnleesbaarBestand(
        _("Dit bestand heeft meer dan %(max)s regels; zoveel leest de site niet in.")
        % {"max": formats.number_format(settings.IMPORT_MAX_REGELS, force_grouping=True)}
    )


def _lijst(namen) -> str:
    return ", ".join(f"„{naam}”" for naam in namen)


def _getal(aantal: int) -> str:
    return formats.number_format(aantal, force_grouping=True)

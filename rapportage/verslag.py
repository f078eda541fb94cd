"""Which yearly report: a working group over one year or a range of years, or a strand
(themawerking) over one year with a chapter per working group.

A :class:`Verslag` names a report the same way everywhere (the URL, the command, the
background task, the cache): its kind, the slug and the years. :meth:`Verslag.document`
gives the template and its context in the active language; the views, the command and
the background task render exactly that.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from kern.paden import JAAR

WERKGROEP = "werkgroep"
THEMAWERKING = "themawerking"

_PERIODE = re.compile(rf"^({JAAR})(?:-({JAAR}))?$")
# The most years one report spans: each year is its own queries and chapter, so a range of
# a thousand years in an address would hold a server process for a minute.
MEESTE_JAREN = 50


class OngeldigePeriode(ValueError):
    """Not a year ("2006") or a range of years ("2005-2006") in order, of at most
    MEESTE_JAREN years."""


def periode_van(jaar_van: int, jaar_tot: int, streep: str = "-") -> str:
    """ "2006", or the years joined: "2005-2006" in a URL, "2005–2006" for a reader."""
    return str(jaar_van) if jaar_van == jaar_tot else f"{jaar_van}{streep}{jaar_tot}"


class OngeldigeVerslagdatum(ValueError):
    """A report date that is no day, lies after today, or before the report's first year;
    the message says which, in the active language."""


def standaard_verslagdatum() -> dt.date:
    """The date a report is made on unless the coordinator chooses another: today."""
    return timezone.localdate()


def lees_verslagdatum(tekst: str, jaar_van: int) -> dt.date:
    """The report date as typed ("2006-12-31" or "31/12/2006"): a day from the first of
    January of the report's first year up to today (a report is made on a day that has
    come, about years that have begun)."""
    tekst = (tekst or "").strip()
    for formaat in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            datum = dt.datetime.strptime(tekst, formaat).date()  # noqa: DTZ007 (a day)
            break
        except ValueError:
            continue
    else:
        raise OngeldigeVerslagdatum(
            _("“%(tekst)s” is geen datum; schrijf bv. 31/12/2006.") % {"tekst": tekst}
        )
    if datum > timezone.localdate():
        raise OngeldigeVerslagdatum(_("Een verslag kan niet later opgemaakt zijn dan vandaag."))
    if datum.year < jaar_van:
        raise OngeldigeVerslagdatum(
            _("Een verslag over %(jaar)s kan niet vóór 1 januari %(jaar)s opgemaakt zijn.")
            % {"jaar": jaar_van}
        )
    return datum


@dataclass(frozen=True)
class Verslag:
    soort: str
    slug: str
    jaar_van: int
    jaar_tot: int

    @classmethod
    def uit_periode(cls, soort: str, slug: str, periode: str) -> Verslag:
        """``periode`` as in the URL: "2006" or "2005-2006"."""
        gevonden = _PERIODE.match(str(periode))
        if not gevonden:
            raise OngeldigePeriode(periode)
        van = int(gevonden[1])
        tot = int(gevonden[2] or van)
        if not van <= tot < van + MEESTE_JAREN or soort not in (WERKGROEP, THEMAWERKING):
            raise OngeldigePeriode(periode)
        if soort == THEMAWERKING and tot != van:
            raise OngeldigePeriode(periode)
        return cls(soort, slug, van, tot)

    @property
    def periode(self) -> str:
        return periode_van(self.jaar_van, self.jaar_tot)

    @property
    def periode_weergave(self) -> str:
        """The period as a reader writes it: "2006", "2005–2006"."""
        return periode_van(self.jaar_van, self.jaar_tot, "–")

    @property
    def jaren(self) -> range:
        return range(self.jaar_van, self.jaar_tot + 1)

    @property
    def bestandsnaam(self) -> str:
        voorvoegsel = "jaarverslag" if self.soort == WERKGROEP else "jaarverslag-themawerking"
        return f"{voorvoegsel}-{self.slug}-{self.periode}.pdf"

    @property
    def verslagdatum(self) -> dt.date:
        """The report date unless one is chosen: the day it is made."""
        return standaard_verslagdatum()

    def onderwerp(self):
        """The working group or strand; 404 when the slug names none."""
        from werkgroep.models import Thema, Werkgroep

        model = Werkgroep if self.soort == WERKGROEP else Thema
        try:
            return model.objects.get(slug=self.slug)
        except model.DoesNotExist:
            raise Http404 from None

    def document(self, verslagdatum: dt.date | None = None) -> tuple[str, dict]:
        """The PDF template and its context, in the active language."""
        from .jaarverslag import jaarverslag_context, themaverslag_context

        datum = verslagdatum or self.verslagdatum
        if self.soort == WERKGROEP:
            context = jaarverslag_context(self.onderwerp(), self.jaar_van, self.jaar_tot, datum)
            return "rapportage/jaarverslag_pdf.html", context
        return "rapportage/themaverslag_pdf.html", themaverslag_context(
            self.onderwerp(), self.jaar_van, datum
        )

"""The access log: who took a list, report or export with personal data off the site.

Every download says what it holds through ``kern.downloads``: a :class:`Melding` (it names
people: the record is written before the file is made into a response, in the request's
transaction) or :class:`Geen` (why it holds none). The argument has no default, so a new
download cannot leave without that choice; ``tests/kern/test_inzage.py`` reads every call.
The admin's spreadsheet export, the admin's action and ``manage.py persoonsgegevens`` call
:func:`vastleggen` themselves.
"""

from __future__ import annotations

import datetime as dt
import getpass
from dataclasses import dataclass, field

from django import forms
from django.conf import settings
from django.db.models.functions import TruncMonth
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from .models import Inzage


@dataclass(frozen=True)
class Melding:
    """A download that names people: ``wat`` (lazy, with ``waarden``) is written in Dutch,
    the site's language, whatever the reader's, so the log reads as one list."""

    request: HttpRequest
    wat: str
    waarden: dict = field(default_factory=dict)
    personen: int | None = None


@dataclass(frozen=True)
class Geen:
    """A download without personal data of others, and why (``docs/operations.md``)."""

    waarom: str


def vastleggen(
    *,
    wat: str,
    waarden: dict | None = None,
    request: HttpRequest | None = None,
    bron: str = "",
    personen: int | None = None,
) -> Inzage:
    """Write one record: the request's account and URL name, or (no request: a command) the
    system user that ran ``bron``. A failure raises: the caller returns no file then."""
    with override(settings.LANGUAGE_CODE):
        tekst = str(wat) % waarden if waarden else str(wat)
    account = None
    if request is not None:
        account = request.user if request.user.is_authenticated else None
        match = request.resolver_match
        bron = bron or (match.view_name if match else request.path)
    gebruikersnaam = account.get_username() if account else _systeemgebruiker()
    return Inzage.objects.create(
        account=account,
        gebruikersnaam=gebruikersnaam,
        wat=tekst[:300],
        bron=bron[:200],
        personen=personen,
    )


def melden(melding: Melding) -> Inzage:
    return vastleggen(
        wat=melding.wat,
        waarden=melding.waarden,
        request=melding.request,
        personen=melding.personen,
    )


def _systeemgebruiker() -> str:
    try:
        return getpass.getuser() or "?"
    except (KeyError, OSError):
        return "?"


def verlopen(nu: dt.datetime | None = None, maanden: int | None = None):
    """Records older than ``maanden`` months (``BEWAREN_INZAGE_MAANDEN``): the log itself is
    personal data (who read what), kept only as long as it serves to answer."""
    nu = nu or timezone.now()
    maanden = settings.BEWAREN_INZAGE_MAANDEN if maanden is None else maanden
    return Inzage.objects.filter(wanneer__lt=_maanden_terug(nu, maanden))


def opruimen(nu: dt.datetime | None = None, maanden: int | None = None) -> int:
    """Forget the records past the period (``manage.py bewaren`` does it daily)."""
    return verlopen(nu, maanden).delete()[0]


def _maanden_terug(nu: dt.datetime, maanden: int) -> dt.datetime:
    """The same moment ``maanden`` calendar months earlier (31 March − 1 → 28/29 February)."""
    jaar, maand = divmod(nu.year * 12 + nu.month - 1 - maanden, 12)
    maand += 1
    volgende = dt.date(jaar + (maand == 12), maand % 12 + 1, 1)
    dag = min(nu.day, (volgende - dt.timedelta(days=1)).day)
    return nu.replace(year=jaar, month=maand, day=dag)


# ---- The page (kern.views.inzagelogboek) ----------------------------------------------------


class InzageFilter(forms.Form):
    """Who (the username kept on each record, so a removed account is still found) and which
    month; the choices are those the log holds. Each choice list is one query."""

    gebruikersnaam = forms.ChoiceField(label=_("Wie"), required=False)
    maand = forms.ChoiceField(label=_("Maand"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        namen = Inzage.objects.values_list("gebruikersnaam", flat=True)
        self.fields["gebruikersnaam"].choices = [("", _("iedereen"))] + [
            (naam, naam) for naam in namen.distinct().order_by("gebruikersnaam")
        ]
        maanden = (
            Inzage.objects.annotate(maand=TruncMonth("wanneer"))
            .values_list("maand", flat=True)
            .distinct()
            .order_by("-maand")
        )
        self.fields["maand"].choices = [("", _("alle maanden"))] + [
            (f"{m:%Y-%m}", f"{m:%m/%Y}") for m in maanden
        ]


def gefilterd(filter_: InzageFilter):
    """The records the filter asks for, newest first (all of them for a filter that is no
    choice of the lists: a stale link shows the whole log rather than an error)."""
    rijen = Inzage.objects.order_by("-wanneer", "-id")
    if not filter_.is_valid():
        return rijen
    if naam := filter_.cleaned_data["gebruikersnaam"]:
        rijen = rijen.filter(gebruikersnaam=naam)
    if maand := filter_.cleaned_data["maand"]:
        jaar, nummer = (int(d) for d in maand.split("-"))
        rijen = rijen.filter(wanneer__year=jaar, wanneer__month=nummer)
    return rijen

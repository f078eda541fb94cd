"""Who saved a version, and when, as messages name them: "Jan Peeters, 14:02".

``kern`` knows no domain: how an account is named comes from the setting
``VERSIES_OPSTELLER``, the dotted path of a :class:`Naamgeving` a domain app provides (this
site names an account by its participant). Without it, an account is named by its full name
or else its username.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import formats, timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Opsteller:
    """Who saved a version, and when: "Jan Peeters, 14:02"."""

    naam: str
    tijd: datetime
    zelf: bool

    def __str__(self) -> str:
        lokaal = timezone.localtime(self.tijd)
        tijd = formats.date_format(
            lokaal,
            "TIME_FORMAT" if lokaal.date() == timezone.localdate() else "SHORT_DATETIME_FORMAT",
        )
        if self.zelf:
            return _("u zelf, in een ander venster, %(tijd)s") % {"tijd": tijd}
        return f"{self.naam or _('iemand anders')}, {tijd}"


@dataclass(frozen=True)
class Naamgeving:
    """How an account is named in "saved in between by …": ``naam(account)``, and the
    relations of the account model it reads (``select_related`` from the account), so that
    naming the accounts of a history costs no query per row."""

    naam: Callable[[object], str]
    relaties: tuple[str, ...] = ()


def _volledige_naam(gebruiker) -> str:
    return gebruiker.get_full_name() or gebruiker.get_username()


STANDAARD = Naamgeving(naam=_volledige_naam)


def naamgeving() -> Naamgeving:
    """The :class:`Naamgeving` of ``settings.VERSIES_OPSTELLER``, else :data:`STANDAARD`."""
    pad = getattr(settings, "VERSIES_OPSTELLER", None)
    return import_string(pad) if pad else STANDAARD


def met_opstellers(queryset: models.QuerySet, account: str) -> models.QuerySet:
    """``queryset`` (history rows, log entries) with its ``account`` field and what
    :func:`naamgeving` reads of it joined in: one query for the rows and their names."""
    return queryset.select_related(
        account, *(f"{account}__{relatie}" for relatie in naamgeving().relaties)
    )


def opstellers(rijen, door) -> list[Opsteller]:
    """Who saved each history row, as messages name them."""
    return [opsteller(rij.history_user, rij.history_date, door) for rij in rijen]


def opsteller(gebruiker, tijd: datetime, door) -> Opsteller:
    """An account that saved at ``tijd`` as messages name it (:func:`naamgeving`)."""
    naam = naamgeving().naam(gebruiker) if gebruiker is not None else ""
    zelf = gebruiker is not None and door is not None and gebruiker.pk == door.pk
    return Opsteller(naam=naam, tijd=tijd, zelf=zelf)

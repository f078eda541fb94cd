"""The retention policy applied (``manage.py bewaren``, daily): for each period of
``bewaarbeleid.yaml``, what is past it is removed or emptied as its kind's ``wissen`` says.

Each period is one step in :data:`STAPPEN`, run in a transaction of its own; a step finds only
what is still to do, so a second run changes nothing. With ``droog`` a step counts what it
would do and changes nothing. ESF evidence is never removed here: its step only counts what is
past the ESF period, for a person to decide.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from dateutil.relativedelta import relativedelta
from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks_db.models import DBTaskResult

from financien.models import Kostenpost
from kern import importtaken, inzage, mail
from persoonsgegevens.beleid import beleid
from rapportage.models import Verslagbestand
from uitnodigingen.models import Herinnering, Uitnodiging
from vergaderstukken.models import Notulen, Vergaderstuk
from werkgroep.models import Aanwezigheid, Agendapunt, Deelnemer

#: What a line of the outcome did (or, dry, would do).
VERWIJDEREN, LEEGMAKEN, DEACTIVEREN, TELLEN = "verwijderen", "leegmaken", "deactiveren", "tellen"


@dataclass(frozen=True)
class Regel:
    """One line of the outcome: ``aantal`` records of ``wat``, and what happened to them
    (``TELLEN``: past the period but kept, for information only)."""

    wat: str
    actie: str
    aantal: int
    namen: tuple[str, ...] = field(default=())


def grens(termijn: str, nu: dt.datetime) -> dt.datetime:
    """The moment before which ``termijn`` is over: ``nu`` minus the period its setting holds,
    in the unit the policy gives it."""
    t = beleid().termijnen[termijn]
    stap = {
        "jaar": relativedelta(years=t.waarde),
        "maand": relativedelta(months=t.waarde),
        "dag": relativedelta(days=t.waarde),
        "seconde": relativedelta(seconds=t.waarde),
    }[t.eenheid]
    return nu - stap


def _doen(qs, droog: bool, **leeg) -> int:
    """Count (dry), empty the fields ``leeg`` names, or delete the rows of ``qs``; the number
    of rows, not of the rows a delete takes along."""
    if droog:
        return qs.count()
    if leeg:
        return qs.update(**leeg)
    return qs.delete()[1].get(qs.model._meta.label, 0)


def antwoorden(nu: dt.datetime, droog: bool) -> list[Regel]:
    """Answers and their remarks, from the meeting's (last) day: emptied. Whether someone
    attended is ESF evidence and stays (a member's on the attendance list, a guest's on the
    invitation), and so does the invitation itself (who was invited)."""
    voorbij = grens("antwoorden", nu).date()
    oud = Uitnodiging.objects.filter(vergadering__datum_tot__lt=voorbij).values("pk")
    # What is still to do is asked of the row itself (not through the join): PostgreSQL checks
    # it again on a row another run changed meanwhile, so that run's rows count once.
    uitnodigingen = Uitnodiging.objects.filter(
        ~Q(antwoord="") | ~Q(opmerking="") | Q(beantwoord_op__isnull=False), pk__in=oud
    )
    herinneringen = Herinnering.objects.filter(uitnodiging__vergadering__datum_tot__lt=voorbij)
    return [
        Regel(
            _("antwoorden en opmerkingen op uitnodigingen"),
            LEEGMAKEN,
            _doen(uitnodigingen, droog, antwoord="", opmerking="", beantwoord_op=None),
        ),
        Regel(_("herinneringen bij uitnodigingen"), VERWIJDEREN, _doen(herinneringen, droog)),
    ]


def mails(nu: dt.datetime, droog: bool) -> list[Regel]:
    """Sent mail (``kern.mail.opruimen``, as ``herinneringen`` does) and failed mail whose last
    attempt is past the period: the secretariat's page listed it all that time."""
    verstuurd = mail.verstuurd_verlopen(nu).count() if droog else mail.opruimen(nu)
    return [
        Regel(_("verstuurde mails"), VERWIJDEREN, verstuurd),
        Regel(_("mislukte mails"), VERWIJDEREN, _doen(mail.mislukt_verlopen(nu), droog)),
    ]


def aanmeldingen(nu: dt.datetime, droog: bool) -> list[Regel]:
    """django-axes' login attempts, logins and failures (user name, IP address, browser)."""
    voorbij = grens("aanmeldingen", nu)
    return [
        Regel(wat, VERWIJDEREN, _doen(model.objects.filter(attempt_time__lt=voorbij), droog))
        for wat, model in (
            (_("mislukte aanmeldpogingen (blokkering)"), AccessAttempt),
            (_("aanmeldingen"), AccessLog),
            (_("aanmeldfouten"), AccessFailureLog),
        )
    ]


def inzagelog(nu: dt.datetime, droog: bool) -> list[Regel]:
    """The access log (who downloaded which list or report naming people): its own rule
    (``kern.inzage.verlopen``)."""
    return [
        Regel(_("regels van het inzagelogboek"), VERWIJDEREN, _doen(inzage.verlopen(nu), droog))
    ]


def versies(nu: dt.datetime, droog: bool) -> list[Regel]:
    """History versions past the period, except each record's newest: the current state's
    history is never empty. A deleted record's versions all go after the period. The admin's
    own log of changes goes after the period too."""
    voorbij = grens("versies", nu)
    aantal = 0
    for model in apps.get_models():
        origineel = getattr(model, "instance_type", None)  # simple_history's historical model
        if origineel is None:
            continue
        sleutel = origineel._meta.pk.attname
        nieuwer = model.objects.filter(**{sleutel: OuterRef(sleutel)}).filter(
            Q(history_date__gt=OuterRef("history_date"))
            | Q(history_date=OuterRef("history_date"), history_id__gt=OuterRef("history_id"))
        )
        bestaat = origineel._base_manager.filter(pk=OuterRef(sleutel))
        oud = model.objects.filter(history_date__lt=voorbij).filter(
            Exists(nieuwer) | ~Exists(bestaat)
        )
        aantal += _doen(oud, droog)
    logboek = LogEntry.objects.filter(action_time__lt=voorbij)
    return [
        Regel(_("oudere versies in de historiek"), VERWIJDEREN, aantal),
        Regel(_("regels van het logboek van de beheersite"), VERWIJDEREN, _doen(logboek, droog)),
    ]


def importbestanden(nu: dt.datetime, droog: bool) -> list[Regel]:
    """Uploaded spreadsheets of imports that ended (the rows they brought in stay)."""
    taken = importtaken.stil_sinds(grens("importbestanden", nu))
    return [Regel(_("opgeladen rekenbladen (importtaken)"), VERWIJDEREN, _doen(taken, droog))]


def taken(nu: dt.datetime, droog: bool) -> list[Regel]:
    """Results of finished background tasks (their arguments and outcome)."""
    klaar = DBTaskResult.objects.finished().filter(finished_at__lt=grens("taken", nu))
    return [Regel(_("uitkomsten van achtergrondtaken"), VERWIJDEREN, _doen(klaar, droog))]


def sessies(nu: dt.datetime, droog: bool) -> list[Regel]:
    """Expired sessions, as ``manage.py clearsessions`` removes them (their expiry date is
    the last request plus ``SESSION_COOKIE_AGE``)."""
    winkel = import_module(settings.SESSION_ENGINE).SessionStore
    if hasattr(winkel, "get_model_class"):  # a database store: its clear_expired(), counted
        verlopen = winkel.get_model_class().objects.filter(expire_date__lt=nu)
        return [Regel(_("verlopen sessies"), VERWIJDEREN, _doen(verlopen, droog))]
    if not droog:  # a store that expires its own (cache) or cannot count (files)
        winkel.clear_expired()
    return [Regel(_("verlopen sessies"), VERWIJDEREN, 0)]


def oud_leden(nu: dt.datetime):
    """Participants whose every membership ended before the period after it (one without an
    end date, or without any membership, is never one), with contact data or an active
    account left."""
    voorbij = grens("lidmaatschap", nu).date()
    return (
        Deelnemer.objects.filter(lidmaatschappen__isnull=False)
        .exclude(lidmaatschappen__tot__isnull=True)
        .exclude(lidmaatschappen__tot__gte=voorbij)
        .filter(
            ~Q(email="")
            | ~Q(telefoon="")
            | Q(account__is_active=True)
            | (Q(account__isnull=False) & ~Q(account__email=""))
        )
        .distinct()
        .order_by("achternaam", "voornaam")
    )


def lidmaatschap(nu: dt.datetime, droog: bool) -> list[Regel]:
    """Contact data of former members emptied, their account deactivated (it stays: what it
    wrote keeps its author); the output names them."""
    kandidaten = list(oud_leden(nu).values_list("pk", flat=True))
    if not droog:  # lock them, then read again: a run at the same time did those it locked first
        list(Deelnemer.objects.filter(pk__in=kandidaten).select_for_update().values_list("pk"))
    personen = list(oud_leden(nu).filter(pk__in=kandidaten))
    namen = tuple(p.naam for p in personen)
    accounts = get_user_model().objects.filter(deelnemer__in=[p.pk for p in personen])
    contact = Deelnemer.objects.filter(pk__in=[p.pk for p in personen])
    if droog:
        aantal_accounts = accounts.filter(is_active=True).count()
    else:
        contact.update(email="", telefoon="")
        aantal_accounts = accounts.filter(is_active=True).update(is_active=False)
        accounts.update(email="")
    return [
        Regel(_("contactgegevens van oud-leden"), LEEGMAKEN, len(personen), namen),
        Regel(_("accounts van oud-leden"), DEACTIVEREN, aantal_accounts),
    ]


#: ESF evidence, with the year its period counts from (31 December of it).
ESF_BEWIJS = {
    Aanwezigheid: (gettext_lazy("aanwezigheden"), "vergadering__datum_tot__year"),
    Agendapunt: (gettext_lazy("agendapunten"), "vergadering__datum_tot__year"),
    Notulen: (gettext_lazy("notulen"), "vergadering__datum_tot__year"),
    Vergaderstuk: (gettext_lazy("vergaderstukken"), "vergadering__datum_tot__year"),
    Kostenpost: (gettext_lazy("kostenposten"), "jaar"),
    Verslagbestand: (gettext_lazy("gemaakte verslagen"), "jaar_tot"),
}


def esf(nu: dt.datetime, droog: bool) -> list[Regel]:
    """ESF evidence is never removed by this command: only counted, when past the ESF period,
    for the secretariat to decide on (the agency may ask for longer)."""
    laatste_jaar = nu.year - beleid().termijnen["esf"].waarde - 1
    return [
        Regel(wat, TELLEN, model.objects.filter(**{f"{jaar}__lte": laatste_jaar}).count())
        for model, (wat, jaar) in ESF_BEWIJS.items()
    ]


#: The steps, one per period of the policy, in this order. A new kind of personal data with a
#: period of its own adds its step here: ``(termijn, function(nu, droog) -> [Regel, …])``.
STAPPEN: list[tuple[str, Callable[[dt.datetime, bool], list[Regel]]]] = [
    ("antwoorden", antwoorden),
    ("mails", mails),
    ("aanmeldingen", aanmeldingen),
    ("inzage", inzagelog),
    ("versies", versies),
    ("importbestanden", importbestanden),
    ("taken", taken),
    ("sessies", sessies),
    ("lidmaatschap", lidmaatschap),
    ("esf", esf),
]


def toepassen(*, droog: bool = False, nu: dt.datetime | None = None) -> list[tuple[str, list]]:
    """Apply every step (or, ``droog``, count what each would do), each in a transaction of
    its own; per period its lines."""
    nu = nu or timezone.now()
    uitkomst = []
    for termijn, stap in STAPPEN:
        with transaction.atomic():
            uitkomst.append((termijn, stap(nu, droog)))
    return uitkomst

"""A working group's meetings as an iCalendar feed, each with its precision honoured.

A day without an hour is an all-day event; a month or a window of months is an
all-day span over those months, marked free and tentative, with the date as
written in its title: no calendar shows a made-up hour.

Every calendar this site writes (the feed, each invitation) carries the ``VTIMEZONE`` of
the hours it names (RFC 5545 3.6.5: a ``TZID`` needs its definition; a client without
the Olson names, the Outlook family, would otherwise guess the hour), and each event its
``SEQUENCE``: the number of the last version mailed to the invited, so the feed and the
invitation describe the same version (a later app tells it, :func:`volgnummers_registreren`).
"""

from __future__ import annotations

import calendar
import datetime as dt
import zoneinfo
from collections.abc import Callable, Iterable

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from icalendar import Alarm, Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard

from .models import Vergadering, Werkgroep

#: How long a meeting with a start hour but no end lasts, in the calendar and for when its
#: invitation can no longer be answered (``uitnodigingen.models.nog_te_beantwoorden``).
STANDAARDDUUR = dt.timedelta(hours=2)


def _dtstamp() -> dt.datetime:
    return timezone.now().replace(microsecond=0)


def vergadering_event(vergadering: Vergadering, stempel: dt.datetime, volgnummer: int = 0) -> Event:
    """The meeting as a ``VEVENT``; ``volgnummer`` its ``SEQUENCE`` (the version mailed)."""
    event = Event()
    event.add("uid", f"{vergadering.werkgroep.slug}-{vergadering.kenmerk}@werkgroep")
    event.add("dtstamp", stempel)
    event.add("sequence", volgnummer)
    titel = f"{vergadering.werkgroep.titel}: {vergadering.get_soort_display()}"
    datum = vergadering.datum
    if datum.dag_bekend:
        if vergadering.aanvang:
            tz = zoneinfo.ZoneInfo(settings.TIME_ZONE)
            begin = dt.datetime.combine(datum.van, vergadering.aanvang, tzinfo=tz)
            einde = (
                dt.datetime.combine(datum.van, vergadering.einde, tzinfo=tz)
                if vergadering.einde
                else begin + STANDAARDDUUR
            )
            event.add("dtstart", begin)
            event.add("dtend", einde)
        else:
            event.add("dtstart", datum.van)
            event.add("dtend", datum.van + dt.timedelta(days=1))
    else:
        titel += " " + _("(datum nog niet vastgelegd: %(datum)s)") % {"datum": datum}
        event.add("dtstart", datum.van)
        event.add("dtend", datum.tot + dt.timedelta(days=1))
        event.add("transp", "TRANSPARENT")
    event.add("summary", titel)
    if vergadering.status == Vergadering.Status.GEANNULEERD:
        event.add("status", "CANCELLED")
    elif not datum.dag_bekend:
        event.add("status", "TENTATIVE")
    else:
        event.add("status", "CONFIRMED")
    if vergadering.plaats:
        event.add("location", vergadering.plaats)
    agenda = [f"- {punt.titel}" for punt in vergadering.agendapunten.all()]
    if agenda:
        event.add("description", "\n".join(agenda))
    return event


def met_tijdzones(kalender: Calendar) -> Calendar:
    """Add, before the events, the ``VTIMEZONE`` of every ``TZID`` they use, covering the
    years of those events (:func:`vtimezone`)."""
    jaren = [
        component.start.year
        for component in kalender.walk("VEVENT")
        if isinstance(component.start, dt.datetime)
    ]
    if jaren:
        for tzid in sorted(kalender.get_missing_tzids()):
            kalender.subcomponents.insert(0, vtimezone(tzid, min(jaren) - 1, max(jaren) + 1))
    return kalender


_WEEKDAGEN = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def vtimezone(tzid: str, eerste: int, laatste: int) -> Timezone:
    """The zone's ``VTIMEZONE`` for the years ``eerste`` to ``laatste``, built from zoneinfo.

    As the Outlook family reads it: one ``STANDARD`` and one ``DAYLIGHT`` with a yearly
    ``RRULE`` ("last Sunday of March"), the form Google and Outlook write; Outlook misreads
    the ``RDATE`` lists icalendar's own ``Timezone.from_tzid`` writes and shifts the hours
    after a change of the clock. When the rule of the first year does not give every
    later year's changes (the rules changed in between), icalendar's lists it is."""
    zone = zoneinfo.ZoneInfo(tzid)
    overgangen = _overgangen(zone, eerste)
    regels = [_jaarregel(moment + voor) for moment, voor, _na in overgangen]
    for jaar in range(eerste + 1, laatste + 1):
        verwacht = sorted(
            (moment + voor).replace(tzinfo=None) for moment, voor, _na in _overgangen(zone, jaar)
        )
        if sorted(_volgens_regel(lokaal, regel, jaar) for lokaal, regel in regels) != verwacht:
            return Timezone.from_tzid(
                tzid, first_date=dt.date(eerste, 1, 1), last_date=dt.date(laatste + 1, 1, 1)
            )
    vtz = Timezone()
    vtz.add("tzid", tzid)
    if not overgangen:  # no summer time: one offset
        middag = dt.datetime(eerste, 1, 1, 12, tzinfo=zone)
        deel = TimezoneStandard()
        deel.add("dtstart", middag.replace(hour=0, tzinfo=None))
        deel.add("tzoffsetfrom", middag.utcoffset())
        deel.add("tzoffsetto", middag.utcoffset())
        deel.add("tzname", middag.tzname())
        vtz.add_component(deel)
        return vtz
    for (moment, voor, na), (lokaal, regel) in zip(overgangen, regels, strict=True):
        erna = moment.astimezone(zone)
        deel = TimezoneDaylight() if erna.dst() else TimezoneStandard()
        deel.add("dtstart", lokaal)
        deel.add("tzoffsetfrom", voor)
        deel.add("tzoffsetto", na)
        deel.add("tzname", erna.tzname())
        deel.add("rrule", regel)
        vtz.add_component(deel)
    return vtz


def _overgangen(zone, jaar: int) -> list[tuple[dt.datetime, dt.timedelta, dt.timedelta]]:
    """Each change of the clock in ``jaar``: (its moment in UTC, offset before, after)."""
    uit = []
    dag, einde = dt.datetime(jaar, 1, 1, tzinfo=dt.UTC), dt.datetime(jaar + 1, 1, 1, tzinfo=dt.UTC)
    voor = dag.astimezone(zone).utcoffset()
    while dag < einde:
        volgende = dag + dt.timedelta(days=1)
        if volgende.astimezone(zone).utcoffset() != voor:
            moment = dag
            while moment.astimezone(zone).utcoffset() == voor:
                moment += dt.timedelta(minutes=15)
            na = moment.astimezone(zone).utcoffset()
            uit.append((moment, voor, na))
            voor = na
        dag = volgende
    return uit


def _jaarregel(lokaal: dt.datetime) -> tuple[dt.datetime, dict]:
    """The wall-clock moment of a change and its yearly rule: the n-th (or last) weekday."""
    lokaal = lokaal.replace(tzinfo=None)
    laatste = lokaal.day + 7 > calendar.monthrange(lokaal.year, lokaal.month)[1]
    n = -1 if laatste else (lokaal.day - 1) // 7 + 1
    dag = _WEEKDAGEN[lokaal.weekday()]
    return lokaal, {"freq": "YEARLY", "bymonth": lokaal.month, "byday": f"{n}{dag}"}


def _volgens_regel(lokaal: dt.datetime, regel: dict, jaar: int) -> dt.datetime:
    """The moment the rule gives in ``jaar``."""
    maand, n = regel["bymonth"], int(regel["byday"][:-2])
    weekdag = _WEEKDAGEN.index(regel["byday"][-2:])
    dagen = [
        d
        for d in range(1, calendar.monthrange(jaar, maand)[1] + 1)
        if dt.date(jaar, maand, d).weekday() == weekdag
    ]
    return lokaal.replace(year=jaar, month=maand, day=dagen[n if n < 0 else n - 1])


# Who tells the feed each meeting's sequence (werkgroep cannot import the app that mails
# the invitations): functions of meeting numbers returning {number: sequence}.
_VOLGNUMMERS: list[Callable[[Iterable[int]], dict[int, int]]] = []


def volgnummers_registreren(functie: Callable[[Iterable[int]], dict[int, int]]) -> None:
    """Called from a later app's ``ready()``; registering the same function twice is one."""
    if functie not in _VOLGNUMMERS:
        _VOLGNUMMERS.append(functie)


def volgnummers(vergadering_ids: Iterable[int]) -> dict[int, int]:
    """Each meeting's ``SEQUENCE`` (the highest any registered app tells; 0 when none)."""
    ids = list(vergadering_ids)
    resultaat: dict[int, int] = {}
    for functie in _VOLGNUMMERS:
        for pk, nummer in functie(ids).items():
            resultaat[pk] = max(nummer, resultaat.get(pk, 0))
    return resultaat


# Reminders a member may ask the feed to carry (?alarm=…): minutes before the start, label.
ALARMEN = {
    "15m": (15, gettext_lazy("15 minuten vooraf")),
    "1u": (60, gettext_lazy("1 uur vooraf")),
    "1d": (24 * 60, gettext_lazy("1 dag vooraf")),
    "2d": (2 * 24 * 60, gettext_lazy("2 dagen vooraf")),
}


def alarm(minuten: int) -> Alarm:
    """A reminder shown ``minuten`` before the start (for an all-day event: before its day)."""
    herinnering = Alarm()
    herinnering.add("action", "DISPLAY")
    herinnering.add("description", _("Vergadering van de werkgroep"))
    herinnering.add("trigger", -dt.timedelta(minutes=minuten))
    return herinnering


def werkgroep_kalender(
    werkgroep: Werkgroep, vergaderingen, alarm_minuten: int | None = None
) -> bytes:
    kalender = Calendar()
    kalender.add("prodid", "-//Werkgroepsite//NL")
    kalender.add("version", "2.0")
    kalender.add("x-wr-calname", werkgroep.titel)
    kalender.add("x-wr-timezone", settings.TIME_ZONE)
    stempel = _dtstamp()
    vergaderingen = list(vergaderingen)
    nummers = volgnummers(v.pk for v in vergaderingen)
    for vergadering in vergaderingen:
        event = vergadering_event(vergadering, stempel, nummers.get(vergadering.pk, 0))
        if alarm_minuten and vergadering.status != Vergadering.Status.GEANNULEERD:
            event.add_component(alarm(alarm_minuten))
        kalender.add_component(event)
    return met_tijdzones(kalender).to_ical()

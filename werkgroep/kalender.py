"""A working group's meetings as an iCalendar feed, each with its precision honoured.

A day without an hour is an all-day event; a month or a window of months is an
all-day span over those months, marked free and tentative, with the date as
written in its title: no calendar shows a made-up hour.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from .models import Vergadering, Werkgroep


def _dtstamp() -> dt.datetime:
    return timezone.now().replace(microsecond=0)


def vergadering_event(vergadering: Vergadering, stempel: dt.datetime) -> Event:
    event = Event()
    event.add("uid", f"{vergadering.werkgroep.slug}-{vergadering.kenmerk}@werkgroep")
    event.add("dtstamp", stempel)
    titel = f"{vergadering.werkgroep.titel}: {vergadering.get_soort_display()}"
    datum = vergadering.datum
    if datum.dag_bekend:
        if vergadering.aanvang:
            tz = zoneinfo.ZoneInfo(settings.TIME_ZONE)
            begin = dt.datetime.combine(datum.van, vergadering.aanvang, tzinfo=tz)
            einde = (
                dt.datetime.combine(datum.van, vergadering.einde, tzinfo=tz)
                if vergadering.einde
                else begin + dt.timedelta(hours=2)
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


def werkgroep_kalender(werkgroep: Werkgroep, vergaderingen) -> bytes:
    kalender = Calendar()
    kalender.add("prodid", "-//Werkgroepsite//NL")
    kalender.add("version", "2.0")
    kalender.add("x-wr-calname", werkgroep.titel)
    kalender.add("x-wr-timezone", settings.TIME_ZONE)
    stempel = _dtstamp()
    for vergadering in vergaderingen:
        kalender.add_component(vergadering_event(vergadering, stempel))
    return kalender.to_ical()

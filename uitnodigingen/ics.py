"""The calendar file sent with an invitation: one meeting, one attendee, a method.

The event is the calendar feed's (``werkgroep.kalender.vergadering_event``: the same UID,
so a calendar holding both sees one meeting), plus what an invitation needs (RFC 5546):
the method (``REQUEST`` to invite or update, ``CANCEL``), the secretariat as organiser,
the person as attendee with the answer they gave (``PARTSTAT``), the sequence number of
this version and the ``VTIMEZONE`` of its hours.

``RSVP=FALSE``: the answer goes through the personal link on the site; nothing reads
calendar replies, so a client's "Accept" would be lost (and the person reminded).
"""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, vCalAddress, vText

from werkgroep.kalender import met_tijdzones, vergadering_event

from .models import Antwoord, Uitnodiging


def organisator(werkgroep) -> vCalAddress:
    adres = vCalAddress(f"mailto:{settings.DEFAULT_FROM_EMAIL}")
    adres.params["cn"] = vText(werkgroep.secretariaat or _("Het secretariaat van de werkgroep"))
    return adres


def uitnodiging_ics(uitnodiging: Uitnodiging, *, methode: str, volgnummer: int) -> str:
    """The ``.ics`` for this person, as text."""
    vergadering = uitnodiging.vergadering
    kalender = Calendar()
    kalender.add("prodid", "-//Werkgroepsite//NL")
    kalender.add("version", "2.0")
    kalender.add("method", methode)
    event = vergadering_event(vergadering, timezone.now().replace(microsecond=0), volgnummer)
    event.add("organizer", organisator(vergadering.werkgroep))
    deelnemer = vCalAddress(f"mailto:{uitnodiging.email}")
    deelnemer.params["cn"] = vText(uitnodiging.weergavenaam)
    deelnemer.params["role"] = vText("REQ-PARTICIPANT")
    deelnemer.params["partstat"] = vText(partstat(uitnodiging))
    deelnemer.params["rsvp"] = vText("FALSE")
    event.add("attendee", deelnemer, encode=0)
    kalender.add_component(event)
    return met_tijdzones(kalender).to_ical().decode()


def partstat(uitnodiging: Uitnodiging) -> str:
    """The person's answer as a calendar says it; ``NEEDS-ACTION`` while they gave none."""
    return Antwoord(uitnodiging.antwoord).partstat if uitnodiging.antwoord else "NEEDS-ACTION"

"""The calendar feed carries a reminder when the member chose one on the calendar page."""

from __future__ import annotations

import datetime as dt
import re

from icalendar import Calendar

from tests.bouwers import aangemeld


def test_the_calendar_page_offers_a_reminder_and_the_feed_carries_it(lid):
    client = aangemeld(lid)
    pagina = client.get("/kalender/").content.decode()
    assert '<label for="id_alarm"' in pagina and 'value="1d"' in pagina
    pagina = client.get("/kalender/?alarm=1d").content.decode()
    (link,) = re.findall(r"http://testserver(/kalender/[^<\s]+\.ics\?alarm=1d)", pagina)
    assert 'value="1d" selected' in pagina

    kalender = Calendar.from_ical(aangemeld(None).get(link).getvalue())
    events = list(kalender.walk("VEVENT"))
    gepland = [e for e in events if str(e["status"]) != "CANCELLED"]
    assert gepland
    for event in gepland:
        (herinnering,) = event.walk("VALARM")
        assert str(herinnering["action"]) == "DISPLAY"
        assert herinnering["trigger"].dt == -dt.timedelta(days=1)
    for event in events:
        if str(event["status"]) == "CANCELLED":
            assert not event.walk("VALARM")  # no reminder of what does not take place


def test_without_a_choice_or_with_an_unknown_one_the_feed_has_no_reminder(lid):
    client = aangemeld(lid)
    pagina = client.get("/kalender/?alarm=onzin").content.decode()
    (link,) = re.findall(r"http://testserver(/kalender/[^<\s]+\.ics)", pagina)
    for adres in (link, link + "?alarm=onzin"):
        kalender = Calendar.from_ical(aangemeld(None).get(adres).getvalue())
        assert not kalender.walk("VALARM")

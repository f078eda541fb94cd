"""The personal calendar feed: secret URL, renewable, precision honoured."""

import datetime as dt
import zoneinfo

import pytest
from django.urls import reverse
from icalendar import Calendar

from werkgroep.models import Kalendersleutel, Vergadering
from werkgroep.services import kalendersleutel_geven


def _feed_url(account, slug="regierol-van-de-lokale-besturen"):
    sleutel = kalendersleutel_geven(account=account).sleutel
    return reverse("werkgroep:kalender_feed", kwargs={"sleutel": sleutel, "slug": slug})


def _events(antwoord):
    kalender = Calendar.from_ical(antwoord.getvalue())
    return {str(e["uid"]): e for e in kalender.walk("VEVENT")}


def test_a_calendar_app_reads_the_feed_without_logging_in(client, lid):
    antwoord = client.get(_feed_url(lid))
    assert antwoord.status_code == 200
    assert antwoord["Content-Type"].startswith("text/calendar")
    assert len(_events(antwoord)) == 10


def test_each_meeting_keeps_its_precision(client, lid):
    events = _events(client.get(_feed_url(lid)))
    dag = events["regierol-van-de-lokale-besturen-2006-09-25@werkgroep"]
    assert dag["dtstart"].dt == dt.date(2006, 9, 25)  # a date, not a made-up hour
    assert dag["dtend"].dt == dt.date(2006, 9, 26)
    venster = events["regierol-van-de-lokale-besturen-2006-10/2006-11@werkgroep"]
    assert (venster["dtstart"].dt, venster["dtend"].dt) == (
        dt.date(2006, 10, 1),
        dt.date(2006, 12, 1),
    )
    assert not isinstance(venster["dtstart"].dt, dt.datetime)
    assert str(venster["status"]) == "TENTATIVE" and str(venster["transp"]) == "TRANSPARENT"
    assert "oktober/november 2006" in str(venster["summary"])


def test_a_known_hour_becomes_a_timed_event_in_brussels(client, lid):
    vergadering = Vergadering.objects.get(kenmerk="2006-09-25")
    vergadering.aanvang = dt.time(14, 0)
    vergadering.save()
    event = _events(client.get(_feed_url(lid)))[
        "regierol-van-de-lokale-besturen-2006-09-25@werkgroep"
    ]
    assert event["dtstart"].dt.hour == 14
    assert str(event["dtstart"].dt.tzinfo) == "Europe/Brussels"


def test_a_wrong_secret_gets_nothing(client, lid):
    url = reverse(
        "werkgroep:kalender_feed",
        kwargs={"sleutel": "geraden", "slug": "regierol-van-de-lokale-besturen"},
    )
    assert client.get(url).status_code == 404


def test_the_secret_does_not_open_a_group_the_member_is_not_in(client, lid, andere_werkgroep):
    assert client.get(_feed_url(lid, slug=andere_werkgroep.slug)).status_code == 404


def test_renewing_the_secret_breaks_the_old_url(client_van, lid):
    oud = _feed_url(lid)
    client = client_van(lid)
    antwoord = client.post(reverse("werkgroep:kalender"))
    assert antwoord.status_code == 302
    assert client.get(oud).status_code == 404
    nieuw = _feed_url(lid)
    assert nieuw != oud and client.get(nieuw).status_code == 200


def test_a_deactivated_account_loses_its_feed(client, lid):
    url = _feed_url(lid)
    lid.is_active = False
    lid.save()
    assert client.get(url).status_code == 404


def test_the_calendar_page_shows_the_members_links(client_van, lid):
    pagina = client_van(lid).get(reverse("werkgroep:kalender")).content.decode()
    sleutel = Kalendersleutel.objects.get(account=lid).sleutel
    assert f"/kalender/{sleutel}/regierol-van-de-lokale-besturen.ics" in pagina


@pytest.mark.parametrize("aantal", [10, 200])
def test_the_feed_keeps_its_query_count(client, lid, seed, aantal, django_assert_num_queries):
    from tests.bouwers import groei

    groei(seed, aantal)
    url = _feed_url(lid)
    # 10: one of them reads each meeting's SEQUENCE (the invitations' Oproep), whatever
    # the number of meetings.
    with django_assert_num_queries(10):
        assert client.get(url).status_code == 200


BRUSSEL = zoneinfo.ZoneInfo("Europe/Brussels")


def _offset(vtz, moment: dt.datetime) -> dt.timedelta:
    """The offset a reader of the VTIMEZONE alone (dateutil's tzical) gives this wall time."""
    # (The moment's own zone is only there to say it is a wall time; it is replaced.)
    import io

    from dateutil import tz

    return moment.replace(tzinfo=tz.tzical(io.StringIO(vtz.to_ical().decode())).get()).utcoffset()


def test_the_vtimezone_has_yearly_rules_as_outlook_reads_them():
    from werkgroep.kalender import vtimezone

    vtz = vtimezone("Europe/Brussels", 2005, 2028)
    tekst = vtz.to_ical().decode()
    assert "RDATE" not in tekst  # Outlook misreads RDATE lists
    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3" in tekst
    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10" in tekst
    for moment in [
        dt.datetime(2006, 1, 15, 14, tzinfo=BRUSSEL),
        dt.datetime(2006, 9, 25, 14, tzinfo=BRUSSEL),
        dt.datetime(2027, 3, 28, 1, 59, tzinfo=BRUSSEL),
        dt.datetime(2027, 3, 28, 3, 1, tzinfo=BRUSSEL),
        dt.datetime(2027, 10, 31, 3, 1, tzinfo=BRUSSEL),
        dt.datetime(2028, 7, 1, 14, tzinfo=BRUSSEL),
    ]:
        assert _offset(vtz, moment) == moment.utcoffset(), moment


def test_a_zone_whose_rules_changed_gets_every_change_listed():
    """Brussels ended summer time in September until 1995: no one yearly rule since 1990."""
    from werkgroep.kalender import vtimezone

    vtz = vtimezone("Europe/Brussels", 1990, 2000)
    assert "RDATE" in vtz.to_ical().decode()
    for moment in [
        dt.datetime(1990, 10, 15, 14, tzinfo=BRUSSEL),
        dt.datetime(1999, 10, 15, 14, tzinfo=BRUSSEL),
    ]:
        assert _offset(vtz, moment) == moment.utcoffset(), moment


def test_a_zone_without_summer_time_has_one_offset():
    from werkgroep.kalender import vtimezone

    vtz = vtimezone("Africa/Abidjan", 2025, 2028)
    assert [c.name for c in vtz.subcomponents] == ["STANDARD"]
    assert _offset(vtz, dt.datetime(2027, 7, 1, 14, tzinfo=dt.UTC)) == dt.timedelta(0)

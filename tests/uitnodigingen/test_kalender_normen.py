"""The calendar in the invitations and the feed, per the standards, read back from a real
SMTP server as a mail client and a calendar would: iMIP's structure (RFC 6047), the
``VTIMEZONE`` of the hours (RFC 5545), ``RSVP=FALSE``, the known answer as ``PARTSTAT``
and one ``SEQUENCE`` in the mail and the feed."""

from __future__ import annotations

import datetime as dt
import io
import zoneinfo

import pytest
from dateutil import tz as dateutil_tz
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from kern.datums import Datumaanduiding
from tests import bouwers
from tests.bouwers import aangemeld
from uitnodigingen import services
from uitnodigingen.models import Uitnodiging
from werkgroep.models import Deelnemer
from werkgroep.services import kalendersleutel_geven

BRUSSEL = zoneinfo.ZoneInfo("Europe/Brussels")
UTC = dt.UTC
VANDAAG = timezone.localdate()


def _volgende(maand: int, dag: int) -> dt.date:
    """The next ``dag``/``maand`` at least a week from today."""
    for jaar in (VANDAAG.year, VANDAAG.year + 1):
        kandidaat = dt.date(jaar, maand, dag)
        if kandidaat > VANDAAG + dt.timedelta(days=7):
            return kandidaat
    raise AssertionError


def _na_de_volgende_overgang() -> dt.date:
    """The first day, after the next change of the clock, whose 14:00 has another offset
    than today's: invited now, met after the change (winter → summer or back)."""
    nu = dt.datetime.combine(VANDAAG, dt.time(14), BRUSSEL).utcoffset()
    dag = VANDAAG + dt.timedelta(days=2)
    while dt.datetime.combine(dag, dt.time(14), BRUSSEL).utcoffset() == nu:
        dag += dt.timedelta(days=1)
    return dag


@pytest.fixture
def leden(seed):
    """Johan (with an account, so a feed) and Michel, the only members with an address."""
    Deelnemer.objects.update(email="")
    johan = Deelnemer.objects.get_by_natural_key("Johan", "Dejonckheere")
    michel = Deelnemer.objects.get_by_natural_key("Michel", "Bortels")
    johan.email, michel.email = "johan@werkwaardig.be", "michel@lmw.be"
    johan.save()
    michel.save()
    return {"johan": johan, "michel": michel, "account": bouwers.lid("Johan", "Dejonckheere")}


def _vergadering(seed, dag: dt.date, uur=dt.time(14, 0)):
    return bouwers.maak_vergadering(
        seed, dag.strftime("%d/%m/%Y"), aanvang=uur, einde=dt.time(16, 0), plaats="Brussel"
    )


def _uitnodigen(secretariaat, vergadering, leden, capture):
    with capture(execute=True):
        antwoord = aangemeld(secretariaat).post(
            reverse("uitnodigingen:uitnodigen", args=[vergadering.pk]),
            {"gasten": "", "leden": [str(d.pk) for d in leden]},
        )
    assert antwoord.status_code == 302


def _per_adres(berichten) -> dict:
    return {b["To"].addresses[0].addr_spec: b for b in berichten}


def _aanvraag(bericht):
    """The calendar part a mail client shows as a meeting: the ``text/calendar`` alternative
    in ``multipart/alternative`` (and not an attachment)."""
    (alternatief,) = [d for d in bericht.walk() if d.get_content_type() == "multipart/alternative"]
    (deel,) = [d for d in alternatief.iter_parts() if d.get_content_type() == "text/calendar"]
    return deel


def _kalender(bericht) -> Calendar:
    return Calendar.from_ical(_aanvraag(bericht).get_content())


def _in_utc_volgens_vtimezone(bericht) -> dt.datetime:
    """The event's start in UTC as a client without Olson names reads it: by the file's own
    ``VTIMEZONE``, not by the name of its ``TZID``; read twice, by icalendar and, from the
    raw text, by dateutil's own VTIMEZONE reader (``tzical``), which must agree."""
    kalender = _kalender(bericht)
    (event,) = kalender.walk("VEVENT")
    (zone,) = kalender.walk("VTIMEZONE")
    start = event["dtstart"]
    assert start.params["TZID"] == str(zone["tzid"]) == "Europe/Brussels"
    volgens_icalendar = start.dt.replace(tzinfo=zone.to_tz(lookup_tzid=False)).astimezone(UTC)
    tekst = _aanvraag(bericht).get_content()
    blok = tekst[tekst.index("BEGIN:VTIMEZONE") : tekst.index("END:VTIMEZONE") + 13]
    andere_lezer = dateutil_tz.tzical(io.StringIO(blok)).get("Europe/Brussels")
    volgens_dateutil = start.dt.replace(tzinfo=andere_lezer).astimezone(UTC)
    assert volgens_icalendar == volgens_dateutil
    return volgens_icalendar


# ---- iMIP: what a mail client reads -------------------------------------------------------


def test_the_invitation_is_an_imip_request_with_the_file_attached(
    secretariaat, leden, seed, smtp_server, django_capture_on_commit_callbacks
):
    vergadering = _vergadering(seed, VANDAAG + dt.timedelta(days=20))
    _uitnodigen(secretariaat, vergadering, [leden["michel"]], django_capture_on_commit_callbacks)
    (bericht,) = smtp_server
    assert bericht.get_content_type() == "multipart/mixed"
    (alternatief,) = [d for d in bericht.walk() if d.get_content_type() == "multipart/alternative"]
    soorten = [d.get_content_type() for d in alternatief.iter_parts()]
    assert soorten == ["text/plain", "text/html", "text/calendar"]
    deel = _aanvraag(bericht)
    assert deel.get_param("method") == "REQUEST"
    assert deel.get_content_charset() == "utf-8"
    assert deel.get_filename() is None  # a meeting to show, not a file
    assert str(_kalender(bericht)["method"]) == "REQUEST"
    # The same file attached, for clients that only save files.
    (bijlage,) = list(bericht.iter_attachments())
    assert bijlage.get_filename() == "uitnodiging.ics"
    assert bijlage.get_content_type() == "application/ics"
    assert Calendar.from_ical(bijlage.get_content()).to_ical() == _kalender(bericht).to_ical()
    # RSVP=FALSE, and the text says why: the answer goes through the link.
    tekst = bericht.get_body(preferencelist=("plain",)).get_content()
    assert "/uitnodiging/" in tekst
    assert "knoppen van uw agendaprogramma komt niet bij ons aan" in tekst


def test_a_cancellation_is_an_imip_cancel_without_rsvp_true(
    secretariaat, leden, seed, smtp_server, django_capture_on_commit_callbacks
):
    vergadering = _vergadering(seed, VANDAAG + dt.timedelta(days=20))
    _uitnodigen(secretariaat, vergadering, [leden["michel"]], django_capture_on_commit_callbacks)
    smtp_server.clear()
    with django_capture_on_commit_callbacks(execute=True):
        vergadering.status = vergadering.Status.GEANNULEERD
        vergadering.save()
    (bericht,) = smtp_server
    assert _aanvraag(bericht).get_param("method") == "CANCEL"
    kalender = _kalender(bericht)
    assert str(kalender["method"]) == "CANCEL"
    (event,) = kalender.walk("VEVENT")
    assert event["attendee"].params["RSVP"] == "FALSE"
    assert "RSVP=TRUE" not in bericht.as_string().upper()
    assert kalender.walk("VTIMEZONE")


# ---- VTIMEZONE: the right hour in every client ---------------------------------------------


@pytest.mark.parametrize(
    "dag, uur_utc",
    [
        pytest.param(_volgende(1, 15), 13, id="winter"),
        pytest.param(_volgende(7, 15), 12, id="zomer"),
    ],
)
def test_the_vtimezone_gives_the_right_hour_in_utc(
    secretariaat, leden, seed, smtp_server, django_capture_on_commit_callbacks, dag, uur_utc
):
    vergadering = _vergadering(seed, dag)
    _uitnodigen(secretariaat, vergadering, [leden["michel"]], django_capture_on_commit_callbacks)
    kalender = _kalender(smtp_server[0])
    assert kalender.get_missing_tzids() == set()
    (zone,) = kalender.walk("VTIMEZONE")
    # Its rules: both the winter and the summer offset.
    assert {str(d["tzname"]) for d in zone.walk("STANDARD")} == {"CET"}
    assert {str(d["tzname"]) for d in zone.walk("DAYLIGHT")} == {"CEST"}
    # Defined before the event that uses it, as single-pass readers need.
    tekst = kalender.to_ical().decode()
    assert tekst.index("BEGIN:VTIMEZONE") < tekst.index("BEGIN:VEVENT")
    # Yearly rules, not lists of dates: Outlook misreads RDATE lists.
    assert "RRULE:FREQ=YEARLY" in tekst and "RDATE" not in tekst
    assert _in_utc_volgens_vtimezone(smtp_server[0]) == dt.datetime.combine(
        dag, dt.time(uur_utc), tzinfo=UTC
    )


def test_invited_before_the_clock_changes_for_a_meeting_after_it(
    secretariaat, leden, seed, smtp_server, django_capture_on_commit_callbacks
):
    dag = _na_de_volgende_overgang()
    vergadering = _vergadering(seed, dag)
    _uitnodigen(secretariaat, vergadering, [leden["michel"]], django_capture_on_commit_callbacks)
    verwacht = dt.datetime.combine(dag, dt.time(14), BRUSSEL).astimezone(UTC)
    vandaag = dt.datetime.combine(VANDAAG, dt.time(14), BRUSSEL)
    assert dt.datetime.combine(dag, dt.time(14), BRUSSEL).utcoffset() != vandaag.utcoffset()
    assert _in_utc_volgens_vtimezone(smtp_server[0]) == verwacht


def test_the_feed_defines_its_timezone(client, leden, seed):
    _vergadering(seed, VANDAAG + dt.timedelta(days=20))
    sleutel = kalendersleutel_geven(account=leden["account"]).sleutel
    antwoord = client.get(
        reverse("werkgroep:kalender_feed", kwargs={"sleutel": sleutel, "slug": seed.slug})
    )
    kalender = Calendar.from_ical(antwoord.getvalue())
    assert [str(z["tzid"]) for z in kalender.walk("VTIMEZONE")] == ["Europe/Brussels"]
    assert kalender.get_missing_tzids() == set()


# ---- The answer: through the site's link, told back in every update -------------------------


def test_updates_carry_each_persons_known_answer_and_never_ask_for_a_calendar_reply(
    secretariaat, leden, seed, smtp_server, django_capture_on_commit_callbacks
):
    vergadering = _vergadering(seed, VANDAAG + dt.timedelta(days=20))
    _uitnodigen(
        secretariaat,
        vergadering,
        [leden["michel"], leden["johan"]],
        django_capture_on_commit_callbacks,
    )
    for bericht in smtp_server:
        (event,) = _kalender(bericht).walk("VEVENT")
        assert event["attendee"].params["RSVP"] == "FALSE"
        assert event["attendee"].params["PARTSTAT"] == "NEEDS-ACTION"
    services.antwoord_geven(
        uitnodiging=Uitnodiging.objects.get(email="michel@lmw.be"), antwoord="verontschuldigd"
    )
    smtp_server.clear()
    with django_capture_on_commit_callbacks(execute=True):
        vergadering.aanvang = dt.time(15, 0)
        vergadering.save()
    berichten = _per_adres(smtp_server)
    partstat = {
        adres: _kalender(b).walk("VEVENT")[0]["attendee"].params["PARTSTAT"]
        for adres, b in berichten.items()
    }
    assert partstat == {"michel@lmw.be": "DECLINED", "johan@werkwaardig.be": "NEEDS-ACTION"}
    for bericht in berichten.values():
        assert "RSVP=TRUE" not in bericht.as_string().upper()


# ---- SEQUENCE: the feed and the last mail agree ---------------------------------------------


def test_the_feed_carries_the_sequence_of_the_last_mail(
    client, secretariaat, leden, seed, smtp_server, django_capture_on_commit_callbacks
):
    vergadering = _vergadering(seed, VANDAAG + dt.timedelta(days=20))
    uid = f"{seed.slug}-{vergadering.kenmerk}@werkgroep"
    sleutel = kalendersleutel_geven(account=leden["account"]).sleutel
    feed = reverse("werkgroep:kalender_feed", kwargs={"sleutel": sleutel, "slug": seed.slug})

    def in_feed():
        kalender = Calendar.from_ical(client.get(feed).getvalue())
        return {str(e["uid"]): int(e["sequence"]) for e in kalender.walk("VEVENT")}[uid]

    assert in_feed() == 0  # nobody invited yet
    _uitnodigen(secretariaat, vergadering, [leden["johan"]], django_capture_on_commit_callbacks)
    for keer, dag in enumerate([VANDAAG + dt.timedelta(days=21), VANDAAG + dt.timedelta(days=22)]):
        smtp_server.clear()
        with django_capture_on_commit_callbacks(execute=True):
            vergadering.datum = Datumaanduiding.parse(dag.strftime("%d/%m/%Y"))
            vergadering.full_clean()
            vergadering.save()
        (event,) = _kalender(smtp_server[0]).walk("VEVENT")
        assert str(event["uid"]) == uid
        assert int(event["sequence"]) == keer + 1 == in_feed()

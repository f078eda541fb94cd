# ruff: noqa: F811 - the fixtures of test_uitnodigen, imported by name
"""Change notices that say what changed, through HTTP and a real SMTP server: an update
names each changed fact against what was last sent (``Oproep``), two meetings on one day
get two subjects and are listed by hour, a reminder goes once per meeting day however the
meeting moves, and a cancelled meeting set back to planned is told as "gaat toch door"."""

from __future__ import annotations

import datetime as dt

from django.core.management import call_command

from kern.datums import Datumaanduiding
from tests import bouwers
from tests.bouwers import aangemeld
from tests.uitnodigingen.test_uitnodigen import (  # noqa: F401 - fixtures
    DAG,
    VANDAAG,
    event_van,
    ics_van,
    leden,
    opslaan,
    per_adres,
    secretaris,
    tekst,
    uitnodigen,
    vergadering,
)
from uitnodigingen.models import Herinnering, Uitnodiging
from werkgroep.models import Vergadering


def _dag(dag: dt.date) -> Datumaanduiding:
    return Datumaanduiding.parse(dag.strftime("%d/%m/%Y"))


def _herinneringen(capture, **kwargs) -> None:
    with capture(execute=True):
        call_command("herinneringen", stdout=open("/dev/null", "w"), **kwargs)  # noqa: SIM115


def _wijzigen(capture, vergadering, **velden):
    with capture(execute=True):
        opslaan(vergadering, **velden)


# ---- What changed ------------------------------------------------------------------------


def test_an_hour_change_says_the_new_hour_instead_of_the_old_and_nothing_else(
    secretaris, leden, vergadering, smtp_server, django_capture_on_commit_callbacks
):
    uitnodigen(
        aangemeld(secretaris), vergadering, [leden["michel"]],
        capture=django_capture_on_commit_callbacks,
    )  # fmt: skip
    smtp_server.clear()
    _wijzigen(django_capture_on_commit_callbacks, vergadering, aanvang=dt.time(15, 0))
    (bericht,) = smtp_server
    inhoud = tekst(bericht)
    assert "nieuw uur: 15:00 in plaats van 14:00" in inhoud
    assert "nieuwe datum" not in inhoud and "nieuwe plaats" not in inhoud
    assert "nieuw einde" not in inhoud
    onderwerp = str(bericht["Subject"])
    assert onderwerp == (f"Gewijzigd (uur): Regierol van de lokale besturen, {DAG:%d/%m/%Y}, 15:00")
    assert "nu op" not in onderwerp
    html = bericht.get_body(preferencelist=("html",)).get_content()
    assert "<li>nieuw uur: 15:00 in plaats van 14:00</li>" in html
    assert int(event_van(bericht)["sequence"]) == 1

    # A new date, then a new place: each mail names only its own change, against what the
    # previous mail said (not against the first invitation).
    smtp_server.clear()
    nieuwe_dag = DAG + dt.timedelta(days=1)
    _wijzigen(django_capture_on_commit_callbacks, vergadering, datum=_dag(nieuwe_dag))
    (bericht,) = smtp_server
    assert f"nieuwe datum: {nieuwe_dag:%d/%m/%Y} in plaats van {DAG:%d/%m/%Y}" in tekst(bericht)
    assert "nieuw uur" not in tekst(bericht)
    assert str(bericht["Subject"]).startswith("Gewijzigd (datum): ")

    smtp_server.clear()
    _wijzigen(django_capture_on_commit_callbacks, vergadering, plaats="Gent, ICC")
    (bericht,) = smtp_server
    assert "nieuwe plaats: Gent, ICC in plaats van Brussel, Koning Albert II-laan 35" in tekst(
        bericht
    )
    assert "nieuwe datum" not in tekst(bericht)
    assert str(bericht["Subject"]).startswith("Gewijzigd (plaats): ")
    assert int(event_van(bericht)["sequence"]) == 3


def test_two_meetings_on_one_day_have_their_own_subjects_and_are_listed_by_hour(
    secretaris, leden, seed, smtp_server, django_capture_on_commit_callbacks
):
    datum = DAG.strftime("%d/%m/%Y")
    # Made in this order: the later one first, and of a kind that sorts before the other.
    middag = bouwers.maak_vergadering(
        seed, datum, aanvang=dt.time(15, 0), soort=Vergadering.Soort.PLENAIR
    )
    ochtend = bouwers.maak_vergadering(
        seed, datum, aanvang=dt.time(10, 0), soort=Vergadering.Soort.VOORBEREIDEND
    )
    zonder_uur = bouwers.maak_vergadering(seed, datum, soort=Vergadering.Soort.PLENAIR)
    op_die_dag = Vergadering.objects.filter(werkgroep=seed, datum_van=DAG)
    assert list(op_die_dag) == [ochtend, middag, zonder_uur]
    assert list(op_die_dag.order_by("-pk").chronologisch()) == [ochtend, middag, zonder_uur]
    assert list(op_die_dag.chronologisch().reverse()) == [zonder_uur, middag, ochtend]

    client = aangemeld(secretaris)
    for v in (middag, ochtend):
        uitnodigen(client, v, [leden["michel"]], capture=django_capture_on_commit_callbacks)
    onderwerpen = [str(b["Subject"]) for b in smtp_server]
    assert onderwerpen == [
        f"Uitnodiging: Regierol van de lokale besturen, plenaire vergadering {datum}, 15:00",
        f"Uitnodiging: Regierol van de lokale besturen, voorbereidende vergadering {datum}, 10:00",
    ]


# ---- Reminders ---------------------------------------------------------------------------


def test_a_meeting_moved_a_day_and_back_is_reminded_of_once(
    secretaris, leden, seed, smtp_server, django_capture_on_commit_callbacks, settings
):
    settings.HERINNERING_DAGEN_VOORAF = 3
    dag = VANDAAG + dt.timedelta(days=2)
    vergadering = bouwers.maak_vergadering(seed, dag.strftime("%d/%m/%Y"))
    uitnodigen(
        aangemeld(secretaris), vergadering, [leden["els"]],
        capture=django_capture_on_commit_callbacks,
    )  # fmt: skip
    smtp_server.clear()

    def herinneringen(op=None):
        smtp_server.clear()
        if op is None:
            _herinneringen(django_capture_on_commit_callbacks)
        else:
            from uitnodigingen.services import herinneringen_sturen

            with django_capture_on_commit_callbacks(execute=True):
                herinneringen_sturen(op)
        return [b for b in smtp_server if str(b["Subject"]).startswith("Herinnering:")]

    assert len(herinneringen()) == 1
    assert herinneringen() == []  # the command run twice
    # Moved a day and back within the minute, the command run after each move: the update
    # mails go out, no second reminder.
    _wijzigen(django_capture_on_commit_callbacks, vergadering, datum=_dag(dag + dt.timedelta(1)))
    assert herinneringen() == []
    _wijzigen(django_capture_on_commit_callbacks, vergadering, datum=_dag(dag))
    assert herinneringen() == []

    # The next day: still reminded of that day already. Moved to a new day, reminded once
    # for it; moved back the day after, not again for the day already reminded of.
    morgen = VANDAAG + dt.timedelta(days=1)
    assert herinneringen(morgen) == []
    _wijzigen(django_capture_on_commit_callbacks, vergadering, datum=_dag(dag + dt.timedelta(1)))
    assert len(herinneringen(morgen)) == 1
    _wijzigen(django_capture_on_commit_callbacks, vergadering, datum=_dag(dag))
    assert herinneringen(morgen + dt.timedelta(days=1)) == []
    uitnodiging = Uitnodiging.objects.get(vergadering=vergadering)
    assert sorted(
        Herinnering.objects.filter(uitnodiging=uitnodiging).values_list("voor", "op")
    ) == [
        (dag, VANDAAG),
        (dag + dt.timedelta(days=1), morgen),
    ]


def test_no_reminder_goes_on_the_day_once_the_attendance_is_recorded(
    secretaris, leden, seed, smtp_server, django_capture_on_commit_callbacks, settings
):
    """The one rule of what is still to answer (``nog_te_beantwoorden``) holds for reminders:
    a meeting of today whose attendance is taken is no longer ahead."""
    settings.HERINNERING_DAGEN_VOORAF = 3
    vergadering = bouwers.maak_vergadering(seed, VANDAAG.strftime("%d/%m/%Y"))
    uitnodigen(
        aangemeld(secretaris), vergadering, [leden["els"], leden["michel"]],
        capture=django_capture_on_commit_callbacks,
    )  # fmt: skip
    bouwers.aanwezigheid(vergadering, leden["michel"], status="aanwezig")
    smtp_server.clear()

    _herinneringen(django_capture_on_commit_callbacks)

    assert [b for b in smtp_server if str(b["Subject"]).startswith("Herinnering:")] == []
    assert not Herinnering.objects.exists()


# ---- Un-cancelled ------------------------------------------------------------------------


def test_a_cancelled_meeting_set_back_to_planned_is_told_it_goes_ahead_after_all(
    secretaris, leden, vergadering, smtp_server, django_capture_on_commit_callbacks
):
    client = aangemeld(secretaris)
    uitnodigen(client, vergadering, [leden["michel"]], capture=django_capture_on_commit_callbacks)
    _wijzigen(
        django_capture_on_commit_callbacks, vergadering, status=Vergadering.Status.GEANNULEERD
    )
    smtp_server.clear()
    _wijzigen(
        django_capture_on_commit_callbacks, vergadering,
        status=Vergadering.Status.GEPLAND, aanvang=dt.time(15, 0),
    )  # fmt: skip
    (bericht,) = smtp_server
    assert str(bericht["Subject"]).startswith("Gaat toch door: Regierol van de lokale besturen")
    inhoud = tekst(bericht)
    assert "gaat toch door" in inhoud
    assert "nieuw uur: 15:00 in plaats van 14:00" in inhoud
    assert "/uitnodiging/" in inhoud  # a reply is asked again
    kalender = ics_van(bericht)
    assert str(kalender["method"]) == "REQUEST"
    event = event_van(bericht)
    assert int(event["sequence"]) == 2  # above the cancellation's 1
    assert str(event.get("status", "CONFIRMED")) != "CANCELLED"

    # Saved again unchanged: nothing more; inviting someone else is not refused.
    smtp_server.clear()
    _wijzigen(django_capture_on_commit_callbacks, vergadering)
    assert smtp_server == []
    uitnodigen(client, vergadering, [leden["els"]], capture=django_capture_on_commit_callbacks)
    assert list(per_adres(smtp_server)) == ["els@derde.be"]
    assert int(event_van(smtp_server[0])["sequence"]) == 2


def test_an_announced_meeting_un_cancelled_is_told_without_calendar_file_or_link(
    secretaris, leden, seed, smtp_server, django_capture_on_commit_callbacks
):
    maand = VANDAAG.replace(day=1) + dt.timedelta(days=70)
    vergadering = bouwers.maak_vergadering(seed, maand.strftime("%m/%Y"))
    client = aangemeld(secretaris)
    uitnodigen(client, vergadering, [leden["els"]], capture=django_capture_on_commit_callbacks)
    _wijzigen(
        django_capture_on_commit_callbacks, vergadering, status=Vergadering.Status.GEANNULEERD
    )
    smtp_server.clear()
    _wijzigen(django_capture_on_commit_callbacks, vergadering, status=Vergadering.Status.GEPLAND)
    (bericht,) = smtp_server
    assert str(bericht["Subject"]).startswith("Gaat toch door:")
    assert ics_van(bericht) is None and "/uitnodiging/" not in tekst(bericht)
    # Announced again: once the day is known, the button invites as before.
    smtp_server.clear()
    _wijzigen(django_capture_on_commit_callbacks, vergadering, datum=_dag(maand))
    uitnodigen(client, vergadering, [leden["els"]], capture=django_capture_on_commit_callbacks)
    assert str(smtp_server[-1]["Subject"]).startswith("Uitnodiging:")

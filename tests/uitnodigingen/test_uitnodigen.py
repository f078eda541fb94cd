"""Invitations from the meeting page, through HTTP and a real SMTP server: each person's
mail with its calendar file, the reply by the signed link, updates, cancellations and
reminders, read back as a mail program and a calendar would."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from kern.datums import Datumaanduiding
from tests import bouwers
from tests.bouwers import aangemeld
from uitnodigingen import links
from uitnodigingen.models import Oproep, Uitnodiging
from werkgroep.models import Agendapunt, Vergadering

VANDAAG = timezone.localdate()
DAG = VANDAAG + dt.timedelta(days=20)


@pytest.fixture
def leden(seed):
    """Three members of the seed's group with an address (Johan with an account in English),
    and every other member without one, so only these three are mailed."""
    from werkgroep.models import Deelnemer

    Deelnemer.objects.update(email="")
    johan = Deelnemer.objects.get_by_natural_key("Johan", "Dejonckheere")
    michel = Deelnemer.objects.get_by_natural_key("Michel", "Bortels")
    johan.email, michel.email = "johan@werkwaardig.be", "michel@lmw.be"
    johan.save()
    michel.save()
    derde = bouwers.lidmaatschap(
        seed, bouwers.maak_deelnemer(voornaam="Els", achternaam="Derde", email="els@derde.be")
    ).deelnemer
    account = bouwers.lid("Johan", "Dejonckheere")
    from kern import voorkeuren

    voorkeuren.taal_bewaren(account, "en")
    return {"johan": johan, "michel": michel, "els": derde, "account": account}


@pytest.fixture
def vergadering(seed):
    v = bouwers.maak_vergadering(
        seed, DAG.strftime("%d/%m/%Y"), aanvang=dt.time(14, 0), einde=dt.time(16, 30),
        plaats="Brussel, Koning Albert II-laan 35",
    )  # fmt: skip
    Agendapunt.objects.create(vergadering=v, volgorde=1, titel="Verwelkoming")
    Agendapunt.objects.create(vergadering=v, volgorde=2, titel="Stand van de projecten")
    return v


@pytest.fixture
def secretaris(secretariaat):
    return secretariaat


def aan(bericht) -> str:
    return bericht["To"].addresses[0].addr_spec


def per_adres(berichten) -> dict:
    return {aan(b): b for b in berichten}


def ics_van(bericht) -> Calendar | None:
    """The calendar request a mail client acts on: the ``text/calendar`` alternative."""
    for deel in bericht.walk():
        if deel.get_content_type() == "text/calendar":
            return Calendar.from_ical(deel.get_content())
    return None


def event_van(bericht):
    (event,) = ics_van(bericht).walk("VEVENT")
    return event


def tekst(bericht) -> str:
    return bericht.get_body(preferencelist=("plain",)).get_content()


def link_in(bericht) -> str:
    """The path of the personal reply link in the mail's text."""
    return re.search(r"https?://[^/\s]+(/uitnodiging/[^\s]+/)", tekst(bericht)).group(1)


def uitnodigen(client, vergadering, leden=None, gasten="", capture=None):
    url = reverse("uitnodigingen:uitnodigen", args=[vergadering.pk])
    data = {"gasten": gasten}
    if leden is not None:
        data["leden"] = [str(d.pk) for d in leden]
    with capture(execute=True):
        return client.post(url, data)


def opslaan(vergadering, **velden):
    """Save the meeting as the admin's save does (``save()``; the receiver runs after it)."""
    for naam, waarde in velden.items():
        setattr(vergadering, naam, waarde)
    vergadering.full_clean()
    vergadering.save()


# ---- Inviting ----------------------------------------------------------------------------


def test_each_person_gets_their_own_mail_with_a_valid_calendar_file(
    secretaris, leden, vergadering, smtp_server, django_capture_on_commit_callbacks, settings
):
    settings.DEFAULT_FROM_EMAIL = "secretariaat@esf.be"
    vergadering.werkgroep.secretariaat = "Secretariaat HIVA"
    vergadering.werkgroep.save()
    client = aangemeld(secretaris)
    pagina = client.get(reverse("uitnodigingen:uitnodigen", args=[vergadering.pk])).content.decode()
    # Every member with an address is ticked to begin with.
    vinkjes = re.findall(r'name="leden" value="(\d+)"\s+id="[^"]+" checked', pagina)
    assert sorted(vinkjes) == sorted(str(leden[n].pk) for n in ["johan", "michel", "els"])
    antwoord = uitnodigen(
        client,
        vergadering,
        [leden["johan"], leden["michel"], leden["els"]],
        gasten="An Peeters <an@elders.be>\n",
        capture=django_capture_on_commit_callbacks,
    )
    assert antwoord.status_code == 302
    assert antwoord["Location"] == reverse("werkgroep:vergadering_detail", args=[vergadering.pk])
    berichten = per_adres(smtp_server)
    assert set(berichten) == {
        "johan@werkwaardig.be",
        "michel@lmw.be",
        "els@derde.be",
        "an@elders.be",
    }
    uid = f"{vergadering.werkgroep.slug}-{vergadering.kenmerk}@werkgroep"
    for adres, bericht in berichten.items():
        kalender = ics_van(bericht)
        assert str(kalender["method"]) == "REQUEST"
        event = event_van(bericht)
        assert str(event["uid"]) == uid
        assert int(event["sequence"]) == 0
        assert str(event["organizer"]) == "mailto:secretariaat@esf.be"
        assert event["organizer"].params["CN"] == "Secretariaat HIVA"
        deelnemer = event["attendee"]
        assert str(deelnemer) == f"mailto:{adres}"
        assert deelnemer.params["RSVP"] == "FALSE"
        assert deelnemer.params["PARTSTAT"] == "NEEDS-ACTION"
        assert event["dtstart"].dt == dt.datetime.combine(DAG, dt.time(14, 0)).replace(
            tzinfo=event["dtstart"].dt.tzinfo
        )
        assert str(event["location"]) == "Brussel, Koning Albert II-laan 35"
    # In the reader's language: Johan chose English, the others read Dutch.
    assert berichten["michel@lmw.be"]["Subject"].startswith("Uitnodiging: Regierol")
    nl = tekst(berichten["michel@lmw.be"])
    assert "Dag Michel," in nl and "1. Verwelkoming" in nl and "2. Stand van de projecten" in nl
    assert f"/vergadering/{vergadering.pk}/" in nl
    assert berichten["an@elders.be"]["To"].addresses[0].display_name == "An Peeters"
    assert berichten["michel@lmw.be"].get_body(preferencelist=("html",)) is not None
    oproep = Oproep.objects.get(vergadering=vergadering)
    assert (oproep.stand, oproep.volgnummer) == (Oproep.Stand.UITGENODIGD, 0)


def test_inviting_again_mails_only_who_was_not_invited_yet(
    secretaris, leden, vergadering, smtp_server, django_capture_on_commit_callbacks
):
    client = aangemeld(secretaris)
    uitnodigen(client, vergadering, [leden["johan"]], capture=django_capture_on_commit_callbacks)
    smtp_server.clear()
    pagina = client.get(reverse("uitnodigingen:uitnodigen", args=[vergadering.pk])).content.decode()
    # Already invited: not offered to tick again, but listed with their mail, to send again.
    assert f'name="leden" value="{leden["johan"].pk}"' not in pagina
    assert f'name="leden" value="{leden["michel"].pk}"' in pagina
    antwoord = uitnodigen(
        client, vergadering, [leden["michel"]], gasten="JOHAN@werkwaardig.be",
        capture=django_capture_on_commit_callbacks,
    )  # fmt: skip
    assert [aan(b) for b in smtp_server] == ["michel@lmw.be"]
    assert Uitnodiging.objects.filter(vergadering=vergadering).count() == 2
    # Said, not "0 sent": who was left alone, and how to send it to them anyway.
    gezegd = client.get(antwoord["Location"]).content.decode()
    assert "1 uitnodiging wordt verstuurd." in gezegd
    assert "Al eerder verstuurd, dus niet opnieuw: Johan Dejonckheere." in gezegd


def test_the_secretariat_sends_one_invited_person_their_invitation_again(
    secretaris, leden, vergadering, smtp_server, django_capture_on_commit_callbacks
):
    client = aangemeld(secretaris)
    uitnodigen(
        client, vergadering, [leden["johan"], leden["michel"]],
        capture=django_capture_on_commit_callbacks,
    )  # fmt: skip
    eerste = per_adres(smtp_server)["michel@lmw.be"]
    smtp_server.clear()
    michel = Uitnodiging.objects.get(vergadering=vergadering, deelnemer=leden["michel"])
    pagina = client.get(reverse("uitnodigingen:uitnodigen", args=[vergadering.pk])).content.decode()
    knop = reverse("uitnodigingen:opnieuw_uitnodigen", args=[vergadering.pk, michel.pk])
    assert f'action="{knop}"' in pagina
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(knop)
    assert antwoord["Location"] == reverse("uitnodigingen:uitnodigen", args=[vergadering.pk])
    (opnieuw,) = smtp_server
    assert aan(opnieuw) == "michel@lmw.be"
    # The same invitation: a reply link to it, the same calendar event and sequence.
    token = link_in(opnieuw).strip("/").split("/")[-1]
    assert links.lezen(token) == links.lezen(link_in(eerste).strip("/").split("/")[-1])
    assert str(event_van(opnieuw)["uid"]) == str(event_van(eerste)["uid"])
    assert int(event_van(opnieuw)["sequence"]) == int(event_van(eerste)["sequence"])
    gezegd = client.get(antwoord["Location"]).content.decode()
    assert "De mail aan Michel Bortels wordt opnieuw verstuurd." in gezegd
    # Someone else's meeting's invitation cannot be sent from this one.
    ander = bouwers.maak_vergadering(
        vergadering.werkgroep, (DAG + dt.timedelta(days=7)).strftime("%d/%m/%Y")
    )
    assert (
        client.post(
            reverse("uitnodigingen:opnieuw_uitnodigen", args=[ander.pk, michel.pk])
        ).status_code
        == 404
    )


def test_once_everyone_with_an_address_is_invited_the_page_says_so(
    secretaris, leden, vergadering, smtp_server, django_capture_on_commit_callbacks
):
    client = aangemeld(secretaris)
    alle = [leden["johan"], leden["michel"], leden["els"]]
    uitnodigen(client, vergadering, alle, capture=django_capture_on_commit_callbacks)
    pagina = client.get(reverse("uitnodigingen:uitnodigen", args=[vergadering.pk])).content.decode()
    assert "Iedereen van de werkgroep met een e-mailadres is al uitgenodigd." in pagina
    assert "Geen enkel lid van de werkgroep heeft een e-mailadres" not in pagina


def test_without_any_address_the_page_still_says_nobody_has_one(secretaris, seed, vergadering):
    from werkgroep.models import Deelnemer

    Deelnemer.objects.update(email="")
    pagina = aangemeld(secretaris).get(reverse("uitnodigingen:uitnodigen", args=[vergadering.pk]))
    assert "Geen enkel lid van de werkgroep heeft een e-mailadres" in pagina.content.decode()


def test_a_wrong_guest_address_is_named_and_nothing_is_sent(
    secretaris, leden, vergadering, smtp_server, django_capture_on_commit_callbacks
):
    antwoord = uitnodigen(
        aangemeld(secretaris), vergadering, [leden["johan"]], gasten="an@elders.be\ngeen adres",
        capture=django_capture_on_commit_callbacks,
    )  # fmt: skip
    assert antwoord.status_code == 200
    assert "Regel 2: “geen adres” is geen e-mailadres." in antwoord.content.decode()
    assert smtp_server == [] and not Uitnodiging.objects.exists()


def test_a_meeting_in_the_past_or_cancelled_is_explained_and_not_sent(
    secretaris, leden, seed, smtp_server, django_capture_on_commit_callbacks
):
    client = aangemeld(secretaris)
    voorbij = Vergadering.objects.get(kenmerk="2006-06-06")
    detail = client.get(reverse("werkgroep:vergadering_detail", args=[voorbij.pk])).content.decode()
    assert "niet meer gepland" in detail or "in het verleden" in detail
    assert reverse("uitnodigingen:uitnodigen", args=[voorbij.pk]) not in detail
    antwoord = uitnodigen(
        client, voorbij, [leden["johan"]], capture=django_capture_on_commit_callbacks
    )
    assert antwoord.status_code == 200 and smtp_server == []


# ---- A meeting known to the month --------------------------------------------------------


def test_a_month_is_announced_without_calendar_file_and_invited_once_the_day_is_known(
    secretaris, leden, seed, smtp_server, django_capture_on_commit_callbacks
):
    maand = VANDAAG.replace(day=1) + dt.timedelta(days=70)
    vergadering = bouwers.maak_vergadering(
        seed, str(Datumaanduiding.parse(maand.strftime("%m/%Y")))
    )
    assert not vergadering.dag_bekend
    client = aangemeld(secretaris)
    detail = client.get(
        reverse("werkgroep:vergadering_detail", args=[vergadering.pk])
    ).content.decode()
    assert "Aankondigen" in detail and "de uitnodigingen met agenda-bestand volgen" in detail
    uitnodigen(client, vergadering, [leden["michel"]], capture=django_capture_on_commit_callbacks)
    (bericht,) = smtp_server
    assert ics_van(bericht) is None
    assert "(de dag volgt)" in bericht["Subject"]
    assert "/uitnodiging/" not in tekst(bericht)
    smtp_server.clear()

    # The day becomes known: nothing is sent by itself; the secretariat invites.
    with django_capture_on_commit_callbacks(execute=True):
        opslaan(
            vergadering, datum=Datumaanduiding.parse(maand.replace(day=12).strftime("%d/%m/%Y"))
        )
    assert smtp_server == []
    detail = client.get(
        reverse("werkgroep:vergadering_detail", args=[vergadering.pk])
    ).content.decode()
    assert ">Uitnodigen<" in detail
    uitnodigen(client, vergadering, [leden["michel"]], capture=django_capture_on_commit_callbacks)
    (bericht,) = smtp_server
    event = event_van(bericht)
    assert event["dtstart"].dt == maand.replace(day=12)
    assert str(ics_van(bericht)["method"]) == "REQUEST"


# ---- Replies -----------------------------------------------------------------------------


def test_a_reply_through_the_signed_link_needs_no_login_and_can_change(
    secretaris, coordinator, leden, vergadering, smtp_server, django_capture_on_commit_callbacks,
    client,
):  # fmt: skip
    uitnodigen(
        aangemeld(secretaris), vergadering, [leden["michel"], leden["els"]],
        capture=django_capture_on_commit_callbacks,
    )  # fmt: skip
    pad = link_in(per_adres(smtp_server)["michel@lmw.be"])
    pagina = client.get(pad)
    assert pagina.status_code == 200
    html = pagina.content.decode()
    assert "Stand van de projecten" in html and "Michel Bortels" in html
    for keuze in ["aanwezig", "verontschuldigd", "misschien"]:
        assert f'value="{keuze}"' in html
    antwoord = client.post(pad, {"antwoord": "aanwezig", "opmerking": "Iets later"})
    assert antwoord.status_code == 302
    rij = Uitnodiging.objects.get(email="michel@lmw.be")
    assert (rij.antwoord, rij.opmerking) == ("aanwezig", "Iets later")
    # Changed later, through the same link.
    client.post(pad, {"antwoord": "verontschuldigd", "opmerking": ""})
    rij.refresh_from_db()
    assert rij.antwoord == "verontschuldigd"
    # A wrong choice is a form error, not a 500.
    fout = client.post(pad, {"antwoord": "ja"})
    assert fout.status_code == 200 and "is-invalid" in fout.content.decode()

    # The coordinator and the secretariat see who answered what.
    detail = aangemeld(coordinator).get(
        reverse("werkgroep:vergadering_detail", args=[vergadering.pk])
    )
    sectie = detail.content.decode().split('id="uitnodigingen-titel"')[1]
    assert "Michel Bortels" in sectie and "verontschuldigd" in sectie and "Els Derde" in sectie


def test_a_member_sees_the_numbers_and_their_own_answer_not_the_others(
    secretaris, leden, vergadering, smtp_server, django_capture_on_commit_callbacks
):
    uitnodigen(
        aangemeld(secretaris), vergadering, [leden["johan"], leden["michel"]],
        capture=django_capture_on_commit_callbacks,
    )  # fmt: skip
    michel = Uitnodiging.objects.get(email="michel@lmw.be")
    aangemeld(None).post(links.pad(michel), {"antwoord": "verontschuldigd", "opmerking": "Ziek"})
    detail = aangemeld(leden["account"]).get(
        reverse("werkgroep:vergadering_detail", args=[vergadering.pk])
    )
    sectie = detail.content.decode().split('id="uitnodigingen-titel"')[1]
    assert "Michel Bortels" not in sectie and "Ziek" not in sectie
    assert "Verontschuldigd: 1" in sectie and "Geen antwoord: 1" in sectie
    johan = Uitnodiging.objects.get(email="johan@werkwaardig.be")
    assert bouwers.antwoordlinks(sectie) == [johan.pk]  # their own, to answer from the site


def test_a_tampered_link_gets_a_clear_dutch_page(
    secretaris, leden, vergadering, smtp_server, django_capture_on_commit_callbacks, client
):
    uitnodigen(
        aangemeld(secretaris),
        vergadering,
        [leden["michel"]],
        capture=django_capture_on_commit_callbacks,
    )
    pad = link_in(smtp_server[0])
    token = pad.split("/")[2]
    ander = Uitnodiging.objects.create(
        vergadering=vergadering, email="x@y.be", uitgenodigd_op=timezone.now()
    )
    vervalst = token.replace(token.split(":")[0], str(ander.pk), 1)
    for slecht in [pad[:-5] + "xxxx/", f"/uitnodiging/{vervalst}/", "/uitnodiging/onzin/"]:
        antwoord = client.get(slecht)
        assert antwoord.status_code == 400, slecht
        assert "Ongeldige link" in antwoord.content.decode()
        assert client.post(slecht, {"antwoord": "aanwezig"}).status_code == 400
    assert not Uitnodiging.objects.exclude(antwoord="").exists()


def test_a_signed_link_whose_secret_is_not_the_invitation_s_is_refused(
    secretaris, leden, vergadering, smtp_server, django_capture_on_commit_callbacks, client
):
    """The signature proves the link came from the site, the secret that it is this
    invitation's: a link signed for the right number with another secret (an old one, or
    another invitation's) opens nothing."""
    from django.core import signing

    uitnodigen(
        aangemeld(secretaris), vergadering, [leden["michel"], leden["els"]],
        capture=django_capture_on_commit_callbacks,
    )  # fmt: skip
    michel = Uitnodiging.objects.get(email="michel@lmw.be")
    els = Uitnodiging.objects.get(email="els@derde.be")
    verkeerd = [
        signing.dumps([michel.pk, "niet-de-sleutel"], salt=links.ZOUT),
        signing.dumps([michel.pk, els.sleutel], salt=links.ZOUT),
        signing.dumps([michel.pk, ""], salt=links.ZOUT),
    ]
    for token in verkeerd:
        pad = reverse("uitnodigingen:uitnodiging_antwoord", args=[token])
        antwoord = client.get(pad)
        assert antwoord.status_code == 400, token
        assert "Ongeldige link" in antwoord.content.decode()
        assert client.post(pad, {"antwoord": "aanwezig"}).status_code == 400
    assert not Uitnodiging.objects.exclude(antwoord="").exists()
    # The same number with its own secret opens it: only the secret was wrong.
    assert client.get(links.pad(michel)).status_code == 200


def test_the_link_of_someone_only_announced_to_opens_nothing(vergadering, leden, client):
    """An announcement has no reply link: a row not (yet) invited answers nothing, even with
    its own number and secret rightly signed."""
    rij = Uitnodiging.objects.create(
        vergadering=vergadering, deelnemer=leden["els"], email="els@derde.be",
        aangekondigd_op=timezone.now(),
    )  # fmt: skip
    assert client.get(links.pad(rij)).status_code == 400


def test_the_link_is_read_for_the_day_it_is_asked_on(vergadering, leden):
    from uitnodigingen.services import VerlopenLink, uitnodiging_uit_token

    rij = Uitnodiging.objects.create(
        vergadering=vergadering, deelnemer=leden["els"], email="els@derde.be",
        uitgenodigd_op=timezone.now(),
    )  # fmt: skip
    op_de_dag = timezone.make_aware(dt.datetime.combine(DAG, dt.time(9, 0)))
    assert uitnodiging_uit_token(links.token(rij), nu=op_de_dag) == rij
    with pytest.raises(VerlopenLink):
        uitnodiging_uit_token(links.token(rij), nu=op_de_dag + dt.timedelta(days=1))


def test_the_link_expires_after_the_meeting_and_with_a_cancellation(
    secretaris, leden, vergadering, smtp_server, django_capture_on_commit_callbacks, client
):
    uitnodigen(
        aangemeld(secretaris),
        vergadering,
        [leden["michel"]],
        capture=django_capture_on_commit_callbacks,
    )
    pad = link_in(smtp_server[0])
    gisteren = VANDAAG - dt.timedelta(days=1)
    Vergadering.objects.filter(pk=vergadering.pk).update(datum_van=gisteren, datum_tot=gisteren)
    antwoord = client.get(pad)
    assert antwoord.status_code == 410
    assert "heeft plaatsgevonden: u kunt niet meer antwoorden" in antwoord.content.decode()
    assert client.post(pad, {"antwoord": "aanwezig"}).status_code == 410
    Vergadering.objects.filter(pk=vergadering.pk).update(
        datum_van=DAG, datum_tot=DAG, status=Vergadering.Status.GEANNULEERD
    )
    assert "is geannuleerd" in client.get(pad).content.decode()
    assert Uitnodiging.objects.get().antwoord == ""


# ---- Changes and cancellations -----------------------------------------------------------


def test_a_new_date_hour_or_place_sends_an_update_with_a_higher_sequence(
    secretaris, leden, vergadering, smtp_server, django_capture_on_commit_callbacks
):
    uitnodigen(
        aangemeld(secretaris), vergadering, [leden["michel"], leden["johan"]],
        capture=django_capture_on_commit_callbacks,
    )  # fmt: skip
    smtp_server.clear()
    with django_capture_on_commit_callbacks(execute=True):
        opslaan(vergadering, kenmerk="sleutel-die-hen-niet-aangaat")
    assert smtp_server == []  # no change they were told of

    with django_capture_on_commit_callbacks(execute=True):
        opslaan(vergadering, plaats="Gent, ICC", aanvang=dt.time(10, 0), einde=dt.time(12, 0))
    berichten = per_adres(smtp_server)
    assert set(berichten) == {"michel@lmw.be", "johan@werkwaardig.be"}
    event = event_van(berichten["michel@lmw.be"])
    assert str(ics_van(berichten["michel@lmw.be"])["method"]) == "REQUEST"
    assert int(event["sequence"]) == 1
    assert str(event["location"]) == "Gent, ICC" and event["dtstart"].dt.hour == 10
    assert berichten["michel@lmw.be"]["Subject"].startswith("Gewijzigd (uur, plaats):")
    assert "/uitnodiging/" in tekst(berichten["michel@lmw.be"])
    # Johan's in the language his account chose.
    html = berichten["johan@werkwaardig.be"].get_body(preferencelist=("html",)).get_content()
    assert '<html lang="en">' in html

    smtp_server.clear()
    nieuwe_dag = DAG + dt.timedelta(days=7)
    with django_capture_on_commit_callbacks(execute=True):
        opslaan(vergadering, datum=Datumaanduiding.parse(nieuwe_dag.strftime("%d/%m/%Y")))
    event = event_van(per_adres(smtp_server)["michel@lmw.be"])
    assert int(event["sequence"]) == 2 and event["dtstart"].dt.date() == nieuwe_dag


def test_a_cancellation_sends_method_cancel_once(
    secretaris, leden, vergadering, smtp_server, django_capture_on_commit_callbacks
):
    uitnodigen(
        aangemeld(secretaris),
        vergadering,
        [leden["michel"]],
        capture=django_capture_on_commit_callbacks,
    )
    smtp_server.clear()
    with django_capture_on_commit_callbacks(execute=True):
        opslaan(vergadering, status=Vergadering.Status.GEANNULEERD)
    (bericht,) = smtp_server
    kalender = ics_van(bericht)
    assert str(kalender["method"]) == "CANCEL"
    event = event_van(bericht)
    assert int(event["sequence"]) == 1 and str(event["status"]) == "CANCELLED"
    assert str(event["uid"]) == f"{vergadering.werkgroep.slug}-{vergadering.kenmerk}@werkgroep"
    assert bericht["Subject"].startswith("Geannuleerd:")
    assert "/uitnodiging/" not in tekst(bericht)
    smtp_server.clear()
    with django_capture_on_commit_callbacks(execute=True):
        opslaan(vergadering, plaats="Elders")
    assert smtp_server == []


def test_a_cancelled_announcement_is_told_without_calendar_file(
    secretaris, leden, seed, smtp_server, django_capture_on_commit_callbacks
):
    maand = VANDAAG.replace(day=1) + dt.timedelta(days=70)
    vergadering = bouwers.maak_vergadering(seed, maand.strftime("%m/%Y"))
    uitnodigen(
        aangemeld(secretaris),
        vergadering,
        [leden["els"]],
        capture=django_capture_on_commit_callbacks,
    )
    smtp_server.clear()
    with django_capture_on_commit_callbacks(execute=True):
        opslaan(vergadering, status=Vergadering.Status.GEANNULEERD)
    (bericht,) = smtp_server
    assert ics_van(bericht) is None and bericht["Subject"].startswith("Geannuleerd:")


# ---- Reminders ---------------------------------------------------------------------------


def test_reminders_go_once_to_who_did_not_answer(
    secretaris, leden, seed, smtp_server, django_capture_on_commit_callbacks, settings
):
    settings.HERINNERING_DAGEN_VOORAF = 3
    binnenkort = bouwers.maak_vergadering(
        seed, (VANDAAG + dt.timedelta(days=2)).strftime("%d/%m/%Y")
    )
    later = bouwers.maak_vergadering(seed, (VANDAAG + dt.timedelta(days=10)).strftime("%d/%m/%Y"))
    client = aangemeld(secretaris)
    alle = [leden["johan"], leden["michel"], leden["els"]]
    uitnodigen(client, binnenkort, alle, capture=django_capture_on_commit_callbacks)
    uitnodigen(client, later, alle, capture=django_capture_on_commit_callbacks)
    michel = Uitnodiging.objects.get(vergadering=binnenkort, email="michel@lmw.be")
    aangemeld(None).post(links.pad(michel), {"antwoord": "aanwezig"})
    smtp_server.clear()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("herinneringen", stdout=open("/dev/null", "w"))  # noqa: SIM115
    berichten = per_adres(smtp_server)
    assert set(berichten) == {"johan@werkwaardig.be", "els@derde.be"}
    els = berichten["els@derde.be"]
    assert els["Subject"].startswith("Herinnering:")
    assert "/uitnodiging/" in tekst(els)
    assert int(event_van(els)["sequence"]) == 0  # the calendar file again, same version

    smtp_server.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("herinneringen", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert smtp_server == []  # run twice: nobody gets the same reminder twice

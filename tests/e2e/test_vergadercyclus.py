"""The meeting cycle in Chromium, through the real SMTP server of the tests.

The secretariat plans a meeting in the admin and invites the group from the meeting page;
Johan reads the invitation that arrived, answers through his personal link without
logging in; the secretariat takes the attendance in one screen (his answer already
ticked), writes the minutes, sends them for approval and approves them at the next
meeting. Each step by links and buttons, as a person does.
"""

from __future__ import annotations

import re

import icalendar
import pytest
from django.utils import timezone

from tests.bouwers import WACHTWOORD
from tests.e2e import reizen
from vergaderstukken.models import Notulen
from werkgroep.models import Aanwezigheid, Deelnemer, Vergadering

pytestmark = [pytest.mark.e2e, pytest.mark.langzaam]


def _tekst(bericht) -> str:
    return bericht.get_body(preferencelist=("plain",)).get_content()


def test_the_secretariat_runs_a_meeting_from_invitation_to_approved_minutes(
    wereld, live_server, browser, smtp_server, browserfouten, settings
):
    basis = live_server.url
    settings.SITE_ADRES = basis  # the address in the invitations' links
    johan = Deelnemer.objects.get_by_natural_key("Johan", "Dejonckheere")
    johan.email = "johan@werkwaardig.be"
    johan.save()
    vandaag = timezone.localdate()

    secretariaat = browser.new_context(locale="nl-BE", base_url=basis)
    page = secretariaat.new_page()
    reizen.aanmelden(page, basis, "secretariaat", WACHTWOORD)

    # Plan: a meeting today, in the admin.
    page.goto(f"{basis}/admin/werkgroep/vergadering/add/")
    reizen.kies_autocomplete(page, "id_werkgroep", reizen.GROEP)
    page.get_by_label("Datum").fill(vandaag.strftime("%d/%m/%Y"))
    page.get_by_label("Plaats").fill("Leuven, HIVA")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    page.wait_for_selector(".messagelist .success")
    vergadering = Vergadering.objects.get(plaats="Leuven, HIVA")

    # Invite from the meeting page: the members with an address are ticked.
    page.goto(f"{basis}/vergadering/{vergadering.pk}/")
    page.get_by_role("link", name="Uitnodigen").click()
    page.get_by_role("checkbox", name=re.compile("Johan Dejonckheere")).check()
    page.get_by_role("button", name="Uitnodigen").click()
    page.wait_for_selector(".alert-success")

    # The mail that arrived: an invitation with its .ics and a personal link.
    (bericht,) = [b for b in smtp_server if "johan@werkwaardig.be" in b["To"]]
    (ics,) = [d for d in bericht.walk() if d.get_content_type() == "text/calendar"]
    kalender = icalendar.Calendar.from_ical(ics.get_content())
    assert str(kalender["METHOD"]) == "REQUEST"
    (afspraak,) = kalender.walk("VEVENT")
    assert "johan@werkwaardig.be" in str(afspraak["ATTENDEE"]).lower()
    link = re.search(r"https?://\S+/uitnodiging/\S+/", _tekst(bericht)).group(0)

    # Johan answers from the link, not logged in.
    johan_context = browser.new_context(locale="nl-BE")
    antwoord = johan_context.new_page()
    antwoord.goto(link)
    antwoord.get_by_label("aanwezig", exact=True).check()
    antwoord.get_by_label("Opmerking (niet verplicht)").fill("Ik breng de folder mee.")
    antwoord.get_by_role("button", name="Antwoord versturen").click()
    antwoord.wait_for_selector(".alert-success")
    johan_context.close()

    # Attendance in one screen: his answer is already ticked; one click saves.
    page.goto(f"{basis}/vergadering/{vergadering.pk}/")
    page.get_by_role("link", name="Aanwezigheid opnemen").click()
    johan_kaart = page.get_by_role("group", name="Johan Dejonckheere")
    assert johan_kaart.get_by_label("aanwezig", exact=True).is_checked()
    page.get_by_role("button", name="Aanwezigheid opslaan").click()
    page.wait_for_selector(".alert-success")
    assert Aanwezigheid.objects.get(vergadering=vergadering, deelnemer=johan).status == "aanwezig"

    # Minutes: written, sent to the attendees, approved at the next meeting (which the
    # group holds the same day here, so the test need not wait for it).
    page.goto(f"{basis}/vergadering/{vergadering.pk}/")
    page.get_by_role("link", name="Notulen schrijven").click()
    page.get_by_label("Tekst van de notulen").fill("De werkgroep besprak de folder.")
    page.get_by_role("button", name="Notulen opslaan").click()
    page.wait_for_selector(".alert-success")
    voor = len(smtp_server)
    page.get_by_role("button", name="Ter goedkeuring naar de aanwezigen sturen").click()
    page.wait_for_selector(".alert-success")
    assert any(
        "johan@werkwaardig.be" in b["To"] and "De werkgroep besprak de folder." in _tekst(b)
        for b in smtp_server[voor:]
    )
    Vergadering.objects.create(
        werkgroep=vergadering.werkgroep,
        kenmerk=f"{vandaag:%Y-%m-%d}-b",
        precisie="dag",
        datum_van=vandaag,
        datum_tot=vandaag,
        oorspronkelijke_datum=vandaag.strftime("%d/%m/%Y"),
        status=Vergadering.Status.GEHOUDEN,
    )
    page.reload()
    page.get_by_role("button", name="Goedkeuren").click()
    page.wait_for_selector(".alert-success")
    notulen = Notulen.objects.get(vergadering=vergadering)
    assert notulen.status == Notulen.Status.GOEDGEKEURD
    assert notulen.goedgekeurd_door.username == "secretariaat"
    assert timezone.localdate(notulen.goedgekeurd_op) == vandaag
    assert browserfouten == []
    secretariaat.close()

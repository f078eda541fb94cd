"""A guest invited by address, in the browser at 375 and 1280 px: she answers through her
personal link (no login), with a remark; the secretariat sees her on the attendance
screen with that answer and remark, marks her present by tapping, and she stays a guest
(no participant is made of her); no serious axe finding on the screen with her card; she
is on the list to sign (the PDF the screen links to); and the minutes, written and sent
from the site, reach her through the real SMTP server, greeting her, without a link to a
page behind the login."""

from __future__ import annotations

import datetime as dt
import io
import re

import pypdf
import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import timezone

from tests import bouwers
from tests.bouwers import WACHTWOORD
from tests.e2e import reizen
from uitnodigingen import links
from uitnodigingen.models import Uitnodiging
from werkgroep.models import Deelnemer, Vergadering, Werkgroep

pytestmark = [pytest.mark.e2e, pytest.mark.langzaam(reden="Chromium against a live server")]


def _tekst(bericht) -> str:
    return bericht.get_body(preferencelist=("plain",)).get_content()


@pytest.mark.parametrize("breedte", [375, 1280])
def test_a_guest_answers_through_her_link_and_the_secretariat_sees_and_marks_her(
    browser, live_server, wereld, smtp_server, breedte
):
    werkgroep = Werkgroep.objects.get()
    dag = timezone.localdate() + dt.timedelta(days=10)
    vergadering = bouwers.maak_vergadering(werkgroep, dag.strftime("%d/%m/%Y"))
    anna = Uitnodiging.objects.create(
        vergadering=vergadering,
        email="anna@elders.be",
        naam="Anna Peeters",
        uitgenodigd_op=timezone.now(),
    )
    deelnemers = Deelnemer.objects.count()

    def nieuw_venster():
        context = browser.new_context(
            viewport={"width": breedte, "height": 800}, has_touch=True, locale="nl-BE"
        )
        return context, context.new_page()

    def druk(locator):
        locator.tap() if breedte < 768 else locator.click()

    # The guest, without an account, answers through the link of her mail.
    context, page = nieuw_venster()
    page.goto(live_server.url + links.pad(anna))
    assert "Anna Peeters" in page.locator("main").inner_text()
    druk(page.get_by_label("aanwezig", exact=True))
    page.get_by_label("Opmerking (niet verplicht)").fill("Ik kom met de trein")
    with page.expect_navigation():
        druk(page.get_by_role("button", name="Antwoord versturen"))
    anna.refresh_from_db()
    assert (anna.antwoord, anna.opmerking) == ("aanwezig", "Ik kom met de trein")
    assert page.evaluate("document.documentElement.scrollWidth") <= breedte
    context.close()

    # The day came (attendance is taken from the meeting's day on).
    gisteren = timezone.localdate() - dt.timedelta(days=1)
    Vergadering.objects.filter(pk=vergadering.pk).update(datum_van=gisteren, datum_tot=gisteren)

    # The secretariat finds her on the attendance screen, with her answer and remark.
    context, page = nieuw_venster()
    reizen.aanmelden(page, live_server.url, "secretariaat", WACHTWOORD)
    adres = live_server.url + reverse(
        "uitnodigingen:vergadering_aanwezigheid", args=[vergadering.pk]
    )
    page.goto(adres)
    kaart = page.get_by_role("group", name=re.compile("^Anna Peeters"))
    tekst = kaart.inner_text()
    assert "Antwoord op de uitnodiging: komt" in tekst and "Ik kom met de trein" in tekst
    assert kaart.get_by_label("aanwezig", exact=True).is_checked()
    assert page.evaluate("document.documentElement.scrollWidth") <= breedte

    # Marked present (her answer proposed it), saved: on her invitation, no participant.
    druk(kaart.locator("label").filter(has_text=re.compile("^aanwezig$")))
    druk(page.get_by_role("button", name="Aanwezigheid opslaan"))
    page.wait_for_selector(".alert-success")
    assert "1 aanwezig" in page.locator(".alert-success").inner_text()
    anna.refresh_from_db()
    assert anna.aanwezigheid == "aanwezig" and anna.deelnemer_id is None
    assert Deelnemer.objects.count() == deelnemers

    page.goto(adres)
    ernstig = [
        v["id"]
        for v in Axe().run(page).response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
    assert ernstig == []

    # On the list to sign: the PDF the screen links to, fetched with the session.
    pdf = page.get_by_role("link", name="Aanwezigheidslijst om te tekenen (PDF)")
    antwoord = page.request.get(live_server.url + pdf.get_attribute("href"))
    assert antwoord.ok and antwoord.headers["content-type"].startswith("application/pdf")
    lezer = pypdf.PdfReader(io.BytesIO(antwoord.body()))
    assert "Anna Peeters" in " ".join(" ".join(b.extract_text().split()) for b in lezer.pages)

    # The minutes, written and sent to those present from the site: her mail greets her
    # and carries the text, with no link to the minutes or the meeting (both behind login).
    page.goto(live_server.url + reverse("werkgroep:vergadering_detail", args=[vergadering.pk]))
    druk(page.get_by_role("link", name="Notulen schrijven"))
    page.get_by_label("Tekst van de notulen").fill("Verslag met de gast.")
    druk(page.get_by_role("button", name="Notulen opslaan"))
    page.wait_for_selector(".alert-success")
    smtp_server.clear()
    with page.expect_navigation():
        druk(page.get_by_role("button", name="Ter goedkeuring naar de aanwezigen sturen"))
    page.wait_for_selector(".alert-success")
    (bericht,) = [b for b in smtp_server if b["To"].addresses[0].addr_spec == "anna@elders.be"]
    tekst = _tekst(bericht)
    assert "Dag Anna Peeters," in tekst and "Verslag met de gast." in tekst
    for pad in (
        reverse("vergaderstukken:notulen", args=[vergadering.pk]),
        reverse("werkgroep:vergadering_detail", args=[vergadering.pk]),
        "/accounts/",
    ):
        assert pad not in tekst
    context.close()

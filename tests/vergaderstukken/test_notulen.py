"""Minutes: their life cycle and who may do what, through HTTP; the mail to the attendees
through a real SMTP server; open actions on the next meeting's page; stale saves."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from tests import bouwers
from tests.vergaderstukken.conftest import (
    notulen_url,
    stap,
    tekst_posten,
    tekstbestand_opladen,
)
from vergaderstukken import services
from vergaderstukken.models import Actie, Notulen
from werkgroep.models import Aanwezigheid, Vergadering


def _notulen(vergadering) -> Notulen:
    return Notulen.objects.get(vergadering=vergadering)


@pytest.fixture
def ter_goedkeuring(vergadering, aanwezige, secretariaat):
    """Minutes of 06/06/2006 with a decision and an action, sent to the attendees."""
    notulen, _ = services.notulen_opslaan(
        vergadering=vergadering, gelezen_versie=0, tekst="Verslag van juni.", door=secretariaat
    )
    services.besluit_toevoegen(vergadering=vergadering, tekst="De werkgroep kiest voor regie.")
    services.actie_toevoegen(
        vergadering=vergadering,
        omschrijving="Fiche van Werk.waardig nalezen",
        eigenaar=aanwezige.deelnemer,
        deadline=dt.date(2006, 8, 1),
    )
    notulen, _aantal = services.notulen_ter_goedkeuring(notulen=notulen, door=secretariaat)
    return notulen


# ---- the life cycle, through HTTP, with each rule allowed and refused


def test_the_secretariat_writes_a_draft_that_only_it_reads(
    client_van, secretariaat, coordinator, lid, aanwezige, vergadering
):
    schrijver = client_van(secretariaat)
    assert (
        "Notulen schrijven"
        in schrijver.get(
            reverse("werkgroep:vergadering_detail", args=[vergadering.pk])
        ).content.decode()
    )
    assert schrijver.get(notulen_url(vergadering)).status_code == 200  # an empty form
    antwoord = tekst_posten(schrijver, vergadering, "Eerste versie.", 0)
    assert antwoord.status_code == 302
    notulen = _notulen(vergadering)
    assert (notulen.tekst, notulen.versie, notulen.status) == ("Eerste versie.", 1, "concept")
    # A draft: not for the attendee, a member or the coordinator.
    for wie in (aanwezige, lid, coordinator):
        assert bouwers.aangemeld(wie).get(notulen_url(vergadering)).status_code == 404
        assert tekst_posten(bouwers.aangemeld(wie), vergadering, "x", 1).status_code == 404
    assert _notulen(vergadering).tekst == "Eerste versie."


def test_sent_for_approval_the_attendees_and_the_coordinator_read_but_do_not_write(
    client_van, secretariaat, coordinator, lid, aanwezige, vergadering
):
    schrijver = client_van(secretariaat)
    tekst_posten(schrijver, vergadering, "Verslag.", 0)
    assert stap(schrijver, vergadering, "ter_goedkeuring", 1).status_code == 302
    notulen = _notulen(vergadering)
    assert notulen.status == Notulen.Status.TER_GOEDKEURING and notulen.verstuurd_op
    for wie in (aanwezige, coordinator):
        client = bouwers.aangemeld(wie)
        pagina = client.get(notulen_url(vergadering))
        assert pagina.status_code == 200 and "Verslag." in pagina.content.decode()
        assert tekst_posten(client, vergadering, "Anders.", notulen.versie).status_code == 403
        assert stap(client, vergadering, "goedkeuren", notulen.versie).status_code == 403
    # Johan was not there: he reads the minutes once approved.
    assert bouwers.aangemeld(lid).get(notulen_url(vergadering)).status_code == 404
    assert _notulen(vergadering).status == Notulen.Status.TER_GOEDKEURING


def test_approval_records_who_and_when_and_opens_the_minutes_to_the_group(
    client_van, secretariaat, lid, lid_andere_werkgroep, ter_goedkeuring, vergadering
):
    schrijver = client_van(secretariaat)
    antwoord = stap(schrijver, vergadering, "goedkeuren", ter_goedkeuring.versie)
    assert antwoord.status_code == 302
    notulen = _notulen(vergadering)
    assert notulen.status == Notulen.Status.GOEDGEKEURD
    assert notulen.goedgekeurd_door == secretariaat and notulen.goedgekeurd_op is not None
    # Every member of the group reads them now; someone of another group never.
    pagina = bouwers.aangemeld(lid).get(notulen_url(vergadering)).content.decode()
    assert "Verslag van juni." in pagina and "De werkgroep kiest voor regie." in pagina
    assert bouwers.aangemeld(lid_andere_werkgroep).get(notulen_url(vergadering)).status_code == 404
    # Approved minutes do not change any more, not even by the secretariat.
    assert tekst_posten(schrijver, vergadering, "Later.", notulen.versie).status_code == 403
    antwoord = schrijver.post(
        notulen_url(vergadering, "vergaderstukken:besluit_toevoegen"),
        {"tekst": "Nog een"},
        follow=True,
    )
    assert "Goedgekeurde notulen veranderen niet meer." in antwoord.content.decode()
    assert _notulen(vergadering).besluiten.count() == 1


def test_minutes_are_approved_only_once_the_next_meeting_has_come(secretariaat, seed):
    vandaag = timezone.localdate()
    vorige = bouwers.maak_vergadering(seed, (vandaag - dt.timedelta(days=20)).strftime("%d/%m/%Y"))
    services.notulen_opslaan(vergadering=vorige, gelezen_versie=0, tekst="x", door=secretariaat)
    notulen, _ = services.notulen_ter_goedkeuring(notulen=_notulen(vorige), door=secretariaat)

    with pytest.raises(ValidationError, match="nog niet gepland"):
        services.notulen_goedkeuren(notulen=notulen, door=secretariaat)

    volgende = bouwers.maak_vergadering(
        seed, (vandaag + dt.timedelta(days=10)).strftime("%d/%m/%Y")
    )
    with pytest.raises(ValidationError, match="keur ze op of na"):
        services.notulen_goedkeuren(notulen=notulen, door=secretariaat)
    # A cancelled meeting is no next meeting.
    volgende.status = Vergadering.Status.GEANNULEERD
    volgende.save()
    with pytest.raises(ValidationError, match="nog niet gepland"):
        services.notulen_goedkeuren(notulen=notulen, door=secretariaat)
    volgende.status = Vergadering.Status.GEPLAND
    volgende.save()

    goedgekeurd = services.notulen_goedkeuren(
        notulen=notulen, door=secretariaat, vandaag=volgende.datum_tot
    )
    assert goedgekeurd.status == Notulen.Status.GOEDGEKEURD


def test_the_page_explains_why_approval_waits(client_van, secretariaat, seed):
    vandaag = timezone.localdate()
    vorige = bouwers.maak_vergadering(seed, (vandaag - dt.timedelta(days=20)).strftime("%d/%m/%Y"))
    bouwers.maak_vergadering(seed, (vandaag + dt.timedelta(days=10)).strftime("%d/%m/%Y"))
    services.notulen_opslaan(vergadering=vorige, gelezen_versie=0, tekst="x", door=secretariaat)
    services.notulen_ter_goedkeuring(notulen=_notulen(vorige), door=secretariaat)
    client = client_van(secretariaat)
    pagina = client.get(notulen_url(vorige)).content.decode()
    datum = (vandaag + dt.timedelta(days=10)).strftime("%d/%m/%Y")
    assert f"vanaf {datum}" in pagina
    antwoord = stap(client, vorige, "goedkeuren", _notulen(vorige).versie)
    assert "keur ze op of na" in bouwers_berichten(client, antwoord)
    assert _notulen(vorige).status == Notulen.Status.TER_GOEDKEURING


def bouwers_berichten(client, antwoord) -> str:
    """The messages the redirect's page shows."""
    return client.get(antwoord["Location"]).content.decode()


def test_an_empty_draft_is_not_sent_and_a_stale_step_is_refused_naming_who(
    client_van, secretariaat, vergadering
):
    client = client_van(secretariaat)
    tekst_posten(client, vergadering, "", 0)
    antwoord = stap(client, vergadering, "ter_goedkeuring", 1)
    assert "de tekst is leeg" in bouwers_berichten(client, antwoord)
    collega = bouwers.secretariaat(gebruikersnaam="collega")
    collega.first_name, collega.last_name = "Ann", "Collega"
    collega.save()
    tekst_posten(bouwers.aangemeld(collega), vergadering, "Tekst van Ann.", 1)
    antwoord = stap(client, vergadering, "ter_goedkeuring", 1)  # the page showed version 1
    assert "Ann Collega" in bouwers_berichten(client, antwoord)
    assert _notulen(vergadering).status == Notulen.Status.CONCEPT


def test_sent_minutes_go_back_to_a_draft(client_van, secretariaat, ter_goedkeuring, vergadering):
    antwoord = stap(client_van(secretariaat), vergadering, "terugnemen", ter_goedkeuring.versie)
    assert antwoord.status_code == 302
    assert _notulen(vergadering).status == Notulen.Status.CONCEPT


def test_the_database_refuses_approved_minutes_without_who_or_when(vergadering):
    with (
        pytest.raises(IntegrityError, match="notulen_goedgekeurd_met_wie_en_wanneer"),
        transaction.atomic(),
    ):
        Notulen.objects.create(
            vergadering=vergadering,
            status=Notulen.Status.GOEDGEKEURD,
            verstuurd_op=timezone.now(),
            goedgekeurd_op=timezone.now(),
        )
    with (
        pytest.raises(IntegrityError, match="notulen_verstuurd_voor_goedkeuring"),
        transaction.atomic(),
    ):
        Notulen.objects.create(vergadering=vergadering, status=Notulen.Status.TER_GOEDKEURING)


# ---- the mail to the attendees, through a real SMTP server


def test_sending_for_approval_mails_each_attendee_with_an_address(
    client_van, secretariaat, aanwezige, vergadering, smtp_server,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    zonder_account = bouwers.maak_deelnemer(
        voornaam="Els", achternaam="Zonderaccount", email="els@example.be"
    )
    bouwers.aanwezigheid(vergadering, zonder_account)
    bouwers.aanwezigheid(
        vergadering,
        bouwers.maak_deelnemer(email="verontschuldigd@example.be"),
        status=Aanwezigheid.Status.VERONTSCHULDIGD,
    )
    bouwers.aanwezigheid(vergadering, bouwers.maak_deelnemer())  # no address: no mail
    client = client_van(secretariaat)
    tekst_posten(client, vergadering, "Wat we bespraken.\nEn nog iets.", 0)
    client.post(
        notulen_url(vergadering, "vergaderstukken:besluit_toevoegen"), {"tekst": "Regie blijft."}
    )
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = stap(client, vergadering, "ter_goedkeuring", 1)
    assert "(2 e-mails)" in bouwers_berichten(client, antwoord)

    assert sorted(b["To"].addresses[0].addr_spec for b in smtp_server) == [
        "els@example.be",
        "michel.bortels@example.be",
    ]
    per_adres = {b["To"].addresses[0].addr_spec: b for b in smtp_server}
    michel = per_adres["michel.bortels@example.be"]
    assert "Notulen ter goedkeuring" in michel["Subject"]
    tekst = michel.get_body(("plain",)).get_content()
    assert "Dag Michel," in tekst and "Wat we bespraken." in tekst and "Regie blijft." in tekst
    assert f"http://testserver{notulen_url(vergadering)}" in tekst
    html = michel.get_body(("html",)).get_content()
    assert f'href="http://testserver{notulen_url(vergadering)}"' in html
    assert "Dag Els," in per_adres["els@example.be"].get_body(("plain",)).get_content()


# ---- decisions and actions, and open actions on the next meeting's page


def test_decisions_and_actions_are_added_by_the_secretariat_only(
    client_van, secretariaat, aanwezige, lid, vergadering, ter_goedkeuring
):
    schrijver = client_van(secretariaat)
    schrijver.post(
        notulen_url(vergadering, "vergaderstukken:besluit_toevoegen"), {"tekst": "Tweede besluit"}
    )
    schrijver.post(
        notulen_url(vergadering, "vergaderstukken:actie_toevoegen"),
        {"omschrijving": "Zaal boeken", "eigenaar": lid.deelnemer.pk, "deadline": "2006-09-01"},
    )
    notulen = _notulen(vergadering)
    assert [b.tekst for b in notulen.besluiten.all()] == [
        "De werkgroep kiest voor regie.",
        "Tweede besluit",
    ]
    actie = notulen.acties.get(omschrijving="Zaal boeken")
    assert (actie.eigenaar, actie.deadline) == (lid.deelnemer, dt.date(2006, 9, 1))
    # The attendee reads them, but adds nothing.
    lezer = bouwers.aangemeld(aanwezige)
    url = notulen_url(vergadering, "vergaderstukken:besluit_toevoegen")
    assert lezer.post(url, {"tekst": "Van Michel"}).status_code == 403
    assert (
        lezer.post(notulen_url(vergadering, "vergaderstukken:actie_toevoegen"), {}).status_code
        == 403
    )
    assert (
        lezer.post(reverse("vergaderstukken:actie_afhandelen", args=[actie.pk])).status_code == 403
    )
    assert bouwers.aangemeld(lid).post(url, {"tekst": "Van Johan"}).status_code == 404
    assert notulen.besluiten.count() == 2 and not Actie.objects.get(pk=actie.pk).afgehandeld
    # A bad date is a message, not a 500.
    antwoord = schrijver.post(
        notulen_url(vergadering, "vergaderstukken:actie_toevoegen"),
        {"omschrijving": "x", "deadline": "morgen"},
    )
    assert "Tegen:" in bouwers_berichten(schrijver, antwoord)


def test_an_open_action_appears_on_the_next_meetings_page_until_it_is_done(
    client_van, secretariaat, lid, ter_goedkeuring, vergadering
):
    volgende = Vergadering.objects.get(kenmerk="2006-08-21")
    eerder = Vergadering.objects.get(kenmerk="2006-04-14")
    client = client_van(lid)
    pagina = client.get(
        reverse("werkgroep:vergadering_detail", args=[volgende.pk])
    ).content.decode()
    assert "Openstaande acties van vorige vergaderingen" in pagina
    assert "Fiche van Werk.waardig nalezen" in pagina and "Michel Bortels" in pagina
    assert "Afgehandeld" not in pagina  # a member does not mark it
    andere = client.get(reverse("werkgroep:vergadering_detail", args=[eerder.pk])).content.decode()
    assert "Fiche van Werk.waardig nalezen" not in andere  # an earlier meeting

    actie = ter_goedkeuring.acties.get()
    volgende_url = reverse("werkgroep:vergadering_detail", args=[volgende.pk])
    antwoord = client_van(secretariaat).post(
        reverse("vergaderstukken:actie_afhandelen", args=[actie.pk]), {"terug": volgende_url}
    )
    assert antwoord["Location"] == volgende_url
    actie.refresh_from_db()
    assert actie.afgehandeld_op == timezone.localdate() and actie.afgehandeld_door == secretariaat
    pagina = bouwers.aangemeld(lid).get(volgende_url).content.decode()
    assert "Fiche van Werk.waardig nalezen" not in pagina


def test_a_drafts_actions_stay_off_the_next_meeting(client_van, secretariaat, lid, vergadering):
    services.actie_toevoegen(vergadering=vergadering, omschrijving="Nog een ontwerp")
    volgende = Vergadering.objects.get(kenmerk="2006-08-21")
    pagina = client_van(lid).get(reverse("werkgroep:vergadering_detail", args=[volgende.pk]))
    assert "Nog een ontwerp" not in pagina.content.decode()


def test_marking_an_action_done_goes_back_only_to_this_site(
    client_van, secretariaat, ter_goedkeuring, vergadering
):
    actie = ter_goedkeuring.acties.get()
    antwoord = client_van(secretariaat).post(
        reverse("vergaderstukken:actie_afhandelen", args=[actie.pk]),
        {"terug": "https://elders.example/"},
    )
    assert antwoord["Location"] == notulen_url(vergadering)


# ---- the guarded versioned save: a stale tab merges, or shows both texts


def test_a_stale_save_that_changed_nothing_keeps_the_others_text(
    secretariaat, vergadering, django_user_model
):
    collega = bouwers.secretariaat(gebruikersnaam="collega")
    eerste, tweede = bouwers.aangemeld(secretariaat), bouwers.aangemeld(collega)
    tekst_posten(eerste, vergadering, "Basis.", 0)
    tekst_posten(tweede, vergadering, "Basis, aangevuld door de collega.", 1)
    # The first tab, still at version 1, sends its text unchanged.
    antwoord = tekst_posten(eerste, vergadering, "Basis.", 1)
    assert antwoord.status_code == 302
    assert _notulen(vergadering).tekst == "Basis, aangevuld door de collega."
    assert "Samengevoegd" in eerste.get(antwoord["Location"]).content.decode()


def test_a_stale_save_that_collides_saves_nothing_and_shows_both_texts(secretariaat, vergadering):
    collega = bouwers.secretariaat(gebruikersnaam="collega")
    eerste, tweede = bouwers.aangemeld(secretariaat), bouwers.aangemeld(collega)
    tekst_posten(eerste, vergadering, "Basis.", 0)
    tekst_posten(tweede, vergadering, "Versie van de collega.", 1)
    antwoord = tekst_posten(eerste, vergadering, "Mijn versie.", 1)
    assert antwoord.status_code == 200
    pagina = antwoord.content.decode()
    assert "Wat botst" in pagina and "Niets is bewaard" in pagina
    assert "Versie van de collega." in pagina and "Mijn versie." in pagina
    notulen = _notulen(vergadering)
    assert (notulen.tekst, notulen.versie) == ("Versie van de collega.", 2)
    # Saving the form as it came back would store the marker lines: refused, on the field.
    form = antwoord.context["form"]
    voorstel, versie = form["tekst"].value(), form["gelezen_versie"].value()
    opnieuw = tekst_posten(eerste, vergadering, voorstel, versie)
    assert opnieuw.status_code == 200
    assert "bevat nog de lijnen met =====" in opnieuw.context["form"].errors["tekst"][0]
    assert _notulen(vergadering).versie == 2
    # Both texts kept, the lines wiped: saved, nothing lost.
    zonder_lijnen = "\n".join(r for r in voorstel.splitlines() if not r.startswith("====="))
    assert tekst_posten(eerste, vergadering, zonder_lijnen, versie).status_code == 302
    bewaard = _notulen(vergadering).tekst
    assert "Versie van de collega." in bewaard and "Mijn versie." in bewaard
    assert "=====" not in bewaard


# ---- reads: pinned query counts


def test_the_minutes_page_keeps_its_query_count_as_decisions_and_actions_grow(
    client_van, secretariaat, ter_goedkeuring, vergadering, django_assert_num_queries
):
    client = client_van(secretariaat)
    client.get(notulen_url(vergadering))

    def groei(aantal):
        for n in range(aantal):
            services.besluit_toevoegen(vergadering=vergadering, tekst=f"Besluit {n}")
            services.actie_toevoegen(
                vergadering=vergadering,
                omschrijving=f"Actie {n}",
                eigenaar=ter_goedkeuring.acties.first().eigenaar,
            )

    groei(3)
    # Session, user, permissions (4) and the session saved (3); the request's savepoint
    # and release (2); the meeting with its agenda and attendance (3); the minutes;
    # decisions; actions with their owners; the next meeting (approval's first day);
    # who an action can go to; whom the mail did not reach (4: the participants present,
    # their accounts' languages, the guests present, the mails not sent since).
    with django_assert_num_queries(7 + 2 + 3 + 5 + 4):
        assert client.get(notulen_url(vergadering)).status_code == 200
    groei(30)
    with django_assert_num_queries(7 + 2 + 3 + 5 + 4):
        assert client.get(notulen_url(vergadering)).status_code == 200


def test_the_meeting_pages_new_sections_keep_their_query_count(
    secretariaat, lid, ter_goedkeuring, vergadering, django_assert_num_queries, rf
):
    """Minutes, open actions of earlier meetings, files: three queries, whatever their
    number, and nothing more while the section is drawn."""
    from django.template.loader import render_to_string

    from vergaderstukken.selectors import op_vergadering
    from werkgroep.selectors import vergadering_voor

    volgende = Vergadering.objects.get(kenmerk="2006-08-21")

    def groei(aantal):
        for n in range(aantal):
            services.actie_toevoegen(
                vergadering=vergadering, omschrijving=f"Actie {n}", eigenaar=lid.deelnemer
            )
            tekstbestand_opladen(volgende, secretariaat, f"Stuk {n}")

    for user in (secretariaat, lid):
        user.has_perm("vergaderstukken.view_notulen")  # the permissions, read once per request
        for aantal in (2, 20):
            groei(aantal)
            gezien = vergadering_voor(user, volgende.pk)
            verzoek = rf.get("/")
            verzoek.user = user
            with django_assert_num_queries(3):
                stukken = op_vergadering(user, gezien)
                html = render_to_string(
                    "vergaderstukken/_vergadering_stukken.html",
                    {"stukken": stukken, "vergadering": gezien},
                    request=verzoek,
                )
            assert html.count("Actie ") >= aantal and "Stuk 0" in html


# ---- approved minutes: a PDF, and their decisions in the yearly report


def _pdf_tekst(inhoud: bytes) -> str:
    import io

    import pypdf

    lezer = pypdf.PdfReader(io.BytesIO(inhoud))
    return " ".join(" ".join((pagina.extract_text() or "").split()) for pagina in lezer.pages)


def test_approved_minutes_are_a_pdf_for_who_may_see_the_meeting(
    client_van, secretariaat, lid, lid_andere_werkgroep, aanwezige, ter_goedkeuring, vergadering
):
    url = reverse("vergaderstukken:notulen_pdf", args=[vergadering.pk])
    assert bouwers.aangemeld(aanwezige).get(url).status_code == 404  # not yet approved
    services.notulen_goedkeuren(notulen=ter_goedkeuring, door=secretariaat)
    antwoord = client_van(lid).get(url)
    assert antwoord.status_code == 200 and antwoord["Content-Type"] == "application/pdf"
    tekst = _pdf_tekst(b"".join(antwoord.streaming_content))
    for verwacht in [
        "Notulen van de vergadering 06/06/2006",
        "Verslag van juni.",
        "De werkgroep kiest voor regie.",
        "Fiche van Werk.waardig nalezen",
        "Michel Bortels",
    ]:
        assert verwacht in tekst, verwacht
    assert bouwers.aangemeld(lid_andere_werkgroep).get(url).status_code == 404
    pagina = client_van(lid).get(reverse("werkgroep:vergadering_detail", args=[vergadering.pk]))
    assert url in pagina.content.decode()


def test_the_yearly_report_gives_the_decisions_of_approved_minutes_only(
    client_van, coordinator, secretariaat, seed, ter_goedkeuring, vergadering
):
    from rapportage.jaarverslag import jaarverslag_context

    def besluiten():
        context = jaarverslag_context(seed, 2006)
        jaar = next(j for j in context["verslag"]["per_jaar"] if j["jaar"] == 2006)
        return {
            str(p["vergadering"].datum): [b.tekst for b in p["besluiten"]]
            for p in jaar["programma"]
            if p["besluiten"]
        }

    assert besluiten() == {}  # sent for approval: not yet the group's word
    services.notulen_goedkeuren(notulen=ter_goedkeuring, door=secretariaat)
    assert besluiten() == {"06/06/2006": ["De werkgroep kiest voor regie."]}
    pagina = client_van(coordinator).get(reverse("rapportage:jaarverslag", args=[seed.slug, 2006]))
    assert "De werkgroep kiest voor regie." in pagina.content.decode()


def test_the_pages_have_each_id_once_and_a_label_for_each_field(
    client_van, secretariaat, ter_goedkeuring, vergadering
):
    import re

    client = client_van(secretariaat)
    volgende = Vergadering.objects.get(kenmerk="2006-08-21")
    for url in [
        notulen_url(vergadering),
        reverse("werkgroep:vergadering_detail", args=[volgende.pk]),
    ]:
        pagina = client.get(url).content.decode()
        ids = re.findall(r'\sid="([^"]+)"', pagina)
        assert len(ids) == len(set(ids)), url
        velden = re.findall(r'<(?:input|select|textarea)\b(?![^>]*type="(?:hidden|submit)")[^>]*'
                            r'\sid="([^"]+)"', pagina)  # fmt: skip
        for veld in velden:
            assert f'for="{veld}"' in pagina, (url, veld)

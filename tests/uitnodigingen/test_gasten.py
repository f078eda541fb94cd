"""Guests are people of the meeting (issue 25, item 2): a guest invited by address answers
through her link, is on the attendance screen with her answer and remark, is marked
present there (on her invitation: she stays a guest with her address, no participant and
no member in any count), is on the list to sign, and receives the minutes; every mail
greets her by the name typed and links only to her answer page; the minutes page names
whom the mail could not reach. Mail goes through a real SMTP server (``smtp_server``), and
a failed mail through a port nobody listens on."""

from __future__ import annotations

import datetime as dt
import io
import re
import socket

import pypdf
import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from tests import bouwers
from tests.bouwers import aangemeld
from uitnodigingen.models import Uitnodiging
from vergaderstukken import services as notulen_services
from vergaderstukken.models import Notulen
from werkgroep.forms import stand_tekst
from werkgroep.models import Aanwezigheid, Deelnemer, Vergadering

pytestmark = pytest.mark.django_db

VANDAAG = timezone.localdate()
DAG = VANDAAG + dt.timedelta(days=20)
GISTEREN = VANDAAG - dt.timedelta(days=1)


@pytest.fixture
def michel(seed):
    """The one member with an address: every other member has none."""
    Deelnemer.objects.update(email="")
    michel = Deelnemer.objects.get_by_natural_key("Michel", "Bortels")
    michel.email = "michel@lmw.be"
    michel.save()
    return michel


@pytest.fixture
def vergadering(seed):
    return bouwers.maak_vergadering(seed, DAG.strftime("%d/%m/%Y"), aanvang=dt.time(14, 0))


def _uitnodigen(client, vergadering, leden, gasten, capture):
    with capture(execute=True):
        return client.post(
            reverse("uitnodigingen:uitnodigen", args=[vergadering.pk]),
            {"leden": [str(d.pk) for d in leden], "gasten": gasten},
        )


def _aan(bericht) -> str:
    return bericht["To"].addresses[0].addr_spec


def _tekst(bericht) -> str:
    return bericht.get_body(preferencelist=("plain",)).get_content()


def _html(bericht) -> str:
    return bericht.get_body(preferencelist=("html",)).get_content()


def _gehouden_gisteren(vergadering):
    """The day came: the meeting was yesterday (an UPDATE, so nobody is told of a change)."""
    Vergadering.objects.filter(pk=vergadering.pk).update(datum_van=GISTEREN, datum_tot=GISTEREN)
    vergadering.refresh_from_db()


def _scherm(vergadering) -> str:
    return reverse("uitnodigingen:vergadering_aanwezigheid", args=[vergadering.pk])


def _formulier(pagina) -> dict:
    """What the browser sends back unchanged: every checked radio (members and invited
    guests), the hidden fields and the empty guest rows."""
    form, uitgenodigde = pagina.context["form"], pagina.context["uitgenodigde_gasten"]
    data = {}
    for f, veld in ((form, "gelezen"), (uitgenodigde, "gasten_gelezen")):
        waarde = f[veld].value() or ""
        data[veld] = stand_tekst(waarde) if isinstance(waarde, dict) else waarde
    for _rij, _antwoord, veld, _eigen in form.lijst():
        data[veld.html_name] = veld.value() or ""
    for _gast, _antwoord, veld in uitgenodigde.lijst():
        data[veld.html_name] = veld.value() or ""
    data.update(
        {
            "gast-TOTAL_FORMS": "2",
            "gast-INITIAL_FORMS": "0",
            "gast-MIN_NUM_FORMS": "0",
            "gast-MAX_NUM_FORMS": "20",
        }
    )
    return data


def _pdf_tekst(client, vergadering) -> str:
    antwoord = client.get(reverse("uitnodigingen:aanwezigheidslijst_pdf", args=[vergadering.pk]))
    assert antwoord.status_code == 200
    lezer = pypdf.PdfReader(io.BytesIO(b"".join(antwoord.streaming_content)))
    return " ".join(" ".join(blad.extract_text().split()) for blad in lezer.pages)


def _notulen_sturen(client, vergadering, secretariaat, capture):
    notulen, _ = notulen_services.notulen_opslaan(
        vergadering=vergadering, gelezen_versie=0, tekst="Verslag met de gast.", door=secretariaat
    )
    with capture(execute=True):
        return client.post(
            reverse("vergaderstukken:notulen_status", args=[vergadering.pk]),
            {"stap": "ter_goedkeuring", "gelezen_versie": notulen.versie},
        )


# ---- The whole cycle -----------------------------------------------------------------------


def test_a_guest_invited_by_address_answers_is_marked_present_and_receives_the_minutes(
    secretariaat, michel, vergadering, smtp_server, django_capture_on_commit_callbacks, client
):
    secretariaat.email = "secretariaat@esf.be"
    secretariaat.save()
    staf = aangemeld(secretariaat)
    _uitnodigen(
        staf, vergadering, [michel], "Anna Peeters anna@elders.be",
        django_capture_on_commit_callbacks,
    )  # fmt: skip
    post = {_aan(b): b for b in smtp_server}
    assert set(post) == {"michel@lmw.be", "anna@elders.be"}

    # Her mail greets her by the name typed and links only to her answer page.
    mail_anna = post["anna@elders.be"]
    detail = reverse("werkgroep:vergadering_detail", args=[vergadering.pk])
    for inhoud in (_tekst(mail_anna), _html(mail_anna)):
        assert "Dag Anna Peeters," in inhoud
        assert detail not in inhoud
        assert "/uitnodiging/" in inhoud
    assert detail in _tekst(post["michel@lmw.be"])  # a member's does link to the meeting

    # She answers through her link, with a remark, without logging in.
    link = re.search(r"https?://[^/\s]+(/uitnodiging/[^\s]+/)", _tekst(mail_anna)).group(1)
    assert client.post(link, {"antwoord": "aanwezig", "opmerking": "Ik kom met de trein"})[
        "Location"
    ]
    anna = Uitnodiging.objects.get(email="anna@elders.be")
    assert anna.antwoord == "aanwezig"

    # On the attendance screen with her answer and remark, pre-filled as present.
    _gehouden_gisteren(vergadering)
    pagina = staf.get(_scherm(vergadering))
    html = pagina.content.decode()
    assert "Anna Peeters" in html and "Ik kom met de trein" in html
    (rij,) = list(pagina.context["uitgenodigde_gasten"].lijst())
    assert rij[0] == anna and str(rij[1]) == "komt" and rij[2].value() == "aanwezig"

    # Marked present: on her invitation, not as a participant (and none without address).
    deelnemers, aanwezigheden = Deelnemer.objects.count(), Aanwezigheid.objects.count()
    data = _formulier(pagina)
    data[f"d{michel.pk}"] = "aanwezig"
    antwoord = staf.post(_scherm(vergadering), data)
    assert antwoord.status_code == 302
    anna.refresh_from_db()
    assert anna.aanwezigheid == "aanwezig" and anna.deelnemer is None
    assert Deelnemer.objects.count() == deelnemers
    assert Aanwezigheid.objects.count() == aanwezigheden + 1  # Michel only
    assert "2 aanwezig" in staf.get(antwoord["Location"]).content.decode()

    # On the meeting page's attendance, under the participants, as a guest.
    bladzijde = staf.get(reverse("werkgroep:vergadering_detail", args=[vergadering.pk]))
    sectie = bladzijde.content.decode().split('id="aanwezigheid"', 1)[1]
    assert re.search(r"Anna Peeters</td><td>uitgenodigde gast</td><td>aanwezig", sectie)

    # On the list to sign, by name.
    assert "Anna Peeters" in _pdf_tekst(staf, vergadering)

    # The minutes go to everyone present: Michel with the link, Anna without.
    smtp_server.clear()
    _notulen_sturen(staf, vergadering, secretariaat, django_capture_on_commit_callbacks)
    post = {_aan(b): b for b in smtp_server}
    assert set(post) == {"michel@lmw.be", "anna@elders.be"}
    notulen = reverse("vergaderstukken:notulen", args=[vergadering.pk])
    for inhoud in (_tekst(post["anna@elders.be"]), _html(post["anna@elders.be"])):
        assert "Dag Anna Peeters," in inhoud and "Verslag met de gast." in inhoud
        assert notulen not in inhoud and "/accounts/" not in inhoud
    assert notulen in _tekst(post["michel@lmw.be"])


def test_every_mail_a_guest_can_get_greets_her_and_links_only_to_her_answer(
    secretariaat, michel, vergadering, smtp_server, django_capture_on_commit_callbacks
):
    """The invitation, a change, a reminder and a cancellation: the same greeting, and no
    page behind a login."""
    from uitnodigingen import services

    staf = aangemeld(secretariaat)
    _uitnodigen(
        staf, vergadering, [], "Anna Peeters anna@elders.be", django_capture_on_commit_callbacks
    )
    with django_capture_on_commit_callbacks(execute=True):
        vergadering.aanvang = dt.time(15, 0)
        vergadering.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.herinneringen_sturen(DAG - dt.timedelta(days=1)) == 1
    with django_capture_on_commit_callbacks(execute=True):
        vergadering.status = Vergadering.Status.GEANNULEERD
        vergadering.save()
    assert len(smtp_server) == 4
    for bericht in smtp_server:
        for inhoud in (_tekst(bericht), _html(bericht)):
            assert "Dag Anna Peeters," in inhoud
            paden = re.findall(r"https?://[^/\s\"]+(/[^\s\"<]*)", inhoud)
            # Her answer, and the privacy statement (open without a login: issue 26).
            assert all(p.startswith(("/uitnodiging/", "/privacy/")) for p in paden), paden


def test_a_guest_without_a_name_is_on_the_list_to_sign_by_her_address(
    secretariaat, michel, vergadering, smtp_server, django_capture_on_commit_callbacks
):
    staf = aangemeld(secretariaat)
    _uitnodigen(
        staf, vergadering, [], "gast@elders.be\nBert Bezoeker bert@elders.be",
        django_capture_on_commit_callbacks,
    )  # fmt: skip
    tekst = _pdf_tekst(staf, vergadering)
    assert "gast@elders.be" in tekst and "Bert Bezoeker" in tekst
    assert "bert@elders.be" not in tekst  # a name typed is the name shown


def test_a_known_guest_invited_again_by_address_alone_keeps_her_name(
    secretariaat, michel, vergadering, seed, smtp_server, django_capture_on_commit_callbacks
):
    """The name typed the first time for an address (any meeting, any case of the address)
    greets her the next time she is invited by the address alone."""
    staf = aangemeld(secretariaat)
    _uitnodigen(
        staf, vergadering, [], "Anna Peeters anna@elders.be", django_capture_on_commit_callbacks
    )
    volgende = bouwers.maak_vergadering(seed, (DAG + dt.timedelta(days=7)).strftime("%d/%m/%Y"))
    _uitnodigen(
        staf, volgende, [], "ANNA@elders.be\nnieuw@elders.be", django_capture_on_commit_callbacks
    )
    assert Uitnodiging.objects.get(vergadering=volgende, email="ANNA@elders.be").naam == (
        "Anna Peeters"
    )
    assert Uitnodiging.objects.get(vergadering=volgende, email="nieuw@elders.be").naam == ""
    tweede = next(b for b in smtp_server[1:] if _aan(b).lower() == "anna@elders.be")
    assert "Dag Anna Peeters," in _tekst(tweede)


# ---- Who the minutes did not reach -----------------------------------------------------------


@pytest.fixture
def dichte_poort():
    """A port nobody listens on: every attempt to send there fails."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_the_minutes_page_names_who_has_no_address_and_whose_mail_failed(
    secretariaat, michel, vergadering, settings, smtp_server, dichte_poort,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    staf = aangemeld(secretariaat)
    _uitnodigen(
        staf, vergadering, [michel], "Anna Peeters anna@elders.be",
        django_capture_on_commit_callbacks,
    )  # fmt: skip
    _gehouden_gisteren(vergadering)
    johan = Deelnemer.objects.get_by_natural_key("Johan", "Dejonckheere")  # no address
    data = _formulier(staf.get(_scherm(vergadering)))
    data[f"d{michel.pk}"] = data[f"d{johan.pk}"] = "aanwezig"
    data[f"u{Uitnodiging.objects.get(email='anna@elders.be').pk}"] = "aanwezig"
    assert staf.post(_scherm(vergadering), data).status_code == 302

    notulen_pagina = reverse("vergaderstukken:notulen", args=[vergadering.pk])
    notulen_services.notulen_opslaan(
        vergadering=vergadering, gelezen_versie=0, tekst="Verslag.", door=secretariaat
    )
    vooraf = staf.get(notulen_pagina).content.decode()
    assert "krijgen de notulen niet per e-mail" in vooraf
    assert "Johan Dejonckheere (geen e-mailadres)" in vooraf
    assert "Anna Peeters" not in vooraf.split('id="niet-bereikt"')[1]

    # The server is down while the minutes go out: Anna's and Michel's mails fail.
    settings.MAIL_POGINGEN = 1
    settings.EMAIL_PORT = dichte_poort
    smtp_server.clear()
    notulen = Notulen.objects.get(vergadering=vergadering)
    with django_capture_on_commit_callbacks(execute=True):
        staf.post(
            reverse("vergaderstukken:notulen_status", args=[vergadering.pk]),
            {"stap": "ter_goedkeuring", "gelezen_versie": notulen.versie},
        )
    assert smtp_server == []
    pagina = staf.get(notulen_pagina).content.decode()
    blok = pagina.split('id="niet-bereikt"')[1].split("</div>")[0]
    assert "bereikten deze aanwezigen niet" in blok
    assert "Johan Dejonckheere (geen e-mailadres)" in blok
    assert "Anna Peeters (de e-mail is niet verstuurd)" in blok
    assert "Michel Bortels (de e-mail is niet verstuurd)" in blok
    # A failed mail of something else to the same person is not the minutes'.
    from kern.models import Bericht

    Bericht.objects.filter(aan__contains="anna@elders.be").update(onderwerp="Iets anders")
    blok = staf.get(notulen_pagina).content.decode().split('id="niet-bereikt"')[1]
    assert "Anna Peeters" not in blok.split("</div>")[0]


# ---- A guest who came uninvited ----------------------------------------------------------------


def _met_gastrij(data: dict, **rij) -> dict:
    """The page's form with its first empty guest row filled in."""
    data = dict(data)
    for veld, waarde in rij.items():
        data[f"gast-0-{veld}"] = waarde
    return data


def test_a_walk_in_guest_with_an_address_is_kept_as_a_guest_and_receives_the_minutes(
    secretariaat, michel, vergadering, smtp_server, django_capture_on_commit_callbacks
):
    staf = aangemeld(secretariaat)
    _gehouden_gisteren(vergadering)
    deelnemers = Deelnemer.objects.count()
    data = _met_gastrij(
        _formulier(staf.get(_scherm(vergadering))),
        voornaam="Bea", achternaam="Binnenloper", email="bea@elders.be",
    )  # fmt: skip
    data[f"d{michel.pk}"] = "aanwezig"
    antwoord = staf.post(_scherm(vergadering), data)
    assert antwoord.status_code == 302
    assert "2 aanwezig" in staf.get(antwoord["Location"]).content.decode()
    # Stored as an invited guest's address is: on a row of her own, not as a participant.
    bea = Uitnodiging.objects.get(vergadering=vergadering, email="bea@elders.be")
    assert (bea.naam, bea.aanwezigheid, bea.deelnemer_id) == ("Bea Binnenloper", "aanwezig", None)
    assert bea.uitgenodigd_op is None and Deelnemer.objects.count() == deelnemers

    # Back on the screen as a guest (not "invited"), to change like the others.
    pagina = staf.get(_scherm(vergadering))
    (rij,) = list(pagina.context["uitgenodigde_gasten"].lijst())
    assert rij[0] == bea and rij[2].value() == "aanwezig"
    kaart = pagina.content.decode().split("Bea Binnenloper", 1)[1].split("</legend>")[0]
    assert "uitgenodigde gast" not in kaart and "gast" in kaart

    # The minutes reach her, by name.
    smtp_server.clear()
    _notulen_sturen(staf, vergadering, secretariaat, django_capture_on_commit_callbacks)
    post = {_aan(b): b for b in smtp_server}
    assert set(post) == {"michel@lmw.be", "bea@elders.be"}
    assert "Dag Bea Binnenloper," in _tekst(post["bea@elders.be"])


def test_a_walk_in_guest_s_address_is_checked_in_dutch_and_nothing_is_saved(
    secretariaat, michel, vergadering
):
    staf = aangemeld(secretariaat)
    _gehouden_gisteren(vergadering)
    data = _met_gastrij(
        _formulier(staf.get(_scherm(vergadering))),
        voornaam="Bea", achternaam="Binnenloper", email="bea at elders",
    )  # fmt: skip
    data[f"d{michel.pk}"] = "aanwezig"
    antwoord = staf.post(_scherm(vergadering), data)
    assert antwoord.status_code == 200
    assert "Vul een geldig e-mailadres in, of laat het vak leeg." in antwoord.content.decode()
    assert not Aanwezigheid.objects.filter(vergadering=vergadering).exists()
    assert not Uitnodiging.objects.filter(vergadering=vergadering).exists()


def test_a_walk_in_address_of_an_invited_guest_or_a_participant_is_that_person(
    secretariaat, michel, vergadering, smtp_server, django_capture_on_commit_callbacks
):
    staf = aangemeld(secretariaat)
    _uitnodigen(staf, vergadering, [], "anna@elders.be", django_capture_on_commit_callbacks)
    _gehouden_gisteren(vergadering)
    deelnemers = Deelnemer.objects.count()
    data = _met_gastrij(
        _formulier(staf.get(_scherm(vergadering))),
        voornaam="Anna", achternaam="Peeters", email="ANNA@elders.be",
    )  # fmt: skip
    data.update({"gast-1-email": "Michel@LMW.be"})
    assert staf.post(_scherm(vergadering), data).status_code == 302
    (anna,) = Uitnodiging.objects.filter(vergadering=vergadering)
    assert (anna.naam, anna.aanwezigheid) == ("Anna Peeters", "aanwezig")
    assert Aanwezigheid.objects.get(vergadering=vergadering).deelnemer == michel
    assert Deelnemer.objects.count() == deelnemers


def test_a_walk_in_guest_no_longer_mentioned_leaves_no_row(secretariaat, michel, vergadering):
    staf = aangemeld(secretariaat)
    _gehouden_gisteren(vergadering)
    data = _met_gastrij(_formulier(staf.get(_scherm(vergadering))), email="bea@elders.be")
    assert staf.post(_scherm(vergadering), data).status_code == 302
    bea = Uitnodiging.objects.get(vergadering=vergadering)
    assert (bea.naam, bea.weergavenaam) == ("", "bea@elders.be")
    data = _formulier(staf.get(_scherm(vergadering)))
    data[f"u{bea.pk}"] = ""
    assert staf.post(_scherm(vergadering), data).status_code == 302
    assert not Uitnodiging.objects.filter(vergadering=vergadering).exists()


# ---- The screen's guard and the model's rule ---------------------------------------------


def test_a_stale_page_does_not_overwrite_a_guest_marked_meanwhile(
    secretariaat, michel, vergadering, smtp_server, django_capture_on_commit_callbacks
):
    staf = aangemeld(secretariaat)
    _uitnodigen(
        staf, vergadering, [], "Anna Peeters anna@elders.be", django_capture_on_commit_callbacks
    )
    anna = Uitnodiging.objects.get(email="anna@elders.be")
    _gehouden_gisteren(vergadering)
    eerste, tweede = _formulier(staf.get(_scherm(vergadering))), None
    tweede = _formulier(staf.get(_scherm(vergadering)))
    eerste[f"u{anna.pk}"] = "aanwezig"
    assert staf.post(_scherm(vergadering), eerste).status_code == 302
    tweede[f"u{anna.pk}"] = "afwezig"
    antwoord = staf.post(_scherm(vergadering), tweede)
    assert antwoord.status_code == 200
    assert "Er is niets opgeslagen" in antwoord.content.decode()
    assert "Anna Peeters" in antwoord.content.decode().split("Kijk na:")[1]
    anna.refresh_from_db()
    assert anna.aanwezigheid == "aanwezig"
    # Sent again as the page now shows it, the choice is saved.
    opnieuw = _formulier(antwoord)
    opnieuw[f"u{anna.pk}"] = "afwezig"
    assert staf.post(_scherm(vergadering), opnieuw).status_code == 302
    anna.refresh_from_db()
    assert anna.aanwezigheid == "afwezig"


def test_only_a_guest_s_invitation_carries_an_attendance(michel, vergadering):
    rij = Uitnodiging.objects.create(vergadering=vergadering, deelnemer=michel, email=michel.email)
    with pytest.raises(IntegrityError), transaction.atomic():
        Uitnodiging.objects.filter(pk=rij.pk).update(aanwezigheid="aanwezig")
    gast = Uitnodiging.objects.create(vergadering=vergadering, email="an@elders.be")
    with pytest.raises(IntegrityError), transaction.atomic():
        Uitnodiging.objects.filter(pk=gast.pk).update(aanwezigheid="misschien")


def test_a_guest_present_is_no_member_in_the_yearly_report(seed, secretariaat):
    """The seed's report counts the same attendance and the same members with a guest
    marked present at its June meeting."""
    from rapportage.jaarverslag import jaarverslag_context

    def telling():
        verslag = jaarverslag_context(seed, 2006)["verslag"]
        return (
            [(v.pk, v.aanwezigheden_telling) for v in verslag["vergaderingen"]],
            verslag["deelnemers"],
            verslag["aanwezigheidsgrafiek"],
        )

    voor = telling()
    juni = Vergadering.objects.get(kenmerk="2006-06-06")
    Uitnodiging.objects.create(
        vergadering=juni,
        email="anna@elders.be",
        naam="Anna Peeters",
        uitgenodigd_op=timezone.now(),
        aanwezigheid="aanwezig",
    )
    assert telling() == voor

"""The secretariat reviews a submitted fiche on the site, and each step mails the other side.

The mails go through Django's SMTP backend to a real SMTP server (``smtp_server``), once
the request's transaction commits; what arrived is read back as a mail program would.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from kern import mail, versies
from projecten import services
from projecten.models import Projectfiche
from tests import bouwers
from tests.bouwers import FICHE_URL, SEED, aangemeld, werkwaardig
from tests.bouwers import fiche_bevestigen as bevestigen
from tests.bouwers import fiche_posten as opslaan
from werkgroep.services import adres_wijzigen

ADRES = f"http://testserver{FICHE_URL}?werkgroep={SEED}"  # the fiche page, absolute
Status = Projectfiche.Status


def met_adres(user, adres: str):
    """The person's one address (issue 25): their participant's and their account's."""
    adres_wijzigen(account=user, email=adres)
    user.refresh_from_db()
    return user


@pytest.fixture
def johan(lid):
    return met_adres(lid, "johan@werkwaardig.be")


@pytest.fixture
def jean_marie(viaene):
    return met_adres(viaene, "jean-marie@werkwaardig.be")


@pytest.fixture
def secretaris(secretariaat):
    return met_adres(secretariaat, "secretariaat@esf.be")


@pytest.fixture
def ingediend(johan):
    """The Werk.waardig fiche, submitted by Johan (no mail: nothing commits here)."""
    bouwers.fiche_bewaard(johan, gelezen_versie=0, doelgroep="Werkzoekenden", aanpak="Trajecten")
    fiche = werkwaardig()
    services.fiche_indienen(
        project=fiche.project, werkgroep=fiche.werkgroep, gelezen_versie=1, door=johan
    )
    return werkwaardig()


def beoordelen(client, versie, besluit, opmerking=""):
    return client.post(
        FICHE_URL,
        {"gelezen_versie": str(versie), "besluit": besluit, "opmerking": opmerking},
    )


def tekst_en_html(bericht) -> tuple[str, str]:
    return (
        bericht.get_body(preferencelist=("plain",)).get_content(),
        bericht.get_body(preferencelist=("html",)).get_content(),
    )


def aan(bericht) -> list[str]:
    return [adres.addr_spec for adres in bericht["To"].addresses]


# ---- who reviews --------------------------------------------------------------------------


def test_the_secretariat_sees_the_review_form_on_a_submitted_fiche(secretaris, ingediend):
    pagina = aangemeld(secretaris).get(FICHE_URL).content.decode()
    assert 'name="besluit" value="aanvaard"' in pagina
    assert 'name="besluit" value="teruggestuurd"' in pagina
    assert f'name="gelezen_versie" value="{ingediend.versie}"' in pagina
    assert '<label class="form-label" for="id_opmerking">' in pagina


@pytest.mark.parametrize("status", [Status.CONCEPT, Status.AANVAARD, Status.TERUGGESTUURD])
def test_a_fiche_that_is_not_submitted_shows_no_review_form(secretaris, seed, status):
    Projectfiche.objects.filter(pk=werkwaardig().pk).update(status=status)
    assert 'name="besluit"' not in aangemeld(secretaris).get(FICHE_URL).content.decode()


def test_members_and_the_coordinator_see_no_review_form_and_may_not_review(
    johan, coordinator, ingediend
):
    for wie in (johan, coordinator):
        client = aangemeld(wie)
        assert 'name="besluit"' not in client.get(FICHE_URL).content.decode()
        assert beoordelen(client, ingediend.versie, Status.AANVAARD).status_code == 403
    assert werkwaardig().status == Status.INGEDIEND


def test_a_member_of_another_project_gets_404(ingediend):
    bortels = bouwers.lid("Michel", "Bortels", gebruikersnaam="mbortels")
    assert beoordelen(aangemeld(bortels), ingediend.versie, Status.AANVAARD).status_code == 404
    assert werkwaardig().status == Status.INGEDIEND


# ---- reviewing, and its mail to the members ------------------------------------------------


def test_accepting_tells_every_member_with_an_account_by_mail(
    secretaris, ingediend, jean_marie, johan, smtp_server, django_capture_on_commit_callbacks
):
    client = aangemeld(secretaris)
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = beoordelen(client, ingediend.versie, Status.AANVAARD)
    assert antwoord.status_code == 302 and antwoord["Location"] == f"{FICHE_URL}?werkgroep={SEED}"
    fiche = werkwaardig()
    assert (fiche.status, fiche.versie, fiche.gewijzigd_door) == (
        Status.AANVAARD,
        ingediend.versie + 1,
        secretaris,
    )
    # One mail per member, each to them alone.
    assert sorted(aan(b) for b in smtp_server) == [
        ["jean-marie@werkwaardig.be"],
        ["johan@werkwaardig.be"],
    ]
    bericht = next(b for b in smtp_server if aan(b) == ["johan@werkwaardig.be"])
    assert bericht["Subject"] == "Projectfiche Werk.waardig: aanvaard"
    assert bericht["To"].addresses[0].display_name == "Johan Dejonckheere"
    assert bericht["From"].addresses[0].addr_spec == "werkgroep@localhost"
    tekst, html = tekst_en_html(bericht)
    assert tekst.startswith("Dag Johan,")
    assert "Status: aanvaard" in tekst
    assert ADRES in tekst
    assert f'<a href="{ADRES}">' in html.replace("&amp;", "&")
    pagina = client.get(antwoord["Location"]).content.decode()
    assert "De fiche is aanvaard." in pagina


def test_returning_with_a_comment_mails_it_and_the_member_sees_it_on_the_fiche_and_home(
    secretaris, ingediend, johan, smtp_server, django_capture_on_commit_callbacks
):
    opmerking = "Vul de aanpak aan: welke trajecten & voor wie?"
    with django_capture_on_commit_callbacks(execute=True):
        beoordelen(aangemeld(secretaris), ingediend.versie, Status.TERUGGESTUURD, opmerking)
    fiche = werkwaardig()
    assert (fiche.status, fiche.opmerking_secretariaat) == (Status.TERUGGESTUURD, opmerking)

    (bericht,) = smtp_server
    assert aan(bericht) == ["johan@werkwaardig.be"]
    assert bericht["Subject"] == "Projectfiche Werk.waardig: teruggestuurd voor aanpassing"
    tekst, html = tekst_en_html(bericht)
    assert opmerking in tekst  # as typed: the plain text is not HTML-escaped
    assert "Pas de fiche aan en dien ze opnieuw in." in tekst
    assert ADRES in tekst
    assert "Vul de aanpak aan: welke trajecten &amp; voor wie?" in html  # escaped in HTML

    client = aangemeld(johan)
    pagina = client.get(FICHE_URL).content.decode()
    assert '<span class="badge text-bg-warning">teruggestuurd voor aanpassing</span>' in pagina
    assert "Vul de aanpak aan: welke trajecten &amp; voor wie?" in pagina
    assert 'name="opslaan"' in pagina  # the member edits again
    home = client.get("/").content.decode()
    mijn = home[home.index("Mijn projecten") :]
    assert '<span class="badge text-bg-warning">teruggestuurd voor aanpassing</span>' in mijn
    assert "Opmerking van het secretariaat" in mijn and "welke trajecten &amp; voor wie?" in mijn


def test_returning_without_a_comment_says_so_in_dutch_and_changes_nothing(
    secretaris, ingediend, johan, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = beoordelen(aangemeld(secretaris), ingediend.versie, Status.TERUGGESTUURD, " ")
    assert antwoord.status_code == 200
    pagina = antwoord.content.decode()
    assert "Zeg bij het terugsturen wat er moet veranderen." in pagina
    assert 'class="form-control is-invalid"' in pagina
    fiche = werkwaardig()
    assert (fiche.status, fiche.versie) == (Status.INGEDIEND, ingediend.versie)  # no claim left
    assert smtp_server == []


def test_a_review_without_a_decision_or_with_a_made_up_one_is_refused_in_dutch(
    secretaris, ingediend
):
    client = aangemeld(secretaris)
    for besluit in ("", "concept", "verwijderd"):
        antwoord = beoordelen(client, ingediend.versie, besluit)
        assert antwoord.status_code == 200
        assert "Kies aanvaarden of terugsturen." in antwoord.content.decode()
    assert werkwaardig().status == Status.INGEDIEND


def test_a_review_of_a_fiche_a_colleague_reviewed_first_is_refused(
    secretaris, ingediend, johan, smtp_server, django_capture_on_commit_callbacks
):
    collega = bouwers.secretariaat(gebruikersnaam="collega")
    services.fiche_beoordelen(fiche=ingediend, status=Status.AANVAARD, opmerking="", door=collega)
    client = aangemeld(secretaris)
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = beoordelen(client, ingediend.versie, Status.TERUGGESTUURD, "Te kort.")
    assert antwoord.status_code == 302
    assert "Deze fiche wacht niet op een beoordeling: ze is aanvaard." in (
        client.get(antwoord["Location"]).content.decode()
    )
    assert (werkwaardig().status, werkwaardig().opmerking_secretariaat) == (Status.AANVAARD, "")
    assert smtp_server == []


def test_a_review_of_a_fiche_changed_since_the_page_opened_is_refused_naming_who(
    secretaris, ingediend, smtp_server, django_capture_on_commit_callbacks
):
    collega = bouwers.secretariaat(gebruikersnaam="collega")
    collega.first_name, collega.last_name = "Els", "Collega"
    collega.save()
    versies.bewaren(  # a text corrected in the admin: still submitted, one version on
        services.FICHE, ingediend.pk, gelezen_versie=ingediend.versie, door=collega,
        mijn={"aanpak": "Trajecten op maat"},
    )  # fmt: skip
    client = aangemeld(secretaris)
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = beoordelen(client, ingediend.versie, Status.AANVAARD)
    pagina = client.get(antwoord["Location"]).content.decode()
    assert "Niet beoordeeld: de fiche werd intussen gewijzigd door Els Collega" in pagina
    assert werkwaardig().status == Status.INGEDIEND
    assert smtp_server == []


def test_only_a_submitted_fiche_is_reviewed_and_only_to_accepted_or_returned(
    secretariaat, ingediend
):
    with pytest.raises(ValidationError, match="aanvaard of teruggestuurd"):
        services.fiche_beoordelen(
            fiche=ingediend, status=Status.CONCEPT, opmerking="", door=secretariaat
        )
    Projectfiche.objects.filter(pk=ingediend.pk).update(status=Status.CONCEPT)
    with pytest.raises(ValidationError, match="wacht niet op een beoordeling: ze is concept"):
        services.fiche_beoordelen(
            fiche=ingediend, status=Status.AANVAARD, opmerking="", door=secretariaat
        )


# ---- submitting, and its mail to the secretariat -------------------------------------------


def test_submitting_mails_the_secretariat_with_a_link_to_the_fiche(
    johan, secretaris, coordinator, smtp_server, django_capture_on_commit_callbacks
):
    met_adres(coordinator, "coordinator@esf.be")  # reads fiches, does not review them
    bouwers.secretariaat(gebruikersnaam="zonder-adres")  # reviews, but has no address
    client = aangemeld(johan)
    opslaan(client, 0, indienen=True, doelgroep="Werkzoekenden")
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = bevestigen(client, 1)
    assert werkwaardig().status == Status.INGEDIEND

    (bericht,) = smtp_server
    assert aan(bericht) == ["secretariaat@esf.be"]
    assert bericht["Subject"] == (
        "Projectfiche Werk.waardig ingediend (Regierol van de lokale besturen)"
    )
    tekst, html = tekst_en_html(bericht)
    assert "Johan Dejonckheere diende de projectfiche van Werk.waardig in" in tekst
    assert ADRES in tekst and ADRES in html.replace("&amp;", "&")

    pagina = client.get(antwoord["Location"]).content.decode()
    assert "De fiche is ingediend bij het secretariaat." in pagina
    # What happens next, and only the mail that will be sent (Johan's account has an address).
    assert "en krijgt u een mail op johan@werkwaardig.be" in pagina
    assert '<span class="badge text-bg-info">ingediend</span>' in pagina


def test_nothing_is_mailed_when_the_submission_is_refused(
    johan, viaene, secretaris, smtp_server, django_capture_on_commit_callbacks
):
    opslaan(aangemeld(johan), 0, indienen=True, doelgroep="Van Johan")
    opslaan(aangemeld(viaene), 1, doelgroep="Van Jean-Marie")
    with django_capture_on_commit_callbacks(execute=True):
        bevestigen(aangemeld(johan), 1)
    assert werkwaardig().status == Status.CONCEPT
    assert smtp_server == []


# ---- the mail itself (kern.mail) -----------------------------------------------------------


def test_each_recipient_reads_the_mail_in_their_own_language(
    secretaris, ingediend, johan, jean_marie, smtp_server, django_capture_on_commit_callbacks,
):  # fmt: skip
    """The language an account chose (kern.voorkeuren), the site's for who chose none."""
    from kern.voorkeuren import taal_bewaren

    assert taal_bewaren(jean_marie, "en")
    with django_capture_on_commit_callbacks(execute=True):
        beoordelen(aangemeld(secretaris), ingediend.versie, Status.AANVAARD)
    per_adres = {aan(b)[0]: tekst_en_html(b) for b in smtp_server}
    engels, engels_html = per_adres["jean-marie@werkwaardig.be"]
    nederlands, _html = per_adres["johan@werkwaardig.be"]
    assert "accepted" in engels and "aanvaard" not in engels
    assert '<html lang="en">' in engels_html
    assert "aanvaard" in nederlands and "accepted" not in nederlands


def test_the_site_language_is_the_mail_language_without_one_of_the_account(johan, settings):
    settings.LANGUAGE_CODE = "en"
    assert mail.Ontvanger.van(johan) == mail.Ontvanger(
        adres="johan@werkwaardig.be", taal="en", naam="Johan Dejonckheere", aanspreken="Johan"
    )


def test_a_mail_carries_attachments_text_and_bytes(
    johan, ingediend, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        aantal = mail.sturen(
            "projecten/mail/fiche_ingediend",
            [mail.Ontvanger.van(johan), mail.Ontvanger("JOHAN@werkwaardig.be"), mail.Ontvanger("")],
            {"fiche": ingediend, "project": ingediend.project, "werkgroep": ingediend.werkgroep},
            bijlagen=[
                ("uitnodiging.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar"),
                ("logo.bin", b"\x00\xffbinair", "application/octet-stream"),
            ],
        )
    assert aantal == 1  # one mail per address, whatever its case; none without one
    (bericht,) = smtp_server
    bijlagen = {deel.get_filename(): deel for deel in bericht.iter_attachments()}
    assert bijlagen["uitnodiging.ics"].get_content_type() == "text/calendar"
    assert "BEGIN:VCALENDAR" in bijlagen["uitnodiging.ics"].get_content()
    assert bijlagen["logo.bin"].get_content() == b"\x00\xffbinair"
    tekst, _html = tekst_en_html(bericht)
    assert "De fiche:" not in tekst  # no address given: no link line


def test_nothing_is_sent_when_the_transaction_rolls_back(johan, ingediend, smtp_server):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        mail.sturen("projecten/mail/fiche_ingediend", [mail.Ontvanger.van(johan)], {})
        raise RuntimeError
    assert smtp_server == []


def test_with_the_database_backend_the_worker_sends_the_mail(
    settings, secretaris, ingediend, johan, smtp_server, django_capture_on_commit_callbacks
):
    """In production the request only queues the mail; ``manage.py db_worker`` sends it."""
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        beoordelen(aangemeld(secretaris), ingediend.versie, Status.AANVAARD)
    assert smtp_server == []
    taak = DBTaskResult.objects.ready().get()
    assert taak.task_path == "kern.mail.mail_versturen"
    taak.task.call(*taak.args_kwargs["args"], **taak.args_kwargs["kwargs"])
    (bericht,) = smtp_server
    assert aan(bericht) == ["johan@werkwaardig.be"]
    assert bericht["Subject"] == "Projectfiche Werk.waardig: aanvaard"

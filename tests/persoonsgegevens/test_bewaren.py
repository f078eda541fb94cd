"""Retention applied daily (``manage.py bewaren``): per period, a record just inside it stays
and one just past it is removed or emptied; ``--droog`` changes nothing; a second run removes
nothing; ESF evidence is never removed; each record keeps its newest history version."""

from __future__ import annotations

import datetime as dt
import io
import threading
import uuid

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from financien.models import Kostenpost
from kern.models import Bericht, Importtaak, Inzage
from persoonsgegevens import bewaren
from tests import bouwers
from tests.gelijktijdig import in_draden
from uitnodigingen.models import Herinnering, Uitnodiging
from werkgroep.models import Aanwezigheid, Deelnemer, Lidmaatschap, Vergadering

MINUUT = dt.timedelta(minutes=1)
DAG = dt.timedelta(days=1)


def grens(termijn: str) -> dt.datetime:
    return bewaren.grens(termijn, timezone.now())


def draaien(*args: str) -> str:
    uit = io.StringIO()
    call_command("bewaren", *args, stdout=uit)
    return uit.getvalue()


def aantallen(**kwargs) -> dict[str, int]:
    """Per line of the outcome (its ``wat``), the number; ESF lines apart."""
    return {
        str(r.wat): r.aantal
        for _termijn, regels in bewaren.toepassen(**kwargs)
        for r in regels
        if r.actie != bewaren.TELLEN
    }


# ---- answers ------------------------------------------------------------------------------


def _vergadering_op(werkgroep, dag: dt.date) -> Vergadering:
    return bouwers.maak_vergadering(werkgroep, f"{dag:%d/%m/%Y}")


def _beantwoord(vergadering, deelnemer) -> Uitnodiging:
    return Uitnodiging.objects.create(
        vergadering=vergadering,
        deelnemer=deelnemer,
        email=f"{deelnemer.voornaam}@voorbeeld.be",
        antwoord="verontschuldigd",
        opmerking="Ziek",
        beantwoord_op=timezone.now(),
    )


def test_answers_and_remarks_are_emptied_after_the_meeting_day_past_the_period(seed):
    voorbij = grens("antwoorden").date()
    binnen = _vergadering_op(seed, voorbij)
    buiten = _vergadering_op(seed, voorbij - DAG)
    lid = bouwers.lidmaatschap(seed).deelnemer
    blijft, weg = _beantwoord(binnen, lid), _beantwoord(buiten, lid)
    gast = Uitnodiging.objects.create(
        vergadering=buiten,
        email="gast@voorbeeld.be",
        naam="Gast",
        antwoord="aanwezig",
        opmerking="Ik kom met de trein",
        beantwoord_op=timezone.now(),
        aanwezigheid=Aanwezigheid.Status.AANWEZIG,
    )
    bouwers.aanwezigheid(buiten, lid, status=Aanwezigheid.Status.VERONTSCHULDIGD)
    Herinnering.objects.create(uitnodiging=blijft, voor=voorbij, op=voorbij)
    Herinnering.objects.create(uitnodiging=weg, voor=voorbij, op=voorbij)

    draaien()

    blijft.refresh_from_db()
    assert (blijft.antwoord, blijft.opmerking) == ("verontschuldigd", "Ziek")
    assert blijft.beantwoord_op is not None
    for uitnodiging in (weg, gast):
        uitnodiging.refresh_from_db()
        assert (uitnodiging.antwoord, uitnodiging.opmerking) == ("", "")
        assert uitnodiging.beantwoord_op is None
    # Attendance is ESF evidence: a guest's on the invitation, a member's on the list.
    assert gast.aanwezigheid == Aanwezigheid.Status.AANWEZIG
    assert (gast.email, gast.naam) == ("gast@voorbeeld.be", "Gast")
    assert Aanwezigheid.objects.get(vergadering=buiten, deelnemer=lid).status == "verontschuldigd"
    assert list(Herinnering.objects.values_list("uitnodiging", flat=True)) == [blijft.pk]


# ---- mail ---------------------------------------------------------------------------------


def _bericht(status: str, **tijden) -> Bericht:
    fout = "Connection refused" if status == "mislukt" else ""
    return Bericht.objects.create(
        aan="iemand@voorbeeld.be",
        onderwerp="Uitnodiging",
        tekst="…",
        status=status,
        fout=fout,
        **tijden,
    )


def test_sent_and_failed_mail_go_after_the_period(db):
    voorbij = grens("mails")
    verstuurd_blijft = _bericht("verstuurd", verstuurd_op=voorbij + MINUUT)
    _bericht("verstuurd", verstuurd_op=voorbij - MINUUT)
    mislukt_blijft = _bericht("mislukt", te_versturen_vanaf=voorbij + MINUUT)
    _bericht("mislukt", gemaakt_op=voorbij - DAG, te_versturen_vanaf=voorbij - MINUUT)
    wacht = _bericht("wachtend", te_versturen_vanaf=voorbij - DAG)

    draaien()

    assert set(Bericht.objects.all()) == {verstuurd_blijft, mislukt_blijft, wacht}


# ---- logins -------------------------------------------------------------------------------


def test_login_attempts_go_after_the_period(db):
    voorbij = grens("aanmeldingen")
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        velden = {"username": "jan", "ip_address": "10.0.0.1", "user_agent": "x"}
        if model is AccessAttempt:
            velden["failures_since_start"] = 1
        binnen = model.objects.create(**velden)
        weg = model.objects.create(**{**velden, "ip_address": "10.0.0.2"})
        model.objects.filter(pk=binnen.pk).update(attempt_time=voorbij + MINUUT)
        model.objects.filter(pk=weg.pk).update(attempt_time=voorbij - MINUUT)

    draaien()

    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        assert list(model.objects.values_list("ip_address", flat=True)) == ["10.0.0.1"], model


def _inzage(wanneer: dt.datetime, wat: str) -> Inzage:
    return Inzage.objects.create(
        wanneer=wanneer, gebruikersnaam="secretariaat", wat=wat, bron="test", personen=1
    )


def test_the_access_log_goes_after_the_period(db):
    voorbij = grens("inzage")
    blijft = _inzage(voorbij + MINUUT, "Jaarverslag 2006 (PDF)")
    _inzage(voorbij - MINUUT, "Aanwezigheidslijst")

    draaien()

    assert list(Inzage.objects.all()) == [blijft]


# ---- history ------------------------------------------------------------------------------


def _versies(post: Kostenpost) -> list[str]:
    return list(post.history.order_by("history_date").values_list("omschrijving", flat=True))


def _verouderen(post: Kostenpost, wanneer: dt.datetime) -> None:
    """Date every version of ``post`` at ``wanneer``, an hour apart, the newest last."""
    for i, versie in enumerate(post.history.order_by("-history_date", "-history_id")):
        Kostenpost.history.filter(pk=versie.pk).update(
            history_date=wanneer - i * dt.timedelta(hours=1)
        )


def _post(werkgroep, *omschrijvingen: str) -> Kostenpost:
    post = bouwers.kostenpost(werkgroep, omschrijving=omschrijvingen[0])
    for omschrijving in omschrijvingen[1:]:
        post.omschrijving = omschrijving
        post.save()
    return post


def test_old_versions_go_but_each_records_newest_stays(seed):
    voorbij = grens("versies")
    oud = _post(seed, "Zaalhuur v1", "Zaalhuur v2", "Zaalhuur v3")
    _verouderen(oud, voorbij - MINUUT)
    recent = _post(seed, "Catering v1", "Catering v2")
    _verouderen(recent, voorbij + 2 * dt.timedelta(hours=1))  # both just inside
    alleen = _post(seed, "Drukwerk")
    _verouderen(alleen, voorbij - 365 * DAG)
    weg = _post(seed, "Vervallen v1", "Vervallen v2")
    weg_pk = weg.pk
    weg.delete()
    Kostenpost.history.filter(id=weg_pk).update(history_date=voorbij - MINUUT)

    draaien()

    assert _versies(oud) == ["Zaalhuur v3"]
    assert _versies(recent) == ["Catering v1", "Catering v2"]
    assert _versies(alleen) == ["Drukwerk"]
    assert not Kostenpost.history.filter(id=weg_pk).exists()  # a deleted record's, all


def test_the_admins_log_goes_after_the_period(secretariaat):
    voorbij = grens("versies")
    for wanneer in (voorbij + MINUUT, voorbij - MINUUT):
        LogEntry.objects.create(
            user=secretariaat,
            content_type=ContentType.objects.get_for_model(Vergadering),
            object_id="1",
            object_repr=f"{wanneer}",
            action_flag=ADDITION,
            action_time=wanneer,
        )

    draaien()

    assert list(LogEntry.objects.values_list("action_time", flat=True)) == [voorbij + MINUUT]


# ---- imports and tasks ----------------------------------------------------------------------


def _importtaak(account, status: str, bijgewerkt: dt.datetime) -> Importtaak:
    return Importtaak.objects.create(
        gebruiker=account,
        model="financien.kostenpost",
        resource="x",
        formaat="y",
        bestandsnaam="leden.xlsx",
        taal="nl-be",
        inhoud=b"namen en adressen",
        status=status,
        bijgewerkt=bijgewerkt,
    )


def test_uploaded_spreadsheets_go_after_the_import_ended_past_the_period(secretariaat):
    voorbij = grens("importbestanden")
    blijft = _importtaak(secretariaat, "klaar", voorbij + MINUUT)
    _importtaak(secretariaat, "klaar", voorbij - MINUUT)
    _importtaak(secretariaat, "mislukt", voorbij - MINUUT)
    bezig = _importtaak(secretariaat, "bezig", voorbij - DAG)  # a running one is never touched

    draaien()

    assert set(Importtaak.objects.all()) == {blijft, bezig}


def _taak(status: str, finished_at: dt.datetime | None) -> DBTaskResult:
    return DBTaskResult.objects.create(
        id=uuid.uuid4(),
        status=status,
        finished_at=finished_at,
        args_kwargs={"args": ["iemand@voorbeeld.be"], "kwargs": {}},
        task_path="kern.mail.mail_versturen",
        backend_name="default",
        run_after=timezone.now(),
    )


def test_finished_task_results_go_after_the_period(db):
    voorbij = grens("taken")
    blijft = _taak("SUCCESSFUL", voorbij + MINUUT)
    _taak("SUCCESSFUL", voorbij - MINUUT)
    _taak("FAILED", voorbij - MINUUT)
    wacht = _taak("READY", None)

    draaien()

    assert set(DBTaskResult.objects.all()) == {blijft, wacht}


def test_expired_sessions_go(db):
    nu = timezone.now()
    for sleutel, verloopt in (("geldig", nu + MINUUT), ("verlopen", nu - MINUUT)):
        Session.objects.create(session_key=sleutel, session_data="x", expire_date=verloopt)

    draaien()

    assert list(Session.objects.values_list("session_key", flat=True)) == ["geldig"]


# ---- former members -----------------------------------------------------------------------


def _oud_lid(werkgroep, voornaam: str, *eindes: dt.date | None) -> Deelnemer:
    deelnemer = bouwers.maak_deelnemer(
        voornaam=voornaam,
        achternaam="Oud",
        email=f"{voornaam.lower()}@voorbeeld.be",
        telefoon="09 123 45 67",
    )
    bouwers.lid_van_deelnemer(deelnemer, gebruikersnaam=voornaam.lower())
    deelnemer.refresh_from_db()
    deelnemer.account.email = deelnemer.email
    deelnemer.account.save()
    for i, tot in enumerate(eindes):
        groep = (
            werkgroep
            if i == 0
            else bouwers.werkgroep(
                titel=f"G{voornaam}", slug=voornaam, thema=voornaam, thema_slug=voornaam
            )
        )
        Lidmaatschap.objects.create(werkgroep=groep, deelnemer=deelnemer, van=None, tot=tot)
    return deelnemer


def test_former_members_contact_data_is_emptied_and_their_account_deactivated(seed):
    voorbij = grens("lidmaatschap").date()
    weg = _oud_lid(seed, "Weg", voorbij - DAG, voorbij - 400 * DAG)
    binnen = _oud_lid(seed, "Binnen", voorbij)
    lopend = _oud_lid(seed, "Lopend", voorbij - 400 * DAG, None)  # one membership still runs

    uit = draaien()

    weg.refresh_from_db()
    assert (weg.email, weg.telefoon, weg.account.email) == ("", "", "")
    assert weg.account.is_active is False
    assert weg.voornaam == "Weg" and weg.lidmaatschappen.count() == 2  # ESF evidence stays
    for deelnemer in (binnen, lopend):
        deelnemer.refresh_from_db()
        assert deelnemer.email and deelnemer.telefoon and deelnemer.account.email
        assert deelnemer.account.is_active
    assert "1 contactgegevens van oud-leden: leeggemaakt\n    - Weg Oud\n" in uit
    assert "Binnen" not in uit and "Lopend" not in uit


# ---- ESF evidence, dry runs, second runs --------------------------------------------------


@pytest.fixture
def alles(seed, secretariaat):
    _alles(seed, secretariaat)


def _alles(seed, secretariaat):
    """One record past its period for every step (and ESF evidence of 2006)."""
    lang_geleden = timezone.now() - 20 * 365 * DAG
    vergadering = _vergadering_op(seed, lang_geleden.date())
    lid = _oud_lid(seed, "Alles", lang_geleden.date())
    Herinnering.objects.create(
        uitnodiging=_beantwoord(vergadering, lid),
        voor=vergadering.datum_van,
        op=vergadering.datum_van,
    )
    bouwers.aanwezigheid(vergadering, lid, status="aanwezig")
    _bericht("verstuurd", verstuurd_op=lang_geleden)
    _bericht("mislukt", gemaakt_op=lang_geleden, te_versturen_vanaf=lang_geleden)
    AccessAttempt.objects.create(username="jan", ip_address="10.0.0.1", failures_since_start=1)
    AccessLog.objects.create(username="jan", ip_address="10.0.0.1", user_agent="x")
    AccessFailureLog.objects.create(username="jan", ip_address="10.0.0.1", user_agent="x")
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        model.objects.update(attempt_time=lang_geleden)
    LogEntry.objects.create(
        user=secretariaat,
        content_type=ContentType.objects.get_for_model(Vergadering),
        object_id=str(vergadering.pk),
        object_repr=str(vergadering),
        action_flag=ADDITION,
        action_time=lang_geleden,
    )
    _verouderen(_post(seed, "Zaal v1", "Zaal v2"), lang_geleden)
    _importtaak(secretariaat, "klaar", lang_geleden)
    _taak("SUCCESSFUL", lang_geleden)
    Session.objects.create(session_key="oud", session_data="x", expire_date=lang_geleden)
    _inzage(lang_geleden, "Jaarverslag 2006 (PDF)")


def _stand() -> dict[str, object]:
    """What the database holds, for a before/after comparison."""
    from django.apps import apps

    stand = {m._meta.label: m._base_manager.count() for m in apps.get_models() if m._meta.managed}
    stand["antwoorden"] = sorted(Uitnodiging.objects.values_list("antwoord", "opmerking"))
    stand["contact"] = sorted(
        Deelnemer.objects.values_list("email", "telefoon", "account__is_active"), key=str
    )
    return stand


def test_a_dry_run_lists_what_it_would_do_and_changes_nothing(alles):
    voor = _stand()

    uit = draaien("--droog")

    assert _stand() == voor
    assert "niets gewijzigd" in uit
    assert "1 verstuurde mails: zou verwijderd worden" in uit
    assert "1 contactgegevens van oud-leden: zou leeggemaakt worden\n    - Alles Oud\n" in uit
    droog = aantallen(droog=True)
    assert droog == aantallen()  # what it said it would do is what it does
    assert all(droog.values()), droog  # the fixture has something for every line


def test_a_second_run_removes_nothing(alles):
    draaien()
    na_eerste = _stand()

    assert set(aantallen().values()) == {0}
    assert _stand() == na_eerste


def test_esf_evidence_is_counted_but_never_removed(alles):
    aanwezigheden, posten = Aanwezigheid.objects.count(), Kostenpost.objects.count()
    assert aanwezigheden and posten

    uit = draaien()

    assert (Aanwezigheid.objects.count(), Kostenpost.objects.count()) == (aanwezigheden, posten)
    assert f"{aanwezigheden} aanwezigheden: voorbij de termijn, blijft bewaard" in uit
    assert f"{posten} kostenposten: voorbij de termijn, blijft bewaard" in uit


def _esf_kostenposten() -> int:
    regels = dict(bewaren.toepassen(droog=True))["esf"]
    return {str(r.wat): r.aantal for r in regels}["kostenposten"]


def test_esf_evidence_is_counted_from_31_december_of_its_year(seed, settings):
    voor = _esf_kostenposten()
    jaar = timezone.now().year - settings.BEWAREN_ESF_JAREN
    bouwers.kostenpost(
        seed, jaar=jaar, omschrijving="Binnen"
    )  # its period ends on 31 December of this year
    bouwers.kostenpost(
        seed, jaar=jaar - 1, omschrijving="Voorbij"
    )  # its period ended last 31 December

    assert _esf_kostenposten() == voor + 1


def test_every_period_comes_from_its_setting(seed, settings):
    settings.BEWAREN_MAILS_DAGEN = 400
    _bericht("verstuurd", verstuurd_op=timezone.now() - 300 * DAG)

    draaien()

    assert Bericht.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_do_each_thing_once():
    """As two machines' timers would: on PostgreSQL both runs are held until both are inside
    each step's transaction, so they truly overlap; SQLite takes its write lock at the first
    write and runs them one after the other. Either way nothing fails and each record is
    removed or emptied by one of them."""
    _alles(bouwers.seed(), bouwers.secretariaat())
    verwacht = aantallen(droog=True)
    postgres = connection.vendor == "postgresql"
    samen = threading.Barrier(2, timeout=20)

    def wachtend(stap):
        def binnen_de_transactie(nu, droog):
            if postgres:
                samen.wait()
            return stap(nu, droog)

        return binnen_de_transactie

    stappen = [(termijn, wachtend(stap)) for termijn, stap in bewaren.STAPPEN]
    uitkomsten = in_draden([aantallen, aantallen], vervangen=(bewaren, "STAPPEN", stappen))

    assert all(not isinstance(u, Exception) for u in uitkomsten), uitkomsten
    samen_gedaan = {wat: sum(u[wat] for u in uitkomsten) for wat in verwacht}
    assert samen_gedaan == verwacht
    assert set(aantallen(droog=True).values()) == {0}

"""The access log (issue 26 item 4): every download naming people leaves a record, written
before the file, by the right account and with what it was; the secretariat's page; and
the records go after ``BEWAREN_INZAGE_MAANDEN``."""

from __future__ import annotations

import ast
import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from kern import inzage
from kern.models import Inzage
from tests import bouwers
from tests.test_toegangsmatrix import SITE, wereld  # noqa: F401 (the matrix's world)
from tests.werkgroep.test_import_export import EXPORT_DEELNEMERS
from uitnodigingen.aanwezigheid import aanwezigheidsrijen
from werkgroep.models import Vergadering

ROOT = Path(__file__).resolve().parents[2]

#: Downloads that name nobody but the reader, and why (docs/operations.md, "Access log").
ZONDER_PERSOONSGEGEVENS = {
    "werkgroep:kalender_feed": "the reader's own meetings: date, hour, place, agenda",
}


@pytest.fixture
def snelle_pdf(monkeypatch):
    """PDFs laid out by a stub: what is logged is the question here (tests/rapportage test
    the PDFs themselves)."""
    import weasyprint

    monkeypatch.setattr(weasyprint.HTML, "write_pdf", lambda *_a, **_k: b"%PDF-1.7 inzage")


def _is_bestand(antwoord) -> bool:
    return antwoord.status_code == 200 and antwoord.has_header("Content-Disposition")


# ---- Every download decides ------------------------------------------------------------------


def test_every_file_download_of_the_matrix_is_logged_or_said_to_name_nobody(wereld):  # noqa: F811
    """Walk every site URL of the access matrix as a role that may open it: each answer that
    is a file wrote exactly one record for that account and URL name, unless the URL is
    listed as naming nobody. A new download fails here until it is decided."""
    gebruikers = wereld["users"]
    bestanden, niet_gelogd, dubbel = set(), set(), {}
    for naam, verwacht in SITE.items():
        rol = next(
            (r for r in ["secretariaat", "coordinator", "lid_a", "anoniem"] if verwacht[r] == 200),
            None,
        )
        if rol is None:
            continue
        user = gebruikers[rol]
        client = bouwers.aangemeld(user)
        url = reverse(naam, args=wereld["site_args"].get(naam, []))
        voor = Inzage.objects.count()
        antwoord = client.get(url)
        nieuw = list(Inzage.objects.order_by("id")[voor:])
        if not _is_bestand(antwoord):
            assert nieuw == [], naam  # a page, a redirect: no record
            continue
        bestanden.add(naam)
        if naam in ZONDER_PERSOONSGEGEVENS:
            assert nieuw == [], naam
            continue
        if not nieuw:
            niet_gelogd.add(naam)
            continue
        if len(nieuw) > 1:
            dubbel[naam] = len(nieuw)
            continue
        (record,) = nieuw
        assert (record.account, record.bron) == (user, naam)
        assert record.gebruikersnaam == user.get_username() and record.wat
    assert niet_gelogd == set() and dubbel == {}
    # The walk met every kind of download the site has (a matrix change would hide one).
    assert bestanden >= {
        "werkgroep:kalender_feed",
        "projecten:fiche_pdf",
        "validering:validering_rapport",
        "validering:validering_scores_export",
        "financien:kosten_xlsx",
        "rapportage:jaarverslag_pdf",
        "rapportage:jaarverslag_xlsx",
        "rapportage:themaverslag_pdf",
        "rapportage:verslag_bestand",
        "uitnodigingen:aanwezigheidslijst_pdf",
        "vergaderstukken:vergaderstuk",
        "vergaderstukken:notulen_pdf",
    }


DOWNLOADFUNCTIES = {"bestand", "pdf", "spreadsheet"}


def _downloadaanroepen():
    """Every call ``downloads.bestand/pdf/spreadsheet(…)`` in the project's code."""
    mappen = [
        m
        for m in ROOT.iterdir()
        if m.is_dir() and not m.name.startswith(".") and m.name not in {"tests", "node_modules"}
    ]
    for pad in sorted(p for m in mappen for p in m.rglob("*.py")):
        if "migrations" in pad.parts or "site-packages" in pad.parts:
            continue
        for knoop in ast.walk(ast.parse(pad.read_text(), str(pad))):
            if (
                isinstance(knoop, ast.Call)
                and isinstance(knoop.func, ast.Attribute)
                and isinstance(knoop.func.value, ast.Name)
                and knoop.func.value.id == "downloads"
                and knoop.func.attr in DOWNLOADFUNCTIES
            ):
                yield f"{pad.relative_to(ROOT)}:{knoop.lineno}", knoop


def test_every_call_of_kern_downloads_says_whether_it_names_people():
    """``inzage=`` has no default, so Python refuses a call without it when it runs; this
    reads every call, so a download no test opens is caught too."""
    aanroepen = dict(_downloadaanroepen())
    assert len(aanroepen) >= 11  # the views found (a moved module would make this vacuous)
    zonder = [
        plaats
        for plaats, knoop in aanroepen.items()
        if "inzage" not in {k.arg for k in knoop.keywords}
    ]
    assert zonder == []


def test_a_download_that_does_not_say_is_refused():
    from kern import downloads

    with pytest.raises(TypeError):
        downloads.bestand(b"x", "x.txt", "text/plain")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        downloads.bestand(b"x", "x.txt", "text/plain", inzage=None)  # type: ignore[arg-type]


# ---- What a record says ------------------------------------------------------------------------


def test_the_attendance_list_is_logged_with_its_reader_what_and_how_many(
    seed, coordinator, snelle_pdf
):
    vergadering = Vergadering.objects.get(kenmerk="2006-06-06")
    url = reverse("uitnodigingen:aanwezigheidslijst_pdf", args=[vergadering.pk])
    antwoord = bouwers.aangemeld(coordinator).get(url)
    assert _is_bestand(antwoord)
    (record,) = Inzage.objects.all()
    assert record.account == coordinator and record.gebruikersnaam == "coordinator"
    assert record.wat == "Aanwezigheidslijst vergadering 06/06/2006"
    assert record.bron == "uitnodigingen:aanwezigheidslijst_pdf"
    rijen, uitgenodigden = aanwezigheidsrijen(vergadering)
    assert record.personen == len(rijen) + len(uitgenodigden.gasten) > 0
    assert timezone.now() - record.wanneer < dt.timedelta(minutes=5)


def test_the_record_is_in_dutch_whatever_the_readers_language(seed, coordinator, snelle_pdf):
    client = bouwers.aangemeld(coordinator)
    url = reverse("rapportage:jaarverslag_pdf", args=[seed.slug, "2006"])
    with translation.override("en"):
        antwoord = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert _is_bestand(antwoord)
    (record,) = Inzage.objects.all()
    assert record.wat == f"Jaarverslag 2006 van {seed.slug} (PDF)"


def test_a_refused_download_writes_nothing(seed, lid, snelle_pdf):
    vergadering = Vergadering.objects.get(kenmerk="2006-06-06")
    client = bouwers.aangemeld(lid)
    assert (
        client.get(
            reverse("uitnodigingen:aanwezigheidslijst_pdf", args=[vergadering.pk])
        ).status_code
        == 404
    )
    assert (
        client.get(reverse("rapportage:jaarverslag_pdf", args=[seed.slug, "2006"])).status_code
        == 404
    )
    assert Inzage.objects.count() == 0


@pytest.mark.parametrize(
    "naam", ["uitnodigingen:aanwezigheidslijst_pdf", "rapportage:jaarverslag_pdf"]
)
def test_no_file_leaves_when_its_record_cannot_be_written(seed, coordinator, snelle_pdf, naam):
    """The database refuses the record for real (its table is gone, inside this test's
    transaction): the reader gets the error page, never the file. One view runs in the
    request's transaction, the report's outside one (``non_atomic_requests``)."""
    args = (
        [Vergadering.objects.get(kenmerk="2006-06-06").pk]
        if naam.startswith("uitnodigingen")
        else [seed.slug, "2006"]
    )
    client = Client(raise_request_exception=False)
    client.force_login(coordinator)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {Inzage._meta.db_table}")
    antwoord = client.get(reverse(naam, args=args))
    assert antwoord.status_code == 500
    assert not antwoord.has_header("Content-Disposition")
    assert b"%PDF" not in b"".join(getattr(antwoord, "streaming_content", [antwoord.content]))


def test_the_admins_spreadsheet_export_is_logged(seed, secretariaat, lid):
    url = reverse("admin:werkgroep_deelnemer_export")
    assert bouwers.aangemeld(lid).post(url, EXPORT_DEELNEMERS).status_code == 302
    assert Inzage.objects.count() == 0
    antwoord = bouwers.aangemeld(secretariaat).post(url, EXPORT_DEELNEMERS)
    assert antwoord.status_code == 200
    (record,) = Inzage.objects.all()
    rijen = len(antwoord.content.decode("utf-8-sig").splitlines()) - 1
    assert record.wat == f"Deelnemers (CSV, {rijen} rijen, beheer)"
    assert (record.account, record.bron) == (secretariaat, "admin:werkgroep_deelnemer_export")


def test_a_persons_data_from_the_admin_and_the_command_are_logged(
    seed, lid, secretariaat, tmp_path
):
    johan = lid.deelnemer
    url = reverse("admin:werkgroep_deelnemer_changelist")
    data = {"action": "persoonsgegevens_uitvoeren", "_selected_action": [johan.pk]}
    antwoord = bouwers.aangemeld(secretariaat).post(url, data)
    assert antwoord["Content-Type"] == "application/zip"
    (record,) = Inzage.objects.all()
    assert record.wat == "Persoonsgegevens van Johan Dejonckheere" and record.personen == 1
    assert (record.account, record.bron) == (secretariaat, "admin:werkgroep_deelnemer_changelist")

    call_command(
        "persoonsgegevens", str(johan.pk), "-o", str(tmp_path / "j.zip"), stdout=io.StringIO()
    )
    record = Inzage.objects.order_by("-id").first()
    assert record.wat == "Persoonsgegevens van Johan Dejonckheere"
    assert record.bron == "manage.py persoonsgegevens"
    assert record.account is None and record.gebruikersnaam  # the system user that ran it
    assert (tmp_path / "j.zip").exists()


def test_the_record_outlives_the_account(seed, coordinator, snelle_pdf):
    bouwers.aangemeld(coordinator).get(
        reverse("rapportage:jaarverslag_pdf", args=[seed.slug, "2006"])
    )
    coordinator.delete()
    (record,) = Inzage.objects.all()
    assert record.account is None and record.gebruikersnaam == "coordinator"


# ---- The secretariat's page ---------------------------------------------------------------------


def _records(aantal: int, *, wie: str = "coordinator", wanneer=None) -> None:
    wanneer = wanneer or timezone.now()
    Inzage.objects.bulk_create(
        Inzage(
            gebruikersnaam=wie,
            wat=f"Verslag {i}",
            bron="rapportage:jaarverslag_pdf",
            wanneer=wanneer - dt.timedelta(minutes=i),
        )
        for i in range(aantal)
    )


def test_only_the_secretariat_reads_the_log(seed, secretariaat, coordinator, lid, client):
    url = reverse("kern:inzagelogboek")
    assert bouwers.aangemeld(coordinator).get(url).status_code == 404
    assert bouwers.aangemeld(lid).get(url).status_code == 404
    assert client.get(url).status_code == 302
    _records(2)
    antwoord = bouwers.aangemeld(secretariaat).get(url)
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert html.index("Verslag 0") < html.index("Verslag 1")  # newest first
    assert 'href="/inzagelogboek/"' in html  # in the navigation


def _pagina_queries(django_assert_num_queries, client, url) -> None:
    # Session, user, the user's permissions (own, group), the two filter lists (who, which
    # months), COUNT and the page's rows, the session's new expiry, and the request's
    # savepoints (4).
    with django_assert_num_queries(13):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("aantal", [10, 200])
def test_the_page_costs_the_same_queries_for_ten_or_two_hundred_records(
    seed, secretariaat, django_assert_num_queries, aantal
):
    _records(aantal)
    _records(aantal // 10, wie="secretariaat", wanneer=timezone.now() - dt.timedelta(days=40))
    client = bouwers.aangemeld(secretariaat)
    client.get(reverse("site:home"))  # the session is read once before
    _pagina_queries(django_assert_num_queries, client, reverse("kern:inzagelogboek"))


def test_fifty_a_page_and_the_filter_by_reader_and_month(seed, secretariaat):
    _records(60)
    vorige_maand = timezone.localtime() - dt.timedelta(days=40)
    _records(3, wie="secretariaat", wanneer=vorige_maand)
    client = bouwers.aangemeld(secretariaat)
    url = reverse("kern:inzagelogboek")
    eerste = client.get(url)
    assert len(eerste.context["inzagen"]) == 50
    tweede = client.get(url, {"pagina": 2, "gebruikersnaam": "coordinator"})
    assert [i.wat for i in tweede.context["inzagen"]] == [f"Verslag {i}" for i in range(50, 60)]
    assert "gebruikersnaam=coordinator" in tweede.content.decode()  # page links keep it
    maand = client.get(url, {"maand": f"{vorige_maand:%Y-%m}"})
    assert {i.gebruikersnaam for i in maand.context["inzagen"]} == {"secretariaat"}
    assert len(maand.context["inzagen"]) == 3
    onbekend = client.get(url, {"gebruikersnaam": "niemand"})  # a stale link: the whole log
    assert onbekend.status_code == 200 and len(onbekend.context["inzagen"]) == 50


# ---- Retention ----------------------------------------------------------------------------------


NU = dt.datetime(2026, 12, 7, 12, 0, tzinfo=dt.UTC)


def test_cleanup_removes_what_is_past_the_period_and_keeps_what_is_just_inside(db, settings):
    settings.BEWAREN_INZAGE_MAANDEN = 24
    grens = dt.datetime(2024, 12, 7, 12, 0, tzinfo=dt.UTC)
    for wanneer, wat in [
        (grens - dt.timedelta(seconds=1), "net te oud"),
        (grens, "precies op de grens"),
        (grens + dt.timedelta(seconds=1), "net binnen"),
    ]:
        Inzage.objects.create(gebruikersnaam="x", wat=wat, bron="t", wanneer=wanneer)
    assert inzage.opruimen(nu=NU) == 1
    assert set(Inzage.objects.values_list("wat", flat=True)) == {
        "precies op de grens",
        "net binnen",
    }
    assert inzage.opruimen(nu=NU) == 0  # twice is once


def test_the_period_is_the_setting(db, settings):
    settings.BEWAREN_INZAGE_MAANDEN = 1
    Inzage.objects.create(gebruikersnaam="x", wat="w", bron="t", wanneer=NU - dt.timedelta(days=31))
    assert inzage.opruimen(nu=NU) == 1


def test_months_back_land_on_the_last_day_of_a_shorter_month():
    def t(*deel):
        return dt.datetime(*deel, tzinfo=dt.UTC)

    assert inzage._maanden_terug(t(2026, 3, 31, 9, 0), 1) == t(2026, 2, 28, 9, 0)
    assert inzage._maanden_terug(t(2026, 1, 15), 1) == t(2025, 12, 15)
    assert inzage._maanden_terug(t(2026, 12, 7), 24) == t(2024, 12, 7)

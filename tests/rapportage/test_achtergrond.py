"""Yearly reports rendered in the background and kept by the key of their content, through
HTTP: queued, progress, download; the cache hit and its end; languages; a failure; who may.

WeasyPrint is replaced by a stub that counts its calls (the PDFs themselves are tested in
test_jaarverslag.py); the context and the HTML are the real ones.
"""

import pytest
import weasyprint
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from rapportage import taken
from rapportage.models import Verslagbestand
from tests import bouwers

SLUG = "regierol-van-de-lokale-besturen"
PDF_URL = reverse("rapportage:jaarverslag_pdf", args=[SLUG, 2006])
DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
Status = Verslagbestand.Status


class Teller:
    """Stands in for ``weasyprint.HTML.write_pdf``: each call is a PDF made."""

    def __init__(self):
        self.aantal = 0
        self.tijdens = None  # called with no arguments while the PDF is being made
        self.fout = None

    def __call__(self, *_args, **_kwargs):
        self.aantal += 1
        if self.tijdens:
            self.tijdens()
        if self.fout:
            raise self.fout
        return f"%PDF-1.7 stub {self.aantal}".encode()


@pytest.fixture
def pdfs(monkeypatch):
    teller = Teller()
    monkeypatch.setattr(weasyprint.HTML, "write_pdf", teller)
    return teller


@pytest.fixture
def achtergrond(settings, monkeypatch):
    """The database backend, no worker running, and a view that does not wait for one."""
    settings.TASKS = DATABASE
    monkeypatch.setattr(taken, "WACHTTIJD", 0)


def werker_stap() -> None:
    """One step of ``manage.py db_worker``: the next queued task, run as the worker runs it.

    (The command's loop closes the connection, which a test's transaction cannot survive;
    the one-process, committed path is test_the_worker_command_makes_the_queued_report.)
    """
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    taak = DBTaskResult.objects.ready().get_locked()
    assert taak is not None, "nothing queued"
    taak.claim("test")
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test",
        excluded_queue_names=[],
    ).run_task(taak)


def test_a_report_not_ready_at_once_is_queued_shows_its_progress_then_the_download(
    achtergrond, pdfs, client_van, coordinator, seed
):
    client = client_van(coordinator)
    antwoord = client.get(PDF_URL)
    bestand = Verslagbestand.objects.get()
    # The waiting page of this request, the first.
    wachten = reverse("rapportage:verslag_wachten", args=[bestand.pk]) + "?aanvraag=1"
    assert antwoord.status_code == 302 and antwoord["Location"] == wachten
    assert pdfs.aantal == 0

    pagina = client.get(wachten)
    html = pagina.content.decode()
    assert pagina.status_code == 200 and pagina["Refresh"] == "2"
    assert 'aria-live="polite"' in html and "Het verslag staat in de wachtrij." in html
    assert reverse("rapportage:verslag_bestand", args=[bestand.pk]) not in html
    # The PDF is not there yet: back to the waiting page.
    download = reverse("rapportage:verslag_bestand", args=[bestand.pk]) + "?aanvraag=1"
    assert client.get(download)["Location"] == wachten
    # Asking again while it waits queues nothing more; the second request waits for the
    # same render, which has not started yet.
    assert client.get(PDF_URL)["Location"] == wachten.replace("=1", "=2")
    assert DBTaskResult.objects.count() == 1

    tijdens = []
    pdfs.tijdens = lambda: tijdens.append(client.get(wachten).content.decode())
    werker_stap()
    assert pdfs.aantal == 1
    assert "Stap 3 van 3: De pagina&#x27;s van de PDF worden gemaakt." in tijdens[0]

    pagina = client.get(wachten)
    html = pagina.content.decode()
    assert "Refresh" not in pagina and "Het verslag is klaar." in html
    assert f'href="{download}"' in html
    pdf = client.get(download)
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.getvalue() == b"%PDF-1.7 stub 1"
    assert f'filename="jaarverslag-{SLUG}-2006.pdf"' in pdf["Content-Disposition"]


def test_a_request_that_waits_in_vain_for_the_worker_is_sent_to_its_waiting_page(
    settings, monkeypatch, pdfs, client_van, coordinator, seed
):
    """The view polls the row (``taken.wachten`` reads it again) before it gives up: the
    request's number must survive that read (it once gave a 500 on every real request)."""
    settings.TASKS = DATABASE
    monkeypatch.setattr(taken, "WACHTTIJD", 2 * taken.POLSTIJD)
    antwoord = client_van(coordinator).get(PDF_URL)
    bestand = Verslagbestand.objects.get()
    assert antwoord.status_code == 302
    assert (
        antwoord["Location"]
        == reverse("rapportage:verslag_wachten", args=[bestand.pk]) + "?aanvraag=1"
    )
    assert pdfs.aantal == 0


@pytest.mark.django_db(transaction=True)
def test_the_worker_command_makes_the_queued_report(achtergrond, pdfs, client_van, coordinator):
    bouwers.seed()
    client = client_van(coordinator)
    wachten = client.get(PDF_URL)["Location"]
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    assert pdfs.aantal == 1
    assert "Het verslag is klaar." in client.get(wachten).content.decode()


def test_with_the_immediate_backend_the_first_request_answers_with_the_pdf(
    pdfs, client_van, coordinator, seed
):
    antwoord = client_van(coordinator).get(PDF_URL)
    assert antwoord.status_code == 200 and antwoord["Content-Type"] == "application/pdf"
    assert antwoord.getvalue() == b"%PDF-1.7 stub 1"


def test_the_same_report_with_unchanged_data_is_not_rendered_again(
    pdfs, client_van, coordinator, seed
):
    client = client_van(coordinator)
    assert client.get(PDF_URL).getvalue() == b"%PDF-1.7 stub 1"
    assert client.get(PDF_URL).getvalue() == b"%PDF-1.7 stub 1"
    assert pdfs.aantal == 1

    # Anything the report shows changes its key: a new PDF.
    seed.doelstellingen.update(tekst="Een nieuwe doelstelling")
    assert client.get(PDF_URL).getvalue() == b"%PDF-1.7 stub 2"
    assert pdfs.aantal == 2 and Verslagbestand.objects.count() == 1


def test_a_dutch_and_an_english_report_are_different_entries(pdfs, client_van, coordinator, seed):
    client = client_van(coordinator)
    client.get(PDF_URL)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert client.get(PDF_URL).getvalue() == b"%PDF-1.7 stub 2"
    client.get(PDF_URL)
    client.post(reverse("set_language"), {"language": "nl-be", "next": "/"})
    assert client.get(PDF_URL).getvalue() == b"%PDF-1.7 stub 1"
    assert pdfs.aantal == 2
    rijen = Verslagbestand.objects.order_by("taal")
    assert [r.taal for r in rijen] == ["en", "nl-be"]
    assert rijen[0].sleutel != rijen[1].sleutel


def test_a_failed_render_says_so_in_dutch_and_can_be_retried(pdfs, client_van, coordinator, seed):
    client = client_van(coordinator)
    pdfs.fout = RuntimeError("geheim detail uit WeasyPrint")
    antwoord = client.get(PDF_URL, follow=True)
    html = antwoord.content.decode()
    assert antwoord.status_code == 200 and "Refresh" not in antwoord
    assert "Het verslag kon niet gemaakt worden." in html
    assert "RuntimeError" not in html and "geheim detail" not in html
    assert "Traceback" not in html
    bestand = Verslagbestand.objects.get()
    assert bestand.status == Status.MISLUKT and "geheim detail" in bestand.fout
    assert f'href="{PDF_URL}?datum={bestand.verslagdatum.isoformat()}"' in html  # the retry

    pdfs.fout = None
    opnieuw = client.get(PDF_URL)
    assert opnieuw["Content-Type"] == "application/pdf"
    assert opnieuw.getvalue() == b"%PDF-1.7 stub 2"


def test_a_report_whose_worker_died_may_be_asked_again(
    achtergrond, pdfs, client_van, coordinator, seed
):
    client = client_van(coordinator)
    client.get(PDF_URL)
    bestand = Verslagbestand.objects.get()
    bestand.status = Status.BEZIG
    bestand.save()
    # Still running: the page refreshes, asking again queues nothing.
    assert client.get(PDF_URL)["Location"].endswith(f"/{bestand.pk}/?aanvraag=2")
    assert client.get(reverse("rapportage:verslag_wachten", args=[bestand.pk]))["Refresh"]
    lang_geleden = bestand.bijgewerkt - Verslagbestand.VASTGELOPEN_NA * 2
    Verslagbestand.objects.filter(pk=bestand.pk).update(bijgewerkt=lang_geleden)
    pagina = client.get(reverse("rapportage:verslag_wachten", args=[bestand.pk]))
    assert "Refresh" not in pagina
    assert "Het maken van het verslag is onderbroken." in pagina.content.decode()
    client.get(PDF_URL)
    assert Verslagbestand.objects.get().status == Status.WACHTRIJ


def test_only_the_newest_report_date_of_a_report_and_language_is_kept(
    pdfs, client_van, coordinator, seed
):
    import datetime as dt

    oud = Verslagbestand.objects.create(
        soort="werkgroep", slug=SLUG, jaar_van=2006, jaar_tot=2006, taal="nl-be",
        verslagdatum=dt.date(2006, 6, 30), status=Status.KLAAR, pdf=b"%PDF oud",
    )  # fmt: skip
    ander = Verslagbestand.objects.create(
        soort="werkgroep", slug=SLUG, jaar_van=2005, jaar_tot=2006, taal="nl-be",
        verslagdatum=dt.date(2006, 6, 30), status=Status.KLAAR, pdf=b"%PDF ander",
    )  # fmt: skip
    client_van(coordinator).get(PDF_URL)
    assert not Verslagbestand.objects.filter(pk=oud.pk).exists()
    assert Verslagbestand.objects.filter(pk=ander.pk).exists()


# ---- Who may ------------------------------------------------------------------------------


def _urls(bestand):
    return [
        PDF_URL,
        reverse("rapportage:jaarverslag", args=[SLUG, "2005-2006"]),
        reverse("rapportage:verslag_wachten", args=[bestand.pk]),
        reverse("rapportage:verslag_bestand", args=[bestand.pk]),
    ]


@pytest.fixture
def klaar_bestand(seed):
    return Verslagbestand.objects.create(
        soort="werkgroep", slug=SLUG, jaar_van=2006, jaar_tot=2006, taal="nl-be",
        verslagdatum="2006-12-31", status=Status.KLAAR, pdf=b"%PDF-1.7 klaar",
        aanvragen=1, gestart_na=1, pdf_voor=1,
    )  # fmt: skip


@pytest.mark.parametrize("rol", ["coordinator", "secretariaat"])
def test_coordinators_and_the_secretariat_ask_watch_and_download(
    achtergrond, pdfs, request, client_van, rol, klaar_bestand
):
    client = client_van(request.getfixturevalue(rol))
    pdf, html, wachten, download = _urls(klaar_bestand)
    assert client.get(download).getvalue() == b"%PDF-1.7 klaar"
    assert client.get(html).status_code == 200
    assert client.get(wachten).status_code == 200
    assert client.get(pdf).status_code == 302  # queued again, to check its key


def test_members_get_404_and_queue_nothing(achtergrond, pdfs, client_van, lid, klaar_bestand):
    client = client_van(lid)
    for url in _urls(klaar_bestand):
        assert client.get(url).status_code == 404, url
    assert Verslagbestand.objects.get().status == Status.KLAAR
    assert Verslagbestand.objects.count() == 1


def test_anonymous_users_get_the_login_page(client, klaar_bestand):
    for url in _urls(klaar_bestand):
        assert client.get(url)["Location"].startswith("/accounts/login/"), url


# ---- URLs ---------------------------------------------------------------------------------


def test_a_period_is_a_year_or_years_in_order(pdfs, client_van, coordinator, seed):
    assert (
        reverse("rapportage:jaarverslag", args=[SLUG, 2006])
        == f"/werkgroepen/{SLUG}/jaarverslag/2006/"
    )
    assert reverse("rapportage:jaarverslag_pdf", args=[SLUG, "2005-2006"]) == (
        f"/werkgroepen/{SLUG}/jaarverslag/2005-2006.pdf"
    )
    assert reverse("rapportage:themaverslag_pdf", args=["sociale-economie", 2006]) == (
        "/themawerkingen/sociale-economie/jaarverslag/2006.pdf"
    )
    client = client_van(coordinator)
    for url in [
        f"/werkgroepen/{SLUG}/jaarverslag/2006-2005/",
        f"/werkgroepen/{SLUG}/jaarverslag/2006-2005.pdf",
        f"/werkgroepen/{SLUG}/jaarverslag/abc/",
        f"/werkgroepen/{SLUG}/jaarverslag/abc.pdf",
        "/werkgroepen/geen-werkgroep/jaarverslag/2006.pdf",
        "/themawerkingen/geen-thema/jaarverslag/2006.pdf",
        f"/themawerkingen/{seed.thema.slug}/jaarverslag/2005-2006.pdf",
    ]:
        assert client.get(url).status_code == 404, url
    assert not Verslagbestand.objects.exists()
    assert (
        client.get(reverse("rapportage:jaarverslag", args=[SLUG, "2005-2006"])).status_code == 200
    )


def test_the_strand_report_as_page_and_pdf(pdfs, client_van, coordinator, seed):
    client = client_van(coordinator)
    slug = seed.thema.slug
    assert client.get(reverse("rapportage:themaverslag", args=[slug, 2006])).status_code == 200
    antwoord = client.get(reverse("rapportage:themaverslag_pdf", args=[slug, 2006]))
    assert antwoord["Content-Type"] == "application/pdf"
    assert f"jaarverslag-themawerking-{slug}-2006.pdf" in antwoord["Content-Disposition"]


def test_the_command_writes_a_range_and_a_strand(seed, tmp_path, pdfs):
    uit = tmp_path / "verslag.pdf"
    call_command("jaarverslag", SLUG, "2005-2006", "-o", str(uit), "--taal", "en", verbosity=0)
    assert uit.read_bytes() == b"%PDF-1.7 stub 1"
    call_command("jaarverslag", "--themawerking", seed.thema.slug, "2006", "-o", str(uit))
    assert uit.read_bytes() == b"%PDF-1.7 stub 2"
    assert not Verslagbestand.objects.exists()  # the command renders here and now


# ---- Queries ------------------------------------------------------------------------------


def test_asking_waiting_and_downloading_take_a_fixed_number_of_queries(
    achtergrond, pdfs, client_van, coordinator, klaar_bestand, django_assert_num_queries
):
    client = client_van(coordinator)
    # Every request: the session, the user, their and their groups' permissions (4), and
    # the session saved (savepoint, update, release: 3).
    # Then the working group; the row found (savepoint, get, this request's number taken,
    # the row read, update to queued, release); the task queued; the row read back. The
    # report date chosen is the ready row's (a new date would be a new row).
    with django_assert_num_queries(7 + 1 + 6 + 1 + 1):
        client.get(f"{PDF_URL}?datum=2006-12-31")
    # The request's transaction (savepoint, release; the PDF request above runs without);
    # the row; the working group.
    with django_assert_num_queries(7 + 2 + 2):
        client.get(reverse("rapportage:verslag_wachten", args=[klaar_bestand.pk]))
    klaar_bestand.save()  # ready again (the PDF request above queued it)
    # The request's transaction; the row; its PDF; the access log's record.
    with django_assert_num_queries(7 + 2 + 2 + 1):
        client.get(reverse("rapportage:verslag_bestand", args=[klaar_bestand.pk]))

"""Reports rendered by a background task, and kept by the key of their content.

A request asks for a report (:func:`verslag_aanvragen`): its row (``Verslagbestand``) is
queued and :func:`verslag_maken` is enqueued on the project's one task backend
(``settings.TASKS``: immediate in the demo and the tests, the database and
``manage.py db_worker`` in production). The view waits up to :data:`WACHTTIJD` for it
(:func:`wachten`) and serves the PDF, or sends the user to a page that shows the progress.

The task builds the context and renders the HTML, then hashes that HTML: the most honest
key, since it changes with anything the report shows and with nothing else. When the key
is the stored one, the stored PDF is the report and WeasyPrint, most of the time, is
skipped. On the seed-times-100 database the context and the HTML are a small part of the
PDF's time (``make bench`` prints the split).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import logging
import re
import time
from collections.abc import Sequence

import weasyprint
from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from kern.hartslag import Hartslag
from kern.pdf import (
    PDF_VARIANT,
    TAGS_AANGEVULD,
    IngeslotenBestand,
    html_naar_pdf,
    statisch_bestand,
)

from .jaarverslag import ingesloten_bestanden
from .models import Verslagbestand
from .verslag import Verslag

logger = logging.getLogger(__name__)

# A report not ready within this many seconds is left to the task: the page shows progress.
WACHTTIJD = 2.0
POLSTIJD = 0.2

Status = Verslagbestand.Status
Stap = Verslagbestand.Stap

# The creation time in the document's metadata changes with every render, not its content.
_AANGEMAAKT = re.compile(r'<meta name="dcterms\.created"[^>]*>')
# The project's static files a document links to (its stylesheet): part of what it shows.
_STATISCH = re.compile(r'(?:href|src)="[^"]*?/static/([^"?#]+)')


@functools.cache
def _bestand_hash(pad: str) -> str:
    bestand = statisch_bestand(pad)
    return hashlib.sha256(bestand.read_bytes()).hexdigest() if bestand else "-"


def inhoudssleutel(html: str, taal: str, ingesloten: Sequence[IngeslotenBestand] = ()) -> str:
    """SHA-256 of what the PDF is made from: the HTML (less its creation time), the static
    files it links to, the files it embeds (``IngeslotenBestand.kenmerk``: their content
    by its hash), the language, and the renderer's version, PDF variant and what
    ``kern.pdf`` adds to its tags."""
    sleutel = hashlib.sha256()
    for deel in (weasyprint.__version__, str(PDF_VARIANT), TAGS_AANGEVULD, taal):
        sleutel.update(deel.encode() + b"\0")
    for pad in sorted(set(_STATISCH.findall(html))):
        sleutel.update(f"{pad}={_bestand_hash(pad)}\0".encode())
    for bestand in ingesloten:
        sleutel.update(f"{bestand.kenmerk}\0".encode())
    sleutel.update(_AANGEMAAKT.sub("", html).encode())
    return sleutel.hexdigest()


def _velden(verslag: Verslag, taal: str, verslagdatum: dt.date) -> dict:
    return {
        "soort": verslag.soort,
        "slug": verslag.slug,
        "jaar_van": verslag.jaar_van,
        "jaar_tot": verslag.jaar_tot,
        "taal": taal,
        "verslagdatum": verslagdatum,
    }


def verslag_aanvragen(
    verslag: Verslag, taal: str, verslagdatum: dt.date | None = None
) -> Verslagbestand:
    """The report's row for this request, queued and its task enqueued unless it is queued
    or running already; its ``aanvraag`` is this request's number.

    The request takes the next number first (an UPDATE, which holds the row until the
    transaction ends, so two requests at once take two numbers and one of them queues).
    A ready or failed row is queued again (the task checks its key), and so is a running
    one without a sign of life for :attr:`~Verslagbestand.VASTGELOPEN_NA`. A running one
    that lives is left alone: when it ends it sees this later number and queues itself again.
    """
    nu = timezone.now()
    with transaction.atomic():
        bestand, nieuw = Verslagbestand.objects.get_or_create(
            **_velden(verslag, taal, verslagdatum or verslag.verslagdatum)
        )
        Verslagbestand.objects.filter(pk=bestand.pk).update(aanvragen=F("aanvragen") + 1)
        bestand = Verslagbestand.objects.defer("pdf").get(pk=bestand.pk)
        aanvraag = bestand.aanvragen
        te_maken = nieuw or bestand.status in (Status.KLAAR, Status.MISLUKT) or bestand.vastgelopen
        if te_maken:
            Verslagbestand.objects.filter(pk=bestand.pk).update(
                status=Status.WACHTRIJ, stap=Stap.WACHTEN, fout="", aangevraagd=nu, bijgewerkt=nu
            )
    if te_maken:
        _inplannen(bestand.pk)
    bestand = Verslagbestand.objects.defer("pdf").get(pk=bestand.pk)
    bestand.aanvraag = aanvraag
    return bestand


def _inplannen(bestand_id: int) -> None:
    try:
        verslag_maken.enqueue(bestand_id)
    except Exception:
        Verslagbestand.objects.filter(pk=bestand_id).update(
            status=Status.MISLUKT, fout="enqueue failed", bijgewerkt=timezone.now()
        )
        raise


def wachten(bestand: Verslagbestand, aanvraag: int, seconden: float) -> Verslagbestand:
    """The row once request ``aanvraag`` has its PDF (or the render failed or stopped), or
    as it stands after ``seconden``."""
    einde = time.monotonic() + seconden
    while bestand.toestand(aanvraag) == "bezig" and time.monotonic() < einde:
        time.sleep(POLSTIJD)
        bestand = Verslagbestand.objects.defer("pdf").get(pk=bestand.pk)
    return bestand


def _zet(bestand_id: int, **velden) -> None:
    Verslagbestand.objects.filter(pk=bestand_id).update(bijgewerkt=timezone.now(), **velden)


def _hartslag(bestand_id: int, gestart_na: int) -> Hartslag:
    """While a render runs (WeasyPrint included, which holds the task for seconds), its row
    refreshed every ``settings.VERSLAG_HARTSLAG`` seconds; a row that stops being refreshed
    belongs to a worker that died."""
    return Hartslag(
        f"verslag-{bestand_id}-hartslag",
        Verslagbestand.objects.filter(pk=bestand_id, status=Status.BEZIG, gestart_na=gestart_na),
        seconden=lambda: settings.VERSLAG_HARTSLAG,
    )


@task()
def verslag_maken(bestand_id: int) -> str:
    """Render a queued report: context, HTML, key; the PDF only when the key is new.

    It claims the row with the number of the last request (``gestart_na``): what it reads
    after that is at least as new as every request so far. Ending, it queues the report
    again when a request came after it started (:func:`_afronden`).
    """
    if not Verslagbestand.objects.filter(pk=bestand_id, status=Status.WACHTRIJ).update(
        status=Status.BEZIG,
        stap=Stap.GEGEVENS,
        gestart_na=F("aanvragen"),
        bijgewerkt=timezone.now(),
    ):
        return "niet in de wachtrij"  # another worker has it, or it is gone
    bestand = Verslagbestand.objects.defer("pdf").get(pk=bestand_id)
    heeft_pdf = Verslagbestand.objects.filter(pk=bestand_id, pdf__isnull=False).exists()
    gestart_na = bestand.gestart_na
    try:
        with _hartslag(bestand_id, gestart_na):
            with translation.override(bestand.taal):
                template_name, context = bestand.verslag.document(bestand.verslagdatum)
                _zet(bestand_id, stap=Stap.OPMAAK)
                html = render_to_string(template_name, context)
            ingesloten = ingesloten_bestanden(context)
            sleutel = inhoudssleutel(html, bestand.taal, ingesloten)
            if heeft_pdf and sleutel == bestand.sleutel:
                uitkomst, velden = "ongewijzigd", {}
            else:
                _zet(bestand_id, stap=Stap.PDF)
                pdf = html_naar_pdf(html, ingesloten)
                uitkomst, velden = "gemaakt", {"pdf": pdf, "sleutel": sleutel}
        velden.update(status=Status.KLAAR, pdf_voor=gestart_na, klaar_op=timezone.now())
    except Exception as fout:
        logger.exception("Report %s could not be made", bestand)
        uitkomst = "mislukt"
        velden = {"status": Status.MISLUKT, "fout": f"{type(fout).__name__}: {fout}"[:2000]}
    if not _afronden(bestand_id, gestart_na, velden):
        return "overgenomen"
    if uitkomst != "mislukt":
        opruimen(bestand)
    return uitkomst


def _afronden(bestand_id: int, gestart_na: int, velden: dict) -> bool:
    """Store a render's outcome, and queue the report again when a request came after the
    render started (it waits for a PDF made from data read after it).

    False when the row is no longer this render's: it was counted as stopped and asked
    again, and a newer render has it.
    """
    with transaction.atomic():
        rij = (
            Verslagbestand.objects.select_for_update()
            .only("status", "gestart_na", "aanvragen")
            .filter(pk=bestand_id)
            .first()
        )
        if rij is None or rij.status != Status.BEZIG or rij.gestart_na != gestart_na:
            return False
        opnieuw = rij.aanvragen > gestart_na
        if opnieuw:
            velden = {**velden, "status": Status.WACHTRIJ, "stap": Stap.WACHTEN}
        _zet(bestand_id, **velden)
    if opnieuw:
        _inplannen(bestand_id)
    return True


def opruimen(bestand: Verslagbestand) -> int:
    """Keep only the newest report date of this report in this language (a report of the
    running year is dated today, so yesterday's copy goes); rows still in work stay."""
    weg, _ = (
        Verslagbestand.objects.van(bestand.verslag, bestand.taal)
        .exclude(pk=bestand.pk)
        .filter(status__in=[Status.KLAAR, Status.MISLUKT], verslagdatum__lt=bestand.verslagdatum)
        .delete()
    )
    return weg

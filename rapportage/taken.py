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

import weasyprint
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from .models import Verslagbestand
from .pdf import PDF_VARIANT, html_naar_pdf, statisch_bestand
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


def inhoudssleutel(html: str, taal: str) -> str:
    """SHA-256 of what the PDF is made from: the HTML (less its creation time), the static
    files it links to, the language, and the renderer's version and PDF variant."""
    sleutel = hashlib.sha256()
    for deel in (weasyprint.__version__, str(PDF_VARIANT), taal):
        sleutel.update(deel.encode() + b"\0")
    for pad in sorted(set(_STATISCH.findall(html))):
        sleutel.update(f"{pad}={_bestand_hash(pad)}\0".encode())
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
    """The report's row, queued and its task enqueued unless it is queued or running already.

    Of two requests at once, one queues the task (a conditional UPDATE); the other waits
    for the same row. A ready row is queued again too: the task checks its key.
    """
    nu = timezone.now()
    with transaction.atomic():
        bestand, nieuw = Verslagbestand.objects.get_or_create(
            **_velden(verslag, taal, verslagdatum or verslag.verslagdatum)
        )
        opnieuw = Q(status__in=[Status.KLAAR, Status.MISLUKT]) | Q(
            status=Status.BEZIG, bijgewerkt__lt=nu - Verslagbestand.VASTGELOPEN_NA
        )
        te_maken = nieuw or Verslagbestand.objects.filter(opnieuw, pk=bestand.pk).update(
            status=Status.WACHTRIJ, stap=Stap.WACHTEN, fout="", aangevraagd=nu, bijgewerkt=nu
        )
    if te_maken:
        try:
            verslag_maken.enqueue(bestand.pk)
        except Exception:
            Verslagbestand.objects.filter(pk=bestand.pk).update(
                status=Status.MISLUKT, fout="enqueue failed", bijgewerkt=timezone.now()
            )
            raise
    return Verslagbestand.objects.defer("pdf").get(pk=bestand.pk)


def wachten(bestand: Verslagbestand, seconden: float) -> Verslagbestand:
    """The row once the task is done with it, or as it stands after ``seconden``."""
    einde = time.monotonic() + seconden
    while bestand.loopt and time.monotonic() < einde:
        time.sleep(POLSTIJD)
        bestand = Verslagbestand.objects.defer("pdf").get(pk=bestand.pk)
    return bestand


def _zet(bestand_id: int, **velden) -> None:
    Verslagbestand.objects.filter(pk=bestand_id).update(bijgewerkt=timezone.now(), **velden)


@task()
def verslag_maken(bestand_id: int) -> str:
    """Render a queued report: context, HTML, key; the PDF only when the key is new."""
    if not Verslagbestand.objects.filter(pk=bestand_id, status=Status.WACHTRIJ).update(
        status=Status.BEZIG, stap=Stap.GEGEVENS, bijgewerkt=timezone.now()
    ):
        return "niet in de wachtrij"  # another worker has it, or it is gone
    bestand = Verslagbestand.objects.defer("pdf").get(pk=bestand_id)
    heeft_pdf = Verslagbestand.objects.filter(pk=bestand_id, pdf__isnull=False).exists()
    try:
        with translation.override(bestand.taal):
            template_name, context = bestand.verslag.document(bestand.verslagdatum)
            _zet(bestand_id, stap=Stap.OPMAAK)
            html = render_to_string(template_name, context)
        sleutel = inhoudssleutel(html, bestand.taal)
        if heeft_pdf and sleutel == bestand.sleutel:
            _zet(bestand_id, status=Status.KLAAR, klaar_op=timezone.now())
            return "ongewijzigd"
        _zet(bestand_id, stap=Stap.PDF)
        pdf = html_naar_pdf(html)
        _zet(bestand_id, status=Status.KLAAR, pdf=pdf, sleutel=sleutel, klaar_op=timezone.now())
    except Exception as fout:
        logger.exception("Report %s could not be made", bestand)
        _zet(bestand_id, status=Status.MISLUKT, fout=f"{type(fout).__name__}: {fout}"[:2000])
        return "mislukt"
    opruimen(bestand)
    return "gemaakt"


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

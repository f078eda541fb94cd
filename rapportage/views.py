"""The yearly reports' pages and PDFs (the other PDFs are served by the app that owns their data).

The yearly reports (a working group over one year or several, a strand over one year)
are rendered by a background task (``rapportage.taken``) and kept by the key of their
content: the PDF view answers with the PDF when it is ready within a couple of seconds,
and otherwise with a page that shows the progress and then offers the download.
"""

from __future__ import annotations

import functools
from urllib.parse import urlencode

from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy

from kern import downloads
from kern.inzage import Melding
from kern.rechten import vereist
from vergaderstukken import selectors as vergaderstukken_selectors
from werkgroep.models import Werkgroep

from . import taken
from .jaarverslag import bijlagen_in, jaren_met_gegevens
from .models import Verslagbestand
from .verslag import (
    THEMAWERKING,
    WERKGROEP,
    OngeldigePeriode,
    OngeldigeVerslagdatum,
    Verslag,
    lees_verslagdatum,
)

# How often the waiting page reloads itself, in seconds.
VERVERSEN = 2


def _verslag(request, soort: str, slug: str, periode: str, *, nagaan: bool = True) -> Verslag:
    """The report the URL names, after the permission; 404 for a bad period, and (unless the
    caller reads the subject itself) for a slug that names no working group or strand."""
    vereist(request, "rapportage.jaarverslag_maken")
    try:
        verslag = Verslag.uit_periode(soort, slug, periode)
    except OngeldigePeriode:
        raise Http404 from None
    if nagaan:
        verslag.onderwerp()
    return verslag


def jaarverslag_jaren(request, slug: str):
    vereist(request, "rapportage.jaarverslag_maken")
    werkgroep = get_object_or_404(Werkgroep.objects.select_related("thema"), slug=slug)
    jaren = jaren_met_gegevens(werkgroep)
    # All the years in one report, as the source document does ("2005-2006").
    samen = Verslag(WERKGROEP, slug, jaren[0], jaren[-1]) if len(jaren) > 1 else None
    return render(
        request,
        "rapportage/jaren.html",
        {"werkgroep": werkgroep, "jaren": jaren, "samen": samen},
    )


HTML_TEMPLATES = {
    WERKGROEP: "rapportage/jaarverslag.html",
    THEMAWERKING: "rapportage/themaverslag.html",
}
PDF_URLS = {WERKGROEP: "rapportage:jaarverslag_pdf", THEMAWERKING: "rapportage:themaverslag_pdf"}


def _verslagdatum(request, verslag: Verslag):
    """The report date the coordinator chose (``?datum=2006-12-31`` or ``31/12/2006``), by
    default today; :class:`OngeldigeVerslagdatum` for a date that is none, lies ahead or
    before the period (:func:`_met_datum` answers it)."""
    tekst = request.GET.get("datum", "")
    if not tekst.strip():
        return verslag.verslagdatum
    return lees_verslagdatum(tekst, verslag.jaar_van)


def _met_datum(verslag_view):
    """The view, or the 400 page saying why for a report date it cannot use."""

    @functools.wraps(verslag_view)
    def view(request, *args, **kwargs):
        try:
            return verslag_view(request, *args, **kwargs)
        except OngeldigeVerslagdatum as fout:
            return render(request, "400.html", {"reden": str(fout)}, status=400)

    return view


def _verslag_html(request, verslag: Verslag):
    """The report as a page: the PDF's context in the site's layout (404 for no subject),
    with the field to choose its date. Its annexes link to their download for who may
    download them (the meeting files' rule)."""
    verslagdatum = _verslagdatum(request, verslag)
    _template, context = verslag.document(verslagdatum)
    context["vandaag"] = timezone.localdate()
    context["als_pagina"] = True
    context["te_downloaden"] = vergaderstukken_selectors.te_downloaden(
        request.user, bijlagen_in(context)
    )
    return render(request, HTML_TEMPLATES[verslag.soort], context)


def _verslag_lijsten(request, verslag: Verslag):
    """The full ledger and participant list of a large report (rapportage.lijsten): the
    file its PDF embeds, offered beside it; 404 for a report that prints every line."""
    _template, context = verslag.document()
    if not context["ingesloten"]:
        raise Http404
    (bestand,) = context["ingesloten"]
    return downloads.bestand(
        bestand.inhoud,
        bestand.naam,
        bestand.mimetype,
        inzage=_inzage(request, verslag, gettext_lazy("kosten- en deelnemerslijst, XLSX")),
    )


def _inzage(request, verslag: Verslag, vorm: str) -> Melding:
    """A report names its participants: its download is in the access log."""
    if verslag.soort == WERKGROEP:
        wat = gettext_lazy("Jaarverslag %(periode)s van %(slug)s (%(vorm)s)")
    else:
        wat = gettext_lazy("Jaarverslag themawerking %(periode)s van %(slug)s (%(vorm)s)")
    return Melding(
        request, wat, {"periode": verslag.periode_weergave, "slug": verslag.slug, "vorm": vorm}
    )


def _verslag_pdf(request, verslag: Verslag):
    bestand = taken.verslag_aanvragen(verslag, get_language(), _verslagdatum(request, verslag))
    aanvraag = bestand.aanvraag  # this request's number; the rows ``wachten`` reads lack it
    bestand = taken.wachten(bestand, aanvraag, taken.WACHTTIJD)
    if bestand.klaar_voor(aanvraag):
        return _download(request, bestand)
    return redirect(
        _met_aanvraag(reverse("rapportage:verslag_wachten", args=[bestand.pk]), aanvraag)
    )


def _met_aanvraag(url: str, aanvraag: int) -> str:
    return f"{url}?{urlencode({'aanvraag': aanvraag})}"


def _aanvraag(request, bestand: Verslagbestand) -> int:
    """The request a waiting page or download stands for (``?aanvraag=``); without one, the
    last request: never a PDF rendered before the request that led here."""
    try:
        return int(request.GET["aanvraag"])
    except (KeyError, ValueError):
        return bestand.aanvragen


def _download(request, bestand: Verslagbestand):
    pdf = Verslagbestand.objects.values_list("pdf", flat=True).get(pk=bestand.pk)
    # Saved as a file: the agency receives it as it is.
    verslag = bestand.verslag
    return downloads.pdf(
        bytes(pdf), verslag.bestandsnaam, bijlage=True, inzage=_inzage(request, verslag, "PDF")
    )


@_met_datum
def jaarverslag(request, slug: str, periode: str):
    return _verslag_html(request, _verslag(request, WERKGROEP, slug, periode, nagaan=False))


# Not in the request's transaction: the queued row must be committed for a worker to see
# it, and the wait must see the worker's progress.
@transaction.non_atomic_requests
@_met_datum
def jaarverslag_pdf(request, slug: str, periode: str):
    return _verslag_pdf(request, _verslag(request, WERKGROEP, slug, periode))


def jaarverslag_xlsx(request, slug: str, periode: str):
    return _verslag_lijsten(request, _verslag(request, WERKGROEP, slug, periode, nagaan=False))


@_met_datum
def themaverslag(request, slug: str, jaar: int):
    return _verslag_html(request, _verslag(request, THEMAWERKING, slug, jaar, nagaan=False))


@transaction.non_atomic_requests
@_met_datum
def themaverslag_pdf(request, slug: str, jaar: int):
    return _verslag_pdf(request, _verslag(request, THEMAWERKING, slug, jaar))


def themaverslag_xlsx(request, slug: str, jaar: int):
    return _verslag_lijsten(request, _verslag(request, THEMAWERKING, slug, jaar, nagaan=False))


def verslag_wachten(request, pk: int):
    """Where a report being made shows its progress; it reloads itself until this request's
    PDF is there, the render failed, or it stopped (its worker died)."""
    vereist(request, "rapportage.jaarverslag_maken")
    bestand = get_object_or_404(Verslagbestand.objects.defer("pdf"), pk=pk)
    aanvraag = _aanvraag(request, bestand)
    toestand = bestand.toestand(aanvraag)
    verslag = bestand.verslag
    antwoord = render(
        request,
        "rapportage/verslag_wachten.html",
        {
            "bestand": bestand,
            "toestand": toestand,
            "verslag": verslag,
            "onderwerp": verslag.onderwerp(),
            "stappen": len(Verslagbestand.Stap) - 1,
            "verversen": VERVERSEN,
            "opnieuw_url": reverse(PDF_URLS[verslag.soort], args=[verslag.slug, verslag.periode])
            + "?"
            + urlencode({"datum": bestand.verslagdatum.isoformat()}),
            "download_url": _met_aanvraag(
                reverse("rapportage:verslag_bestand", args=[pk]), aanvraag
            ),
        },
    )
    if toestand == "bezig":
        # The Refresh header reloads the page as <meta http-equiv="refresh"> would, with or
        # without JavaScript; the page stops reloading once the report is ready or failed.
        antwoord["Refresh"] = str(VERVERSEN)
    return antwoord


def verslag_bestand(request, pk: int):
    """The report rendered for this request (the waiting page links here); until it is
    there, back to the waiting page."""
    vereist(request, "rapportage.jaarverslag_maken")
    bestand = get_object_or_404(Verslagbestand.objects.defer("pdf"), pk=pk)
    aanvraag = _aanvraag(request, bestand)
    if not bestand.klaar_voor(aanvraag):
        return redirect(_met_aanvraag(reverse("rapportage:verslag_wachten", args=[pk]), aanvraag))
    return _download(request, bestand)

"""PDF views; every PDF goes through rapportage.pdf.render_pdf."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from kern import downloads
from projecten import selectors as projecten_selectors
from validering import selectors as validering_selectors
from werkgroep.models import Werkgroep

from .jaarverslag import jaarverslag_context, jaren_met_gegevens
from .pdf import render_pdf


def fiche_pdf(request, slug):
    context = projecten_selectors.fiche_document(request.user, slug, request.GET.get("werkgroep"))
    pdf = render_pdf("rapportage/fiche_pdf.html", context)
    return downloads.pdf(pdf, f"projectfiche-{slug}.pdf")


def sessie_pdf(request, pk: int):
    """The validation report: what the session page shows this user, as PDF."""
    sessie = validering_selectors.sessie_voor(request.user, pk)
    pdf = render_pdf(
        "rapportage/sessie_pdf.html", validering_selectors.sessie_overzicht(request.user, sessie)
    )
    return downloads.pdf(pdf, f"validering-{sessie.pk}.pdf")


def _jaarverslag_toegang(request, slug):
    """Coordinators and the secretariat; members get a 404."""
    if not request.user.has_perm("rapportage.export_jaarverslag"):
        raise Http404
    return get_object_or_404(Werkgroep.objects.select_related("thema"), slug=slug)


def jaarverslag_jaren(request, slug: str):
    werkgroep = _jaarverslag_toegang(request, slug)
    return render(
        request,
        "rapportage/jaren.html",
        {"werkgroep": werkgroep, "jaren": jaren_met_gegevens(werkgroep)},
    )


def jaarverslag(request, slug: str, jaar: int):
    werkgroep = _jaarverslag_toegang(request, slug)
    return render(request, "rapportage/jaarverslag.html", jaarverslag_context(werkgroep, jaar))


def jaarverslag_pdf(request, slug: str, jaar: int):
    werkgroep = _jaarverslag_toegang(request, slug)
    pdf = render_pdf("rapportage/jaarverslag_pdf.html", jaarverslag_context(werkgroep, jaar))
    return downloads.pdf(pdf, f"jaarverslag-{slug}-{jaar}.pdf")

"""PDF views; every PDF goes through rapportage.pdf.render_pdf."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from kern import downloads
from projecten import selectors as projecten_selectors
from projecten.forms import SECTIES
from projecten.models import Projectfiche
from validering import selectors as validering_selectors
from validering.rapport import sessie_context
from werkgroep.models import Werkgroep

from .jaarverslag import jaarverslag_context, jaren_met_gegevens
from .pdf import render_pdf


def fiche_context(fiche: Projectfiche, project) -> dict:
    """Plain data for the fiche PDF: sections with (label, text) pairs."""
    velden = {f.name: f for f in Projectfiche._meta.get_fields() if hasattr(f, "verbose_name")}
    return {
        "fiche": fiche,
        "organisaties": list(project.organisaties.all()),
        "producten": list(project.producten.all()),
        "secties": [
            (titel, [(velden[v].verbose_name, getattr(fiche, v)) for v in namen if v != "contact"])
            for titel, namen in SECTIES
            if namen != ["contact"]
        ],
    }


def fiche_pdf(request, slug):
    project = projecten_selectors.project_met_details(slug)
    projecten_selectors.fiche_toegang(request.user, project)  # 404 for anyone else
    gevraagd = request.GET.get("werkgroep")
    if gevraagd:
        fiche = projecten_selectors.fiche_voor(project, get_object_or_404(Werkgroep, slug=gevraagd))
    else:
        fiches = list(project.fiches.select_related("werkgroep__thema", "gewijzigd_door")[:2])
        fiche = fiches[0] if len(fiches) == 1 else None
    if fiche is None:
        raise Http404
    pdf = render_pdf("rapportage/fiche_pdf.html", fiche_context(fiche, project))
    return downloads.pdf(pdf, f"projectfiche-{project.slug}.pdf")


def sessie_pdf(request, pk: int):
    """The validation report: what the session page shows this user, as PDF."""
    sessie = validering_selectors.sessie_voor(request.user, pk)
    pdf = render_pdf("rapportage/sessie_pdf.html", sessie_context(request.user, sessie))
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

"""Validation pages: the session, online scoring, a product's sessions, exports, round table."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kern import downloads, versies
from kern.spreadsheets import BelgischeCSV, VeiligeXLSX
from werkgroep import selectors as werkgroep_selectors
from werkgroep.models import Werkgroep

from . import exports, selectors, services
from .forms import ScoreForm, SessieFilter


def sessies(request):
    """Every validation session the user may see, with filters; the way in to a session."""
    filter_ = SessieFilter(
        request.GET or None,
        werkgroepen=werkgroep_selectors.zichtbare_werkgroepen(request.user),
        jaren=selectors.sessiejaren(request.user),
    )
    criteria = filter_.cleaned_data if filter_.is_valid() else {}
    return render(
        request,
        "validering/sessies.html",
        {
            "filter": filter_,
            "sessies": selectors.sessielijst(
                request.user,
                werkgroep=criteria.get("werkgroep") or "",
                jaar=criteria.get("jaar"),
                status=criteria.get("status") or "",
                zoek=(criteria.get("zoek") or "").strip(),
            ),
        },
    )


def sessie_detail(request, pk: int):
    sessie = selectors.sessie_voor(request.user, pk)
    return render(
        request, "validering/sessie.html", selectors.sessie_overzicht(request.user, sessie)
    )


@require_http_methods(["GET", "POST"])
def subgroep_scoren(request, pk: int):
    """The rapporteur fills in the subgroup's scores while the session is open."""
    subgroep = selectors.subgroep_voor_rapporteur(request.user, pk)
    criteria = list(subgroep.sessie.methodeversie.criteria.all())
    open_ = not subgroep.sessie.gesloten
    conflicten = []
    if request.method == "POST":
        if not open_:
            raise PermissionDenied
        uitkomst = versies.formulier_bewaren(
            request,
            ScoreForm(request.POST, subgroep=subgroep, criteria=criteria),
            bewaren=lambda form: services.subgroep_scoren(
                subgroep=subgroep,
                gelezen_versie=form.cleaned_data["gelezen_versie"],
                inhoud=form.inhoud(),
                door=request.user,
            ),
            opnieuw=lambda data: ScoreForm(data, subgroep=subgroep, criteria=criteria),
            gelukt=_("De scores zijn opgeslagen."),
        )
        if uitkomst.bewaard:
            return redirect("validering_sessie", pk=subgroep.sessie_id)
        form, conflicten = uitkomst.form, uitkomst.conflicten
    else:
        form = ScoreForm(subgroep=subgroep, criteria=criteria, alleen_lezen=not open_)
    return render(
        request,
        "validering/scoren.html",
        {"subgroep": subgroep, "form": form, "open": open_, "conflicten": conflicten},
    )


def product_detail(request, project_slug: str, product_slug: str):
    product, sessies = selectors.product_met_sessies(request.user, project_slug, product_slug)
    return render(request, "validering/product.html", {"product": product, "sessies": sessies})


def _coordinatie(request):
    if not selectors.ziet_alle_sessies(request.user):
        raise Http404


def scores_export(request, slug: str, jaar: int, formaat: str):
    """All scores and remarks of a group and year, for a spreadsheet."""
    _coordinatie(request)
    werkgroep = get_object_or_404(Werkgroep, slug=slug)
    dataset = exports.scores_dataset(selectors.scores_van_werkgroep(werkgroep, jaar), jaar)
    formaten = {"csv": BelgischeCSV, "xlsx": VeiligeXLSX}
    if formaat not in formaten:
        raise Http404
    return downloads.spreadsheet(formaten[formaat](), dataset, f"scores-{slug}-{jaar}.{formaat}")


def rondetafel(request, slug: str, jaar: int):
    """Points marked as input for the round table or as candidate policy recommendations."""
    _coordinatie(request)
    werkgroep = get_object_or_404(Werkgroep, slug=slug)
    return render(
        request,
        "validering/rondetafel.html",
        {
            "werkgroep": werkgroep,
            "jaar": jaar,
            "punten": list(selectors.rondetafel_punten(werkgroep, jaar)),
        },
    )

"""Validation pages: the session, online scoring, a product's sessions, exports, round table."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kern import downloads, versies
from kern.spreadsheets import BelgischeCSV, VeiligeXLSX
from werkgroep.models import Werkgroep

from . import exports, selectors, services
from .forms import ScoreForm
from .rapport import sessie_context


def sessie_detail(request, pk: int):
    sessie = selectors.sessie_voor(request.user, pk)
    return render(request, "validering/sessie.html", sessie_context(request.user, sessie))


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
        form = ScoreForm(request.POST, subgroep=subgroep, criteria=criteria)
        if form.is_valid():
            try:
                samenvoeging = services.subgroep_scoren(
                    subgroep=subgroep,
                    gelezen_versie=form.cleaned_data["gelezen_versie"],
                    inhoud=form.inhoud(),
                    door=request.user,
                )
            except versies.Samenvoegconflict as fout:
                # Nothing saved; the form holds both sides and the version merged with.
                samenvoeging = fout.samenvoeging
                form = ScoreForm(
                    {**request.POST.dict(), **samenvoeging.formulierdata()},
                    subgroep=subgroep, criteria=criteria,
                )  # fmt: skip
                form.is_valid()
                conflicten = versies.conflicten_melden(samenvoeging, form)
                messages.error(
                    request, versies.conflictmelding(samenvoeging, versies.labels_van(form))
                )
            except ValidationError as fout:
                messages.error(request, " ".join(fout.messages))
            else:
                messages.success(request, _("De scores zijn opgeslagen."))
                melding = versies.samenvoegmelding(samenvoeging, versies.labels_van(form))
                if melding:
                    messages.info(request, melding)
                return redirect("validering_sessie", pk=subgroep.sessie_id)
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
    dataset = exports.scores_dataset(selectors.scores_van_werkgroep(werkgroep, jaar))
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

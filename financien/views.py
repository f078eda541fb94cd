"""Ledger pages: the year's ledger for the coordinator, the check page for the secretariat."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kern import downloads
from kern.spreadsheets import VeiligeXLSX
from werkgroep.models import Werkgroep

from . import selectors, services
from .forms import KoppelForm
from .grafiek import kosten_svg
from .models import Kostenpost
from .resources import KostenpostResource, met_totaalrij


def _kosten_lezen(request):
    if not selectors.ziet_kosten(request.user):
        raise Http404


def grootboek(request, slug: str, jaar: int):
    _kosten_lezen(request)
    werkgroep = get_object_or_404(Werkgroep.objects.select_related("thema"), slug=slug)
    boek = selectors.grootboek(werkgroep, jaar)
    return render(
        request,
        "financien/grootboek.html",
        {
            "werkgroep": werkgroep,
            "jaar": jaar,
            "grootboek": boek,
            "totalen": boek.totalen,
            "grafiek": kosten_svg(boek),
            "jaren": selectors.jaren_met_kosten(werkgroep),
        },
    )


def grootboek_xlsx(request, slug: str, jaar: int):
    """The year's ledger for the accounting department, in the import's columns: the
    page's lines in the page's order."""
    _kosten_lezen(request)
    werkgroep = get_object_or_404(Werkgroep, slug=slug)
    data = KostenpostResource().export(
        queryset=selectors.grootboek(werkgroep, jaar).posten, force_native_type=True
    )
    data.title = _("Grootboek %(jaar)s") % {"jaar": jaar}
    met_totaalrij(data)
    return downloads.spreadsheet(VeiligeXLSX(), data, f"kosten-{slug}-{jaar}.xlsx")


def _secretariaat(request):
    if not request.user.has_perm("financien.change_kostenpost"):
        raise Http404


def controle(request):
    """Loose ends of the ledger, with a form to link each unlinked line to its meeting."""
    _secretariaat(request)
    controles = selectors.controles(timezone.localdate())
    per_werkgroep = selectors.vergaderingen_per_werkgroep(
        {post.werkgroep_id for post in controles.ongekoppeld}
    )
    return render(
        request,
        "financien/controle.html",
        {
            "controles": controles,
            "koppelformulieren": [
                (
                    post,
                    KoppelForm(post=post, vergaderingen=per_werkgroep.get(post.werkgroep_id, [])),
                )
                for post in controles.ongekoppeld
            ],
        },
    )


@require_POST
def koppelen(request, pk: int):
    _secretariaat(request)
    post = get_object_or_404(Kostenpost.objects.select_related("werkgroep"), pk=pk)
    form = KoppelForm(request.POST, post=post)
    if not form.is_valid():
        raise PermissionDenied
    services.kostenpost_koppelen(post=post, vergadering=form.cleaned_data["vergadering"])
    messages.success(
        request,
        _("De kostenpost van %(geschreven)s is gekoppeld aan de vergadering van %(datum)s.")
        % {"geschreven": post.vergadering_zoals_geschreven, "datum": post.vergadering.datum},
    )
    return redirect("kosten_controle")

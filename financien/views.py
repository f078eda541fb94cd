"""Ledger pages: the year's ledger for the coordinator, the check page for the secretariat."""

from __future__ import annotations

from collections import OrderedDict

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
from .models import Kostenpost, Kostenstatus
from .resources import KostenpostResource


def _kosten_lezen(request):
    if not selectors.ziet_kosten(request.user):
        raise Http404


def _per_status(lijst: list[Kostenpost]) -> dict:
    """A meeting's amounts per status, as Decimals, for the chart."""
    totalen = dict.fromkeys(Kostenstatus.values, selectors.NUL)
    for post in lijst:
        if post.bedrag is not None:
            totalen[post.status] += post.bedrag
    return totalen


def grootboek_context(werkgroep, jaar: int) -> dict:
    """The year's lines grouped per meeting as written, the totals and the chart: plain data."""
    per_vergadering: OrderedDict[str, list[Kostenpost]] = OrderedDict()
    for post in selectors.posten(werkgroep, jaar):
        sleutel = (
            str(post.vergadering.datum)
            if post.vergadering_id
            else post.vergadering_zoals_geschreven
        )
        per_vergadering.setdefault(sleutel, []).append(post)
    grafiekdata = [(datum, _per_status(lijst)) for datum, lijst in per_vergadering.items()]
    labels = {s.value: str(s.label) for s in Kostenstatus}
    return {
        "werkgroep": werkgroep,
        "jaar": jaar,
        "per_vergadering": list(per_vergadering.items()),
        "totalen": selectors.jaartotalen(werkgroep, jaar),
        "grafiek": kosten_svg(grafiekdata, labels) if grafiekdata else None,
        "jaren": selectors.jaren_met_kosten(werkgroep),
    }


def grootboek(request, slug: str, jaar: int):
    _kosten_lezen(request)
    werkgroep = get_object_or_404(Werkgroep.objects.select_related("thema"), slug=slug)
    return render(request, "financien/grootboek.html", grootboek_context(werkgroep, jaar))


def grootboek_xlsx(request, slug: str, jaar: int):
    """The year's ledger for the accounting department, in the import's columns."""
    _kosten_lezen(request)
    werkgroep = get_object_or_404(Werkgroep, slug=slug)
    data = KostenpostResource().export(
        queryset=selectors.posten(werkgroep, jaar), force_native_type=True
    )
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

"""The access log's page: who downloaded which list or report naming people, newest first."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import render

from . import inzage
from .paginering import pagina
from .rechten import vereist


def inzagelogboek(request):
    """The secretariat's "Inzagelogboek", 50 a page, by user and by month."""
    vereist(request, "kern.inzage_bekijken")
    filter_ = inzage.InzageFilter(request.GET)
    return render(
        request,
        "kern/inzagelogboek.html",
        {
            "filter": filter_,
            "inzagen": pagina(request, inzage.gefilterd(filter_)),
            "gefilterd": filter_.is_valid() and any(filter_.cleaned_data.values()),
            "bewaren_maanden": settings.BEWAREN_INZAGE_MAANDEN,
        },
    )

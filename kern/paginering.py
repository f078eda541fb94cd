"""Long lists in pages: one COUNT and one slice per request, whatever the number of rows.

``pagina(request, rijen)`` reads ``?pagina=`` (a number past the end is the last page, one
that is no number the first: a page is never an error); the template
``_paginering.html`` links the pages by their numbers, with "Vorige" and "Volgende".
"""

from __future__ import annotations

from django.core.paginator import Page, Paginator

#: Rows on one page of a list: a screen or two on a phone, a page that renders fast.
PER_PAGINA = 50


def pagina(request, rijen, per_pagina: int = PER_PAGINA) -> Page:
    """The asked page of ``rijen`` (a queryset: counted and sliced in the database)."""
    return Paginator(rijen, per_pagina).get_page(request.GET.get("pagina"))

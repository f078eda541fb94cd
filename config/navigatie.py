"""Where the navigation's "Kosten" and "Verslagen" lead: a working group's ledger or its
reports. Both are pages of one group, and the navigation is on every page, so it links to
``/kosten/`` and ``/verslagen/``, which open the group's page when the user sees one group
and list the groups otherwise; the navigation itself costs no query.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, ExtractYear
from django.urls import reverse

from financien.models import Kostenpost
from werkgroep import selectors as werkgroep_selectors
from werkgroep.models import Vergadering, Werkgroep


@dataclass(frozen=True)
class Bestemming:
    werkgroep: Werkgroep
    url: str
    jaar: int | None = None


def kosten(user, vandaag: dt.date) -> list[Bestemming]:
    """Per visible group its ledger of the latest year with cost lines (a group's work may
    lie years back: the current year would be empty), else of its latest year with meetings,
    else of this year. One query."""
    laatste_kosten = Kostenpost.objects.filter(werkgroep=OuterRef("pk")).order_by("-jaar")
    laatste_vergadering = Vergadering.objects.filter(werkgroep=OuterRef("pk")).order_by(
        "-datum_van"
    )
    werkgroepen = werkgroep_selectors.zichtbare_werkgroepen(user).annotate(
        kostenjaar=Coalesce(
            Subquery(laatste_kosten.values("jaar")[:1]),
            Subquery(laatste_vergadering.annotate(j=ExtractYear("datum_van")).values("j")[:1]),
            Value(vandaag.year),
        )
    )
    return [
        Bestemming(
            w, reverse("financien:kosten_grootboek", args=[w.slug, w.kostenjaar]), w.kostenjaar
        )
        for w in werkgroepen.order_by("titel")
    ]


def verslagen(user) -> list[Bestemming]:
    """Per visible group the page with its years of reports."""
    return [
        Bestemming(w, reverse("rapportage:jaarverslag_jaren", args=[w.slug]))
        for w in werkgroep_selectors.zichtbare_werkgroepen(user).order_by("titel")
    ]

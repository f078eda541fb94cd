"""The consolidated result of a validation session: computed from the scores, never typed.

The one place for it: the session page and its PDF report (through
``selectors.sessie_overzicht``, which decides whose scores this reader sees) and the
yearly report read their rows here. Per criterion each subgroup's score side by
side, their mean as a ``Decimal`` rounded half-up to two places, and whether the
subgroups disagree strongly: their scores lie at least half the criterion's scale
apart (two points on 1–5). Only a subgroup whose scores are complete counts: a draft
is kept, but never part of a result.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .grafiek import scores_svg
from .models import Criterium, Scorestand, Subgroep, Validatiesessie

HONDERDSTE = Decimal("0.01")


@dataclass(frozen=True)
class Rij:
    """One criterion: each subgroup's score side by side, their mean and spread."""

    criterium: Criterium
    scores: list[int | None]
    gemiddelde: Decimal | None
    spreiding: int | None
    oneens: bool


def geconsolideerd(sessie: Validatiesessie, subgroepen: list[Subgroep]) -> list[Rij]:
    """A row per criterion of the session's version, for ``subgroepen`` in their order."""
    per_subgroep = [{s.criterium_id: s.score for s in sg.scores.all()} for sg in subgroepen]
    rijen = []
    for criterium in sessie.methodeversie.criteria.all():
        scores = [scores.get(criterium.pk) for scores in per_subgroep]
        gegeven = [s for s in scores if s is not None]
        if gegeven:
            gemiddelde = (Decimal(sum(gegeven)) / Decimal(len(gegeven))).quantize(
                HONDERDSTE, rounding=ROUND_HALF_UP
            )
            spreiding = max(gegeven) - min(gegeven)
        else:
            gemiddelde, spreiding = None, None
        oneens = spreiding is not None and len(gegeven) > 1 and spreiding >= criterium.schaal.helft
        rijen.append(Rij(criterium, scores, gemiddelde, spreiding, oneens))
    return rijen


def uitslag(sessie: Validatiesessie, subgroepen: list[Subgroep]) -> dict:
    """The criteria, the rows and the chart of those of ``subgroepen`` (the ones the reader
    may see, with ``met_scorestand``) whose scores are complete; the drafts apart."""
    volledig = [sg for sg in subgroepen if sg.scorestand is Scorestand.VOLLEDIG]
    criteria = list(sessie.methodeversie.criteria.all())
    rijen = geconsolideerd(sessie, volledig)
    grafiek = scores_svg(criteria, volledig, rijen) if volledig and criteria else None
    return {
        "criteria": criteria,
        "rijen": rijen,
        "grafiek": grafiek,
        "subgroepen_in_uitslag": volledig,
        "onvolledige_subgroepen": [sg for sg in subgroepen if sg not in volledig],
    }

"""Rows of the scores export: one row per subgroup and criterion, remarks alongside."""

import tablib
from django.utils.translation import override

from .models import Punt

KOPPEN = [
    "werkgroep", "vergadering", "project", "product", "methodeversie", "oordeel", "subgroep",
    "rapporteur", "criterium", "verplicht", "score", "commentaar", "sterktes", "aandachtspunten",
    "knelpunten", "aanbevelingen",
]  # fmt: skip


def scores_dataset(scores) -> tablib.Dataset:
    data = tablib.Dataset(headers=KOPPEN)
    with override("nl-be"):
        for s in scores:
            sg, sessie = s.subgroep, s.subgroep.sessie
            punten = sg.punten_als_tekst()
            data.append(
                [
                    sessie.vergadering.werkgroep.slug,
                    str(sessie.vergadering.datum),
                    sessie.product.project.naam,
                    sessie.product.titel,
                    str(sessie.methodeversie),
                    sessie.get_oordeel_display(),
                    str(sg.soort),
                    str(sg.rapporteur or ""),
                    s.criterium.naam,
                    "ja" if s.criterium.verplicht else "nee",
                    "" if s.score is None else s.score,
                    s.commentaar,
                    sg.sterktes,
                    punten[Punt.Soort.AANDACHTSPUNT.veld],
                    punten[Punt.Soort.KNELPUNT.veld],
                    sg.aanbevelingen,
                ]
            )
    return data

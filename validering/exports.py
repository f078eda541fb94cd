"""Rows of the scores export: one row per subgroup and criterion, remarks alongside."""

import tablib
from django.utils.translation import gettext as _
from django.utils.translation import override

from .models import Punt

KOPPEN = [
    "werkgroep", "vergadering", "project", "product", "methodeversie", "oordeel", "subgroep",
    "rapporteur", "criterium", "verplicht", "score", "commentaar", "sterktes", "aandachtspunten",
    "knelpunten", "aanbevelingen",
]  # fmt: skip


def _datum(datum):
    """A known day as a date (a date cell in XLSX, 25/09/2006 in CSV); else as written."""
    return datum.van if datum.dag_bekend else str(datum)


def scores_dataset(scores, jaar: int | None = None) -> tablib.Dataset:
    data = tablib.Dataset(headers=KOPPEN)
    if jaar is not None:
        data.title = _("Scores %(jaar)s") % {"jaar": jaar}
    with override("nl-be"):
        for s in scores:
            sg, sessie = s.subgroep, s.subgroep.sessie
            punten = sg.punten_als_tekst()
            data.append(
                [
                    sessie.vergadering.werkgroep.slug,
                    _datum(sessie.vergadering.datum),
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

"""The scores export as people open it: a named sheet, a bold header, the meeting's day
as a date cell (and, in CSV, as the day it always was)."""

import io

import openpyxl
from django.urls import reverse

from tests.validering.conftest import score_data, scoren_url

GROEP = "regierol-van-de-lokale-besturen"


def test_the_scores_xlsx_has_a_named_sheet_and_a_date_cell(
    client_van, coordinator, rapporteur, peers, sessie
):
    client_van(rapporteur).post(scoren_url(peers), score_data(peers, [4, 3, 5, 2]))
    client = client_van(coordinator)
    inhoud = client.get(reverse("validering:validering_scores_export", args=[GROEP, 2006, "xlsx"]))
    blad = openpyxl.load_workbook(io.BytesIO(inhoud.getvalue())).active
    assert blad.title == "Scores 2006"
    assert blad["A1"].value == "werkgroep" and all(cel.font.bold for cel in blad[1])
    assert blad.freeze_panes == "A2"
    datum = blad["B2"]
    assert sessie.vergadering.datum.dag_bekend
    assert datum.is_date and datum.value.date() == sessie.vergadering.datum.van
    assert datum.number_format == "dd/mm/yyyy"
    assert blad["K2"].data_type == "n"  # a score is a number
    csv = client.get(reverse("validering:validering_scores_export", args=[GROEP, 2006, "csv"]))
    regel = csv.getvalue().decode("utf-8-sig").splitlines()[1]
    assert regel.split(";")[1] == str(sessie.vergadering.datum)  # "06/06/2006", as before

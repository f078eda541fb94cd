"""Attendance is taken from the meeting's day on (issue 25): before it the attendance
screen has no save button and says why, in Dutch, and a save sent anyway (an old page, a
second tab) is refused with the same words and saves nothing, of members or guests. The
rule is werkgroep's ``vergadering_begonnen``, the one of every step after a meeting."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests import bouwers
from uitnodigingen import services
from uitnodigingen.models import Uitnodiging
from werkgroep.models import Aanwezigheid, Vergadering

VANDAAG = timezone.localdate()
MORGEN = VANDAAG + dt.timedelta(days=1)
WEIGERING = (
    "De vergadering van {dag} is nog niet begonnen: u neemt de aanwezigheid op vanaf die dag."
)


@pytest.fixture
def morgen(seed):
    vergadering = bouwers.maak_vergadering(seed, MORGEN.strftime("%d/%m/%Y"))
    Uitnodiging.objects.create(
        vergadering=vergadering, email="anna@elders.be", naam="Anna Peeters",
        uitgenodigd_op=timezone.now(),
    )  # fmt: skip
    return vergadering


def _url(vergadering) -> str:
    return reverse("uitnodigingen:vergadering_aanwezigheid", args=[vergadering.pk])


def _alles_aanwezig(pagina) -> dict:
    """Every member and invited guest marked present, as a filled-in page would send it."""
    form, gasten = pagina.context["form"], pagina.context["uitgenodigde_gasten"]
    data = {"gelezen": "", "gasten_gelezen": ""}
    for _rij, _antwoord, veld, _eigen in form.lijst():
        data[veld.html_name] = "aanwezig"
    for _gast, _antwoord, veld in gasten.lijst():
        data[veld.html_name] = "aanwezig"
    data.update({"gast-TOTAL_FORMS": "0", "gast-INITIAL_FORMS": "0"})
    data.update({"gast-MIN_NUM_FORMS": "0", "gast-MAX_NUM_FORMS": "20"})
    return data


def test_before_the_day_the_screen_has_no_save_button_and_says_why(
    client_van, secretariaat, morgen
):
    pagina = client_van(secretariaat).get(_url(morgen))
    tekst = pagina.content.decode()
    assert "Aanwezigheid opslaan" not in tekst
    assert WEIGERING.format(dag=MORGEN.strftime("%d/%m/%Y")) in tekst


def test_a_save_before_the_day_is_refused_and_saves_nothing(client_van, secretariaat, morgen):
    client = client_van(secretariaat)
    data = _alles_aanwezig(client.get(_url(morgen)))
    antwoord = client.post(_url(morgen), data)
    assert antwoord.status_code == 200
    assert WEIGERING.format(dag=MORGEN.strftime("%d/%m/%Y")) in antwoord.content.decode()
    assert not Aanwezigheid.objects.filter(vergadering=morgen).exists()
    assert not Uitnodiging.objects.filter(vergadering=morgen).exclude(aanwezigheid="").exists()


def test_on_the_day_the_same_save_is_taken(client_van, secretariaat, morgen):
    client = client_van(secretariaat)
    Vergadering.objects.filter(pk=morgen.pk).update(datum_van=VANDAAG, datum_tot=VANDAAG)
    pagina = client.get(_url(morgen))
    assert "Aanwezigheid opslaan" in pagina.content.decode()
    assert client.post(_url(morgen), _alles_aanwezig(pagina)).status_code == 302
    assert Aanwezigheid.objects.filter(vergadering=morgen).exists()
    assert Uitnodiging.objects.get(vergadering=morgen).aanwezigheid == "aanwezig"


def test_the_service_reads_the_day_it_is_asked_on(morgen):
    lid = bouwers.maak_deelnemer()
    opnemen = dict(
        vergadering=morgen, statussen={lid.pk: "aanwezig"}, gelezen={},
        gasten_statussen={}, gasten_gelezen={},
    )  # fmt: skip
    with pytest.raises(ValidationError):
        services.aanwezigheid_opnemen(**opnemen, vandaag=VANDAAG)
    assert not Aanwezigheid.objects.filter(vergadering=morgen).exists()
    assert services.aanwezigheid_opnemen(**opnemen, vandaag=MORGEN)["aanwezig"] == 1

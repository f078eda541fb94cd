"""The shared admin: every page answers the secretariat and refuses a member."""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests import bouwers
from tests.bouwers import groei
from tests.formulieren import formulier
from werkgroep.models import Vergadering

APP_LABELS = {"werkgroep", "projecten", "validering", "financien", "rapportage"}
# Every model of the project's apps, and the accounts the secretariat creates.
MODELLEN = [
    m
    for m in admin.site._registry
    if m._meta.app_label in APP_LABELS or m._meta.label == "auth.User"
]


# Scores and points are written on their subgroup (one versioned save), never added alone.
ALLEEN_VIA_SUBGROEP = {"validering.Score", "validering.Punt"}
GEMELD = {"werkgroep.Adresconflict"}  # reported by the migration or a link, never typed in


def _naam(model):
    return f"admin:{model._meta.app_label}_{model._meta.model_name}"


@pytest.fixture
def alle_soorten(seed, secretariaat):
    """At least one record of every model registered in the admin."""
    bouwers.een_van_elk(seed, secretariaat)


def test_the_admin_has_its_own_dutch_title(client_van, secretariaat):
    antwoord = client_van(secretariaat).get(reverse("admin:index"))
    assert "Beheer van de themawerkgroep" in antwoord.content.decode()


@pytest.mark.parametrize("model", MODELLEN, ids=lambda m: m._meta.label)
def test_every_changelist_add_and_change_page_answers_the_secretariat(
    client_van, secretariaat, alle_soorten, model
):
    client = client_van(secretariaat)
    assert client.get(reverse(f"{_naam(model)}_changelist")).status_code == 200
    toevoegen = 403 if model._meta.label in ALLEEN_VIA_SUBGROEP | GEMELD else 200
    assert client.get(reverse(f"{_naam(model)}_add")).status_code == toevoegen
    obj = model._default_manager.first()
    assert obj is not None, f"no {model.__name__} to open"
    assert client.get(reverse(f"{_naam(model)}_change", args=[obj.pk])).status_code == 200


@pytest.mark.parametrize("model", MODELLEN, ids=lambda m: m._meta.label)
def test_every_admin_page_refuses_a_member(client_van, lid, alle_soorten, model):
    client = client_van(lid)
    obj = model._default_manager.first()
    for url in [
        reverse(f"{_naam(model)}_changelist"),
        reverse(f"{_naam(model)}_add"),
        reverse(f"{_naam(model)}_change", args=[obj.pk]),
    ]:
        antwoord = client.get(url)
        assert antwoord.status_code == 302 and "/admin/login/" in antwoord["Location"], url


def test_the_coordinator_reads_but_does_not_change(client_van, coordinator, seed):
    client = client_van(coordinator)
    vergadering = Vergadering.objects.first()
    assert client.get(reverse("admin:werkgroep_vergadering_changelist")).status_code == 200
    assert client.get(reverse("admin:werkgroep_vergadering_add")).status_code == 403
    wijzig = client.get(reverse("admin:werkgroep_vergadering_change", args=[vergadering.pk]))
    assert wijzig.status_code == 200
    assert 'name="_save"' not in wijzig.content.decode()  # view-only


def test_the_secretariat_makes_a_month_only_date_exact_without_losing_it(
    client_van, secretariaat, seed
):
    vergadering = Vergadering.objects.get(kenmerk="2006-12")
    client = client_van(secretariaat)
    url = reverse("admin:werkgroep_vergadering_change", args=[vergadering.pk])
    data = formulier(client.get(url))  # as the page holds it, its snapshot included
    data.update({"datum": "14/12/2006", "aanvang": "14:00", "plaats": "Brussel"})
    antwoord = client.post(url, data)
    assert antwoord.status_code == 302, antwoord.content.decode()[:3000]
    vergadering.refresh_from_db()
    assert str(vergadering.datum) == "14/12/2006"
    assert vergadering.oorspronkelijke_datum == "december 2006"
    assert vergadering.kenmerk == "2006-12"
    vorige = vergadering.history.order_by("history_date")
    assert [str(h.instance.datum) for h in vorige] == ["december 2006", "14/12/2006"][
        -vorige.count() :
    ]
    assert vorige.last().history_user == secretariaat


def test_the_admin_refuses_an_unreadable_date_with_a_message(client_van, secretariaat, seed):
    vergadering = Vergadering.objects.get(kenmerk="2006-12")
    antwoord = client_van(secretariaat).post(
        reverse("admin:werkgroep_vergadering_change", args=[vergadering.pk]),
        {
            "werkgroep": vergadering.werkgroep_id,
            "soort": "rondetafel",
            "status": "gepland",
            "datum": "ergens in de winter",
            "kenmerk": "2006-12",
            "agendapunten-TOTAL_FORMS": "0",
            "agendapunten-INITIAL_FORMS": "0",
            "aanwezigheden-TOTAL_FORMS": "0",
            "aanwezigheden-INITIAL_FORMS": "0",
            "presentaties-TOTAL_FORMS": "0",
            "presentaties-INITIAL_FORMS": "0",
            "kostenposten-TOTAL_FORMS": "0",  # financien's inline (issue 15 C)
            "kostenposten-INITIAL_FORMS": "0",
        },  # fmt: skip
    )
    assert antwoord.status_code == 200
    assert "geen datum die we kennen" in antwoord.content.decode()


# Each changelist's exact query count: a new query shows up here.
CHANGELISTS = {
    "werkgroep_organisatie": 12, "werkgroep_deelnemer": 13, "werkgroep_lidmaatschap": 13,
    "werkgroep_vergadering": 15, "werkgroep_agendapunt": 13, "werkgroep_aanwezigheid": 13,
    "projecten_project": 13, "projecten_projectorganisatie": 13, "projecten_product": 13,
    "projecten_presentatie": 14, "projecten_projectfiche": 13, "financien_kostenpost": 15,
}  # fmt: skip


@pytest.mark.parametrize(("changelist", "vragen"), CHANGELISTS.items())
def test_changelists_keep_their_query_count_as_rows_grow(
    client_van, secretariaat, seed, changelist, vragen, django_assert_num_queries
):
    client = client_van(secretariaat)
    url = reverse(f"admin:{changelist}_changelist")
    groei(seed, 10)
    with django_assert_num_queries(vragen):
        assert client.get(url).status_code == 200
    groei(seed, 190)
    with django_assert_num_queries(vragen):
        assert client.get(url).status_code == 200

"""A stale save of a subgroup's scores merges with what was saved in between: the rapporteur
online (Ann Jughmans, the peers of Werk.waardig's validation) and the secretariat in the admin.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.bouwers import aangemeld
from tests.projecten.test_samenvoegen import formulierdata, meldingen, tijd
from tests.validering.conftest import score_data, scoren_url
from validering.models import Criterium, Punt, Score, Subgroep


def admin_url(subgroep) -> str:
    return reverse("admin:validering_subgroep_change", args=[subgroep.pk])


def criteria(subgroep) -> list[Criterium]:
    return list(subgroep.sessie.methodeversie.criteria.order_by("volgorde"))


def scores(subgroep) -> list[int | None]:
    gegeven = {s.criterium_id: s.score for s in Score.objects.filter(subgroep=subgroep)}
    return [gegeven.get(c.pk) for c in criteria(subgroep)]


def admin_formulier(client, subgroep) -> dict:
    """The admin's change form as the browser sends it back unchanged."""
    antwoord = client.get(admin_url(subgroep))
    form = antwoord.context["adminform"].form
    data = {}
    for naam, waarde in form.initial.items():
        if naam not in form.fields:
            continue
        if isinstance(waarde, list):
            waarde = [getattr(w, "pk", w) for w in waarde]
        data[naam] = "" if waarde is None else waarde
    for inline in antwoord.context["inline_admin_formsets"]:
        beheer = inline.formset.management_form
        data.update({beheer.add_prefix(k): v for k, v in beheer.initial.items()})
    return data


@pytest.fixture
def ann(rapporteur):
    return aangemeld(rapporteur)


@pytest.fixture
def secretariaat_client(secretariaat):
    return aangemeld(secretariaat)


def test_the_subgroup_admin_claims_a_version_with_every_save(secretariaat_client, peers):
    data = admin_formulier(secretariaat_client, peers)
    data[f"score_{criteria(peers)[0].pk}"] = "2"
    assert secretariaat_client.post(admin_url(peers), data).status_code == 302
    peers.refresh_from_db()
    assert (peers.versie, scores(peers)[0]) == (1, 2)
    assert peers.history.get(versie=1).inhoud[f"score_{criteria(peers)[0].pk}"] == "2"


def test_a_rapporteurs_stale_save_keeps_the_secretariats_correction(
    ann, secretariaat_client, peers
):
    eerste = criteria(peers)[0]
    data = admin_formulier(secretariaat_client, peers)
    data[f"score_{eerste.pk}"] = "2"
    data[f"commentaar_{eerste.pk}"] = "Gecorrigeerd door het secretariaat"
    secretariaat_client.post(admin_url(peers), data)
    # Ann's form was opened at version 0: criterion 1 untouched, the others scored.
    stale = score_data(peers, [None, 3, 4, 5], versie=0, sterktes="Helder")
    stale[f"commentaar_{eerste.pk}"] = ""
    antwoord = ann.post(scoren_url(peers), stale, follow=True)
    assert antwoord.status_code == 200
    assert scores(peers) == [2, 3, 4, 5]
    peers.refresh_from_db()
    assert (peers.sterktes, peers.versie) == ("Helder", 2)
    assert Score.objects.get(subgroep=peers, criterium=eerste).commentaar == (
        "Gecorrigeerd door het secretariaat"
    )
    tekst = meldingen(antwoord)
    assert f"Overgenomen van secretariaat, {tijd(1, peers)}: 1. Haalbaarheid, " in tekst
    assert "commentaar bij Haalbaarheid" in tekst
    assert "Van u: " in tekst and "sterktes" in tekst


def test_the_same_score_from_both_sides_is_no_conflict(ann, secretariaat_client, peers):
    data = admin_formulier(secretariaat_client, peers)
    data[f"score_{criteria(peers)[0].pk}"] = "4"
    data[f"commentaar_{criteria(peers)[0].pk}"] = "commentaar Haalbaarheid"
    secretariaat_client.post(admin_url(peers), data)
    assert ann.post(scoren_url(peers), score_data(peers, [4, 3, 3, 3])).status_code == 302
    assert scores(peers) == [4, 3, 3, 3]


def test_different_remarks_from_both_sides_save_nothing_and_show_both(
    ann, secretariaat_client, peers
):
    data = admin_formulier(secretariaat_client, peers)
    data["sterktes"] = "Sterk volgens het secretariaat"
    secretariaat_client.post(admin_url(peers), data)
    antwoord = ann.post(
        scoren_url(peers), score_data(peers, [1, 2, 3, 4], sterktes="Sterk volgens Ann")
    )
    assert antwoord.status_code == 200
    pagina = antwoord.content.decode()
    assert f"Intussen opgeslagen door secretariaat, {tijd(1, peers)}." in pagina
    assert "Niets is bewaard: bij sterktes botsen" in pagina
    assert '<del class="bg-danger-subtle">het secretariaat</del>' in pagina
    assert '<ins class="bg-success-subtle">Ann</ins>' in pagina
    assert scores(peers) == [None, None, None, None]
    assert Subgroep.objects.get(pk=peers.pk).sterktes == "Sterk volgens het secretariaat"
    # Saving the form as it came back would store the marker lines: refused on the field.
    data = formulierdata(antwoord)
    geweigerd = ann.post(scoren_url(peers), data)
    assert geweigerd.status_code == 200
    assert "bevat nog de lijnen met =====" in geweigerd.context["form"].errors["sterktes"][0]
    assert scores(peers) == [None, None, None, None]
    # Both texts kept, the lines wiped: saved, with Ann's scores.
    data["sterktes"] = "Sterk volgens Ann\nSterk volgens het secretariaat"
    opnieuw = ann.post(scoren_url(peers), data)
    assert opnieuw.status_code == 302
    sterktes = Subgroep.objects.get(pk=peers.pk).sterktes
    assert "Sterk volgens het secretariaat" in sterktes and "Sterk volgens Ann" in sterktes
    assert scores(peers) == [1, 2, 3, 4]


def test_different_scores_keep_the_stored_one_and_show_mine(ann, secretariaat_client, peers):
    eerste = criteria(peers)[0]
    data = admin_formulier(secretariaat_client, peers)
    data[f"score_{eerste.pk}"] = "2"
    secretariaat_client.post(admin_url(peers), data)
    antwoord = ann.post(scoren_url(peers), score_data(peers, [5, 5, 5, 5]))
    assert antwoord.status_code == 200
    assert "De opgeslagen keuze staat ingevuld; de uwe was 5." in antwoord.content.decode()
    data = formulierdata(antwoord)
    assert (data[f"score_{eerste.pk}"], data["gelezen_versie"]) == ("2", "1")
    assert ann.post(scoren_url(peers), data).status_code == 302
    assert scores(peers) == [2, 5, 5, 5]


def test_different_points_keep_the_lines_of_both(ann, secretariaat_client, peers):
    data = admin_formulier(secretariaat_client, peers)
    data["knelpunten"] = "Regie\nFinanciering"
    secretariaat_client.post(admin_url(peers), data)
    antwoord = ann.post(scoren_url(peers), score_data(peers, [1, 1, 1, 1], knelpunten="Tijd"))
    assert antwoord.status_code == 200
    assert formulierdata(antwoord)["knelpunten"] == "Regie\nFinanciering\nTijd"
    assert ann.post(scoren_url(peers), formulierdata(antwoord)).status_code == 302
    assert sorted(Punt.objects.filter(subgroep=peers).values_list("tekst", flat=True)) == [
        "Financiering",
        "Regie",
        "Tijd",
    ]


def test_a_third_save_after_a_conflict_is_detected_again(ann, secretariaat_client, peers):
    data = admin_formulier(secretariaat_client, peers)
    secretariaat_client.post(admin_url(peers), {**data, "sterktes": "Eerste correctie"})
    conflict = ann.post(scoren_url(peers), score_data(peers, [1, 1, 1, 1], sterktes="Ann"))
    data = admin_formulier(secretariaat_client, peers)
    secretariaat_client.post(admin_url(peers), {**data, "sterktes": "Tweede correctie"})
    opnieuw = ann.post(scoren_url(peers), {**formulierdata(conflict), "sterktes": "Ann, herzien"})
    assert opnieuw.status_code == 200
    assert "Niets is bewaard" in opnieuw.content.decode()
    assert Subgroep.objects.get(pk=peers.pk).sterktes == "Tweede correctie"


def test_my_own_save_in_another_tab_is_named_as_mine(ann, peers):
    assert ann.post(scoren_url(peers), score_data(peers, [1, 1, 1, 1])).status_code == 302
    antwoord = ann.post(scoren_url(peers), score_data(peers, [2, 2, 2, 2]))
    assert f"Intussen opgeslagen door u zelf, in een ander venster, {tijd(1, peers)}." in (
        antwoord.content.decode()
    )


# The secretariat's stale admin form.


def test_the_admin_keeps_the_rapporteurs_scores_saved_in_between(ann, secretariaat_client, peers):
    data = admin_formulier(secretariaat_client, peers)
    ann.post(scoren_url(peers), score_data(peers, [4, 3, 5, 2], aandachtspunten="Kost"))
    data["aanbevelingen"] = "Aanbeveling van het secretariaat"
    antwoord = secretariaat_client.post(admin_url(peers), data, follow=True)
    assert antwoord.status_code == 200
    assert scores(peers) == [4, 3, 5, 2]
    peers.refresh_from_db()
    assert (peers.aanbevelingen, peers.versie) == ("Aanbeveling van het secretariaat", 2)
    assert list(Punt.objects.filter(subgroep=peers).values_list("tekst", flat=True)) == ["Kost"]
    assert f"Overgenomen van Ann Jughmans, {tijd(1, peers)}: 1. Haalbaarheid" in meldingen(antwoord)


def test_the_admin_shows_a_conflict_saves_nothing_and_keeps_both_on_the_next_save(
    ann, secretariaat_client, peers
):
    data = admin_formulier(secretariaat_client, peers)
    ann.post(scoren_url(peers), score_data(peers, [4, 3, 5, 2], sterktes="Van Ann"))
    data["sterktes"] = "Van het secretariaat"
    antwoord = secretariaat_client.post(admin_url(peers), data)
    assert antwoord.status_code == 200
    pagina = antwoord.content.decode()
    assert f"Intussen opgeslagen door Ann Jughmans, {tijd(1, peers)}." in pagina
    assert '<ins class="bg-success-subtle">het secretariaat</ins>' in pagina
    assert Subgroep.objects.get(pk=peers.pk).sterktes == "Van Ann"
    form = antwoord.context["adminform"].form
    opnieuw = {k: v for k, v in form.data.lists() if k != "csrfmiddlewaretoken"}
    # As it came back, with the marker lines: refused on the field.
    geweigerd = secretariaat_client.post(admin_url(peers), opnieuw)
    assert geweigerd.status_code == 200
    assert "lijnen met =====" in geweigerd.context["adminform"].form.errors["sterktes"][0]
    assert Subgroep.objects.get(pk=peers.pk).sterktes == "Van Ann"
    opnieuw["sterktes"] = ["Van Ann\nVan het secretariaat"]
    assert secretariaat_client.post(admin_url(peers), opnieuw).status_code == 302
    sterktes = Subgroep.objects.get(pk=peers.pk).sterktes
    assert "Van Ann" in sterktes and "Van het secretariaat" in sterktes
    assert scores(peers) == [4, 3, 5, 2]


def test_a_restored_version_brings_back_its_scores(ann, secretariaat_client, peers):
    ann.post(scoren_url(peers), score_data(peers, [1, 1, 1, 1]))
    ann.post(scoren_url(peers), score_data(peers, [5, 5, 5, 5], versie=1))
    versie_een = peers.history.filter(versie=1).latest("history_date")
    url = reverse("admin:validering_subgroep_simple_history", args=[peers.pk, versie_een.pk])
    antwoord = secretariaat_client.get(url)
    form = antwoord.context["adminform"].form
    assert form.initial[f"score_{criteria(peers)[0].pk}"] == "1"
    assert form.initial["gelezen_versie"] == 2
    data = {}
    for naam, waarde in form.initial.items():
        if naam in form.fields:
            waarde = [getattr(w, "pk", w) for w in waarde] if isinstance(waarde, list) else waarde
            data[naam] = "" if waarde is None else waarde
    assert secretariaat_client.post(url, data).status_code == 302
    assert scores(peers) == [1, 1, 1, 1]
    assert Subgroep.objects.get(pk=peers.pk).versie == 3

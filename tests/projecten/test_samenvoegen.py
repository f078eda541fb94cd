"""A stale save of a fiche merges with what was saved in between, on the site and in the admin.

Johan Dejonckheere and Jean-Marie Viaene both work on Werk.waardig; each case starts
with both opening the fiche at version 0.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.bouwers import FICHE_URL as URL
from tests.bouwers import aangemeld, werkwaardig
from tests.bouwers import fiche_posten as opslaan


def formulierdata(antwoord) -> dict[str, str]:
    """What the returned form holds, as the browser would send it back."""
    form = antwoord.context["form"]
    return {veld.html_name: veld.value() or "" for veld in form}


def tijd(versie: int, record=None) -> str:
    """When version ``versie`` of ``record`` (the Werk.waardig fiche) was saved, as the
    messages show it: "14:02"."""
    rij = (record or werkwaardig()).history.filter(versie=versie).latest("history_date")
    return timezone.localtime(rij.history_date).strftime("%H:%M")


def meldingen(antwoord) -> str:
    """The messages the page shows, in one string."""
    return " ".join(str(m) for m in antwoord.context["messages"])


@pytest.fixture
def johan(lid):
    return aangemeld(lid)


@pytest.fixture
def jean_marie(viaene):
    return aangemeld(viaene)


def test_a_field_only_the_other_changed_keeps_their_text(johan, jean_marie):
    assert opslaan(jean_marie, 0, doelgroep="Doelgroep van Jean-Marie").status_code == 302
    antwoord = opslaan(johan, 0, doelgroep="", contact="Johan, 09 123 45 67")
    assert antwoord.status_code == 302
    fiche = werkwaardig()
    assert (fiche.doelgroep, fiche.contact, fiche.versie) == (
        "Doelgroep van Jean-Marie",
        "Johan, 09 123 45 67",
        2,
    )
    tekst = meldingen(johan.get(antwoord["Location"]))
    assert f"Overgenomen van Jean-Marie Viaene, {tijd(1)}: doelgroep." in tekst
    assert "Van u: contactpersoon." in tekst


def test_a_field_only_i_changed_takes_my_text(johan, jean_marie):
    opslaan(jean_marie, 0, aanpak="Aanpak van Jean-Marie")
    assert opslaan(johan, 0, doelgroep="Doelgroep van Johan").status_code == 302
    fiche = werkwaardig()
    assert (fiche.doelgroep, fiche.aanpak) == ("Doelgroep van Johan", "Aanpak van Jean-Marie")
    assert fiche.gewijzigd_door.username == "jdejonckheere"


def test_both_changing_a_field_to_the_same_text_is_no_conflict(johan, jean_marie):
    opslaan(jean_marie, 0, doelgroep="Kwetsbare werkzoekenden")
    antwoord = opslaan(johan, 0, doelgroep="Kwetsbare werkzoekenden\r\n", aanpak="Trajecten")
    assert antwoord.status_code == 302
    fiche = werkwaardig()
    assert (fiche.doelgroep, fiche.aanpak, fiche.versie) == (
        "Kwetsbare werkzoekenden",
        "Trajecten",
        2,
    )


def test_both_changing_a_field_differently_saves_nothing_and_shows_both_texts(johan, jean_marie):
    opslaan(jean_marie, 0, doelgroep="Laaggeschoolde werkzoekenden in Gent")
    antwoord = opslaan(
        johan, 0, doelgroep="Laaggeschoolde jongeren in Gent", aanpak="Aanpak van Johan"
    )
    assert antwoord.status_code == 200
    fiche = werkwaardig()
    assert (fiche.doelgroep, fiche.aanpak, fiche.versie) == (
        "Laaggeschoolde werkzoekenden in Gent",
        "",
        1,
    )
    pagina = antwoord.content.decode()
    assert f"Intussen opgeslagen door Jean-Marie Viaene, {tijd(1)}." in pagina
    assert "Niets is bewaard: bij doelgroep botsen" in pagina
    # Both texts, the differences marked word by word.
    assert '<del class="bg-danger-subtle">werkzoekenden</del>' in pagina
    assert '<ins class="bg-success-subtle">jongeren</ins>' in pagina
    # The form: both texts in the conflicting field, this person's other change kept,
    # and the version merged with, for the next save.
    data = formulierdata(antwoord)
    assert data["gelezen_versie"] == "1"
    assert "Laaggeschoolde jongeren in Gent" in data["doelgroep"]
    assert "Laaggeschoolde werkzoekenden in Gent" in data["doelgroep"]
    assert "===== Opgeslagen door Jean-Marie Viaene" in data["doelgroep"]
    assert data["aanpak"] == "Aanpak van Johan"


CONFLICTLIJNEN = "Deze tekst bevat nog de lijnen met ===== van een botsing."


def test_the_conflict_form_saved_unchanged_is_refused_and_keeps_both_texts(johan, jean_marie):
    opslaan(jean_marie, 0, doelgroep="Tekst van Jean-Marie")
    conflict = opslaan(johan, 0, doelgroep="Tekst van Johan", aanpak="Aanpak van Johan")
    opnieuw = johan.post(URL, {**formulierdata(conflict), "opslaan": "1"})
    assert opnieuw.status_code == 200
    # Nothing stored, the marker lines least of all; the error sits on the field.
    fiche = werkwaardig()
    assert (fiche.doelgroep, fiche.aanpak, fiche.versie) == ("Tekst van Jean-Marie", "", 1)
    assert opnieuw.context["form"].errors["doelgroep"][0].startswith(CONFLICTLIJNEN)
    data = formulierdata(opnieuw)
    assert "===== Uw tekst =====" in data["doelgroep"] and data["aanpak"] == "Aanpak van Johan"
    # Both texts kept, the lines wiped: saved.
    data["doelgroep"] = "Tekst van Johan\nTekst van Jean-Marie"
    assert johan.post(URL, {**data, "opslaan": "1"}).status_code == 302
    fiche = werkwaardig()
    assert fiche.doelgroep == "Tekst van Johan\nTekst van Jean-Marie"
    assert (fiche.aanpak, fiche.versie) == ("Aanpak van Johan", 2)


def test_any_marker_line_left_is_refused_in_either_language(johan, jean_marie):
    opslaan(jean_marie, 0, doelgroep="Tekst van Jean-Marie")
    conflict = formulierdata(opslaan(johan, 0, doelgroep="Tekst van Johan"))
    regels = conflict["doelgroep"].splitlines()
    for lijn in [regels[0], regels[2], regels[4], "  ===== Saved by Jan Peeters =====  "]:
        data = {**conflict, "doelgroep": f"Tekst van Johan\n{lijn}\n", "opslaan": "1"}
        assert johan.post(URL, data).status_code == 200, lijn
    assert werkwaardig().versie == 1
    # Equals signs in a text of one's own are no marker line.
    data = {**conflict, "doelgroep": "Score ===== goed\n=====", "opslaan": "1"}
    assert johan.post(URL, data).status_code == 302


def test_a_merged_text_saved_after_a_conflict_replaces_both(johan, jean_marie):
    opslaan(jean_marie, 0, doelgroep="Tekst van Jean-Marie")
    conflict = opslaan(johan, 0, doelgroep="Tekst van Johan")
    data = {**formulierdata(conflict), "doelgroep": "Samen herschreven", "opslaan": "1"}
    assert johan.post(URL, data).status_code == 302
    assert werkwaardig().doelgroep == "Samen herschreven"


def test_a_third_save_between_the_conflict_and_the_next_save_is_detected_again(johan, jean_marie):
    opslaan(jean_marie, 0, doelgroep="Eerste van Jean-Marie")
    conflict = opslaan(johan, 0, doelgroep="Tekst van Johan")
    assert opslaan(jean_marie, 1, doelgroep="Tweede van Jean-Marie").status_code == 302
    samengevoegd = {**formulierdata(conflict), "doelgroep": "Tekst van Johan, nagekeken"}
    opnieuw = johan.post(URL, {**samengevoegd, "opslaan": "1"})
    assert opnieuw.status_code == 200
    assert "Niets is bewaard" in opnieuw.content.decode()
    assert (werkwaardig().doelgroep, werkwaardig().versie) == ("Tweede van Jean-Marie", 2)
    assert "Tweede van Jean-Marie" in formulierdata(opnieuw)["doelgroep"]


def test_a_save_from_another_tab_of_mine_is_named_as_mine(johan):
    assert opslaan(johan, 0, doelgroep="Eerste tabblad").status_code == 302
    antwoord = opslaan(johan, 0, doelgroep="Tweede tabblad")
    assert antwoord.status_code == 200
    assert f"Intussen opgeslagen door u zelf, in een ander venster, {tijd(1)}." in (
        antwoord.content.decode()
    )


def test_both_texts_are_escaped_in_the_comparison(johan, jean_marie):
    opslaan(jean_marie, 0, doelgroep='<script>alert("JM")</script>')
    antwoord = opslaan(johan, 0, doelgroep="<b>Johan</b>")
    pagina = antwoord.content.decode()
    assert "<script>alert" not in pagina and "<b>Johan</b>" not in pagina
    assert "&lt;script&gt;alert" in pagina and "&lt;b&gt;Johan&lt;/b&gt;" in pagina


def test_a_stale_save_of_a_submitted_fiche_is_refused_and_keeps_the_text(johan, jean_marie):
    opslaan(jean_marie, 0, indienen="1")
    jean_marie.post(URL + "indienen/", {"gelezen_versie": "1", "bevestigen": "1"})
    assert werkwaardig().status == "ingediend"
    # Johan's page still showed the form; his save is refused, his text kept.
    antwoord = opslaan(johan, 0, doelgroep="Mijn doelgroep")
    assert antwoord.status_code == 403
    assert werkwaardig().doelgroep == ""


# The admin: the secretariat's form merges the same way.


def admin_url(fiche) -> str:
    return reverse("admin:projecten_projectfiche_change", args=[fiche.pk])


def admin_formulier(client, fiche) -> dict[str, str]:
    form = client.get(admin_url(fiche)).context["adminform"].form
    data = {k: ("" if v is None else v) for k, v in form.initial.items() if k in form.fields}
    data.update(project=fiche.project_id, werkgroep=fiche.werkgroep_id)
    return data


@pytest.fixture
def secretariaat_client(secretariaat):
    return aangemeld(secretariaat)


def test_the_admin_keeps_a_members_text_saved_in_between(secretariaat_client, johan):
    fiche = werkwaardig()
    data = admin_formulier(secretariaat_client, fiche)
    opslaan(johan, 0, doelgroep="Doelgroep van Johan")
    data["opmerking_secretariaat"] = "Goed begin."
    antwoord = secretariaat_client.post(admin_url(fiche), data, follow=True)
    assert antwoord.status_code == 200
    fiche.refresh_from_db()
    assert (fiche.doelgroep, fiche.opmerking_secretariaat, fiche.versie) == (
        "Doelgroep van Johan",
        "Goed begin.",
        2,
    )
    assert f"Overgenomen van Johan Dejonckheere, {tijd(1)}: doelgroep." in meldingen(antwoord)


def test_the_admin_saves_what_only_the_secretariat_changed(secretariaat_client, johan):
    fiche = werkwaardig()
    data = admin_formulier(secretariaat_client, fiche)
    opslaan(johan, 0, aanpak="Aanpak van Johan")
    data["doelgroep"] = "Doelgroep van het secretariaat"
    assert secretariaat_client.post(admin_url(fiche), data).status_code == 302
    fiche.refresh_from_db()
    assert (fiche.doelgroep, fiche.aanpak) == ("Doelgroep van het secretariaat", "Aanpak van Johan")


def test_the_admin_and_a_member_changing_a_field_alike_is_no_conflict(secretariaat_client, johan):
    fiche = werkwaardig()
    data = admin_formulier(secretariaat_client, fiche)
    opslaan(johan, 0, doelgroep="Zelfde tekst")
    data["doelgroep"] = "Zelfde tekst"
    assert secretariaat_client.post(admin_url(fiche), data).status_code == 302
    assert werkwaardig().doelgroep == "Zelfde tekst"


def test_the_admin_shows_a_conflict_saves_nothing_and_keeps_both_on_the_next_save(
    secretariaat_client, johan
):
    fiche = werkwaardig()
    data = admin_formulier(secretariaat_client, fiche)
    opslaan(johan, 0, doelgroep="Doelgroep van Johan")
    data["doelgroep"] = "Doelgroep van het secretariaat"
    antwoord = secretariaat_client.post(admin_url(fiche), data)
    assert antwoord.status_code == 200
    pagina = antwoord.content.decode()
    assert f"Intussen opgeslagen door Johan Dejonckheere, {tijd(1)}." in pagina
    assert '<ins class="bg-success-subtle">het secretariaat</ins>' in pagina
    assert '<del class="bg-danger-subtle">Johan</del>' in pagina
    assert (werkwaardig().doelgroep, werkwaardig().versie) == ("Doelgroep van Johan", 1)
    # Pressing "Opslaan" again sends what the form now holds: both texts between the marker
    # lines, version 1. Refused, with the error on the field, nothing stored.
    form = antwoord.context["adminform"].form
    opnieuw = {k: v for k, v in form.data.items() if k != "csrfmiddlewaretoken"}
    assert opnieuw["gelezen_versie"] == "1"
    geweigerd = secretariaat_client.post(admin_url(fiche), opnieuw)
    assert geweigerd.status_code == 200
    fouten = geweigerd.context["adminform"].form.errors["doelgroep"]
    assert fouten[0].startswith(CONFLICTLIJNEN)
    assert (werkwaardig().doelgroep, werkwaardig().versie) == ("Doelgroep van Johan", 1)
    # Both kept, the lines wiped: saved.
    opnieuw["doelgroep"] = "Doelgroep van Johan\nDoelgroep van het secretariaat"
    assert secretariaat_client.post(admin_url(fiche), opnieuw).status_code == 302
    assert werkwaardig().doelgroep == "Doelgroep van Johan\nDoelgroep van het secretariaat"


def test_a_restore_from_the_history_merges_with_a_save_made_while_it_was_open(
    secretariaat_client, johan
):
    opslaan(johan, 0, doelgroep="een", aanpak="aanpak een")
    opslaan(johan, 1, doelgroep="twee", aanpak="aanpak een")
    fiche = werkwaardig()
    url = reverse(
        "admin:projecten_projectfiche_simple_history",
        args=[fiche.pk, fiche.history.get(versie=1).history_id],
    )
    form = secretariaat_client.get(url).context["adminform"].form
    data = {k: ("" if v is None else v) for k, v in form.initial.items() if k in form.fields}
    data.update(project=fiche.project_id, werkgroep=fiche.werkgroep_id)
    assert data["gelezen_versie"] == 2  # the version stored when the restore page opened
    opslaan(johan, 2, doelgroep="twee", aanpak="aanpak drie")  # saved in between
    assert secretariaat_client.post(url, data).status_code == 302
    fiche.refresh_from_db()
    assert (fiche.doelgroep, fiche.aanpak, fiche.versie) == ("een", "aanpak drie", 4)

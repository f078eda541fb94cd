"""Any two kept versions of a fiche side by side, per field of its sections, the
differences marked word by word; for whoever may read the fiche, nobody else."""

from __future__ import annotations

import pytest
from django.urls import reverse

from projecten.models import Projectfiche
from tests import bouwers
from tests.bouwers import FICHE_URL, SEED, aangemeld, fiche_bewaard, werkwaardig

URL = f"/projecten/werkwaardig/fiche/versies/?werkgroep={SEED}"


def versies(lid, *teksten: str) -> list[int]:
    """Save the Werk.waardig fiche once per text (its target group), as ``lid``; the history
    ids of its versions, oldest first."""
    for tekst in teksten:
        fiche_bewaard(lid, gelezen_versie=werkwaardig().versie, doelgroep=tekst)
    return list(werkwaardig().history.order_by("history_date").values_list("history_id", flat=True))


def vergelijking(pagina: str) -> str:
    return pagina[pagina.index('id="vergelijking-titel"') :]


def test_the_url_is_named(seed):
    assert reverse("projecten:fiche_versies", args=["werkwaardig"]) == URL.split("?")[0]


def test_the_fiche_page_links_to_its_versions(lid, coordinator):
    for wie in (lid, coordinator):
        pagina = aangemeld(wie).get(FICHE_URL).content.decode()
        assert f'href="{URL}"' in pagina and "Versies vergelijken" in pagina


def test_every_version_is_listed_newest_first_with_when_who_and_status(lid, viaene):
    versies(lid, "Werkzoekenden")
    fiche_bewaard(viaene, gelezen_versie=1, aanpak="Trajecten")
    pagina = aangemeld(lid).get(URL).content.decode()
    rijen = pagina[pagina.index("<tbody>") : pagina.index("</tbody>")]
    assert rijen.index("Jean-Marie Viaene") < rijen.index("Johan Dejonckheere")
    assert rijen.count("concept") == 3  # the seed's state, then two saves
    assert 'class="table-responsive"' in pagina
    for fiche in werkwaardig().history.all():
        assert f'<label class="visually-hidden" for="a-{fiche.history_id}">' in rijen
        assert f'<label class="visually-hidden" for="b-{fiche.history_id}">' in rijen


def test_by_default_the_newest_version_is_compared_with_the_one_before(lid):
    *_eerder, vorige, nieuwste = versies(lid, "Kwetsbare werkzoekenden", "Alle werkzoekenden")
    pagina = aangemeld(lid).get(URL).content.decode()
    assert f'value="{vorige}" id="a-{vorige}" checked' in pagina
    assert f'value="{nieuwste}" id="b-{nieuwste}" checked' in pagina
    deel = vergelijking(pagina)
    assert '<del class="bg-danger-subtle">Kwetsbare</del>' in deel
    assert '<ins class="bg-success-subtle">Alle</ins>' in deel
    # Not colour alone: struck through and underlined, explained, and each changed field named.
    assert "Doorgehaald" in deel and "onderlijnd" in deel
    doelgroep = deel[deel.index("Doelgroep") :]
    assert doelgroep.index("gewijzigd") < doelgroep.index("<del")
    aanpak = deel[deel.index("Aanpak") : deel.index("Link met het thema")]
    assert "gewijzigd" not in aanpak and "in beide versies gelijk" in aanpak


def test_any_two_versions_can_be_compared(lid, secretariaat):
    eerste, *_midden, laatste = versies(lid, "een", "twee", "drie")
    pagina = aangemeld(secretariaat).get(f"{URL}&a={laatste}&b={eerste}").content.decode()
    deel = vergelijking(pagina)
    assert '<del class="bg-danger-subtle">drie</del>' in deel
    assert "<ins" not in deel[deel.index("Doelgroep") :].split("Aanpak")[0]  # the seed's: empty


def test_the_secretariats_status_and_comment_are_compared_too(lid, secretariaat):
    from projecten import services

    versies(lid, "een")
    fiche = werkwaardig()
    services.fiche_indienen(
        project=fiche.project, werkgroep=fiche.werkgroep, gelezen_versie=fiche.versie, door=lid
    )
    services.fiche_beoordelen(
        fiche=fiche, status="teruggestuurd", opmerking="Vul de aanpak aan.", door=secretariaat
    )
    deel = vergelijking(aangemeld(lid).get(URL).content.decode())
    beoordeling = deel[
        deel.index("Beoordeling door het secretariaat") : deel.index("Identificatie")
    ]
    assert '<del class="bg-danger-subtle">ingediend</del>' in beoordeling
    assert "teruggestuurd" in beoordeling and "Vul de aanpak aan." in beoordeling


def test_a_text_is_shown_escaped(lid):
    versies(lid, "gewoon", "<script>alert(1)</script> & meer")
    deel = vergelijking(aangemeld(lid).get(URL).content.decode())
    assert "<script>alert" not in deel
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in deel and "&amp;" in deel


@pytest.mark.parametrize("a", ["abc", "999999", ""])
def test_a_version_that_is_not_this_fiches_gives_a_dutch_error_not_a_crash(lid, viaene, a):
    ids = versies(lid, "een", "twee")
    antwoord = aangemeld(lid).get(f"{URL}&a={a}&b={ids[-1]}")
    assert antwoord.status_code == 200
    pagina = antwoord.content.decode()
    assert "Versie A:" in pagina
    assert "Die versie bestaat niet voor deze fiche" in pagina or "Dit veld is verplicht" in pagina
    assert 'id="vergelijking-titel"' in pagina  # and the default comparison instead


def test_a_version_of_another_fiche_is_refused(lid, seed):
    andere = Projectfiche.objects.exclude(project__slug="werkwaardig").first()
    andere.save()  # a history row of another project's fiche
    vreemd = andere.history.latest("history_date").history_id
    ids = versies(lid, "een")
    pagina = aangemeld(lid).get(f"{URL}&a={vreemd}&b={ids[-1]}").content.decode()
    assert "Die versie bestaat niet voor deze fiche" in pagina
    assert str(andere.project) not in vergelijking(pagina)


def test_with_one_version_there_is_nothing_to_compare(lid):
    Projectfiche.history.all().delete()
    assert "Van deze fiche is nog geen versie bewaard." in aangemeld(lid).get(URL).content.decode()
    werkwaardig().save()
    pagina = aangemeld(lid).get(URL).content.decode()
    assert "Er is nog maar één versie van deze fiche" in pagina


def test_a_member_of_another_project_gets_404(seed):
    bortels = bouwers.lid("Michel", "Bortels", gebruikersnaam="mbortels")
    assert aangemeld(bortels).get(URL).status_code == 404


def test_a_member_of_another_working_group_gets_404(lid_andere_werkgroep):
    assert aangemeld(lid_andere_werkgroep).get(URL).status_code == 404


def test_anonymous_users_are_sent_to_the_login_page(client, seed):
    antwoord = client.get(URL)
    assert antwoord.status_code == 302 and antwoord["Location"].startswith("/accounts/login/")


def test_the_coordinator_and_the_secretariat_may_compare(lid, coordinator, secretariaat):
    versies(lid, "een", "twee")
    for wie in (coordinator, secretariaat):
        assert aangemeld(wie).get(URL).status_code == 200


@pytest.mark.parametrize("aantal", [2, 12])
def test_the_page_reads_a_fixed_number_of_queries_however_many_versions(
    lid, aantal, django_assert_num_queries
):
    versies(lid, *[f"tekst {n}" for n in range(aantal)])
    client = aangemeld(lid)
    client.get(URL)
    # Session and user (2); the request's savepoint (2: open, release); the project (1); is
    # the user on it: their participant and the project among theirs (2); may they read
    # every fiche (2: own and group permissions); the working groups (1) and the fiche (1);
    # the versions without their texts (1); the two compared, with their texts (1); the
    # session saved (3: savepoint, update, release).
    with django_assert_num_queries(16):
        assert client.get(URL).status_code == 200

"""The project fiche online: who may read and save it, and no save is ever lost."""

import io

import pypdf
import pytest
from django.urls import reverse

from tests import bouwers
from tests.bouwers import FICHE_INDIENEN_URL as INDIENEN
from tests.bouwers import FICHE_URL as URL
from tests.bouwers import fiche_bevestigen as bevestigen
from tests.bouwers import fiche_posten as opslaan
from tests.bouwers import groei_projecten, werkwaardig

PDF = "/projecten/werkwaardig/fiche.pdf"


def test_the_fiche_url_is_the_public_contract(seed):
    assert reverse("projecten:fiche", args=["werkwaardig"]) == URL


def test_a_member_opens_and_saves_their_projects_fiche(client_van, lid):
    client = client_van(lid)
    pagina = client.get(URL)
    assert pagina.status_code == 200
    assert 'name="doelgroep"' in pagina.content.decode()
    antwoord = opslaan(client, 0, doelgroep="Kwetsbare werkzoekenden", aanpak="Trajecten")
    assert antwoord.status_code == 302
    fiche = werkwaardig()
    assert (fiche.doelgroep, fiche.aanpak, fiche.versie) == (
        "Kwetsbare werkzoekenden",
        "Trajecten",
        1,
    )
    assert fiche.gewijzigd_door == lid
    assert fiche.status == "concept"


def test_a_member_submits_and_can_no_longer_change_it(client_van, lid):
    client = client_van(lid)
    assert opslaan(client, 0, indienen=True, doelgroep="x").status_code == 302
    assert bevestigen(client, 1).status_code == 302
    assert werkwaardig().status == "ingediend"
    assert 'name="doelgroep"' in client.get(URL).content.decode()  # shown, disabled
    assert opslaan(client, 2, doelgroep="y").status_code == 403
    assert werkwaardig().doelgroep == "x"


def test_a_returned_fiche_shows_the_comment_and_is_editable_again(client_van, lid, secretariaat):
    from projecten.services import fiche_beoordelen

    client = client_van(lid)
    opslaan(client, 0, indienen=True, doelgroep="x")
    bevestigen(client, 1)
    fiche_beoordelen(
        fiche=werkwaardig(),
        status="teruggestuurd",
        opmerking="Vul de aanpak aan.",
        door=secretariaat,
    )
    pagina = client.get(URL).content.decode()
    assert "Vul de aanpak aan." in pagina
    assert opslaan(client, werkwaardig().versie, aanpak="Aangevuld").status_code == 302


def test_returning_a_fiche_needs_a_comment(lid, secretariaat):
    from django.core.exceptions import ValidationError

    from projecten.services import fiche_beoordelen

    with pytest.raises(ValidationError):
        fiche_beoordelen(
            fiche=werkwaardig(), status="teruggestuurd", opmerking=" ", door=secretariaat
        )


@pytest.mark.parametrize("methode", ["get", "post"])
def test_a_member_gets_404_on_another_projects_fiche(client_van, bortels, methode):
    client = client_van(bortels)
    antwoord = opslaan(client, 0, doelgroep="ingebroken") if methode == "post" else client.get(URL)
    assert antwoord.status_code in (403, 404)
    assert werkwaardig().doelgroep == ""
    assert client.get(PDF).status_code in (403, 404)


def test_the_member_can_open_their_own_project_instead(client_van, bortels):
    assert client_van(bortels).get("/projecten/local-mobility-works/fiche/").status_code == 200


def test_the_link_decides_unlinking_the_participant_ends_editing(client_van, lid):
    from projecten.models import ProjectDeelnemer

    ProjectDeelnemer.objects.filter(deelnemer__account=lid).delete()
    assert client_van(lid).get(URL).status_code == 404


@pytest.mark.parametrize("methode", ["get", "post"])
def test_anonymous_users_are_sent_to_the_login_page(client, seed, methode):
    antwoord = getattr(client, methode)(URL)
    assert antwoord.status_code == 302 and antwoord["Location"].startswith("/accounts/login/")


def test_the_coordinator_reads_every_fiche_and_cannot_save(client_van, coordinator, seed):
    client = client_van(coordinator)
    pagina = client.get(URL)
    assert pagina.status_code == 200
    assert "disabled" in pagina.content.decode()
    assert opslaan(client, 0, doelgroep="coördinator was hier").status_code == 403
    assert werkwaardig().doelgroep == ""
    assert client.get("/projecten/regie-diensteneconomie/fiche/").status_code == 200


def test_history_keeps_every_version_with_who(client_van, lid, viaene):
    from django.test import Client

    opslaan(client_van(lid), 0, doelgroep="een")
    tweede = Client()
    tweede.force_login(viaene)
    opslaan(tweede, 1, doelgroep="twee")
    historiek = werkwaardig().history.order_by("history_date")
    # Version 0 came from the fixture, without history: the first save records it, by nobody.
    assert [(h.versie, h.doelgroep, h.history_user) for h in historiek] == [
        (0, "", None),
        (1, "een", lid),
        (2, "twee", viaene),
    ]


def test_the_secretariat_sees_the_history_and_restores_a_version(client_van, lid, secretariaat):
    opslaan(client_van(lid), 0, doelgroep="een")
    opslaan(client_van(lid), 1, doelgroep="twee")
    fiche = werkwaardig()
    client = client_van(secretariaat)
    historiek = client.get(reverse("admin:projecten_projectfiche_history", args=[fiche.pk]))
    assert historiek.status_code == 200 and "jdejonckheere" in historiek.content.decode()
    eerste = fiche.history.get(versie=1)
    url = reverse("admin:projecten_projectfiche_simple_history", args=[fiche.pk, eerste.history_id])
    formulier = client.get(url).context["adminform"].form
    data = {
        k: ("" if v is None else v) for k, v in formulier.initial.items() if k in formulier.fields
    }
    data.update(project=fiche.project_id, werkgroep=fiche.werkgroep_id)
    antwoord = client.post(url, data)
    assert antwoord.status_code == 302, antwoord.content.decode()[:2000]
    fiche.refresh_from_db()
    assert fiche.doelgroep == "een" and fiche.versie == 3
    assert fiche.history.count() == 4  # version 0 (from the fixture), 1, 2 and the restore


def test_the_fiche_pdf_parses_and_holds_the_fiches_text(client_van, lid):
    client = client_van(lid)
    opslaan(client, 0, doelgroep="Kwetsbare werkzoekenden <script>", verwachtingen="Uitwisseling")
    antwoord = client.get(PDF)
    assert antwoord.status_code == 200 and antwoord["Content-Type"] == "application/pdf"
    pdf = pypdf.PdfReader(io.BytesIO(antwoord.getvalue()))
    tekst = " ".join(p.extract_text() for p in pdf.pages)
    assert "Projectfiche Werk.waardig" in tekst
    assert "Kwetsbare werkzoekenden <script>" in tekst  # escaped, printed as typed
    assert "Uitwisseling" in tekst and "Equal" in tekst


def test_home_lists_my_projects_with_their_fiche(client_van, lid):
    pagina = client_van(lid).get("/").content.decode()
    assert "Mijn projecten" in pagina and "Werk.waardig" in pagina
    assert "/projecten/werkwaardig/fiche/" in pagina
    assert "Local Mobility Works" not in pagina


@pytest.mark.parametrize(
    # The PDF: 15, and the access log's record of the download.
    ("url", "aantal"),
    [("/projecten/", 11), (URL, 16), (PDF + "?werkgroep=" + bouwers.SEED, 16)],
)
@pytest.mark.parametrize("projecten", [10, 200])
def test_project_and_fiche_pages_keep_their_query_count(
    client_van, coordinator, seed, url, aantal, projecten, django_assert_num_queries
):
    """The same number of queries however many projects there are."""
    client = client_van(coordinator)
    groei_projecten(projecten)
    with django_assert_num_queries(aantal):
        assert client.get(url).status_code == 200


# Home: its "Te doen" reads the member's invitations and actions (one query each); the
# fiches to write (a draft each here) come from "Mijn projecten", read anyway.
@pytest.mark.parametrize(
    ("url", "aantal"), [("/", 18), ("/projecten/", 12), (URL, 17), (INDIENEN, 17)]
)
@pytest.mark.parametrize("projecten", [5, 50])
def test_the_member_pages_keep_their_query_count(
    client_van, lid, url, aantal, projecten, django_assert_num_queries
):
    client = client_van(lid)
    groei_projecten(projecten, medewerker=lid.deelnemer)
    with django_assert_num_queries(aantal):
        assert client.get(url).status_code == 200

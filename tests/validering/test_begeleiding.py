"""Scoring that guides: the scale's meaning on the form, a partial save kept as a draft
(never part of a result), "Te scoren" cleared when complete, the secretariat naming a
rapporteur on the session page, and how far each session's scores are."""

import io

import pypdf
import pytest
from django.urls import reverse

from tests import bouwers
from tests.validering.conftest import score_data, scoren_url
from validering.models import Criterium, Methodeversie, Score, Scorestand, Subgroep
from werkgroep.models import Vergadering

SESSIE = "/validering/sessies/{}/"
SESSIES = "/validering/sessies/"


def _criteria(subgroep):
    return list(subgroep.sessie.methodeversie.criteria.order_by("volgorde"))


def _volledig(subgroep, score=3):
    Score.objects.bulk_create(
        Score(subgroep=subgroep, criterium=c, score=score) for c in _criteria(subgroep)
    )


def _stand(subgroep) -> Scorestand:
    return Subgroep.objects.met_scorestand().get(pk=subgroep.pk).scorestand


def _meldingen(antwoord) -> list[str]:
    return [str(m) for m in antwoord.context["messages"]]


# ---- The scale's meaning ------------------------------------------------------------------


def test_the_seeds_method_versions_say_nothing_of_the_scales_ends(seed):
    """The source gives no labels for 1 and 5: none are made up."""
    assert set(Methodeversie.objects.values_list("betekenis_laagste", "betekenis_hoogste")) == {
        ("", "")
    }


def test_without_labels_the_form_says_which_end_is_low_and_ties_it_to_each_choice(
    client_van, rapporteur, peers
):
    pagina = client_van(rapporteur).get(scoren_url(peers)).content.decode()
    assert '<div id="schaaluitleg"' in pagina
    assert "Scoor van 1 tot 5: 1 is de laagste score, 5 de hoogste." in pagina
    assert "omschrijft de uiteinden van de schaal niet" in pagina
    assert "blijven de scores een concept" in pagina
    for c in _criteria(peers):
        assert f'aria-describedby="schaaluitleg id_score_{c.pk}_helptext"' in pagina
        assert f'id="id_score_{c.pk}_helptext"' in pagina  # the criterion's question


def test_the_labels_of_the_method_version_are_shown_beside_the_choices(
    client_van, rapporteur, peers
):
    Methodeversie.objects.filter(pk=peers.sessie.methodeversie_id).update(
        betekenis_laagste="helemaal niet", betekenis_hoogste="volledig"
    )
    pagina = client_van(rapporteur).get(scoren_url(peers)).content.decode()
    assert "Scoor van 1 tot 5: 1 = helemaal niet; 5 = volledig." in pagina
    assert ">1 – helemaal niet</option>" in pagina and ">5 – volledig</option>" in pagina
    assert "omschrijft de uiteinden van de schaal niet" not in pagina


def test_an_optional_criterion_says_so_and_a_question_is_text_not_html(
    client_van, rapporteur, peers
):
    eerste, tweede = _criteria(peers)[:2]
    Criterium.objects.filter(pk=eerste.pk).update(verplicht=False)
    Criterium.objects.filter(pk=tweede.pk).update(vraag="<b>Haalbaar</b>?")
    pagina = client_van(rapporteur).get(scoren_url(peers)).content.decode()
    assert f"1. {eerste.naam} (optioneel)" in pagina
    assert "&lt;b&gt;Haalbaar&lt;/b&gt;?" in pagina and "<b>Haalbaar</b>" not in pagina


# ---- Drafts -------------------------------------------------------------------------------


def test_a_partial_save_is_kept_as_a_draft_and_says_what_is_missing(client_van, rapporteur, peers):
    antwoord = client_van(rapporteur).post(
        scoren_url(peers), score_data(peers, [4, 3, None, None]), follow=True
    )
    assert sorted(s for s in peers.scores.values_list("score", flat=True) if s) == [3, 4]
    meldingen = " ".join(_meldingen(antwoord))
    assert "Concept: 2 van 4 criteria gescoord." in meldingen
    assert "Nog te scoren: Kans op transfer, Aanvaardbaarheid." in meldingen
    assert "De scores zijn opgeslagen" not in meldingen
    assert _stand(peers) is Scorestand.CONCEPT
    # The scoring page opens on the draft and says so.
    pagina = client_van(rapporteur).get(scoren_url(peers)).content.decode()
    assert "concept: 2 van 4 criteria gescoord" in pagina


def test_a_complete_save_says_it_is_complete(client_van, rapporteur, peers):
    antwoord = client_van(rapporteur).post(
        scoren_url(peers), score_data(peers, [4, 3, 5, 2]), follow=True
    )
    assert _meldingen(antwoord) == [
        "De scores zijn opgeslagen. Ze zijn volledig: 4 van 4 criteria gescoord."
    ]
    assert _stand(peers) is Scorestand.VOLLEDIG


def test_an_optional_criterion_left_open_leaves_the_scores_complete(client_van, rapporteur, peers):
    laatste = _criteria(peers)[-1]
    Criterium.objects.filter(pk=laatste.pk).update(verplicht=False)
    antwoord = client_van(rapporteur).post(
        scoren_url(peers), score_data(peers, [4, 3, 5, None]), follow=True
    )
    assert "Ze zijn volledig: 3 van 4 criteria gescoord." in " ".join(_meldingen(antwoord))
    assert _stand(peers) is Scorestand.VOLLEDIG


def test_the_stand_is_worked_out_in_the_database(sessie, peers, experten):
    assert (_stand(peers), _stand(experten)) == (Scorestand.GEEN, Scorestand.GEEN)
    eerste = _criteria(peers)[0]
    Score.objects.create(subgroep=peers, criterium=eerste, score=None, commentaar="later")
    assert _stand(peers) is Scorestand.GEEN  # a comment without a score is no score
    Score.objects.filter(subgroep=peers).update(score=2)
    assert _stand(peers) is Scorestand.CONCEPT
    _volledig(experten)
    assert _stand(experten) is Scorestand.VOLLEDIG
    assert list(Subgroep.objects.filter(sessie=sessie).onvolledig()) == [peers]


def test_a_draft_never_counts_in_the_consolidated_result(
    client_van, coordinator, sessie, peers, experten
):
    _volledig(peers, score=4)
    eerste = _criteria(experten)[0]
    Score.objects.create(subgroep=experten, criterium=eerste, score=1)  # a draft
    antwoord = client_van(coordinator).get(SESSIE.format(sessie.pk))
    assert antwoord.context["subgroepen_in_uitslag"] == [peers]
    assert antwoord.context["onvolledige_subgroepen"] == [experten]
    assert [r.scores for r in antwoord.context["rijen"]] == [[4]] * 4
    assert not any(r.oneens for r in antwoord.context["rijen"])  # 4 against 1 is not counted
    pagina = antwoord.content.decode()
    assert "Nog niet in het resultaat" in pagina and "experten (concept)" in pagina


def test_without_a_complete_subgroup_there_is_no_result(
    client_van, coordinator, sessie, peers, experten
):
    Score.objects.create(subgroep=peers, criterium=_criteria(peers)[0], score=5)
    antwoord = client_van(coordinator).get(SESSIE.format(sessie.pk))
    assert antwoord.context["subgroepen_in_uitslag"] == []
    assert antwoord.context["grafiek"] is None
    assert 'class="table table-sm tabel-resultaat"' not in antwoord.content.decode()


def test_the_pdf_report_leaves_drafts_out_of_the_result(
    client_van, coordinator, sessie, peers, experten
):
    _volledig(peers, score=4)
    Score.objects.create(subgroep=experten, criterium=_criteria(experten)[0], score=1)
    antwoord = client_van(coordinator).get(
        reverse("validering:validering_rapport", args=[sessie.pk])
    )
    pdf = pypdf.PdfReader(io.BytesIO(antwoord.getvalue()))
    tekst = " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)
    assert "Nog niet in het resultaat" in tekst and "experten (concept)" in tekst


# ---- "Te scoren" on the rapporteur's home --------------------------------------------------


def _te_scoren(client) -> str:
    pagina = client.get(reverse("site:home")).content.decode()
    if "Te scoren" not in pagina:
        return ""
    return pagina[pagina.index("Te scoren") :]


def test_home_lists_a_subgroup_until_its_scores_are_complete(client_van, rapporteur, peers):
    client = client_van(rapporteur)
    lijst = _te_scoren(client)
    assert scoren_url(peers) in lijst and "nog geen scores" in lijst
    client.post(scoren_url(peers), score_data(peers, [4, 3, None, None]))
    lijst = _te_scoren(client)
    assert scoren_url(peers) in lijst and "concept: 2 van 4 criteria gescoord" in lijst
    client.post(scoren_url(peers), score_data(peers, [4, 3, 5, 2], versie=1))
    assert _te_scoren(client) == ""


def test_the_secretariats_to_do_drops_a_subgroup_once_complete(
    client_van, secretariaat, sessie, peers, experten
):
    client = client_van(secretariaat)
    _volledig(peers)
    Score.objects.create(subgroep=experten, criterium=_criteria(experten)[0], score=2)
    pagina = client.get(reverse("site:home")).content.decode()
    assert "Scores ontbreken: subgroep experten, " + str(sessie.product) in pagina
    assert "subgroep projectpromotoren en andere actoren, " + str(sessie.product) not in pagina


def _rapporteur_van_veel(deelnemer, aantal: int) -> None:
    """``aantal`` more sessions; ``deelnemer`` reports for all their subgroups, of which
    every second keeps a draft (its last criterion unscored) and the rest none."""
    bouwers.groei_sessies(aantal)
    nieuw = Subgroep.objects.filter(sessie__product__slug__startswith="product-")
    nieuw.update(rapporteur=deelnemer)
    for n, subgroep in enumerate(nieuw.order_by("pk")):
        scores = subgroep.scores.order_by("criterium__volgorde")
        if n % 2:
            scores.filter(pk=scores.last().pk).update(score=None)
        else:
            scores.update(score=None)


@pytest.mark.parametrize("aantal", [0, 15])
def test_the_rapporteurs_home_keeps_its_query_count(
    client_van, rapporteur, peers, aantal, django_assert_num_queries
):
    _rapporteur_van_veel(rapporteur.deelnemer, aantal)
    client = client_van(rapporteur)
    client.get(reverse("site:home"))
    # "Te scoren" with each one's stand is one query; "Te doen" adds the rapporteur's
    # invitations to answer and open actions (one query each).
    with django_assert_num_queries(18):
        lijst = _te_scoren(client)
    assert lijst.count("/validering/subgroepen/") == 1 + 2 * aantal  # two kinds a session
    assert lijst.count("nog geen scores") == 1 + aantal


# ---- The secretariat names a rapporteur -----------------------------------------------------


def test_the_secretariat_names_a_rapporteur_on_the_session_page(
    client_van, secretariaat, sessie, peers
):
    ann = bouwers.lid("Ann", "Jughmans", gebruikersnaam="ajughmans").deelnemer
    client = client_van(secretariaat)
    pagina = client.get(SESSIE.format(sessie.pk)).content.decode()
    assert (
        f'<select class="form-select form-select-sm" name="rapporteur" id="rapporteur-{peers.pk}"'
        in pagina
    )
    assert f'<label class="form-label small mb-1" for="rapporteur-{peers.pk}">' in pagina
    assert f'<option value="{ann.pk}">Ann Jughmans</option>' in pagina
    assert "(geen account)" in pagina  # members who cannot score online say so
    antwoord = client.post(
        SESSIE.format(sessie.pk), {"subgroep": peers.pk, "rapporteur": ann.pk}, follow=True
    )
    assert "Rapporteur van de subgroep projectpromotoren en andere actoren: Ann Jughmans." in (
        _meldingen(antwoord)
    )
    peers.refresh_from_db()
    assert (peers.rapporteur, peers.versie) == (ann, 1)
    assert peers.history.latest().history_user == secretariaat
    # Ann now finds it on her home page.
    assert scoren_url(peers) in _te_scoren(bouwers.aangemeld(ann.account))
    client.post(SESSIE.format(sessie.pk), {"subgroep": peers.pk, "rapporteur": ""})
    peers.refresh_from_db()
    assert peers.rapporteur is None


def test_naming_a_rapporteur_keeps_the_scores_and_merges_with_an_open_form(
    client_van, secretariaat, rapporteur, sessie, peers
):
    eigen = bouwers.aangemeld(rapporteur)
    eigen.post(scoren_url(peers), score_data(peers, [4, 3, None, None]))  # version 1
    ander = bouwers.lid("Michel", "Bortels", gebruikersnaam="mbortels").deelnemer
    client_van(secretariaat).post(
        SESSIE.format(sessie.pk), {"subgroep": peers.pk, "rapporteur": ander.pk}
    )
    peers.refresh_from_db()
    assert peers.versie == 2 and peers.rapporteur == ander
    assert sorted(s for s in peers.scores.values_list("score", flat=True) if s) == [3, 4]


@pytest.mark.parametrize(
    "data, fout",
    [
        ({"rapporteur": ""}, "Dit veld is verplicht."),
        ({"subgroep": "abc", "rapporteur": ""}, "Deze subgroep hoort niet bij deze sessie."),
        ({"subgroep": "andere", "rapporteur": ""}, "Deze subgroep hoort niet bij deze sessie."),
        ({"subgroep": "peers", "rapporteur": "vreemde"}, "Kies een lid van de werkgroep"),
        ({"subgroep": "peers", "rapporteur": "xyz"}, "Kies een lid van de werkgroep"),
    ],
)
def test_a_wrong_choice_gets_a_dutch_error_and_changes_nothing(
    client_van, secretariaat, sessie, peers, data, fout
):
    andere_subgroep = Subgroep.objects.exclude(sessie=sessie).first()
    vreemde = bouwers.maak_deelnemer()  # in no group and no subgroup
    vervangen = {"peers": peers.pk, "andere": andere_subgroep.pk, "vreemde": vreemde.pk}
    data = {k: vervangen.get(v, v) for k, v in data.items()}
    antwoord = client_van(secretariaat).post(SESSIE.format(sessie.pk), data, follow=True)
    assert antwoord.status_code == 200
    assert fout in " ".join(_meldingen(antwoord))
    assert not Subgroep.objects.filter(rapporteur__isnull=False).exists()
    assert set(Subgroep.objects.values_list("versie", flat=True)) == {0}


@pytest.mark.parametrize("rol, status", [("coordinator", 403), ("lid", 403), ("ander_lid", 404)])
def test_nobody_else_may_name_a_rapporteur(client_van, request, sessie, peers, rol, status):
    """The coordinator reads, a member of the project sees the session: both refused; a
    member who may not see the session does not learn it exists."""
    client = client_van(request.getfixturevalue(rol))
    deelnemer = bouwers.maak_deelnemer()
    antwoord = client.post(
        SESSIE.format(sessie.pk), {"subgroep": peers.pk, "rapporteur": deelnemer.pk}
    )
    assert antwoord.status_code == status
    if status == 403:
        assert 'name="rapporteur"' not in client.get(SESSIE.format(sessie.pk)).content.decode()
    peers.refresh_from_db()
    assert (peers.rapporteur, peers.versie) == (None, 0)


def test_an_anonymous_post_goes_to_the_login_page(client, sessie, peers):
    antwoord = client.post(SESSIE.format(sessie.pk), {"subgroep": peers.pk, "rapporteur": ""})
    assert antwoord["Location"].startswith("/accounts/login/")


# ---- Progress per session ------------------------------------------------------------------


def test_the_list_and_the_session_page_say_how_far_the_scores_are(
    client_van, coordinator, sessie, peers, experten
):
    _volledig(peers)
    Score.objects.create(subgroep=experten, criterium=_criteria(experten)[0], score=2)
    client = client_van(coordinator)
    for pagina in [
        client.get(SESSIES).content.decode(),
        client.get(SESSIE.format(sessie.pk)).content.decode(),
    ]:
        assert "1 van 2 subgroepen volledig" in pagina
        assert "volledig: 4 van 4 criteria gescoord" in pagina
        assert "concept: 1 van 4 criteria gescoord" in pagina
    lijst = client.get(SESSIES).content.decode()
    assert lijst.count("0 van 3 subgroepen volledig") == 3  # the seed's other sessions
    assert "nog geen scores" in lijst


def _veel_sessies(aantal: int) -> None:
    """``aantal`` more sessions (complete), a third of their subgroups a draft, a third
    without scores; and members enough to choose from."""
    bouwers.groei_sessies(aantal)
    nieuw = list(Subgroep.objects.filter(sessie__product__slug__startswith="product-"))
    for n, subgroep in enumerate(nieuw):
        if n % 3 == 1:
            subgroep.scores.filter(criterium__volgorde=4).update(score=None)
        elif n % 3 == 2:
            subgroep.scores.update(score=None)
    werkgroep = Vergadering.objects.get(kenmerk="2006-06-06").werkgroep
    for _ in range(aantal):
        bouwers.lidmaatschap(werkgroep)


@pytest.mark.parametrize("aantal", [0, 30])
def test_the_lists_progress_keeps_its_query_count_as_sessions_grow(
    client_van, coordinator, seed, aantal, django_assert_num_queries
):
    _veel_sessies(aantal)
    client = client_van(coordinator)
    client.get(SESSIES)
    # The filters' groups and years (2), the sessions (1), their subgroups with how far
    # each one's scores are (1), and what every page reads.
    with django_assert_num_queries(13):
        pagina = client.get(SESSIES).content.decode()
    assert pagina.count("subgroepen volledig") == 4 + aantal
    if aantal:
        assert "1 van 2 subgroepen volledig" in pagina  # a complete and a draft


@pytest.mark.parametrize("aantal", [0, 30])
def test_the_session_page_of_the_secretariat_keeps_its_query_count(
    client_van, secretariaat, sessie, peers, aantal, django_assert_num_queries
):
    _veel_sessies(aantal)
    client = client_van(secretariaat)
    client.get(SESSIE.format(sessie.pk))
    with django_assert_num_queries(17):  # the coordinator's reads and who may report (1)
        pagina = client.get(SESSIE.format(sessie.pk)).content.decode()
    assert pagina.count('name="rapporteur"') == 2

"""Sessions: scoring online, who sees which scores, the computed result, PDF and exports."""

import io
from decimal import Decimal

import openpyxl
import pypdf
import pytest
from django.urls import reverse

from tests.validering.conftest import score_data, scoren_url
from validering.models import Punt, Score
from validering.uitslag import geconsolideerd

SESSIE = "/validering/sessies/{}/"


def test_the_session_urls_are_the_public_contract(sessie):
    assert reverse("validering:validering_sessie", args=[sessie.pk]) == SESSIE.format(sessie.pk)
    assert (
        reverse("validering:validering_rapport", args=[sessie.pk])
        == SESSIE.format(sessie.pk) + "rapport.pdf"
    )


def test_the_rapporteur_scores_their_subgroup_online(client_van, rapporteur, peers):
    client = client_van(rapporteur)
    assert client.get(scoren_url(peers)).status_code == 200
    antwoord = client.post(
        scoren_url(peers),
        score_data(
            peers,
            [4, 3, 5, 2],
            sterktes="Helder",
            aandachtspunten="Kost\n- Tijd",
            knelpunten="Regie",
        ),
    )
    assert antwoord.status_code == 302
    assert sorted(peers.scores.values_list("score", flat=True)) == [2, 3, 4, 5]
    assert sorted(Punt.objects.filter(subgroep=peers).values_list("soort", "tekst")) == [
        ("aandachtspunt", "Kost"), ("aandachtspunt", "Tijd"), ("knelpunt", "Regie"),
    ]  # fmt: skip


def test_saving_again_keeps_the_marks_on_unchanged_points(client_van, rapporteur, peers):
    client = client_van(rapporteur)
    client.post(scoren_url(peers), score_data(peers, [4, 3, 5, 2], knelpunten="Regie"))
    Punt.objects.filter(tekst="Regie").update(input_rondetafel=True)
    client.post(
        scoren_url(peers), score_data(peers, [4, 3, 5, 2], versie=1, knelpunten="Regie\nNieuw")
    )
    assert Punt.objects.get(tekst="Regie").input_rondetafel
    assert Punt.objects.filter(subgroep=peers).count() == 2


def test_only_the_rapporteur_may_score(client_van, ander_lid, lid, peers):
    for account in (ander_lid, lid):
        client = client_van(account)
        assert client.get(scoren_url(peers)).status_code == 404
        assert client.post(scoren_url(peers), score_data(peers, [1, 1, 1, 1])).status_code == 404
    assert not Score.objects.exists()


def test_a_closed_session_takes_no_more_scores(client_van, rapporteur, peers, sessie):
    Score.objects.bulk_create(
        Score(subgroep=sg, criterium=c, score=3)
        for sg in sessie.subgroepen.all()
        for c in sessie.methodeversie.criteria.all()
    )
    sessie.gesloten = True
    sessie.full_clean()
    sessie.save()
    antwoord = client_van(rapporteur).post(
        scoren_url(peers), score_data(peers, [1, 1, 1, 1], versie=0)
    )
    assert antwoord.status_code == 403
    assert set(Score.objects.values_list("score", flat=True)) == {3}


def test_a_session_closes_only_with_every_mandatory_score(sessie, peers):
    from django.core.exceptions import ValidationError

    sessie.gesloten = True
    with pytest.raises(ValidationError) as fout:
        sessie.full_clean()
    assert "scoorde nog niet" in str(fout.value)


def test_a_stale_score_save_is_refused_and_keeps_the_input(
    client_van, rapporteur, peers, secretariaat
):
    client = client_van(rapporteur)
    client.post(scoren_url(peers), score_data(peers, [4, 4, 4, 4]))  # version 0 -> 1
    antwoord = client.post(
        scoren_url(peers), score_data(peers, [1, 1, 1, 1], versie=0, sterktes="Mijn tekst")
    )
    assert antwoord.status_code == 200
    assert "Niets is bewaard" in antwoord.content.decode()  # the scores conflict
    assert "Mijn tekst" in antwoord.content.decode()
    assert set(peers.scores.values_list("score", flat=True)) == {4}


def _sluit(sessie, gepubliceerd=False):
    for sg in sessie.subgroepen.all():
        for c in sessie.methodeversie.criteria.all():
            Score.objects.get_or_create(subgroep=sg, criterium=c, defaults={"score": 3})
    sessie.gesloten, sessie.gepubliceerd = True, gepubliceerd
    sessie.full_clean()
    sessie.save()


def _zichtbaar(client, sessie):
    antwoord = client.get(SESSIE.format(sessie.pk))
    if antwoord.status_code != 200:
        return antwoord.status_code
    return [str(sg.soort) for sg in antwoord.context["zichtbare_subgroepen"]]


def test_a_rapporteur_sees_other_subgroups_only_after_closing(
    client_van, rapporteur, expert_rapporteur, peers, experten, sessie
):
    client_van(expert_rapporteur).post(scoren_url(experten), score_data(experten, [1, 1, 1, 1]))
    client = client_van(rapporteur)
    assert _zichtbaar(client, sessie) == ["projectpromotoren en andere actoren"]
    _sluit(sessie)
    # Ann is of another project: the closed, unpublished session shows her only her own subgroup.
    assert _zichtbaar(client, sessie) == ["projectpromotoren en andere actoren"]
    sessie.gepubliceerd = True
    sessie.save()
    assert _zichtbaar(client, sessie) == ["projectpromotoren en andere actoren", "experten"]


def test_members_of_the_products_project_see_scores_once_closed(client_van, lid, sessie):
    client = client_van(lid)  # Johan Dejonckheere, Werk.waardig
    assert _zichtbaar(client, sessie) == []
    _sluit(sessie)
    assert _zichtbaar(client, sessie) == ["projectpromotoren en andere actoren", "experten"]


def test_members_of_other_projects_never_see_unpublished_sessions(client_van, ander_lid, sessie):
    client = client_van(ander_lid)
    _sluit(sessie)
    assert _zichtbaar(client, sessie) == 404
    assert client.get(reverse("validering:validering_rapport", args=[sessie.pk])).status_code == 404
    sessie.gepubliceerd = True
    sessie.save()
    assert _zichtbaar(client, sessie) == ["projectpromotoren en andere actoren", "experten"]


@pytest.mark.parametrize("rol", ["coordinator", "secretariaat"])
def test_coordinator_and_secretariat_see_every_score(
    client_van, request, rol, sessie, rapporteur, peers
):
    client_van(rapporteur).post(scoren_url(peers), score_data(peers, [2, 2, 2, 2]))
    client = client_van(request.getfixturevalue(rol))
    assert _zichtbaar(client, sessie) == ["projectpromotoren en andere actoren", "experten"]


def test_anonymous_users_go_to_the_login_page(client, sessie):
    for url in [SESSIE.format(sessie.pk), SESSIE.format(sessie.pk) + "rapport.pdf"]:
        assert client.get(url)["Location"].startswith("/accounts/login/")


def test_the_consolidated_result_is_computed_side_by_side(sessie, peers, experten):
    criteria = list(sessie.methodeversie.criteria.order_by("volgorde"))
    for c, (a, b) in zip(criteria, [(4, 4), (5, 2), (3, None), (1, 2)], strict=True):
        Score.objects.create(subgroep=peers, criterium=c, score=a)
        Score.objects.create(subgroep=experten, criterium=c, score=b)
    rijen = geconsolideerd(sessie, [peers, experten])
    assert [(r.scores, r.gemiddelde, r.oneens) for r in rijen] == [
        ([4, 4], Decimal("4.00"), False),
        ([5, 2], Decimal("3.50"), True),  # three points apart on 1-5: strong disagreement
        ([3, None], Decimal("3.00"), False),
        ([1, 2], Decimal("1.50"), False),
    ]


def test_the_page_shows_the_mean_in_belgian_notation_and_the_chart(
    client_van, coordinator, sessie, peers, experten
):
    criteria = list(sessie.methodeversie.criteria.order_by("volgorde"))
    for c in criteria:
        Score.objects.create(subgroep=peers, criterium=c, score=5)
        Score.objects.create(subgroep=experten, criterium=c, score=2)
    pagina = client_van(coordinator).get(SESSIE.format(sessie.pk)).content.decode()
    assert "3,50" in pagina
    assert 'class="badge text-bg-warning oneens"' in pagina
    assert 'src="data:image/svg+xml;base64,' in pagina


def test_the_report_pdf_parses_and_holds_the_session(
    client_van, coordinator, sessie, rapporteur, peers
):
    client_van(rapporteur).post(
        scoren_url(peers), score_data(peers, [4, 3, 5, 2], sterktes="Heel bruikbaar")
    )
    antwoord = client_van(coordinator).get(
        reverse("validering:validering_rapport", args=[sessie.pk])
    )
    assert antwoord["Content-Type"] == "application/pdf"
    tekst = " ".join(
        p.extract_text() for p in pypdf.PdfReader(io.BytesIO(antwoord.getvalue())).pages
    )
    assert "Validatierapport" in tekst and "Heel bruikbaar" in tekst and "Haalbaarheid" in tekst
    assert "4,00" in tekst  # the mean of one subgroup's 4, in Belgian notation


def test_a_products_page_shows_every_session(client_van, lid, sessie):
    product = sessie.product
    pagina = client_van(lid).get(
        reverse("validering:product_detail", args=[product.project.slug, product.slug])
    )
    assert pagina.status_code == 200
    assert "06/06/2006" in pagina.content.decode()
    assert "niet genoemd" in pagina.content.decode()


def test_the_scores_export_holds_every_score_and_remark(client_van, coordinator, rapporteur, peers):
    client_van(rapporteur).post(
        scoren_url(peers), score_data(peers, [4, 3, 5, 2], knelpunten="Regie")
    )
    client = client_van(coordinator)
    antwoord = client.get(
        reverse(
            "validering:validering_scores_export",
            args=["regierol-van-de-lokale-besturen", 2006, "xlsx"],
        )
    )
    blad = openpyxl.load_workbook(io.BytesIO(antwoord.getvalue())).active
    rijen = list(blad.iter_rows(values_only=True))
    assert rijen[0][:3] == ("werkgroep", "vergadering", "project")
    assert len(rijen) == 1 + 4
    assert sorted(int(r[10]) for r in rijen[1:]) == [2, 3, 4, 5]
    assert all(r[14] == "Regie" for r in rijen[1:])
    csv = client.get(
        reverse(
            "validering:validering_scores_export",
            args=["regierol-van-de-lokale-besturen", 2006, "csv"],
        )
    )
    assert csv.getvalue().decode("utf-8-sig").startswith("werkgroep;vergadering;")


def test_exports_and_round_table_are_for_coordinator_and_secretariat(
    client_van, lid, coordinator, seed
):
    args = ["regierol-van-de-lokale-besturen", 2006]
    for url in [
        reverse("validering:validering_scores_export", args=[*args, "csv"]),
        reverse("validering:validering_rondetafel", args=args),
    ]:
        assert client_van(lid).get(url).status_code == 404
        assert client_van(coordinator).get(url).status_code == 200


def test_the_round_table_page_lists_the_marked_points(client_van, coordinator, rapporteur, peers):
    client_van(rapporteur).post(
        scoren_url(peers), score_data(peers, [4, 3, 5, 2], knelpunten="Regie\nAnder")
    )
    Punt.objects.filter(tekst="Regie").update(kandidaat_beleidsaanbeveling=True)
    pagina = (
        client_van(coordinator)
        .get(
            reverse(
                "validering:validering_rondetafel", args=["regierol-van-de-lokale-besturen", 2006]
            )
        )
        .content.decode()
    )
    assert "Regie" in pagina and "Ander" not in pagina


GROEP_JAAR = ["regierol-van-de-lokale-besturen", 2006]


@pytest.mark.parametrize(
    ("pagina", "aantal_queries"),
    [
        ("sessie", 16),
        # the session read for the user: its rules ask no more; the access log's record
        ("rapport", 17),
        ("csv", 13),  # the scores, and the access log's record
        ("xlsx", 13),
        ("rondetafel", 11),
        ("product", 11),
    ],
)
@pytest.mark.parametrize("aantal", [2, 40])
def test_session_pages_and_exports_keep_their_query_count(
    client_van,
    coordinator,
    sessie,
    peers,
    aantal,
    pagina,
    aantal_queries,
    django_assert_num_queries,
):
    """The same number of queries however many points the subgroups have."""
    for c in sessie.methodeversie.criteria.all():
        Score.objects.create(subgroep=peers, criterium=c, score=3)
    for n in range(aantal):
        Punt.objects.create(
            subgroep=peers, soort=Punt.Soort.KNELPUNT, tekst=f"punt {n}", input_rondetafel=True
        )
    url = {
        "sessie": SESSIE.format(sessie.pk),
        "rapport": reverse("validering:validering_rapport", args=[sessie.pk]),
        "csv": reverse("validering:validering_scores_export", args=[*GROEP_JAAR, "csv"]),
        "xlsx": reverse("validering:validering_scores_export", args=[*GROEP_JAAR, "xlsx"]),
        "rondetafel": reverse("validering:validering_rondetafel", args=GROEP_JAAR),
        "product": reverse(
            "validering:product_detail", args=[sessie.product.project.slug, sessie.product.slug]
        ),
    }[pagina]
    client = client_van(coordinator)
    with django_assert_num_queries(aantal_queries):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("aantal", [2, 40])
def test_the_scoring_page_keeps_its_query_count(
    client_van, rapporteur, peers, aantal, django_assert_num_queries
):
    Punt.objects.bulk_create(
        Punt(subgroep=peers, soort=Punt.Soort.AANDACHTSPUNT, tekst=f"punt {n}")
        for n in range(aantal)
    )
    client = client_van(rapporteur)
    with django_assert_num_queries(14):
        assert client.get(scoren_url(peers)).status_code == 200


def test_home_leads_the_rapporteur_to_their_open_subgroup(client_van, rapporteur, ander_lid, peers):
    pagina = client_van(rapporteur).get(reverse("site:home")).content.decode()
    assert scoren_url(peers) in pagina and "Te scoren" in pagina
    assert scoren_url(peers) not in client_van(ander_lid).get(reverse("site:home")).content.decode()


def test_home_no_longer_offers_a_closed_session(client_van, rapporteur, peers, sessie):
    type(sessie).objects.filter(pk=sessie.pk).update(gesloten=True)
    assert (
        scoren_url(peers) not in client_van(rapporteur).get(reverse("site:home")).content.decode()
    )


def test_the_meeting_page_shows_its_presentations_and_the_sessions_one_may_open(
    client_van, lid, ander_lid, sessie
):
    url = reverse("werkgroep:vergadering_detail", args=[sessie.vergadering.pk])
    sessie_url = reverse("validering:validering_sessie", args=[sessie.pk])
    eigen = client_van(lid).get(url).content.decode()
    assert sessie_url in eigen and "Productvalidering" in eigen
    assert "Voorstelling van" in eigen
    ander = client_van(ander_lid).get(url).content.decode()
    assert sessie_url not in ander  # another project's unpublished session
    assert "Voorstelling van" in ander  # the meeting's presentations are for the whole group


def test_a_line_given_twice_is_one_point_in_the_order_given(client_van, rapporteur, peers):
    client = client_van(rapporteur)
    data = score_data(
        peers, [4, 3, 5, 2], aandachtspunten="Kost\nTijd\n- Kost\nKost", knelpunten=""
    )
    assert client.post(scoren_url(peers), data).status_code == 302
    assert list(
        Punt.objects.filter(subgroep=peers).order_by("pk").values_list("soort", "tekst")
    ) == [("aandachtspunt", "Kost"), ("aandachtspunt", "Tijd")]


def test_saving_again_leaves_one_point_per_line_and_keeps_its_marks(client_van, rapporteur, peers):
    """Points stored twice before this rule (a repeated line) become one, its marks kept."""
    eerste = Punt.objects.create(
        subgroep=peers, soort=Punt.Soort.KNELPUNT, tekst="Regie", input_rondetafel=True
    )
    Punt.objects.create(subgroep=peers, soort=Punt.Soort.KNELPUNT, tekst="Regie")
    data = score_data(peers, [4, 3, 5, 2], knelpunten="Regie\nRegie")
    assert client_van(rapporteur).post(scoren_url(peers), data).status_code == 302
    assert list(Punt.objects.filter(subgroep=peers).values_list("pk", "tekst")) == [
        (eerste.pk, "Regie")
    ]
    assert Punt.objects.get(pk=eerste.pk).input_rondetafel


@pytest.mark.parametrize(
    ("gesloten", "gepubliceerd", "label", "badge"),
    [
        (False, False, "open: de subgroepen scoren nog", "info"),
        (True, False, "afgesloten", "secondary"),
        (True, True, "afgesloten, gepubliceerd", "success"),
    ],
)
def test_the_session_status_carries_its_label_and_badge(
    client_van, coordinator, sessie, gesloten, gepubliceerd, label, badge
):
    type(sessie).objects.filter(pk=sessie.pk).update(gesloten=gesloten, gepubliceerd=gepubliceerd)
    sessie.refresh_from_db()
    assert (sessie.status.label, sessie.status.badge) == (label, badge)
    pagina = client_van(coordinator).get(SESSIE.format(sessie.pk)).content.decode()
    assert f'<span class="badge text-bg-{badge}">{label}</span>' in pagina


def test_the_scale_says_what_its_ends_mean_as_the_method_version_says(
    client_van, rapporteur, coordinator, sessie, peers
):
    versie = sessie.methodeversie
    criterium = versie.criteria.order_by("volgorde").first()
    assert str(criterium.schaal) == "1–5"  # the seed does not say what 1 and 5 mean
    type(versie).objects.filter(pk=versie.pk).update(
        betekenis_laagste="helemaal niet", betekenis_hoogste="volledig"
    )
    criterium.refresh_from_db()
    criterium.versie.refresh_from_db()
    assert str(criterium.schaal) == "1 – helemaal niet … 5 – volledig"
    assert [label for _waarde, label in criterium.schaal.keuzes] == [
        "1 – helemaal niet", "2", "3", "4", "5 – volledig",
    ]  # fmt: skip
    formulier = client_van(rapporteur).get(scoren_url(peers)).context["form"]
    assert formulier.fields[f"score_{criterium.pk}"].choices == [
        ("", "– nog geen score"),
        *criterium.schaal.keuzes,
    ]
    Score.objects.bulk_create(
        Score(subgroep=peers, criterium=c, score=3) for c in versie.criteria.all()
    )
    pagina = client_van(coordinator).get(SESSIE.format(sessie.pk)).content.decode()
    assert "(1 – helemaal niet … 5 – volledig" in pagina  # the result table of complete scores


# ---- Marking points in the admin -----------------------------------------------------------


def test_points_are_marked_by_an_action_on_the_selected_only_never_by_a_stale_list(
    client_van, secretariaat, coordinator, peers
):
    """No checkboxes in the list: a list left open would post every row's marks as it
    showed them. An action changes the points one selects, and nothing else."""
    from tests import bouwers

    gekozen, collega = bouwers.punt(peers, tekst="Regie"), bouwers.punt(peers, tekst="Budget")
    Punt.objects.filter(pk=collega.pk).update(kandidaat_beleidsaanbeveling=True)  # a colleague
    url = reverse("admin:validering_punt_changelist")
    client = client_van(secretariaat)
    lijst = client.get(url).content.decode()
    assert 'name="form-0-input_rondetafel"' not in lijst
    antwoord = client.post(
        url, {"action": "rondetafel_aan", "_selected_action": [gekozen.pk]}, follow=True
    )
    assert "1 punt aangepast." in antwoord.content.decode()
    gekozen.refresh_from_db(), collega.refresh_from_db()
    assert (gekozen.input_rondetafel, gekozen.kandidaat_beleidsaanbeveling) == (True, False)
    assert (collega.input_rondetafel, collega.kandidaat_beleidsaanbeveling) == (False, True)
    client.post(url, {"action": "rondetafel_uit", "_selected_action": [gekozen.pk]})
    gekozen.refresh_from_db()
    assert not gekozen.input_rondetafel
    # The coordinator reads the list; the actions are not his.
    lezer = client_van(coordinator)
    assert "rondetafel_aan" not in lezer.get(url).content.decode()
    lezer.post(url, {"action": "rondetafel_aan", "_selected_action": [gekozen.pk]})
    gekozen.refresh_from_db()
    assert not gekozen.input_rondetafel

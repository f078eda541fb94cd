"""The method and its versions: at most ten criteria, frozen once used, refined into a new one."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from validering.models import Criterium, Methodeversie, Subgroep, Subgroepsoort
from validering.services import methodeversie_verfijnen


def test_the_seed_has_two_versions_the_second_adds_the_target_group(seed):
    eerste, tweede = Methodeversie.objects.order_by("nummer")
    assert sorted(s.slug for s in eerste.subgroepsoorten.all()) == [
        "experten",
        "projectpromotoren-en-andere-actoren",
    ]
    assert tweede.subgroepsoorten.count() == 3
    assert "derde subgroep" in tweede.wijzigingen
    assert "niet uit de bron" in tweede.bron


def test_a_version_has_at_most_ten_criteria(seed):
    versie = Methodeversie.objects.get(nummer=2)
    with pytest.raises(IntegrityError), transaction.atomic():
        Criterium.objects.create(versie=versie, volgorde=11, naam="Elfde", vraag="?")
    criterium = Criterium(versie=versie, volgorde=11, naam="Elfde", vraag="?")
    with pytest.raises(ValidationError) as fout:
        criterium.full_clean()
    assert "hoogstens tien criteria" in str(fout.value)


def test_a_used_version_is_read_only_in_the_admin(client_van, secretariaat, seed):
    client = client_van(secretariaat)
    gebruikt = Methodeversie.objects.get(nummer=1)
    pagina = client.get(
        reverse("admin:validering_methodeversie_change", args=[gebruikt.pk])
    ).content.decode()
    assert 'name="wijzigingen"' not in pagina
    criterium = gebruikt.criteria.first()
    antwoord = client.post(
        reverse("admin:validering_criterium_change", args=[criterium.pk]),
        {
            "versie": gebruikt.pk,
            "volgorde": 1,
            "naam": "Anders",
            "vraag": "?",
            "schaal_min": 1,
            "schaal_max": 5,
        },
    )
    assert antwoord.status_code == 403
    criterium.refresh_from_db()
    assert criterium.naam == "Haalbaarheid"


def test_an_unused_version_can_be_edited(client_van, secretariaat, seed):
    versie = methodeversie_verfijnen(versie=Methodeversie.objects.get(nummer=2), wijzigingen="Test")
    pagina = client_van(secretariaat).get(
        reverse("admin:validering_methodeversie_change", args=[versie.pk])
    )
    assert 'name="wijzigingen"' in pagina.content.decode()


def test_refining_makes_a_new_version_with_the_same_criteria_and_kinds(seed):
    oud = Methodeversie.objects.get(nummer=2)
    nieuw = methodeversie_verfijnen(versie=oud, wijzigingen="Vraag 3 verduidelijkt na oktober.")
    assert nieuw.nummer == 3
    assert list(nieuw.criteria.values_list("naam", flat=True)) == list(
        oud.criteria.values_list("naam", flat=True)
    )
    assert nieuw.subgroepsoorten.count() == 3
    with pytest.raises(ValidationError):
        methodeversie_verfijnen(versie=oud, wijzigingen="  ")


def test_a_subgroup_must_be_of_a_kind_its_version_uses(sessie):
    doelgroep = Subgroepsoort.objects.get(slug="intermediaire-of-finale-doelgroep")
    with pytest.raises(ValidationError):
        Subgroep(sessie=sessie, soort=doelgroep).full_clean()


def test_one_subgroup_per_kind_per_session(sessie, peers):
    with pytest.raises(IntegrityError), transaction.atomic():
        Subgroep.objects.create(sessie=sessie, soort=peers.soort)


def test_the_seed_sessions_follow_the_programme(seed):
    from validering.models import Validatiesessie

    rijen = [
        (
            s.vergadering.kenmerk,
            s.product.project.slug,
            s.methodeversie.nummer,
            s.subgroepen.count(),
        )
        for s in Validatiesessie.objects.order_by(
            "vergadering__datum_van", "product__project__slug"
        )
    ]
    assert rijen == [
        ("2006-06-06", "werkwaardig", 1, 2),
        ("2006-09-25", "labour-for-neighbour", 2, 3),
        ("2006-09-25", "local-mobility-works", 2, 3),
        ("2006-10/2006-11", "regie-diensteneconomie", 2, 3),
    ]
    assert not Validatiesessie.objects.exclude(oordeel="").exists()  # the seed gives no verdicts


def test_a_used_versions_criteria_refuse_changes_from_any_form(seed):
    criterium = Methodeversie.objects.get(nummer=1).criteria.first()
    criterium.naam = "Anders"
    with pytest.raises(ValidationError) as fout:
        criterium.full_clean()
    assert "verfijn ze tot een nieuwe versie" in str(fout.value)


@pytest.mark.parametrize("nieuwe_versies", [0, 6])
def test_the_versions_changelist_shows_in_use_in_a_fixed_number_of_queries(
    client_van, secretariaat, seed, nieuwe_versies, django_assert_num_queries
):
    for n in range(nieuwe_versies):
        methodeversie_verfijnen(versie=Methodeversie.objects.get(nummer=1), wijzigingen=f"v{n}")
    client = client_van(secretariaat)
    with django_assert_num_queries(13):
        antwoord = client.get(reverse("admin:validering_methodeversie_changelist"))
    rijen = {
        str(versie): versie.in_gebruik for versie in antwoord.context["cl"].result_list
    }  # from the changelist's annotation
    assert rijen == {str(versie): versie.sessies.exists() for versie in Methodeversie.objects.all()}
    assert sum(rijen.values()) == 2 and len(rijen) == 2 + nieuwe_versies


def test_a_refinement_keeps_what_the_scales_ends_mean_and_a_used_version_freezes_them(
    client_van, secretariaat, seed
):
    oud = Methodeversie.objects.get(nummer=2)
    Methodeversie.objects.filter(pk=oud.pk).update(
        betekenis_laagste="helemaal niet", betekenis_hoogste="volledig"
    )
    oud.refresh_from_db()
    nieuw = methodeversie_verfijnen(versie=oud, wijzigingen="Schaal behouden.")
    assert (nieuw.betekenis_laagste, nieuw.betekenis_hoogste) == ("helemaal niet", "volledig")
    pagina = client_van(secretariaat).get(
        reverse("admin:validering_methodeversie_change", args=[oud.pk])
    )
    assert 'name="betekenis_laagste"' not in pagina.content.decode()  # oud is in use


CHANGELISTS = {
    "subgroepsoort": 12,
    "methode": 12,
    "criterium": 13,
    "validatiesessie": 16,
    "subgroep": 14,
    "punt": 13,
    "score": 13,
}  # fmt: skip (the methodeversie changelist: test above)


@pytest.mark.parametrize("sessies", [3, 30])
@pytest.mark.parametrize(("model", "vragen"), CHANGELISTS.items())
def test_the_validation_changelists_keep_their_query_count_as_sessions_grow(
    client_van, secretariaat, seed, sessies, model, vragen, django_assert_num_queries
):
    from tests.bouwers import groei_sessies

    groei_sessies(sessies)
    client = client_van(secretariaat)
    with django_assert_num_queries(vragen):
        assert client.get(reverse(f"admin:validering_{model}_changelist")).status_code == 200

"""Projects: slugs, constraints, and the seed's projects as the fixture holds them."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from projecten.models import (
    Presentatie,
    Product,
    Project,
    ProjectDeelnemer,
    Projectfiche,
    ProjectOrganisatie,
)
from werkgroep.models import Organisatie, Vergadering


def test_a_project_slug_is_slugify_of_its_name(db):
    project = Project(naam="Werk.waardig")
    project.full_clean()
    assert project.slug == "werkwaardig"


def test_project_slugs_are_unique(db):
    Project.objects.create(naam="A", slug="a")
    with pytest.raises(IntegrityError), transaction.atomic():
        Project.objects.create(naam="A bis", slug="a")


def test_one_fiche_per_project_and_working_group(seed):
    project = Project.objects.get(slug="werkwaardig")
    with pytest.raises(IntegrityError), transaction.atomic():
        Projectfiche.objects.create(project=project, werkgroep=seed)


def test_a_presentation_is_of_a_project_or_of_an_organisations_subject(seed):
    vergadering = Vergadering.objects.get(kenmerk="2006-09-25")
    with pytest.raises(IntegrityError), transaction.atomic():
        Presentatie.objects.create(vergadering=vergadering, volgorde=9)
    with pytest.raises(IntegrityError), transaction.atomic():
        Presentatie.objects.create(
            vergadering=vergadering, volgorde=9, organisatie=Organisatie.objects.get(naam="Gsiw")
        )


def test_a_presentations_product_belongs_to_its_project(seed):
    vergadering = Vergadering.objects.get(kenmerk="2006-09-25")
    presentatie = Presentatie(
        vergadering=vergadering,
        volgorde=9,
        project=Project.objects.get(slug="local-mobility-works"),
        product=Product.objects.get(slug="case-studie-hiva"),
    )
    with pytest.raises(ValidationError):
        presentatie.full_clean()


def test_the_fixture_holds_the_five_projects_with_their_programmes(seed):
    assert dict(Project.objects.values_list("slug", "programma__naam")) == {
        "van-kakofonie-naar-symfonie": "zwaartepunt 6",
        "local-mobility-works": "Equal",
        "werkwaardig": "Equal",
        "regie-diensteneconomie": "zwaartepunt 6",
        "labour-for-neighbour": "Equal",
    }


def test_the_fixture_states_only_the_roles_the_seed_gives(seed):
    rollen = {
        (po.project.slug, po.organisatie.naam): po.rol
        for po in ProjectOrganisatie.objects.select_related("project", "organisatie")
    }
    assert rollen[("werkwaardig", "vzw BIK")] == "partner"
    assert rollen[("van-kakofonie-naar-symfonie", "ERSV Oost-Vlaanderen")] == "partner"
    assert rollen[("werkwaardig", "Welzijnsconsortium Zuid-West Vlaanderen")] == "onbekend"
    assert rollen[("regie-diensteneconomie", "VVSG")] == "onbekend"
    medewerkers = set(
        ProjectDeelnemer.objects.filter(project__slug="werkwaardig").values_list(
            "deelnemer__achternaam", flat=True
        )
    )
    assert medewerkers == {"Dejonckheere", "Viaene"}


def test_the_fixture_names_hivas_products_and_marks_the_unnamed_ones(seed):
    hiva = Product.objects.filter(gemaakt_door__naam="HIVA").values_list("titel", "soort")
    assert sorted(hiva) == [
        ("Case studie (HIVA)", "casestudie"),
        ("Ontwikkelde instrumenten (HIVA)", "instrument"),
    ]
    onbekend = Product.objects.filter(niet_genoemd_in_bron=True)
    assert onbekend.count() == 4
    assert all("niet genoemd in de bron" in p.titel for p in onbekend)


def test_the_fixture_models_gsiws_steunpunt_as_an_organisations_subject(seed):
    steunpunt = Presentatie.objects.get(onderwerp="Steunpunt Diensteneconomie")
    assert steunpunt.project is None and steunpunt.organisatie.naam == "Gsiw"
    assert steunpunt.vergadering.kenmerk == "2006-06-06"
    assert Presentatie.objects.count() == 5


def test_seed_fiches_are_empty_drafts(seed):
    fiches = Projectfiche.objects.all()
    assert fiches.count() == 5
    for fiche in fiches:
        assert fiche.status == "concept"
        assert all(getattr(fiche, veld) == "" for veld in Projectfiche.INHOUD)

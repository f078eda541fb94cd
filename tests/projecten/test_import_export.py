"""Spreadsheets for programmes, projects, involvement and products."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from tablib import Dataset

from kern.spreadsheets import BelgischeCSV, VeiligeXLSX
from projecten.models import Project
from projecten.resources import (
    ProductResource,
    ProgrammaResource,
    ProjectDeelnemerResource,
    ProjectficheResource,
    ProjectOrganisatieResource,
    ProjectResource,
)

RESOURCES = [
    ProgrammaResource,
    ProjectResource,
    ProjectOrganisatieResource,
    ProjectDeelnemerResource,
    ProductResource,
]


@pytest.mark.parametrize("resource", RESOURCES)
@pytest.mark.parametrize("formaat", [BelgischeCSV, VeiligeXLSX])
def test_reimporting_an_export_changes_nothing(seed, resource, formaat):
    model = resource._meta.model
    voor = list(model.objects.order_by("pk").values())
    bestand = formaat().export_data(resource().export())
    bestand = bestand.encode() if isinstance(bestand, str) else bestand
    resultaat = resource().import_data(formaat().create_dataset(bestand), dry_run=False)
    assert not resultaat.has_errors() and not resultaat.has_validation_errors()
    assert (resultaat.totals["new"], resultaat.totals["update"]) == (0, 0)
    assert list(model.objects.order_by("pk").values()) == voor


def test_a_project_file_with_one_bad_row_imports_nothing(seed):
    data = Dataset(headers=["naam", "programma", "van", "tot"])
    data.append(["Nieuw project", "equal", "01/01/2007", "31/12/2008"])
    data.append(["Fout project", "bestaat-niet", "", ""])
    data.append(["Ander project", "", "01/01/2009", "01/01/2008"])
    resultaat = ProjectResource().import_data(data, dry_run=False)
    ongeldig = resultaat.invalid_rows
    assert [r.number for r in ongeldig] == [3, 4]
    assert list(ongeldig[0].field_specific_errors) == ["programma"]
    assert "kan niet eindigen voor het begint" in " ".join(ongeldig[1].non_field_specific_errors)
    assert not Project.objects.filter(naam="Nieuw project").exists()


def test_a_project_without_slug_gets_slugify_of_its_name(seed):
    data = Dataset(headers=["naam", "programma"])
    data.append(["Werk.waardig 2", "equal"])
    ProjectResource().import_data(data, dry_run=False)
    assert Project.objects.filter(slug="werkwaardig-2", naam="Werk.waardig 2").exists()


def test_the_fiche_export_has_one_row_per_fiche(seed):
    data = ProjectficheResource().export()
    assert len(data) == 5
    assert "doelgroep" in data.headers and "projectnaam" in data.headers


@pytest.mark.parametrize(
    "model", ["programma", "project", "projectorganisatie", "projectdeelnemer", "product"]
)
def test_import_and_export_need_their_own_permission(client_van, secretariaat, seed, model):
    client = client_van(secretariaat)
    assert client.get(reverse(f"admin:projecten_{model}_import")).status_code == 200
    secretariaat.groups.clear()
    secretariaat.user_permissions.set(Permission.objects.filter(codename=f"view_{model}"))
    client.force_login(secretariaat)
    assert client.get(reverse(f"admin:projecten_{model}_import")).status_code == 403
    assert client.get(reverse(f"admin:projecten_{model}_export")).status_code == 403


def test_fiches_are_exported_not_imported(client_van, secretariaat, seed):
    client = client_van(secretariaat)
    assert client.get(reverse("admin:projecten_projectfiche_export")).status_code == 200
    with pytest.raises(Exception):  # noqa: B017 - there is no import URL at all
        reverse("admin:projecten_projectfiche_import")

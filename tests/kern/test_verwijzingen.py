"""Every import resolves its references one way (``kern.spreadsheets.Verwijzing``): a value
that names nothing is named, in its column and in Dutch, never "a server error"; a value
written in other capitals or spacing is the same record; the records are read once per
file, not once per line."""

from __future__ import annotations

import pytest
import tablib
from django.db import connection
from django.test.utils import CaptureQueriesContext

from financien.resources import KostenpostResource
from kern.spreadsheets import importfouten
from kern.spreadsheets.fouten import _SERVERFOUT
from projecten.resources import (
    ProductResource,
    ProjectDeelnemerResource,
    ProjectOrganisatieResource,
    ProjectResource,
)
from werkgroep.models import Deelnemer, Organisatie
from werkgroep.resources import (
    AanwezigheidResource,
    AgendapuntResource,
    DeelnemerResource,
    LidmaatschapResource,
    OrganisatieResource,
    VergaderingResource,
    WerkgroepResource,
)

GROEP = "regierol-van-de-lokale-besturen"

# (resource, a row that names something that does not exist, its column, the message)
ONBEKEND = [
    (
        WerkgroepResource,
        {"titel": "Nieuwe groep", "thema": "bestaat-niet"},
        "thema",
        "Geen themawerking “bestaat-niet” gevonden: importeer eerst de themawerkingen.",
    ),
    (
        OrganisatieResource,
        {"naam": "Dienst X", "maakt deel uit van": "Stad Nergens"},
        "maakt deel uit van",
        "Geen organisatie “Stad Nergens” gevonden: importeer eerst de organisaties.",
    ),
    (
        DeelnemerResource,
        {"voornaam": "An", "achternaam": "Nieuw", "organisatie": "Stad Nergens › Dienst"},
        "organisatie",
        "Geen organisatie “Stad Nergens › Dienst” gevonden: importeer eerst de organisaties.",
    ),
    (
        LidmaatschapResource,
        {"werkgroep": "bestaat-niet", "voornaam": "Els", "achternaam": "Baele"},
        "werkgroep",
        "Geen werkgroep “bestaat-niet” gevonden: importeer eerst de werkgroepen.",
    ),
    (
        LidmaatschapResource,
        {"werkgroep": GROEP, "voornaam": "Jan", "achternaam": "Niemand"},
        "achternaam",
        "Geen deelnemer “Jan Niemand” gevonden: importeer eerst de deelnemers.",
    ),
    (
        VergaderingResource,
        {"werkgroep": "bestaat-niet", "datum": "12/12/2027"},
        "werkgroep",
        "Geen werkgroep “bestaat-niet” gevonden: importeer eerst de werkgroepen.",
    ),
    (
        AgendapuntResource,
        {"werkgroep": "bestaat-niet", "vergadering": "2006-06-06", "volgorde": "1", "titel": "X"},
        "vergadering",
        "Geen werkgroep “bestaat-niet” gevonden: importeer eerst de werkgroepen.",
    ),
    (
        AanwezigheidResource,
        {
            "werkgroep": GROEP,
            "vergadering": "2006-06-06",
            "voornaam": "Jan",
            "achternaam": "Niemand",
            "status": "aanwezig",
        },
        "achternaam",
        "Geen deelnemer “Jan Niemand” gevonden: importeer eerst de deelnemers.",
    ),
    (
        ProjectResource,
        {"naam": "Nieuw project", "programma": "bestaat-niet"},
        "programma",
        "Geen programma “bestaat-niet” gevonden: importeer eerst de programma's.",
    ),
    (
        ProjectOrganisatieResource,
        {"project": "bestaat-niet", "organisatie": "OCMW Genk"},
        "project",
        "Geen project “bestaat-niet” gevonden: importeer eerst de projecten.",
    ),
    (
        ProjectOrganisatieResource,
        {"project": "werkwaardig", "organisatie": "OCMW Nergens"},
        "organisatie",
        "Geen organisatie “OCMW Nergens” gevonden: importeer eerst de organisaties.",
    ),
    (
        ProjectDeelnemerResource,
        {"project": "bestaat-niet", "voornaam": "Els", "achternaam": "Baele"},
        "project",
        "Geen project “bestaat-niet” gevonden: importeer eerst de projecten.",
    ),
    (
        ProductResource,
        {"project": "bestaat-niet", "titel": "Een product"},
        "project",
        "Geen project “bestaat-niet” gevonden: importeer eerst de projecten.",
    ),
    (
        ProductResource,
        {"project": "werkwaardig", "titel": "Een product", "ontwikkeld door": "Nergens"},
        "ontwikkeld door",
        "Geen organisatie “Nergens” gevonden: importeer eerst de organisaties.",
    ),
    (
        KostenpostResource,
        {
            "werkgroep": "bestaat-niet",
            "vergadering": "12/12/2005",
            "categorie": "catering",
            "omschrijving": "Broodjes",
            "bedrag": "10,00",
        },
        "werkgroep",
        "Geen werkgroep “bestaat-niet” gevonden: importeer eerst de werkgroepen.",
    ),
]


def bestand(rijen: list[dict]) -> tablib.Dataset:
    koppen = list(dict.fromkeys(k for rij in rijen for k in rij))
    return tablib.Dataset(*[[rij.get(k, "") for k in koppen] for rij in rijen], headers=koppen)


@pytest.mark.parametrize(
    ("resource", "rij", "kolom", "reden"),
    ONBEKEND,
    ids=[f"{r.__name__}-{k}" for r, _, k, _ in ONBEKEND],
)
def test_a_reference_to_nothing_is_named_in_its_column_and_nothing_is_imported(
    seed, resource, rij, kolom, reden
):
    model = resource._meta.model
    voor = model.objects.count()
    resultaat = resource().import_data(bestand([rij]), dry_run=False)
    fouten = importfouten(resultaat)
    assert str(_SERVERFOUT) not in [f.reden for f in fouten]
    assert (fouten[0].regel, fouten[0].kolom, fouten[0].reden) == (2, kolom, reden)
    assert model.objects.count() == voor


def test_the_admin_page_names_the_reference_not_a_server_error(seed, secretariaat):
    """What the secretariat sees: the line, the column, the value and why."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from tests.bouwers import aangemeld

    csv = b"werkgroep;datum\nbestaat-niet;12/12/2027\n"
    antwoord = aangemeld(secretariaat).post(
        reverse("admin:werkgroep_vergadering_import"),
        {
            "format": "0",
            "resource": "0",
            "import_file": SimpleUploadedFile("v.csv", csv, content_type="text/csv"),
        },
    )
    pagina = antwoord.content.decode()
    assert "Geen werkgroep “bestaat-niet” gevonden: importeer eerst de werkgroepen." in pagina
    assert "fout op de server" not in pagina


def test_references_compare_as_values_not_as_typed(seed):
    """Capitals and spaces do not make another record: "vvsg", " ocmw  genk "."""
    rijen = [
        {"werkgroep": GROEP.upper(), "voornaam": "ELS", "achternaam": " baele "},
        {"project": "WerkWaardig", "organisatie": " ocmw  genk "},
        {"naam": "Dienst Y", "maakt deel uit van": "stad antwerpen > sociale zaken"},
    ]
    lid = LidmaatschapResource().fields["deelnemer"].widget.clean(" baele ", rijen[0])
    assert lid == Deelnemer.objects.get(voornaam="Els", achternaam="Baele")
    organisatie = ProjectOrganisatieResource().fields["organisatie"].widget
    assert organisatie.clean(rijen[1]["organisatie"]) == Organisatie.objects.get(naam="OCMW Genk")
    resultaat = OrganisatieResource().import_data(bestand([rijen[2]]), dry_run=False)
    assert not resultaat.has_errors() and not resultaat.has_validation_errors()
    dienst = Organisatie.objects.get(naam="Dienst Y")
    assert dienst.volledige_naam == "Stad Antwerpen › Sociale Zaken › Dienst Y"


def test_a_parent_made_earlier_in_the_same_file_is_found(seed):
    rijen = [
        {"naam": "Nieuwe stad", "maakt deel uit van": ""},
        {"naam": "Dienst", "maakt deel uit van": "nieuwe stad"},
    ]
    resultaat = OrganisatieResource().import_data(bestand(rijen), dry_run=False)
    assert not resultaat.has_errors() and not resultaat.has_validation_errors()
    assert Organisatie.objects.get(naam="Dienst").moeder.naam == "Nieuwe stad"


def test_references_are_read_once_per_file_not_once_per_line(seed):
    """The lookups of a file's references do not grow with its lines."""

    def lookups(aantal: int) -> int:
        rijen = [
            {"project": "werkwaardig", "organisatie": f"Organisatie {i}"} for i in range(aantal)
        ]
        resource = ProjectOrganisatieResource()
        with CaptureQueriesContext(connection) as queries:
            resource.import_data(bestand(rijen), dry_run=True)
        return sum('FROM "werkgroep_organisatie"' in q["sql"] for q in queries.captured_queries)

    assert lookups(2) == lookups(20) == 1


# ---- The records themselves: a key written otherwise is the same record ----------------------

ZELFDE = [
    (OrganisatieResource, {"naam": "ocmw  genk", "maakt deel uit van": ""}),
    (OrganisatieResource, {"naam": "sociale zaken", "maakt deel uit van": "STAD ANTWERPEN"}),
    (DeelnemerResource, {"voornaam": "ELS", "achternaam": "BAELE"}),
    (WerkgroepResource, {"slug": GROEP.upper(), "thema": "Sociale Economie"}),
]


@pytest.mark.parametrize(
    ("resource", "rij"), ZELFDE, ids=[f"{r.__name__}-{i}" for i, (r, _) in enumerate(ZELFDE)]
)
def test_a_key_in_other_capitals_is_the_same_record_unchanged_and_without_history(
    seed, resource, rij
):
    model = resource._meta.model
    if resource is WerkgroepResource:
        from werkgroep.models import Werkgroep

        rij = {**rij, "titel": Werkgroep.objects.get(slug=GROEP).titel}
    voor = model.objects.count()
    historiek = model.history.count() if hasattr(model, "history") else None
    resultaat = resource().import_data(bestand([rij]), dry_run=False)
    assert not resultaat.has_errors() and not resultaat.has_validation_errors()
    assert resultaat.totals["new"] == resultaat.totals["update"] == 0, resultaat.totals
    assert resultaat.totals["skip"] == 1
    assert model.objects.count() == voor
    if historiek is not None:
        assert model.history.count() == historiek

"""Two lines of one file that name the same record are one line written twice: the twin check
compares the values the database lookup compares (``AllesOfNietsResource._rijsleutel``), not the
text of the cells, so "›" and ">", "VVSG" and "vvsg", a meeting by its key or by its date, a
category by its name or its slug are the same."""

from __future__ import annotations

import pytest
import tablib

from financien.resources import KostenpostResource
from kern.spreadsheets import importfouten
from projecten.resources import ProjectOrganisatieResource
from werkgroep.resources import AanwezigheidResource, AgendapuntResource, OrganisatieResource

GROEP = "regierol-van-de-lokale-besturen"


def bestand(rijen: list[dict]) -> tablib.Dataset:
    koppen = list(dict.fromkeys(k for rij in rijen for k in rij))
    return tablib.Dataset(*[[rij.get(k, "") for k in koppen] for rij in rijen], headers=koppen)


TWEELINGEN = [
    (
        OrganisatieResource,
        [
            {"naam": "Dienst Z", "maakt deel uit van": "Stad Antwerpen > Sociale Zaken"},
            {"naam": "dienst z", "maakt deel uit van": "stad antwerpen › sociale zaken"},
        ],
    ),
    (  # two new top-level organisations: no parent is a value too, not "unreadable"
        OrganisatieResource,
        [{"naam": "Nieuw Bureau", "maakt deel uit van": ""}, {"naam": " nieuw  bureau"}],
    ),
    (  # a parent the file itself makes, named twice in other writings
        OrganisatieResource,
        [
            {"naam": "Nieuwe stad"},
            {"naam": "Dienst", "maakt deel uit van": "Nieuwe stad"},
            {"naam": "dienst", "maakt deel uit van": "NIEUWE  STAD"},
        ],
    ),
    (
        ProjectOrganisatieResource,
        [
            {"project": "regie-diensteneconomie", "organisatie": "VVSG", "rol": "partner"},
            {"project": "Regie-Diensteneconomie", "organisatie": "vvsg", "rol": "promotor"},
        ],
    ),
    (
        AgendapuntResource,
        [
            {"werkgroep": GROEP, "vergadering": "2006-06-06", "volgorde": "7", "titel": "A"},
            {"werkgroep": GROEP, "vergadering": "06/06/2006", "volgorde": "7", "titel": "B"},
        ],
    ),
    (
        AanwezigheidResource,
        [
            {"werkgroep": GROEP, "vergadering": "2005-09-16", "voornaam": "Els",
             "achternaam": "Baele"},
            {"werkgroep": GROEP, "vergadering": "16/09/05", "voornaam": "els",
             "achternaam": "BAELE"},
        ],
    ),
    (
        KostenpostResource,
        [
            {"werkgroep": GROEP, "vergadering": "12/12/05", "categorie": "spreker/experten",
             "omschrijving": "reiskosten", "status": "voorzien", "bedrag": "10"},
            {"werkgroep": GROEP, "vergadering": "12/12/2005", "categorie": "Spreker-Experten",
             "omschrijving": "Reiskosten", "status": "voorzien", "bedrag": "10"},
        ],
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("resource", "rijen"),
    TWEELINGEN,
    ids=[f"{r.__name__}-{i}" for i, (r, _) in enumerate(TWEELINGEN)],
)
def test_a_line_written_twice_otherwise_is_refused_as_a_twin_and_nothing_is_imported(
    seed, resource, rijen
):
    model = resource._meta.model
    voor = model.objects.count()
    resultaat = resource().import_data(bestand(rijen), dry_run=False)
    fouten = importfouten(resultaat)
    laatste = len(rijen) + 1
    assert [(f.regel, f.kolom) for f in fouten] == [(laatste, "")], fouten
    assert fouten[0].reden.startswith(
        f"Dit is dezelfde regel als regel {laatste - 1}, anders geschreven (zelfde "
    )
    assert model.objects.count() == voor


def test_lines_that_differ_in_a_key_are_no_twins(seed):
    rijen = [
        {"naam": "Dienst Z", "maakt deel uit van": "Stad Antwerpen"},
        {"naam": "Dienst Z", "maakt deel uit van": "Stad Antwerpen › Sociale Zaken"},
        {"naam": "Dienst Z", "maakt deel uit van": ""},
    ]
    resultaat = OrganisatieResource().import_data(bestand(rijen), dry_run=True)
    assert importfouten(resultaat) == []
    assert resultaat.totals["new"] == 3


def test_a_line_whose_key_cannot_be_read_is_its_own_error_not_a_twin(seed):
    rijen = [
        {"werkgroep": GROEP, "vergadering": "2099-01-01", "volgorde": "1", "titel": "A"},
        {"werkgroep": GROEP, "vergadering": "01/01/2099", "volgorde": "1", "titel": "B"},
    ]
    fouten = importfouten(AgendapuntResource().import_data(bestand(rijen), dry_run=True))
    assert [(f.regel, f.kolom) for f in fouten] == [(2, "vergadering"), (3, "vergadering")]
    assert all(f.reden.startswith("Onbekende vergadering") for f in fouten)

import pytest
from django.urls import reverse

from projecten.models import Product
from tests import bouwers
from validering.models import Criterium, Subgroep


@pytest.fixture
def sessie(seed):
    """The 06/06/2006 validation of Werk.waardig's (unnamed) product."""
    return bouwers.sessie_van_werkwaardig()


@pytest.fixture
def peers(sessie):
    return Subgroep.objects.get(sessie=sessie, soort__slug="projectpromotoren-en-andere-actoren")


@pytest.fixture
def experten(sessie):
    return Subgroep.objects.get(sessie=sessie, soort__slug="experten")


@pytest.fixture
def rapporteur(peers):
    """Ann Jughmans (VVSG, Regie Diensteneconomie) reports for the peers of Werk.waardig."""
    return bouwers.rapporteur(peers, bouwers.lid("Ann", "Jughmans", gebruikersnaam="ajughmans"))


@pytest.fixture
def expert_rapporteur(experten):
    return bouwers.rapporteur(
        experten, bouwers.lid("Ingrid", "Vanhoren", gebruikersnaam="ivanhoren")
    )


@pytest.fixture
def ander_lid(seed):
    """Michel Bortels: member of the group, of another project, in no subgroup."""
    return bouwers.lid("Michel", "Bortels", gebruikersnaam="mbortels")


def score_data(subgroep, scores, versie=0, **tekst):
    criteria = Criterium.objects.filter(versie=subgroep.sessie.methodeversie).order_by("volgorde")
    data = {
        "gelezen_versie": str(versie),
        "sterktes": "",
        "aandachtspunten": "",
        "knelpunten": "",
        "aanbevelingen": "",
    }
    data.update(tekst)
    for criterium, score in zip(criteria, scores, strict=True):
        data[f"score_{criterium.pk}"] = "" if score is None else str(score)
        data[f"commentaar_{criterium.pk}"] = f"commentaar {criterium.naam}"
    return data


def scoren_url(subgroep) -> str:
    """Where the rapporteur scores ``subgroep`` online."""
    return reverse("validering_scoren", args=[subgroep.pk])


def groei_sessies(aantal: int) -> None:
    """Add validation sessions (a new project's product each, at 06/06/2006, under the
    first version), each subgroup scored on every criterion with two points."""
    from tests.projecten.test_models import groei_projecten
    from validering.models import Methodeversie, Punt, Score, Validatiesessie
    from werkgroep.models import Vergadering

    groei_projecten(aantal)
    versie = Methodeversie.objects.get(nummer=1)
    vergadering = Vergadering.objects.get(kenmerk="2006-06-06")
    criteria = list(versie.criteria.all())
    producten = Product.objects.filter(validatiesessies__isnull=True, slug__startswith="product-")
    for product in producten.order_by("-pk")[:aantal]:
        sessie = Validatiesessie.objects.create(
            product=product, vergadering=vergadering, methodeversie=versie
        )
        for soort in versie.subgroepsoorten.all():
            subgroep = Subgroep.objects.create(sessie=sessie, soort=soort)
            Score.objects.bulk_create(
                Score(subgroep=subgroep, criterium=c, score=3) for c in criteria
            )
            Punt.objects.bulk_create(
                Punt(subgroep=subgroep, soort=soort_, tekst=f"{soort_.label} van {product}")
                for soort_ in Punt.Soort
            )

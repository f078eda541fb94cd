import pytest
from django.urls import reverse

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
    return reverse("validering:validering_scoren", args=[subgroep.pk])

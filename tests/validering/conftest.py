import pytest

from validering.models import Criterium, Subgroep, Validatiesessie
from werkgroep import rollen
from werkgroep.models import Deelnemer
from werkgroep.services import account_aanmaken


@pytest.fixture
def sessie(seed):
    """The 06/06/2006 validation of Werk.waardig's (unnamed) product."""
    return Validatiesessie.objects.get(vergadering__kenmerk="2006-06-06")


@pytest.fixture
def peers(sessie):
    return Subgroep.objects.get(sessie=sessie, soort__slug="projectpromotoren-en-andere-actoren")


@pytest.fixture
def experten(sessie):
    return Subgroep.objects.get(sessie=sessie, soort__slug="experten")


def lid_account(voornaam, achternaam, gebruikersnaam):
    return account_aanmaken(
        gebruikersnaam=gebruikersnaam,
        wachtwoord="x",
        rol=rollen.LID,
        deelnemer=Deelnemer.objects.get_by_natural_key(voornaam, achternaam),
    )


@pytest.fixture
def rapporteur(peers):
    """Ann Jughmans (VVSG, Regie Diensteneconomie) reports for the peers of Werk.waardig."""
    account = lid_account("Ann", "Jughmans", "ajughmans")
    peers.rapporteur = account.deelnemer
    peers.save()
    return account


@pytest.fixture
def expert_rapporteur(experten):
    account = lid_account("Ingrid", "Vanhoren", "ivanhoren")
    experten.rapporteur = account.deelnemer
    experten.save()
    return account


@pytest.fixture
def ander_lid(seed):
    """Michel Bortels: member of the group, of another project, in no subgroup."""
    return lid_account("Michel", "Bortels", "mbortels")


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

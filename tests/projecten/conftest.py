import pytest

from tests.conftest import WACHTWOORD  # noqa: F401
from werkgroep import rollen
from werkgroep.models import Deelnemer
from werkgroep.services import account_aanmaken


@pytest.fixture
def viaene(seed):
    """Jean-Marie Viaene, who works on Werk.waardig too."""
    return account_aanmaken(
        gebruikersnaam="jmviaene",
        wachtwoord="x",
        rol=rollen.LID,
        deelnemer=Deelnemer.objects.get_by_natural_key("Jean-Marie", "Viaene"),
    )


@pytest.fixture
def bortels(seed):
    """Michel Bortels, of Local Mobility Works: not of Werk.waardig."""
    return account_aanmaken(
        gebruikersnaam="mbortels",
        wachtwoord="x",
        rol=rollen.LID,
        deelnemer=Deelnemer.objects.get_by_natural_key("Michel", "Bortels"),
    )

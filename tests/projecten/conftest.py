import pytest

from tests import bouwers


@pytest.fixture
def viaene(seed):
    """Jean-Marie Viaene, who works on Werk.waardig too."""
    return bouwers.lid("Jean-Marie", "Viaene", gebruikersnaam="jmviaene")


@pytest.fixture
def bortels(seed):
    """Michel Bortels, of Local Mobility Works: not of Werk.waardig."""
    return bouwers.lid("Michel", "Bortels", gebruikersnaam="mbortels")

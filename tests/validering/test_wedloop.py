"""The rapporteur online and the secretariat in the admin save a subgroup's scores from the
same version at the same moment: exactly one wins (see tests/projecten/test_wedloop.py)."""

from __future__ import annotations

import pytest

from tests.projecten.test_wedloop import aangemeld, tegelijk
from tests.validering.conftest import score_data, scoren_url
from tests.validering.test_samenvoegen import admin_formulier, admin_url
from validering.models import Subgroep

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_admin_and_the_rapporteur_scoring_at_once_one_wins(rapporteur, secretariaat, peers):
    ann, secretariaat_client = aangemeld(rapporteur), aangemeld(secretariaat)
    data = {**admin_formulier(secretariaat_client, peers), "sterktes": "Van het secretariaat"}
    antwoorden = tegelijk(
        lambda: secretariaat_client.post(admin_url(peers), data),
        lambda: ann.post(scoren_url(peers), score_data(peers, [1, 2, 3, 4], sterktes="Van Ann")),
    )
    assert all(not isinstance(a, Exception) for a in antwoorden), antwoorden
    assert sorted(a.status_code for a in antwoorden) == [200, 302]
    winnaar = ["Van het secretariaat", "Van Ann"][[a.status_code for a in antwoorden].index(302)]
    verliezer = [a for a in antwoorden if a.status_code == 200][0].content.decode()
    assert "Niets is bewaard" in verliezer
    subgroep = Subgroep.objects.get(pk=peers.pk)
    assert (subgroep.sterktes, subgroep.versie) == (winnaar, 1)

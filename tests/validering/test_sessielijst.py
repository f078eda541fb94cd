"""The list of validation sessions: reachable from the navigation, filtered, only what the
user may see, in a fixed number of queries."""

import pytest
from django.urls import reverse

from tests.bouwers import groei_sessies

URL = "/validering/sessies/"


def _producten(pagina: str) -> list[str]:
    tabel = pagina[pagina.index("<tbody>") : pagina.index("</tbody>")]
    return [p for p in ["Werk.waardig", "Local Mobility Works", "Labour for Neighbour",
                        "Regie Diensteneconomie"] if f"({p})" in tabel]  # fmt: skip


def test_the_navigation_leads_to_the_list(client_van, lid, seed):
    assert reverse("validering:validering_sessies") == URL
    assert f'href="{URL}"' in client_van(lid).get(reverse("site:home")).content.decode()


def test_the_coordinator_sees_every_session_and_filters_them(client_van, coordinator, seed):
    client = client_van(coordinator)
    assert _producten(client.get(URL).content.decode()) == [
        "Werk.waardig", "Local Mobility Works", "Labour for Neighbour", "Regie Diensteneconomie",
    ]  # fmt: skip
    assert _producten(client.get(URL, {"zoek": "labour"}).content.decode()) == [
        "Labour for Neighbour"
    ]
    assert '<option value="2005"' not in client.get(URL).content.decode()  # no session then
    assert _producten(client.get(URL, {"status": "gesloten"}).content.decode()) == []
    alle = client.get(URL, {"werkgroep": seed.slug, "status": "open", "jaar": "2006"})
    assert len(_producten(alle.content.decode())) == 4
    # A year without sessions, as the group's page links it: kept, and the list says none.
    leeg = client.get(URL, {"werkgroep": seed.slug, "jaar": "2005"}).content.decode()
    assert _producten(leeg) == [] and "Geen sessies." in leeg
    assert '<option value="2005" selected' in leeg
    # A value that is no choice filters nothing away and breaks nothing.
    assert client.get(URL, {"jaar": "abc", "werkgroep": "geen"}).status_code == 200


def test_a_member_sees_only_the_sessions_they_may_see(client_van, lid, seed):
    """Johan works on Werk.waardig; the other sessions are not published."""
    assert _producten(client_van(lid).get(URL).content.decode()) == ["Werk.waardig"]


@pytest.mark.parametrize("aantal", [0, 20])
def test_the_list_keeps_its_query_count_as_sessions_grow(
    client_van, coordinator, seed, aantal, django_assert_num_queries
):
    groei_sessies(aantal)
    client = client_van(coordinator)
    client.get(URL)
    # The same number whatever the sessions: the filters' groups and years (2), the
    # sessions (1), their subgroups with how far each one's scores are (1), and what every
    # page reads.
    with django_assert_num_queries(13):
        assert client.get(URL).status_code == 200

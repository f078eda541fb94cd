"""The participants and organisations lists come in pages; a link to one row (search's)
lands on the page that holds it, at its anchor, for whoever may see that row."""

from __future__ import annotations

import html
import math
import re

import pytest
from django.urls import reverse

from kern.paginering import PER_PAGINA
from tests import bouwers
from werkgroep import selectors
from werkgroep.models import Deelnemer, Organisatie


def _alle_paginas(client, url, sleutel):
    """The rows of every page of a list, in the order the pages show them."""
    eerste = client.get(url).context[sleutel]
    return [
        rij
        for nummer in eerste.paginator.page_range
        for rij in client.get(url, {"pagina": nummer}).context[sleutel]
    ]


def _tot(aantal: int, model) -> int:
    """How many rows to add for ``aantal`` rows in all."""
    extra = aantal - model.objects.count()
    assert extra > 0
    return extra


def _zoekhit(client, vraag: str) -> str:
    """The link of the one hit the search page shows for ``vraag`` in the lists."""
    pagina = client.get(reverse("site:zoeken"), {"q": vraag}).content.decode()
    links = re.findall(r'<a href="(/(?:deelnemers|organisaties)/\d+/)">', pagina)
    assert len(links) == 1, links
    return links[0]


# ---- Participants --------------------------------------------------------------------------


def test_participants_come_in_pages_of_fifty_by_last_name_then_first_name(
    client_van, coordinator, seed
):
    for n in range(120):
        bouwers.maak_deelnemer(achternaam=f"Naam{n % 7}", voornaam=f"Voor{n}")
    client = client_van(coordinator)
    url = reverse("werkgroep:deelnemers")
    eerste = client.get(url).context["deelnemers"]
    assert len(eerste) == PER_PAGINA
    assert eerste.paginator.num_pages == math.ceil(Deelnemer.objects.count() / PER_PAGINA)
    gezien = [(d.achternaam, d.voornaam, d.pk) for d in _alle_paginas(client, url, "deelnemers")]
    assert gezien == sorted(Deelnemer.objects.values_list("achternaam", "voornaam", "pk"))
    html_pagina = client.get(url, {"pagina": 2}).content.decode()
    assert 'href="?pagina=3" rel="next">Volgende</a>' in html_pagina


def test_a_link_to_a_participant_lands_on_the_page_that_holds_them(client_van, coordinator, seed):
    """Peeterses across a page boundary: each lands on its own page (by first name)."""
    ervoor = Deelnemer.objects.filter(achternaam__lt="Peeters").count()
    for _ in range(PER_PAGINA - 2 - ervoor):
        bouwers.maak_deelnemer(achternaam="Aaa")
    namesakes = [bouwers.maak_deelnemer(achternaam="Peeters", voornaam=v) for v in "EDCBA"]
    client = client_van(coordinator)
    paginas = {}
    for nummer in (1, 2):
        for d in client.get(reverse("werkgroep:deelnemers"), {"pagina": nummer}).context[
            "deelnemers"
        ]:
            paginas[d.pk] = nummer
    assert [paginas[d.pk] for d in namesakes] == [2, 2, 2, 1, 1]  # A and B first
    for deelnemer in Deelnemer.objects.all():
        antwoord = client.get(reverse("werkgroep:deelnemer", args=[deelnemer.pk]))
        assert antwoord.status_code == 302
        assert antwoord["Location"] == (
            f"/deelnemers/?pagina={paginas[deelnemer.pk]}#deelnemer-{deelnemer.pk}"
        )


def test_a_search_hit_on_page_three_lands_on_page_three_at_its_row(client_van, coordinator, seed):
    for _ in range(_tot(2 * PER_PAGINA + 10, Deelnemer)):
        bouwers.maak_deelnemer()  # Achternaam…: before the seed's names
    zoetemelk = bouwers.maak_deelnemer(voornaam="Joop", achternaam="Zoetemelk")
    client = client_van(coordinator)
    link = _zoekhit(client, "Zoetemelk")
    assert link == reverse("werkgroep:deelnemer", args=[zoetemelk.pk])
    antwoord = client.get(link, follow=True)
    assert antwoord.redirect_chain == [(f"/deelnemers/?pagina=3#deelnemer-{zoetemelk.pk}", 302)]
    assert antwoord.context["deelnemers"].number == 3
    assert f'<tr id="deelnemer-{zoetemelk.pk}">' in antwoord.content.decode()


def test_a_member_lands_on_the_page_of_their_own_list_and_not_on_others(
    client_van, lid, coordinator, seed
):
    """A member's list holds only the participants of their groups: the same person is on
    another page for them; someone of no group of theirs is a 404, as on the list."""
    for _ in range(3 * PER_PAGINA):
        bouwers.maak_deelnemer()  # of no group: before every name, seen by the coordinator
    buiten = bouwers.maak_deelnemer(achternaam="Buiten")
    lid_b = bouwers.lid("Michel", "Bortels")
    coordinator_pagina = client_van(coordinator).get(
        reverse("werkgroep:deelnemer", args=[lid_b.deelnemer.pk])
    )
    assert coordinator_pagina["Location"].startswith("/deelnemers/?pagina=4#")
    client = client_van(lid)
    antwoord = client.get(reverse("werkgroep:deelnemer", args=[lid_b.deelnemer.pk]), follow=True)
    assert antwoord.redirect_chain == [
        (f"/deelnemers/?pagina=1#deelnemer-{lid_b.deelnemer.pk}", 302)
    ]
    assert f'id="deelnemer-{lid_b.deelnemer.pk}"' in antwoord.content.decode()
    assert client.get(reverse("werkgroep:deelnemer", args=[buiten.pk])).status_code == 404
    assert client.get(reverse("werkgroep:deelnemer", args=[10**9])).status_code == 404


# ---- Organisations -------------------------------------------------------------------------


def _als_tupel(organisatie: Organisatie) -> tuple[str, ...]:
    """The order asked for, in Python: names level by level, case ignored."""
    return tuple(naam.casefold() for naam in organisatie.pad.split(Organisatie.SCHEIDING))


def test_a_part_comes_right_after_its_parent_even_before_a_longer_name(seed):
    """ "KULeuven › HIVA" before "KULeuven Associatie" and "kuleuven-fonds": the separator
    sorts before a space, a hyphen and every letter (a language's collation skips it)."""
    Organisatie.objects.create(naam="KULeuven Associatie")
    Organisatie.objects.create(naam="kuleuven-fonds")
    onderdeel = Organisatie.objects.create(
        naam="Onderzoek", moeder=Organisatie.objects.get(naam="KULeuven")
    )
    Organisatie.objects.create(naam="Archief", moeder=onderdeel)
    namen = [o.pad for o in selectors.organisaties()]
    kul = namen.index("KULeuven")
    assert namen[kul : kul + 6] == [
        "KULeuven",
        "KULeuven › HIVA",
        "KULeuven › Onderzoek",
        "KULeuven › Onderzoek › Archief",
        "KULeuven Associatie",
        "kuleuven-fonds",
    ]
    assert list(selectors.organisaties()) == sorted(
        Organisatie.objects.all(), key=lambda o: (_als_tupel(o), o.pk)
    )


def test_organisations_come_in_pages_with_their_participant_counts(client_van, lid, seed):
    bouwers.groei(seed, 60)  # 120 organisations more: a parent and its department each
    client = client_van(lid)
    url = reverse("werkgroep:organisaties")
    alle = _alle_paginas(client, url, "organisaties")
    assert len(client.get(url).context["organisaties"]) == PER_PAGINA
    assert [o.pk for o in alle] == [
        o.pk for o in sorted(Organisatie.objects.all(), key=lambda o: (_als_tupel(o), o.pk))
    ]
    telling = {o.pk: o.deelnemers.count() for o in Organisatie.objects.all()}
    assert {o.pk: o.aantal_deelnemers for o in alle} == telling
    assert any(telling.values())


def test_a_search_hit_on_an_organisation_lands_on_its_page_at_its_row(client_van, lid, seed):
    for n in range(_tot(2 * PER_PAGINA + 10, Organisatie)):
        Organisatie.objects.create(naam=f"Aaa {n}")
    zuid = Organisatie.objects.create(naam="Zuiderpershuis")
    client = client_van(lid)  # every logged-in user sees every organisation
    link = _zoekhit(client, "Zuiderpershuis")
    antwoord = client.get(link, follow=True)
    assert antwoord.redirect_chain == [(f"/organisaties/?pagina=3#organisatie-{zuid.pk}", 302)]
    assert f'<tr id="organisatie-{zuid.pk}">' in antwoord.content.decode()
    assert html.unescape("Zuiderpershuis") in antwoord.content.decode()
    for organisatie in Organisatie.objects.all()[::17]:
        plaats = [o.pk for o in selectors.organisaties()].index(organisatie.pk)
        assert selectors.pagina_van_organisatie(organisatie.pk) == plaats // PER_PAGINA + 1
    assert client.get(reverse("werkgroep:organisatie", args=[10**9])).status_code == 404


# ---- Constant work -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("naam", "rol", "vragen"),
    [
        # What every request costs around the view (the session and the user, the roles'
        # permissions (2), the request's savepoint and its release, the session's renewal
        # and its savepoint and release: 9), then the participant's name and the COUNT
        # before it; for a member the visibility needs their participant (1).
        ("werkgroep:deelnemer", "coordinator", 11),
        ("werkgroep:deelnemer", "lid", 12),
        # Around the view (9 less the roles' permissions, no rule asked: 7), the
        # organisation's place and the COUNT before it.
        ("werkgroep:organisatie", "lid", 9),
    ],
)
def test_a_link_to_one_row_costs_the_same_however_long_the_list(
    client_van, request, seed, naam, rol, vragen, django_assert_num_queries
):
    client = client_van(request.getfixturevalue(rol))
    doel = Deelnemer if naam == "werkgroep:deelnemer" else Organisatie
    url = reverse(naam, args=[doel.objects.order_by("-pk").first().pk])
    bouwers.groei(seed, 10)
    with django_assert_num_queries(vragen):
        assert client.get(url).status_code == 302
    bouwers.groei(seed, 190)
    with django_assert_num_queries(vragen):
        assert client.get(url).status_code == 302

"""An organisation's full name is stored: lists read no parents, whatever the depth, and the
stored path follows a rename or a move of any organisation above it."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from werkgroep.models import Deelnemer, Organisatie


def _keten(diepte: int, voorvoegsel: str = "Niveau") -> Organisatie:
    moeder = None
    for n in range(diepte):
        moeder = Organisatie.objects.create(naam=f"{voorvoegsel} {n}", moeder=moeder)
    return moeder


def test_the_path_follows_a_rename_and_a_move_above(db):
    onderste = _keten(4)
    assert onderste.volledige_naam == "Niveau 0 › Niveau 1 › Niveau 2 › Niveau 3"
    bovenste = Organisatie.objects.get(naam="Niveau 0")
    bovenste.naam = "Stad"
    bovenste.save()
    onderste.refresh_from_db()
    assert onderste.pad == "Stad › Niveau 1 › Niveau 2 › Niveau 3"
    assert onderste.natural_key() == ("Niveau 3", "Niveau 2", "Niveau 1", "Stad")
    # Moved under another organisation: the part and its own parts follow.
    tweede = Organisatie.objects.get(naam="Niveau 2")
    tweede.moeder = Organisatie.objects.create(naam="Provincie")
    tweede.save()
    onderste.refresh_from_db()
    assert onderste.pad == "Provincie › Niveau 2 › Niveau 3"
    assert Organisatie.objects.get_by_natural_key(*onderste.natural_key()) == onderste


def test_bulk_created_organisations_have_their_path(db):
    stad = Organisatie.objects.create(naam="Stad")
    (dienst,) = Organisatie.objects.bulk_create([Organisatie(naam="Dienst", moeder=stad)])
    assert Organisatie.objects.get(naam="Dienst").pad == "Stad › Dienst"


def test_a_name_cannot_hold_the_separator(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisatie.objects.create(naam="Stad › Dienst")


@pytest.mark.parametrize("diepte", [1, 3, 6])
def test_the_lists_read_no_parents_at_any_depth(
    client_van, coordinator, seed, diepte, django_assert_num_queries
):
    onderste = _keten(diepte)
    Deelnemer.objects.create(voornaam="Diep", achternaam="Genest", organisatie=onderste)
    client = client_van(coordinator)
    client.get(reverse("werkgroep:organisaties"))
    client.get(reverse("werkgroep:deelnemers"))
    # As tests/werkgroep/test_pages.py pins them for the seed (each list paged: its COUNT).
    with django_assert_num_queries(11):
        organisaties = client.get(reverse("werkgroep:organisaties")).content.decode()
    assert f"Niveau {diepte - 1}" in organisaties
    with django_assert_num_queries(12):
        deelnemers = client.get(reverse("werkgroep:deelnemers")).content.decode()
    assert "Genest" in deelnemers

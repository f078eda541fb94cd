"""A large ledger file through the admin: the preview shows its first rows and the counts,
every error always; rows past the first are compared without the library's diff; the
queries of a preview and a confirm do not grow with the number of lines."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from financien.models import Kostenpost

GROEP = "regierol-van-de-lokale-besturen"
KOP = "werkgroep;vergadering;categorie;omschrijving;status;bedrag"
IMPORT = reverse("admin:financien_kostenpost_import")
BEVESTIGEN = reverse("admin:financien_kostenpost_process_import")


def regels(aantal: int, *, bedrag: str = "12,50", fout_op: set[int] = frozenset()) -> bytes:
    """A ledger of ``aantal`` lines; the lines in ``fout_op`` (data rows, from 1) name a
    category that does not exist."""
    rijen = [KOP]
    for n in range(1, aantal + 1):
        categorie = "bestaat-niet" if n in fout_op else "catering"
        rijen.append(f"{GROEP};06/06/2006;{categorie};koffie {n};voorzien;{bedrag}")
    return ("\r\n".join(rijen) + "\r\n").encode("cp1252")


def voorvertonen(client, inhoud: bytes):
    return client.post(
        IMPORT,
        {"resource": "0", "format": "0", "import_file": SimpleUploadedFile("k.csv", inhoud)},
    )


def bevestigen(client, voorvertoning):
    formulier = voorvertoning.context["confirm_form"]
    return client.post(BEVESTIGEN, {k: formulier.initial[k] for k in formulier.fields})


def tekst(antwoord) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", antwoord.content.decode()))


@pytest.fixture
def beheer(client, secretariaat, seed, settings):
    settings.IMPORT_VOORVERTONING_REGELS = 3
    client.force_login(secretariaat)
    return client


def test_a_long_preview_shows_its_first_rows_and_says_how_many_there_are(beheer):
    antwoord = voorvertonen(beheer, regels(1200))
    pagina = tekst(antwoord)
    assert "Hieronder staan alleen de eerste 3 van de 1.200 regels." in pagina
    assert "Samen: 1200 nieuw, 0 gewijzigd, 0 ongewijzigd." in pagina
    rijen = re.findall(r'<tr class="new">', antwoord.content.decode())
    assert len(rijen) == 3
    assert "koffie 3" in pagina and "koffie 4 " not in pagina
    assert not Kostenpost.objects.filter(omschrijving__startswith="koffie").exists()


def test_a_short_preview_shows_every_row_as_it_would_change(beheer):
    antwoord = voorvertonen(beheer, regels(3))
    pagina = tekst(antwoord)
    assert "alleen de eerste" not in pagina
    assert len(re.findall(r'<tr class="new">', antwoord.content.decode())) == 3


def test_every_error_is_listed_with_line_column_and_value_past_the_shown_rows(beheer):
    antwoord = voorvertonen(beheer, regels(50, fout_op={2, 40, 50}))
    fouten = antwoord.context["fouten"]
    assert [(f.regel, f.kolom, f.waarde) for f in fouten] == [
        (3, "categorie", "bestaat-niet"),
        (41, "categorie", "bestaat-niet"),
        (51, "categorie", "bestaat-niet"),
    ]
    assert all(f.reden.startswith("Onbekende categorie “bestaat-niet”") for f in fouten)
    assert "confirm_form" not in antwoord.context or not antwoord.context["confirm_form"]


def test_rows_past_the_shown_ones_are_unchanged_or_changed_as_values_say(beheer):
    bevestigen(beheer, voorvertonen(beheer, regels(8)))
    versies = Kostenpost.history.count()
    assert Kostenpost.objects.filter(omschrijving__startswith="koffie").count() == 8

    # The same file again: unchanged, every row, without a history version.
    antwoord = voorvertonen(beheer, regels(8))
    assert "Samen: 0 nieuw, 0 gewijzigd, 8 ongewijzigd." in tekst(antwoord)
    bevestigen(beheer, antwoord)
    assert Kostenpost.history.count() == versies

    # Line 7 (past the three shown) changes its amount: changed, and only that one.
    inhoud = regels(8).replace(b"koffie 7;voorzien;12,50", b"koffie 7;voorzien;13,00")
    antwoord = voorvertonen(beheer, inhoud)
    assert "Samen: 0 nieuw, 1 gewijzigd, 7 ongewijzigd." in tekst(antwoord)
    bevestigen(beheer, antwoord)
    assert str(Kostenpost.objects.get(omschrijving="koffie 7").bedrag) == "13.00"
    assert Kostenpost.history.count() == versies + 1


PREVIEW_NIEUW, BEVESTIGEN_NIEUW, PREVIEW_GEWIJZIGD, BEVESTIGEN_GEWIJZIGD = 26, 27, 25, 26


# Below SQLite's limit of 999 values in one statement (about 70 ledger lines with their
# history per insert; PostgreSQL inserts 1,000 per statement): the same count at both sizes.
@pytest.mark.parametrize("aantal", [5, 60])
def test_a_new_file_previews_and_confirms_in_a_fixed_number_of_queries(
    beheer, django_assert_num_queries, aantal
):
    inhoud = regels(aantal)
    # User, the two permission reads; the groups, the categories, the ledger, the ceiling
    # and the meetings (each once per file); the lines inserted once (no history: rolled
    # back); the session saved; the rest savepoints.
    with django_assert_num_queries(PREVIEW_NIEUW):
        voorvertoning = voorvertonen(beheer, inhoud)
    assert voorvertoning.context["confirm_form"]
    # Session, user, permissions, the same five reads; the lines, their history and the
    # admin's log each inserted once; the session saved; the rest savepoints. PostgreSQL:
    # django-import-export sets the id sequence after new lines (one query).
    with django_assert_num_queries(BEVESTIGEN_NIEUW + (connection.vendor == "postgresql")):
        assert bevestigen(beheer, voorvertoning).status_code == 302


@pytest.mark.parametrize("aantal", [5, 60])
def test_a_changed_file_previews_and_confirms_in_a_fixed_number_of_queries(
    beheer, django_assert_num_queries, aantal
):
    bevestigen(beheer, voorvertonen(beheer, regels(aantal)))
    inhoud = regels(aantal, bedrag="20,00")
    # As a new file, the lines updated in one statement instead of inserted; a changed
    # line is compared by its references' ids, never one query per line.
    with django_assert_num_queries(PREVIEW_GEWIJZIGD):
        voorvertoning = voorvertonen(beheer, inhoud)
    assert f"0 nieuw, {aantal} gewijzigd" in tekst(voorvertoning)
    with django_assert_num_queries(BEVESTIGEN_GEWIJZIGD):
        assert bevestigen(beheer, voorvertoning).status_code == 302

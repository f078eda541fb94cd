"""``manage.py importeer``: the admin's import from a terminal, all or nothing, in Dutch."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from financien.models import Kostenpost

KOP = "werkgroep;vergadering;categorie;omschrijving;status;bedrag"
GOED = "regierol-van-de-lokale-besturen;06/06/2006;catering;koffie via de terminal;voorzien;12,50"
SLECHT = "bestaat-niet;06/06/2006;catering;x;voorzien;1"


class Terminal(io.StringIO):
    def isatty(self):
        return True


def bestand(tmp_path, *regels, naam="kosten.csv"):
    pad = tmp_path / naam
    pad.write_bytes("\r\n".join(regels).encode("cp1252"))
    return pad


def test_without_bevestig_it_previews_and_saves_nothing(seed, tmp_path):
    uit = io.StringIO()
    call_command("importeer", "kostenpost", bestand(tmp_path, KOP, GOED), stdout=uit)
    assert "Voorvertoning: 1 nieuw, 0 gewijzigd, 0 ongewijzigd." in uit.getvalue()
    assert not Kostenpost.objects.filter(omschrijving="koffie via de terminal").exists()


def test_with_bevestig_it_imports_once_naming_who(seed, secretariaat, tmp_path):
    pad, uit, balk = bestand(tmp_path, KOP, GOED), io.StringIO(), Terminal()
    call_command(
        "importeer", "kostenpost", pad, bevestig=True, gebruiker="secretariaat",
        stdout=uit, stderr=balk,
    )  # fmt: skip
    assert "Ingelezen: 1 nieuw, 0 gewijzigd, 0 ongewijzigd." in uit.getvalue()
    assert "[##############################] 1/1" in balk.getvalue()  # on a terminal
    post = Kostenpost.objects.get(omschrijving="koffie via de terminal")
    assert post.history.get().history_user == secretariaat
    uit = io.StringIO()
    call_command("importeer", "kostenpost", pad, bevestig=True, stdout=uit)
    assert "Ingelezen: 0 nieuw, 0 gewijzigd, 1 ongewijzigd." in uit.getvalue()


def test_one_bad_line_imports_nothing_and_names_line_column_and_value(seed, tmp_path):
    fouten = io.StringIO()
    with pytest.raises(CommandError, match="niet ingelezen; er is niets opgeslagen"):
        call_command(
            "importeer", "kostenpost", bestand(tmp_path, KOP, GOED, SLECHT), bevestig=True,
            stderr=fouten,
        )  # fmt: skip
    assert (
        "regel 3, kolom werkgroep “bestaat-niet”: Geen werkgroep “bestaat-niet” gevonden"
        in fouten.getvalue()
    )
    assert not Kostenpost.objects.filter(omschrijving="koffie via de terminal").exists()


@pytest.mark.parametrize(
    ("argumenten", "bericht"),
    [
        (("bestaat-niet",), "Onbekende soort “bestaat-niet”; kies uit: aanwezigheid"),
        (("kostenpost",), "Geef een CSV-, XLSX- of ODS-bestand"),
    ],
)
def test_an_unknown_kind_or_format_is_refused_in_dutch(seed, tmp_path, argumenten, bericht):
    pad = bestand(tmp_path, KOP, GOED, naam="kosten.pdf")
    with pytest.raises(CommandError, match=bericht):
        call_command("importeer", *argumenten, pad)


def test_the_file_limits_of_the_admin_hold(seed, tmp_path, settings):
    settings.IMPORT_MAX_BYTES = 10
    with pytest.raises(CommandError, match="het maximum is 10"):
        call_command("importeer", "kostenpost", bestand(tmp_path, KOP, GOED))
    settings.IMPORT_MAX_BYTES = 10_000
    with pytest.raises(CommandError, match="Het bestand is leeg"):
        call_command("importeer", "kostenpost", bestand(tmp_path, ""))

"""The load test (scripts/belasting.py): nothing acknowledged is lost, and its check can fail.

The run starts gunicorn on a throwaway database of its own: an SQLite file, or, when the
suite itself runs on PostgreSQL, a database the script creates on that server and drops.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

from financien.models import Kostencategorie, Kostenpost
from projecten.models import Project
from projecten.services import fiche_opslaan

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "belasting.py"


def _script():
    spec = importlib.util.spec_from_file_location("belasting", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules["belasting"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


belasting = _script()
ERKEND, GEWEIGERD, FOUT = belasting.ERKEND, belasting.GEWEIGERD, belasting.FOUT


def test_many_clients_at_once_lose_nothing():
    opdracht = [sys.executable, str(SCRIPT), "--clients", "4", "--requests", "60"]
    opdracht += ["--seconds", "60"]
    if os.environ.get("DATABASE_URL", "").startswith(("postgres", "pgsql")):
        opdracht += ["--database-url", os.environ["DATABASE_URL"]]
    klaar = subprocess.run(opdracht, capture_output=True, text=True, timeout=240)
    assert klaar.returncode == 0, klaar.stdout + klaar.stderr
    figuren = dict(r.split(" ", 1) for r in klaar.stdout.splitlines() if not r.startswith("sum"))
    assert (figuren["lost"], figuren["errors"], figuren["refused_but_stored"]) == ("0", "0", "0")
    assert int(figuren["acknowledged_fiche_saves"]) > 0
    assert int(figuren["acknowledged_cost_lines"]) > 0
    assert int(figuren["refused"]) > 0  # every fourth save comes from a stale tab


# The check itself, on the test database: it must see what a client was told and the
# database does not hold.


def fiche(gelezen, tekst, uitkomst=ERKEND):
    aanpak = f"aanpak {tekst}\nregel twee"
    return belasting.Fichebewaring(
        "werkwaardig", "regierol-van-de-lokale-besturen", gelezen, tekst, aanpak, uitkomst
    )


def opslaan(seed, lid, gelezen, tekst):
    fiche_opslaan(
        project=Project.objects.get(slug="werkwaardig"),
        werkgroep=seed,
        gelezen_versie=gelezen,
        inhoud={"doelgroep": tekst, "aanpak": f"aanpak {tekst}\nregel twee"},
        door=lid,
    )


def kostenpost(seed, omschrijving, bedrag, uitkomst=ERKEND):
    Kostenpost.objects.create(
        werkgroep=seed,
        vergadering_zoals_geschreven="06/06/06",
        jaar=2006,
        categorie=Kostencategorie.objects.get(slug="zaal"),
        omschrijving=omschrijving,
        status="voorzien",
        bedrag=Decimal(bedrag),
    )
    return belasting.Kostenbewaring(omschrijving, Decimal(bedrag), "voorzien", "06/06/06", uitkomst)


def test_the_check_passes_what_the_database_holds(seed, lid):
    opslaan(seed, lid, 0, "een")
    opslaan(seed, lid, 1, "twee")
    bewaard = [fiche(0, "een"), fiche(1, "twee"), fiche(1, "te laat", GEWEIGERD)]
    post = kostenpost(seed, "Zaalhuur", "1234.50")
    assert belasting.controleer(bewaard, [post]) == belasting.Controle()


def test_the_check_reports_acknowledged_saves_that_are_missing(seed, lid):
    opslaan(seed, lid, 0, "een")
    overschreven = fiche(0, "ook van versie 0")  # acknowledged too: a lost update
    nooit = belasting.Kostenbewaring(
        "Nooit geboekt", Decimal("120.00"), "voorzien", "06/06/06", ERKEND
    )
    kostenpost(seed, "Catering", "36.30")
    anders = belasting.Kostenbewaring("Catering", Decimal("36.31"), "voorzien", "06/06/06", ERKEND)
    controle = belasting.controleer([fiche(0, "een"), overschreven], [nooit, anders])
    assert len(controle.verloren) == 3, controle
    assert "'ook van versie 0' (read version 0) is not version 1" in controle.verloren[0]
    assert "'Nooit geboekt'" in controle.verloren[1] and "'Catering'" in controle.verloren[2]


def test_the_check_reports_a_fiche_that_is_not_the_last_acknowledged_save(seed, lid):
    opslaan(seed, lid, 0, "een")
    controle = belasting.controleer([fiche(0, "een"), fiche(1, "twee")], [])
    assert [r for r in controle.verloren if "holds 'een' at version 1" in r], controle


def test_the_check_reports_a_refused_save_that_was_stored(seed, lid):
    opslaan(seed, lid, 0, "een")
    opslaan(seed, lid, 1, "twee")
    controle = belasting.controleer([fiche(0, "een"), fiche(1, "twee", GEWEIGERD)], [])
    assert controle.onterecht_geweigerd == [
        "fiche werkwaardig: refused save 'twee' was stored anyway"
    ]


def test_a_save_answered_with_an_error_may_explain_the_final_version(seed, lid):
    opslaan(seed, lid, 0, "een")
    opslaan(seed, lid, 1, "twee")
    assert not belasting.controleer([fiche(0, "een"), fiche(1, "twee", FOUT)], []).verloren

"""The load test (scripts/belasting/): nothing acknowledged is lost, and its check can fail.

The run starts gunicorn on a throwaway database of its own: an SQLite file, or, when the
suite itself runs on PostgreSQL, a database the script creates on that server and drops.
Locust drives the users (``locustfile.py``); the check (``controle.py``) is tested here on
the test database without Locust, which would patch this process with gevent.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from tests import bouwers

MAP = Path(__file__).resolve().parents[1] / "scripts" / "belasting"


def _module(naam):
    spec = importlib.util.spec_from_file_location(naam, MAP / f"{naam}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[naam] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


controle = _module("controle")
ERKEND, GEWEIGERD, FOUT = controle.ERKEND, controle.GEWEIGERD, controle.FOUT


@pytest.mark.langzaam(reden="gunicorn and Locust for a minute")
def test_many_users_at_once_lose_nothing():
    opdracht = [sys.executable, str(MAP / "run.py"), "--users", "4", "--requests", "60"]
    opdracht += ["--seconds", "60"]
    if os.environ.get("DATABASE_URL", "").startswith(("postgres", "pgsql")):
        opdracht += ["--database-url", os.environ["DATABASE_URL"]]
    klaar = subprocess.run(opdracht, capture_output=True, text=True, timeout=300)
    assert klaar.returncode == 0, klaar.stdout + klaar.stderr
    figuren = dict(r.split(" ", 1) for r in klaar.stdout.splitlines() if not r.startswith("sum"))
    assert (figuren["lost"], figuren["errors"], figuren["refused_but_stored"]) == ("0", "0", "0")
    assert int(figuren["acknowledged_fiche_saves"]) > 0
    assert int(figuren["acknowledged_cost_lines"]) > 0
    assert int(figuren["refused"]) > 0  # every fourth save comes from a stale tab
    assert 0 < int(figuren["requests"]) <= 60
    p50, p95, p99 = (float(figuren[f"latency_{p}_ms"]) for p in ("p50", "p95", "p99"))
    assert 0 < p50 <= p95 <= p99


# The check itself, on the test database: it must see what a client was told and the
# database does not hold.


def fiche(gelezen, tekst, uitkomst=ERKEND):
    aanpak = f"aanpak {tekst}\nregel twee"
    return controle.Fichebewaring("werkwaardig", bouwers.SEED, gelezen, tekst, aanpak, uitkomst)


def opslaan(lid, gelezen, tekst):
    bouwers.fiche_bewaard(
        lid, gelezen_versie=gelezen, doelgroep=tekst, aanpak=f"aanpak {tekst}\nregel twee"
    )


def kostenpost(seed, omschrijving, bedrag, uitkomst=ERKEND):
    bouwers.kostenpost(seed, omschrijving=omschrijving, bedrag=bedrag)
    return controle.Kostenbewaring(omschrijving, Decimal(bedrag), "voorzien", "06/06/06", uitkomst)


def test_the_check_passes_what_the_database_holds(seed, lid):
    opslaan(lid, 0, "een")
    opslaan(lid, 1, "twee")
    bewaard = [fiche(0, "een"), fiche(1, "twee"), fiche(1, "te laat", GEWEIGERD)]
    post = kostenpost(seed, "Zaalhuur", "1234.50")
    assert controle.controleer(bewaard, [post]) == controle.Controle()


def test_the_check_reports_acknowledged_saves_that_are_missing(seed, lid):
    opslaan(lid, 0, "een")
    overschreven = fiche(0, "ook van versie 0")  # acknowledged too: a lost update
    nooit = controle.Kostenbewaring(
        "Nooit geboekt", Decimal("120.00"), "voorzien", "06/06/06", ERKEND
    )
    kostenpost(seed, "Catering", "36.30")
    anders = controle.Kostenbewaring("Catering", Decimal("36.31"), "voorzien", "06/06/06", ERKEND)
    uitslag = controle.controleer([fiche(0, "een"), overschreven], [nooit, anders])
    assert len(uitslag.verloren) == 3, uitslag
    assert "'ook van versie 0' (read version 0) is not version 1" in uitslag.verloren[0]
    assert "'Nooit geboekt'" in uitslag.verloren[1] and "'Catering'" in uitslag.verloren[2]
    assert uitslag.onterecht_geweigerd == []


def test_the_check_reports_a_fiche_that_is_not_the_last_acknowledged_save(seed, lid):
    opslaan(lid, 0, "een")
    uitslag = controle.controleer([fiche(0, "een"), fiche(1, "twee")], [])
    assert [r for r in uitslag.verloren if "holds 'een' at version 1" in r], uitslag


def test_the_check_reports_a_cost_line_stored_without_its_history(seed):
    from financien.models import Kostencategorie, Kostenpost

    # bulk_create sends no signal, so simple-history records nothing: as if it were lost.
    Kostenpost.objects.bulk_create(
        [
            Kostenpost(
                werkgroep=seed,
                vergadering_zoals_geschreven="06/06/06",
                jaar=2006,
                categorie=Kostencategorie.objects.get(slug="zaal"),
                omschrijving="Zonder historiek",
                status="voorzien",
                bedrag=Decimal("10.00"),
            )
        ]
    )
    post = controle.Kostenbewaring(
        "Zonder historiek", Decimal("10.00"), "voorzien", "06/06/06", ERKEND
    )
    assert controle.controleer([], [post]).verloren == [
        "cost line 'Zonder historiek': stored, but its creation is not in the history"
    ]


def test_the_check_reports_a_refused_save_that_was_stored(seed, lid):
    opslaan(lid, 0, "een")
    opslaan(lid, 1, "twee")
    post = kostenpost(seed, "Geweigerd", "5.00", GEWEIGERD)
    uitslag = controle.controleer([fiche(0, "een"), fiche(1, "twee", GEWEIGERD)], [post])
    assert uitslag.onterecht_geweigerd == [
        "fiche werkwaardig: refused save 'twee' was stored anyway",
        "cost line 'Geweigerd': refused, yet stored",
    ]


def test_a_save_answered_with_an_error_may_explain_the_final_version(seed, lid):
    opslaan(lid, 0, "een")
    opslaan(lid, 1, "twee")
    assert not controle.controleer([fiche(0, "een"), fiche(1, "twee", FOUT)], []).verloren


def test_the_outcomes_file_keeps_every_answer_exactly(tmp_path):
    """What the Locust users write is what the check reads: amounts to the cent, none."""
    bewaringen = [
        fiche(3, "‘één’ € 5 & <b>", GEWEIGERD),
        controle.Kostenbewaring("Zaal ‘€’", Decimal("1234.50"), "voorzien", "okt/nov ’06", ERKEND),
        controle.Kostenbewaring("Nog open", None, "nog_te_bepalen", "dec ’06", FOUT),
    ]
    pad = tmp_path / "uitkomsten.jsonl"
    regels = [controle.regel(b) for b in bewaringen] + [controle.foutregel("lid1: login: 403")]
    pad.write_text("\n".join(regels) + "\n", "utf-8")
    gelezen = controle.lees(pad)
    assert gelezen.fiches == bewaringen[:1]
    assert gelezen.posten == bewaringen[1:]
    assert str(gelezen.posten[0].bedrag) == "1234.50"
    assert gelezen.fouten == ["lid1: login: 403"]

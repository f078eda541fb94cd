"""Backups restore to identical data: the JSON backup on any database, pg_dump on PostgreSQL."""

from __future__ import annotations

import os
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection

from financien.models import Kostenpost
from projecten.models import Projectfiche
from tests import bouwers
from werkgroep.models import Vergadering


def aantallen() -> dict[str, int]:
    """Rows per table, for every model: also those the JSON backup leaves to migrate."""
    return {
        m._meta.label: m._default_manager.count()
        for m in apps.get_models()
        if m._meta.managed and not m._meta.proxy
    }


def meer_gegevens(seed, lid):
    """Beyond the seed: a fiche with history, a cost line with a cent amount."""
    for versie, tekst in enumerate(["Eerste", "Tweede"]):
        bouwers.fiche_bewaard(lid, gelezen_versie=versie, doelgroep=tekst)
    bouwers.kostenpost(seed, status="gefactureerd", bedrag="36.30")


def test_the_json_backup_restores_to_identical_data(transactional_db, seed, lid, tmp_path):
    """Committed data, as on a server (PostgreSQL refuses to empty tables mid-transaction)."""
    meer_gegevens(seed, lid)
    voor = aantallen()
    vergadering_pk = Vergadering.objects.get(kenmerk="2006-06-06").pk
    eerste, tweede = tmp_path / "backup.json", tmp_path / "opnieuw.json"
    call_command("reservekopie", output=str(eerste))

    call_command("herstellen", str(eerste), interactive=False)

    call_command("reservekopie", output=str(tweede))
    assert eerste.read_bytes() == tweede.read_bytes()
    assert aantallen() == voor
    assert Vergadering.objects.get(kenmerk="2006-06-06").pk == vergadering_pk  # addresses hold
    fiche = Projectfiche.objects.get(project__slug="werkwaardig")
    assert fiche.doelgroep == "Tweede"
    assert [h.doelgroep for h in fiche.history.order_by("history_date")][-2:] == [
        "Eerste",
        "Tweede",
    ]
    assert Kostenpost.objects.get(omschrijving="Zaalhuur").bedrag == Decimal("36.30")
    assert lid.groups.get().permissions.count() == 0  # members have no admin rights
    from django.contrib.auth.models import Group

    assert Group.objects.get(name="Secretariaat").permissions.count() > 0


def test_a_restore_that_fails_leaves_the_database_as_it_was(transactional_db, seed, tmp_path):
    kapot = tmp_path / "kapot.json"
    kapot.write_text('[{"model": "werkgroep.vergadering", "pk": 1, "fields": {"x": 1}}]')
    voor = aantallen()
    with pytest.raises(Exception):  # noqa: B017 - whatever loaddata raises, nothing changes
        call_command("herstellen", str(kapot), interactive=False)
    assert aantallen() == voor


def _pg_args() -> list[str]:
    """How libpq's tools reach the test database: as Django does (host may sit in OPTIONS)."""
    params = connection.get_connection_params()
    args = ["-U", params.get("user") or "postgres"]
    if params.get("host"):
        args += ["-h", str(params["host"])]
    if params.get("port"):
        args += ["-p", str(params["port"])]
    return args


def _pg_bin(naam: str) -> str:
    eigen = Path("/usr/lib/postgresql/15/bin") / naam  # the server's own version
    return str(eigen) if eigen.exists() else (shutil.which(naam) or naam)


def _vingerafdruk(cursor) -> dict[str, tuple[int, str]]:
    """Each table's row count and an md5 of all its rows, in a stable order."""
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
    tabellen = [r[0] for r in cursor.fetchall()]
    uitkomst = {}
    for tabel in tabellen:
        cursor.execute(
            f"SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) "
            f'FROM "{tabel}" t'
        )
        uitkomst[tabel] = cursor.fetchone()
    return uitkomst


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="pg_dump needs PostgreSQL: CI runs this with DATABASE_URL set",
)
def test_pg_dump_and_pg_restore_give_identical_data(transactional_db, seed, lid, tmp_path):
    import psycopg2

    meer_gegevens(seed, lid)
    bron = connection.settings_dict["NAME"]
    doel = f"{bron}_herstel"
    dump = tmp_path / "werkgroep.dump"
    omgeving = {**os.environ, "PGPASSWORD": connection.settings_dict["PASSWORD"] or ""}
    subprocess.run(
        [_pg_bin("pg_dump"), "-Fc", "-f", str(dump), *_pg_args(), "-d", bron],
        check=True,
        env=omgeving,
    )
    subprocess.run([_pg_bin("dropdb"), "--if-exists", *_pg_args(), doel], env=omgeving)
    subprocess.run([_pg_bin("createdb"), *_pg_args(), doel], check=True, env=omgeving)
    try:
        subprocess.run(
            [_pg_bin("pg_restore"), "--no-owner", *_pg_args(), "-d", doel, str(dump)],
            check=True,
            env=omgeving,
        )
        with connection.cursor() as cursor:
            voor = _vingerafdruk(cursor)
        params = {
            k: v
            for k, v in connection.get_connection_params().items()
            if k in {"user", "host", "port", "password"}
        }
        hersteld = psycopg2.connect(dbname=doel, **params)
        try:
            with hersteld.cursor() as cursor:
                na = _vingerafdruk(cursor)
        finally:
            hersteld.close()
        assert voor == na
        assert voor["projecten_projectfiche"][0] > 0 and voor["financien_kostenpost"][0] > 0
    finally:
        subprocess.run([_pg_bin("dropdb"), "--if-exists", *_pg_args(), doel], env=omgeving)

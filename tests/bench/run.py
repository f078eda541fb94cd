"""Benchmarks, printed as figures (``make bench``); never timed assertions in the test suite.

- ledger import: a 5,000-line Belgian CSV through the same resource the admin uses,
  lines per second, and queries per line at 500 and at 5,000 lines (should not grow).

Runs on a throwaway SQLite database unless DATABASE_URL is set.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
_tijdelijk = tempfile.mkdtemp(prefix="werkgroep-bench-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{_tijdelijk}/bench.sqlite3")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

DATUMS = ["02/12/05", "12/12/05", "27/01/06", "06/06/06", "25/09/06", "okt/nov ’06", "dec ’06"]
STATUSSEN = ["voorzien", "gefactureerd", "intern gefactureerd", "nog te bepalen"]


def grootboekbestand(aantal: int, voorvoegsel: str) -> bytes:
    regels = ["werkgroep;vergadering;categorie;omschrijving;status;bedrag"]
    for n in range(aantal):
        status = STATUSSEN[n % 4]
        bedrag = "" if status == "nog te bepalen" else f"{n % 997},{n % 100:02d}"
        regels.append(
            f"regierol-van-de-lokale-besturen;{DATUMS[n % len(DATUMS)]};catering;"
            f"{voorvoegsel} {n};{status};{bedrag}"
        )
    return ("\r\n".join(regels) + "\r\n").encode("cp1252")


def importeer(aantal: int, voorvoegsel: str) -> tuple[float, int]:
    from financien.resources import KostenpostResource
    from werkgroep.spreadsheets import BelgischeCSV

    dataset = BelgischeCSV().create_dataset(grootboekbestand(aantal, voorvoegsel))
    teller = [0]

    def tel(execute, sql, params, many, context):
        teller[0] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(tel):
        begin = time.perf_counter()
        resultaat = KostenpostResource().import_data(dataset, dry_run=False)
        duur = time.perf_counter() - begin
    assert not resultaat.has_errors() and not resultaat.has_validation_errors()
    assert resultaat.totals["new"] == aantal
    return duur, teller[0]


def main() -> None:
    call_command("migrate", verbosity=0)
    call_command("loaddata", "regierol_lokale_besturen", verbosity=0)
    figuren = []
    klein_duur, klein_q = importeer(500, "klein")
    duur, q = importeer(5000, "groot")
    figuren.append(("ledger_import_5000_lines_seconds", f"{duur:.2f}"))
    figuren.append(("ledger_import_lines_per_second", f"{5000 / duur:.0f}"))
    figuren.append(("ledger_import_queries_per_line_500", f"{klein_q / 500:.2f}"))
    figuren.append(("ledger_import_queries_per_line_5000", f"{q / 5000:.2f}"))
    for naam, waarde in figuren:
        print(f"{naam} {waarde}")
    constant = abs(klein_q / 500 - q / 5000) < 0.5
    print(
        f"summary: ledger import {5000 / duur:.0f} lines/s, {duur:.1f} s for 5,000 lines "
        f"(goal < 15 s: {'met' if duur < 15 else 'NOT met'}), queries per line "
        f"{'constant' if constant else 'GROWING'} ({engine()})"
    )


def engine() -> str:
    return connection.vendor


if __name__ == "__main__":
    main()

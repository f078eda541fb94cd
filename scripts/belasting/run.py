"""Load test: many users save fiches and cost lines at once under gunicorn; nothing may be lost.

    .venv/bin/python scripts/belasting/run.py [--users 8] [--requests 400] [--seconds 60]
                                              [--factor 1|100] [--database-url postgres://…]

A throwaway database (an SQLite file; on PostgreSQL — ``--database-url``, or DATABASE_URL
when that is PostgreSQL — a database of its own beside the named one, dropped after),
migrated, loaded with the seed (``--factor 100``: grown by
``tests.bench.vermenigvuldigen``,
as ``make bench`` grows its database) and the accounts; gunicorn on 127.0.0.1 only with
DEBUG off; Locust headless on ``locustfile.py``; then the no-loss check (``controle.py``).
Prints one figure per line (requests/s, latency percentiles, errors, acknowledged, refused,
lost, refused but stored) and a summary, and exits 1 on any loss or error, or when no fiche
save or no cost line was acknowledged (such a run proves nothing). See docs/operations.md.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from ipaddress import ip_address
from pathlib import Path

import controle

HIER = Path(__file__).resolve().parent
BASE_DIR = HIER.parents[1]
HOST = "127.0.0.1"
LOGIN = "/accounts/login/"

# gunicorn loads the real settings; only the static files go elsewhere. Rendering uses the
# manifest like production, without WhiteNoise's ~10 s of compressing files nobody fetches.
INSTELLINGEN = """\
from config.settings import *  # noqa: F403

STATIC_ROOT = {static_root!r}
STORAGES = {{
    **STORAGES,  # noqa: F405
    "staticfiles": {{
        "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
    }},
}}
"""


def secretariaat_gebruikers(gebruikers: int) -> int:
    """A quarter of the users add cost lines (as ``locustfile.py`` spawns them)."""
    return max(1, gebruikers // 4)


# ---- The throwaway database -------------------------------------------------------------


def is_postgres(url: str) -> bool:
    return urllib.parse.urlsplit(url).scheme in ("postgres", "postgresql", "pgsql", "psql")


def eigen_postgres_database(url: str) -> tuple[str, dict]:
    """Create a fresh database beside the one ``url`` names; its URL and how to drop it."""
    import environ
    import psycopg2

    if not is_postgres(url):
        raise SystemExit("--database-url must be a PostgreSQL URL (SQLite is the default)")
    instellingen = environ.Env.db_url_config(url)
    verbinding = {
        "dbname": "postgres",
        "user": instellingen["USER"] or None,
        "password": instellingen["PASSWORD"] or None,
        "host": instellingen["HOST"] or None,
        "port": instellingen["PORT"] or None,
        **instellingen["OPTIONS"],
    }
    naam = f"{instellingen['NAME'] or 'werkgroep'}_belasting_{secrets.token_hex(4)}"
    c = psycopg2.connect(**verbinding)
    try:
        c.autocommit = True  # CREATE DATABASE runs outside a transaction
        c.cursor().execute(f'CREATE DATABASE "{naam}"')
    finally:
        c.close()
    deel = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(deel._replace(path="/" + naam)), {**verbinding, "naam": naam}


def postgres_database_weg(opruimen: dict) -> None:
    import psycopg2

    verbinding = {k: v for k, v in opruimen.items() if k != "naam"}
    c = psycopg2.connect(**verbinding)
    try:
        c.autocommit = True
        c.cursor().execute(f'DROP DATABASE IF EXISTS "{opruimen["naam"]}" WITH (FORCE)')
    finally:
        c.close()


def voorbereiden(leden_nodig: int, factor: int) -> dict:
    """The seed (grown ``factor`` times) and the accounts; what the users need to know.

    Members: one account per project participant (at most ``leden_nodig``: each costs a
    slow password hash), those of projects with the most participants first, so they race.
    """
    from financien.models import Kostencategorie
    from projecten.models import ProjectDeelnemer, Projectfiche
    from tests import bouwers
    from tests.bench.vermenigvuldigen import vermenigvuldig

    werkgroep = bouwers.seed()
    if factor > 1:
        vermenigvuldig(factor)
    secretariaat = bouwers.secretariaat()
    # The fiches a member may still edit (a submitted one waits for the secretariat).
    bewerkbaar = [s for s in Projectfiche.Status if s.bewerkbaar_door_lid]
    fiches = dict(
        Projectfiche.objects.filter(status__in=bewerkbaar).values_list(
            "project_id", "werkgroep__slug"
        )
    )
    koppelingen = ProjectDeelnemer.objects.select_related("project", "deelnemer")
    drukte = defaultdict(int)
    for koppeling in koppelingen:
        drukte[koppeling.project_id] += 1
    leden, met_account = [], set()
    for koppeling in sorted(
        koppelingen, key=lambda k: (-drukte[k.project_id], k.project.slug, k.deelnemer_id)
    ):
        if len(leden) == leden_nodig:
            break
        if koppeling.project_id not in fiches or koppeling.deelnemer_id in met_account:
            continue  # one account per participant: their first project
        met_account.add(koppeling.deelnemer_id)
        gebruiker = f"lid{len(leden) + 1}"
        bouwers.lid_van_deelnemer(koppeling.deelnemer, gebruikersnaam=gebruiker)
        leden.append(
            {
                "gebruiker": gebruiker,
                "project": koppeling.project.slug,
                "werkgroep": fiches[koppeling.project_id],
            }
        )
    return {
        "wachtwoord": bouwers.WACHTWOORD,
        "secretariaat": secretariaat.username,
        "leden": leden,
        "werkgroep_pk": werkgroep.pk,
        "categorie_pks": list(Kostencategorie.objects.values_list("pk", flat=True)),
    }


# ---- The server -------------------------------------------------------------------------


class Server:
    """gunicorn on a socket this script opened on 127.0.0.1, so it can listen nowhere else."""

    def __init__(self, omgeving: dict, workers: int, logboek: Path):
        if not ip_address(HOST).is_loopback:
            raise SystemExit(f"refusing to load {HOST}: loopback only")
        self.sok = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sok.bind((HOST, 0))
        self.sok.listen(128)
        self.sok.set_inheritable(True)
        self.poort = self.sok.getsockname()[1]
        self.logboek = logboek
        # As production runs it (docs/operations.md): forwarded_allow_ips from VERTROUWDE_PROXIES.
        opdracht = [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.py"]
        opdracht += ["config.wsgi:application"]
        opdracht += ["--bind", f"fd://{self.sok.fileno()}", "--workers", str(workers)]
        opdracht += ["--timeout", "60", "--graceful-timeout", "5", "--chdir", str(BASE_DIR)]
        opdracht += ["--no-control-socket"]  # no ~/.gunicorn socket shared between runs
        with open(logboek, "wb") as uit:
            self.proces = subprocess.Popen(
                opdracht,
                env=omgeving,
                cwd=BASE_DIR,
                stdout=uit,
                stderr=subprocess.STDOUT,
                pass_fds=[self.sok.fileno()],
            )

    @property
    def adres(self) -> str:
        return f"http://{HOST}:{self.poort}"

    def wacht(self, seconden: float = 60) -> None:
        """Until a worker answers the login page; fail early if gunicorn died."""
        tot = time.monotonic() + seconden
        verzoek = urllib.request.Request(self.adres + LOGIN, headers={"X-Forwarded-Proto": "https"})
        while time.monotonic() < tot:
            if self.proces.poll() is not None:
                raise SystemExit(f"gunicorn stopped at start:\n{self.staart()}")
            try:
                with urllib.request.urlopen(verzoek, timeout=5) as antwoord:
                    if antwoord.status == 200:
                        return
            except urllib.error.HTTPError as fout:
                raise SystemExit(f"login page answered {fout.code}:\n{self.staart()}") from None
            except OSError:
                time.sleep(0.2)
        raise SystemExit(f"gunicorn did not answer within {seconden} s:\n{self.staart()}")

    def staart(self, regels: int = 60) -> str:
        """The end of gunicorn's log."""
        try:
            return "\n".join(self.logboek.read_text("utf-8", "replace").splitlines()[-regels:])
        except OSError:
            return ""

    def stop(self) -> None:
        if self.proces.poll() is None:
            self.proces.send_signal(signal.SIGTERM)
            try:
                self.proces.wait(15)
            except subprocess.TimeoutExpired:
                self.proces.kill()
                self.proces.wait()
        self.sok.close()


# ---- Locust -------------------------------------------------------------------------------


def locust(args, server: Server, wereld: Path, uitkomsten: Path, map_: Path) -> dict:
    """Run the scenario headless; Locust's figures from its CSV, per request name (the
    names ``locustfile.py`` gives, e.g. "fiche [POST]") and "Aggregated"."""
    opdracht = [sys.executable, "-m", "locust", "-f", str(HIER / "locustfile.py"), "--headless"]
    opdracht += ["--host", server.adres, "--users", str(args.users)]
    opdracht += ["--spawn-rate", str(args.users), "--run-time", f"{int(args.seconds)}s"]
    # A user stopped by the time limit first finishes the save it is in, so every answer
    # the site gave is recorded.
    opdracht += ["--stop-timeout", str(int(args.timeout) * 2 + 5)]
    opdracht += ["--csv", str(map_ / "locust"), "--only-summary", "--loglevel", "WARNING"]
    opdracht += ["--exit-code-on-error", "0"]  # errors are counted and judged below
    opdracht += ["--wereld", str(wereld), "--uitkomsten", str(uitkomsten)]
    opdracht += ["--verzoeken", str(args.requests)]
    omgeving = {**os.environ, "PYTHONPATH": str(HIER)}
    # Locust's own summary goes to stderr: this script prints the figures.
    klaar = subprocess.run(
        opdracht, cwd=HIER, env=omgeving, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    uitvoer = klaar.stdout.decode("utf-8", "replace")
    if klaar.returncode != 0:
        raise SystemExit(f"locust exited with {klaar.returncode}:\n{uitvoer[-4000:]}")
    with open(map_ / "locust_stats.csv", newline="", encoding="utf-8") as bestand:
        return {rij["Name"]: rij for rij in csv.DictReader(bestand)}


# ---- Main -----------------------------------------------------------------------------------


def argumenten(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=8, help="concurrent users (>= 2)")
    parser.add_argument("--requests", type=int, default=400, help="most requests in all")
    parser.add_argument("--seconds", type=float, default=60, help="most seconds of load")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn sync workers")
    parser.add_argument("--timeout", type=float, default=30, help="seconds per request")
    parser.add_argument(
        "--factor", type=int, default=1, help="grow the seed this many times (100: as make bench)"
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL")
        if is_postgres(os.environ.get("DATABASE_URL", ""))
        else None,
        help="a PostgreSQL server to create a throwaway database on (default: DATABASE_URL "
        "when it is PostgreSQL, else an SQLite file)",
    )
    args = parser.parse_args(argv)
    if args.users < 2:
        parser.error("--users must be at least 2: the secretariat and a member")
    return args


def main(argv=None) -> int:
    args = argumenten(argv)
    begin = time.perf_counter()
    tijdelijk = Path(tempfile.mkdtemp(prefix="werkgroep-belasting-"))
    postgres = server = statisch = migratie = None
    django_klaar = False
    try:
        if args.database_url:
            database_url, postgres = eigen_postgres_database(args.database_url)
        else:
            database_url = f"sqlite:///{tijdelijk / 'belasting.sqlite3'}"
        (tijdelijk / "belasting_instellingen.py").write_text(
            INSTELLINGEN.format(static_root=str(tijdelijk / "static"))
        )
        omgeving = {
            **os.environ,
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": HOST,
            "VERTROUWDE_PROXIES": HOST,
            "DATABASE_URL": database_url,
            "DJANGO_SETTINGS_MODULE": "belasting_instellingen",
            "PYTHONPATH": os.pathsep.join([str(tijdelijk), str(BASE_DIR)]),
        }
        # Migrating and collecting static files run side by side, and gunicorn's workers
        # boot while the migration runs (they need the manifest, not the database yet).
        beheer = [sys.executable, "manage.py"]
        statisch = subprocess.Popen(
            [*beheer, "collectstatic", "--noinput", "--verbosity", "0"], cwd=BASE_DIR, env=omgeving
        )
        migratie = subprocess.Popen(
            [*beheer, "migrate", "--noinput", "--verbosity", "0"], cwd=BASE_DIR, env=omgeving
        )
        if statisch.wait() != 0:
            raise SystemExit("collectstatic failed")
        server = Server(omgeving, args.workers, tijdelijk / "gunicorn.log")
        if migratie.wait() != 0:
            raise SystemExit("migrate failed")
        # This process prepares and checks the same database with the same settings.
        os.environ.update({**omgeving, "DJANGO_SETTINGS_MODULE": "config.settings"})
        sys.path.insert(0, str(BASE_DIR))
        import django
        from django.db import connections

        django.setup()
        django_klaar = True
        wereld = voorbereiden(args.users - secretariaat_gebruikers(args.users), args.factor)
        connections.close_all()  # hold no SQLite lock while the site works
        (tijdelijk / "wereld.json").write_text(json.dumps(wereld), "utf-8")
        server.wacht()
        print(f"prepare_seconds {time.perf_counter() - begin:.1f}", flush=True)
        uitkomsten = tijdelijk / "uitkomsten.jsonl"
        begin_belasting = time.perf_counter()
        per_naam = locust(args, server, tijdelijk / "wereld.json", uitkomsten, tijdelijk)
        duur = time.perf_counter() - begin_belasting
        server.stop()

        gezegd = controle.lees(uitkomsten)
        uitslag = controle.controleer(gezegd.fiches, gezegd.posten)
        return rapport(args, per_naam, duur, gezegd, uitslag, server, connections)
    finally:
        for proces in (statisch, migratie):
            if proces is not None and proces.poll() is None:
                proces.kill()
                proces.wait()
        if server is not None:
            server.stop()
        if django_klaar:
            from django.db import connections

            connections.close_all()
        if postgres is not None:
            postgres_database_weg(postgres)
        shutil.rmtree(tijdelijk, ignore_errors=True)


def rapport(args, per_naam: dict, duur, gezegd, uitslag, server, connections) -> int:
    """One figure per line, then a summary; 0 only when nothing was lost or failed."""
    cijfers = per_naam["Aggregated"]
    alle = gezegd.fiches + gezegd.posten
    tel = {u: sum(1 for b in alle if b.uitkomst == u) for u in controle.UITKOMSTEN}
    fiches_erkend = sum(1 for b in gezegd.fiches if b.uitkomst == controle.ERKEND)
    posten_erkend = sum(1 for b in gezegd.posten if b.uitkomst == controle.ERKEND)
    fouten = max(len(gezegd.fouten), int(cijfers["Failure Count"]))
    verloren = len(uitslag.verloren)
    onterecht = len(uitslag.onterecht_geweigerd)
    verzoeken = int(cijfers["Request Count"])
    per_seconde = float(cijfers["Requests/s"])
    database = connections["default"].vendor
    figuren = [
        ("database", database),
        ("factor", args.factor),
        ("users", args.users),
        ("requests", verzoeken),
        ("seconds", f"{duur:.2f}"),
        ("requests_per_second", f"{per_seconde:.1f}"),
        ("latency_p50_ms", cijfers["50%"]),
        ("latency_p95_ms", cijfers["95%"]),
        ("latency_p99_ms", cijfers["99%"]),
        ("latency_max_ms", f"{float(cijfers['Max Response Time']):.0f}"),
        # The saves alone; the logins (a slow password hash each) weigh on the above.
        ("latency_fiche_save_p95_ms", per_naam.get("fiche [POST]", {}).get("95%", "N/A")),
        ("latency_cost_line_save_p95_ms", per_naam.get("kostenpost [POST]", {}).get("95%", "N/A")),
        ("errors", fouten),
        ("acknowledged", tel[controle.ERKEND]),
        ("acknowledged_fiche_saves", fiches_erkend),
        ("acknowledged_cost_lines", posten_erkend),
        ("refused", tel[controle.GEWEIGERD]),
        ("saves_with_errors", tel[controle.FOUT]),
        ("lost", verloren),
        ("refused_but_stored", onterecht),
    ]
    for regel in gezegd.fouten[:10] + uitslag.verloren[:10] + uitslag.onterecht_geweigerd[:10]:
        print(f"! {regel}", file=sys.stderr)
    if fouten:
        print(f"gunicorn's log:\n{server.staart()}", file=sys.stderr, flush=True)
    for naam, waarde in figuren:
        print(f"{naam} {waarde}")
    niets = not fiches_erkend or not posten_erkend
    goed = not (fouten or verloren or onterecht or niets)
    print(
        f"summary: {'OK' if goed else 'FAILED'}: {verzoeken} requests in {duur:.1f} s "
        f"({per_seconde:.1f}/s; p50 {cijfers['50%']} ms, p95 {cijfers['95%']} ms, p99 "
        f"{cijfers['99%']} ms) from {args.users} Locust users on {args.workers} gunicorn "
        f"workers ({database}, seed x{args.factor}); {fiches_erkend} fiche saves and "
        f"{posten_erkend} cost lines acknowledged, {tel[controle.GEWEIGERD]} stale saves "
        f"refused, {verloren} lost, {onterecht} refused but stored, {fouten} errors"
        + ("; nothing of one kind was acknowledged, so this run proves nothing" if niets else ""),
        flush=True,
    )
    return 0 if goed else 1


if __name__ == "__main__":
    sys.exit(main())

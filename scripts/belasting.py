"""Load test: many clients save fiches and cost lines at once, and nothing may be lost.

Runs the site under gunicorn on 127.0.0.1 only (a free port, DEBUG off), logs each client
in through the login page, and has them save concurrently until a request or time budget
runs out:

- members open their project's fiche and save it with a unique text and the version they
  read; two members share a project, so some saves are refused as stale;
- the secretariat adds cost lines in the admin, each with a unique description and an
  amount typed the Belgian way ("1.234,56").

Then it compares what every client was told with the database: each acknowledged fiche
save is in the fiche's history at the version it claimed, each fiche ends as its last
acknowledged save, each acknowledged cost line exists with its exact amount, and no
refused save was stored. It prints one figure per line (``requests_per_second``,
``errors``, ``acknowledged``, ``refused``, ``lost``, ...) and a summary line, and exits 1
when anything was lost, stored though refused, or answered with an error.

    .venv/bin/python scripts/belasting.py [--clients 8] [--requests 400] [--seconds 60]

The database is always a throwaway. By default it is an SQLite file in a temporary
folder, whatever DATABASE_URL says, so the test suite's PostgreSQL is never touched; it is
opened as the settings open any SQLite file (``transaction_mode=IMMEDIATE``). ``--database-url
postgres://user@host/name`` uses that server instead: the script creates a database of its
own beside ``name`` (the user needs CREATEDB, as for the test suite) and drops it after.

gunicorn runs the project's settings with DEBUG off, so the site insists on HTTPS: the
clients send ``X-Forwarded-Proto: https`` from 127.0.0.1, listed in TRUSTED_PROXIES, as the
reverse proxy of docs/operations.md would. Nothing listens beyond 127.0.0.1.
"""

from __future__ import annotations

import argparse
import html
import http.client
import os
import random
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import urllib.parse
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from http.cookies import SimpleCookie
from ipaddress import ip_address
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
WACHTWOORD = "belasting-wachtwoord-2006"  # throwaway accounts in a throwaway database
SECRETARIAAT = "secretariaat"

LOGIN = "/accounts/login/"
KOSTENPOST_NIEUW = "/admin/financien/kostenpost/add/"
KOSTENPOSTEN = "/admin/financien/kostenpost/"
# The message of projecten.views.fiche when a stale save conflicts with the stored text
# (kern.versies.conflictmelding): nothing was saved.
WEIGERING = "Niets is bewaard: bij"

ERKEND, GEWEIGERD, FOUT = "acknowledged", "refused", "error"

DATUMS = ["02/12/05", "12/12/05", "27/01/06", "06/06/06", "25/09/06", "okt/nov ’06", "dec ’06"]

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


# ---- What the clients were told ---------------------------------------------------------


@dataclass(frozen=True)
class Fichebewaring:
    """One save of a fiche: the version read, the texts sent, and the answer."""

    project: str
    werkgroep: str
    gelezen_versie: int
    doelgroep: str
    aanpak: str
    uitkomst: str


@dataclass(frozen=True)
class Kostenbewaring:
    """One cost line added in the admin, and the answer; ``bedrag`` None: to be determined."""

    omschrijving: str
    bedrag: Decimal | None
    status: str
    vergadering_zoals_geschreven: str
    uitkomst: str


@dataclass
class Controle:
    verloren: list[str] = field(default_factory=list)  # acknowledged, but not (so) stored
    onterecht_geweigerd: list[str] = field(default_factory=list)  # refused, yet stored


def controleer(fiches: list[Fichebewaring], posten: list[Kostenbewaring]) -> Controle:
    """Compare what each client was told with what the database holds.

    A save answered with an error may or may not be stored; it is only allowed to explain
    a fiche's final version. Needs Django set up on the database the site wrote to.
    """
    from financien.models import Kostenpost
    from projecten.models import Projectfiche

    controle = Controle()
    per_fiche: dict[tuple[str, str], list[Fichebewaring]] = defaultdict(list)
    for bewaring in fiches:
        per_fiche[bewaring.project, bewaring.werkgroep].append(bewaring)

    for (project, werkgroep), bewaringen in sorted(per_fiche.items()):
        fiche = Projectfiche.objects.get(project__slug=project, werkgroep__slug=werkgroep)
        historiek = defaultdict(set)
        for versie, doelgroep, aanpak in fiche.history.values_list("versie", "doelgroep", "aanpak"):
            historiek[versie].add((doelgroep, aanpak))
        opgeslagen = {d for rijen in historiek.values() for d, _a in rijen} | {fiche.doelgroep}
        nu = (fiche.doelgroep, fiche.aanpak)
        erkend = [b for b in bewaringen if b.uitkomst == ERKEND]
        for b in erkend:
            # Each acknowledged save made exactly one version: the one after what it read.
            if (b.doelgroep, b.aanpak) not in historiek.get(b.gelezen_versie + 1, set()):
                controle.verloren.append(
                    f"fiche {project}: acknowledged save {b.doelgroep!r} (read version "
                    f"{b.gelezen_versie}) is not version {b.gelezen_versie + 1} in its history"
                )
        for b in bewaringen:
            if b.uitkomst == GEWEIGERD and b.doelgroep in opgeslagen:
                controle.onterecht_geweigerd.append(
                    f"fiche {project}: refused save {b.doelgroep!r} was stored anyway"
                )
        if erkend:
            laatste = max(erkend, key=lambda b: b.gelezen_versie)
            verklaard = [
                (b.doelgroep, b.aanpak)
                for b in bewaringen
                if b.uitkomst in (ERKEND, FOUT) and b.gelezen_versie + 1 == fiche.versie
            ]
            if nu not in verklaard or fiche.versie < laatste.gelezen_versie + 1:
                controle.verloren.append(
                    f"fiche {project}: holds {fiche.doelgroep!r} at version {fiche.versie}, "
                    f"not the last acknowledged save {laatste.doelgroep!r} "
                    f"(version {laatste.gelezen_versie + 1})"
                )

    for post in posten:
        rijen = list(
            Kostenpost.objects.filter(omschrijving=post.omschrijving).values_list(
                "bedrag", "status", "vergadering_zoals_geschreven"
            )
        )
        if post.uitkomst == ERKEND:
            # str() compares the exact Decimal, two places included: 120.00, not 120 or 120.0.
            verwacht = (str(post.bedrag), post.status, post.vergadering_zoals_geschreven)
            if [(str(b), s, v) for b, s, v in rijen] != [verwacht]:
                controle.verloren.append(
                    f"cost line {post.omschrijving!r}: acknowledged with {verwacht}, "
                    f"database holds {rijen}"
                )
        elif post.uitkomst == GEWEIGERD and rijen:
            controle.onterecht_geweigerd.append(
                f"cost line {post.omschrijving!r}: refused, yet stored"
            )
    return controle


# ---- The clients -------------------------------------------------------------------------


class Budget:
    """One client's share of the requests, and the deadline all clients share.

    A share each, not one pool: a slow client (the admin's pages are the heaviest) would
    otherwise be starved by the fast ones, and the run would test only the fast saves.
    """

    def __init__(self, verzoeken: int, tot: float):
        self.over = verzoeken
        self.tot = tot  # time.monotonic()
        self.gedaan = 0

    def neem(self) -> bool:
        if self.over <= 0 or time.monotonic() >= self.tot:
            return False
        self.over -= 1
        self.gedaan += 1
        return True


class Op(Exception):
    """The budget is spent: the client stops."""


@dataclass
class Antwoord:
    status: int  # 0: no answer (timeout, connection refused or reset)
    locatie: str
    tekst: str

    @property
    def pad(self) -> str:
        return urllib.parse.urlsplit(self.locatie).path


class Resultaat:
    """What all clients were told, collected across threads."""

    def __init__(self):
        self._slot = threading.Lock()
        self.fiches: list[Fichebewaring] = []
        self.posten: list[Kostenbewaring] = []
        self.fouten: list[str] = []

    def fiche(self, bewaring: Fichebewaring) -> None:
        with self._slot:
            self.fiches.append(bewaring)

    def post(self, bewaring: Kostenbewaring) -> None:
        with self._slot:
            self.posten.append(bewaring)

    def fout(self, wat: str, antwoord: Antwoord | None = None) -> None:
        if antwoord is not None:
            wat += f": {antwoord.status or 'no answer'} {antwoord.locatie} {uittreksel(antwoord)}"
        with self._slot:
            self.fouten.append(wat)


def uittreksel(antwoord: Antwoord) -> str:
    """The part of a page that says what went wrong, for the error list."""
    for patroon in (r'class="errornote">(.*?)</p>', r'class="errorlist[^"]*">(.*?)</ul>'):
        if gevonden := re.search(patroon, antwoord.tekst, re.S):
            return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", gevonden.group(1))).strip()
    if gevonden := re.search(r"<title>(.*?)</title>", antwoord.tekst, re.S):
        return gevonden.group(1).strip()
    return antwoord.tekst[:200].replace("\n", " ")


def veld(pagina: str, naam: str) -> str | None:
    """The value of the form input ``naam`` on the page."""
    for tag in re.findall(r"<input\b[^>]*>", pagina):
        if re.search(rf'\bname="{re.escape(naam)}"', tag):
            waarde = re.search(r'\bvalue="([^"]*)"', tag)
            return html.unescape(waarde.group(1)) if waarde else ""
    return None


class Bezoeker:
    """One browser: its own cookies, a fresh connection per request, every request budgeted.

    The site runs with DEBUG off, so it wants HTTPS: the client says so the way the trusted
    proxy would (X-Forwarded-Proto from 127.0.0.1, which TRUSTED_PROXIES lists), and keeps
    the Secure cookies itself, as a browser behind that proxy would.
    """

    def __init__(self, poort: int, budget: Budget | None, wachttijd: float = 30):
        if not ip_address(HOST).is_loopback:
            raise SystemExit(f"refusing to load {HOST}: loopback only")
        self.poort, self.budget, self.wachttijd = poort, budget, wachttijd
        self.koekjes: dict[str, str] = {}
        self.oorsprong = f"https://{HOST}:{poort}"

    def reserveer(self, verzoeken: int) -> None:
        """Stop now unless the share still holds a whole save (opening the form and posting)."""
        if self.budget is not None and self.budget.over < verzoeken:
            raise Op

    def vraag(self, methode: str, pad: str, velden: dict | None = None) -> Antwoord:
        if self.budget is not None and not self.budget.neem():
            raise Op
        hoofding = {
            "Host": f"{HOST}:{self.poort}",
            "X-Forwarded-Proto": "https",
            "Accept-Language": "nl-be",
        }
        if self.koekjes:
            hoofding["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.koekjes.items())
        inhoud = None
        if velden is not None:
            inhoud = urllib.parse.urlencode(velden).encode()
            hoofding["Content-Type"] = "application/x-www-form-urlencoded"
            hoofding["Origin"] = self.oorsprong  # CSRF checks the origin over HTTPS
            hoofding["Referer"] = self.oorsprong + pad
        verbinding = http.client.HTTPConnection(HOST, self.poort, timeout=self.wachttijd)
        try:
            verbinding.request(methode, pad, inhoud, hoofding)
            antwoord = verbinding.getresponse()
            tekst = antwoord.read().decode("utf-8", "replace")
            for koekje in antwoord.headers.get_all("Set-Cookie") or []:
                for naam, morsel in SimpleCookie(koekje).items():
                    if morsel["max-age"] == "0":
                        self.koekjes.pop(naam, None)
                    else:
                        self.koekjes[naam] = morsel.coded_value  # sent back as set
            return Antwoord(antwoord.status, antwoord.getheader("Location") or "", tekst)
        except (OSError, http.client.HTTPException) as fout:
            return Antwoord(0, "", repr(fout))
        finally:
            verbinding.close()

    def aanmelden(self, gebruiker: str, resultaat: Resultaat) -> bool:
        pagina = self.vraag("GET", LOGIN)
        if pagina.status != 200:
            resultaat.fout(f"{gebruiker}: login page", pagina)
            return False
        antwoord = self.vraag(
            "POST",
            LOGIN,
            {
                "csrfmiddlewaretoken": veld(pagina.tekst, "csrfmiddlewaretoken") or "",
                "username": gebruiker,
                "password": WACHTWOORD,
                "next": "",
            },
        )
        if antwoord.status != 302 or antwoord.pad == LOGIN:
            resultaat.fout(f"{gebruiker}: login", antwoord)
            return False
        return True


@dataclass(frozen=True)
class Lid:
    gebruiker: str
    project: str
    werkgroep: str


@dataclass(frozen=True)
class Wereld:
    """What the clients need to know about the prepared database."""

    leden: list[Lid]
    werkgroep_pk: int
    categorie_pks: list[int]


def fiches_bewaren(bezoeker: Bezoeker, lid: Lid, nummer: str, resultaat: Resultaat) -> None:
    """A member opens the fiche, saves it, and after a refusal saves again from the page.

    Every fourth save comes from a tab left open: the version read the time before. It
    must be refused, so each run sees refusals even when no two saves happen to collide.
    """
    pad = f"/projecten/{lid.project}/fiche/"
    adres = f"{pad}?werkgroep={lid.werkgroep}"
    versie = token = vorige = None
    gelezen_keer = 0
    for n in range(1_000_000):
        bezoeker.reserveer(2 if versie is None else 1)
        if versie is None:
            pagina = bezoeker.vraag("GET", adres)
            gelezen = veld(pagina.tekst, "gelezen_versie")
            if pagina.status != 200 or not (gelezen or "").isdigit():
                resultaat.fout(f"{lid.gebruiker}: open fiche {lid.project}", pagina)
                continue
            versie, token = int(gelezen), veld(pagina.tekst, "csrfmiddlewaretoken")
            gelezen_keer += 1
            if gelezen_keer % 4 == 0 and vorige is not None and vorige < versie:
                versie, vorige = vorige, versie
            else:
                vorige = versie
        doelgroep = f"Doelgroep {nummer}-{n}: kwetsbare werkzoekenden – ‘één’ € 5"
        aanpak = f"Aanpak {nummer}-{n}\nTrajecten op maat & <begeleiding>"
        antwoord = bezoeker.vraag(
            "POST",
            adres,
            {
                "csrfmiddlewaretoken": token or "",
                "gelezen_versie": str(versie),
                "doelgroep": doelgroep,
                "aanpak": aanpak,
                "opslaan": "1",
            },
        )
        gelezen_nu = veld(antwoord.tekst, "gelezen_versie") or ""
        if antwoord.status == 302 and antwoord.pad == pad:
            uitkomst, volgende = ERKEND, None  # the redirect shows the fiche: read it again
        elif antwoord.status == 200 and WEIGERING in antwoord.tekst and gelezen_nu.isdigit():
            # The page keeps this text and carries the current version: save again from it.
            uitkomst, volgende = GEWEIGERD, int(gelezen_nu)
            token = veld(antwoord.tekst, "csrfmiddlewaretoken") or token
        else:
            uitkomst, volgende = FOUT, None
            resultaat.fout(f"{lid.gebruiker}: save fiche {lid.project}", antwoord)
        resultaat.fiche(
            Fichebewaring(lid.project, lid.werkgroep, versie, doelgroep, aanpak, uitkomst)
        )
        versie = volgende


def bedrag_belgisch(bedrag: Decimal) -> str:
    """1234.5 as a Belgian types it: 1.234,50."""
    geheel, cent = f"{bedrag:.2f}".split(".")
    return f"{int(geheel):,}".replace(",", ".") + "," + cent


def kosten_bewaren(
    bezoeker: Bezoeker, wereld: Wereld, nummer: str, resultaat: Resultaat, rng: random.Random
) -> None:
    """The secretariat adds cost lines in the admin, each after opening the add page."""
    for n in range(1_000_000):
        bezoeker.reserveer(2)
        pagina = bezoeker.vraag("GET", KOSTENPOST_NIEUW)
        if pagina.status != 200:
            resultaat.fout("secretariaat: open cost line form", pagina)
            continue
        if n % 8 == 7:
            status, bedrag, getypt = "nog_te_bepalen", None, ""
        else:
            status = rng.choice(["voorzien", "gefactureerd", "intern_gefactureerd"])
            # Up to € 99.999,99: under the group's default ceiling of € 100.000.
            bedrag = Decimal(rng.randint(1, 9_999_999)).scaleb(-2)
            getypt = bedrag_belgisch(bedrag) if n % 2 else f"{bedrag:.2f}".replace(".", ",")
        omschrijving = f"Belasting {nummer}-{n}: zaal & broodjes ‘€’"
        datum = rng.choice(DATUMS)
        antwoord = bezoeker.vraag(
            "POST",
            KOSTENPOST_NIEUW,
            {
                "csrfmiddlewaretoken": veld(pagina.tekst, "csrfmiddlewaretoken") or "",
                "werkgroep": str(wereld.werkgroep_pk),
                "vergadering_zoals_geschreven": datum,
                "vergadering": "",
                "categorie": str(rng.choice(wereld.categorie_pks)),
                "omschrijving": omschrijving,
                "status": status,
                "bedrag": getypt,
                "_save": "Opslaan",
            },
        )
        if antwoord.status == 302 and antwoord.pad == KOSTENPOSTEN:
            uitkomst = ERKEND
        else:
            # Descriptions are unique and the data valid: nothing here should be refused.
            uitkomst = FOUT
            resultaat.fout(f"secretariaat: add cost line {omschrijving!r}", antwoord)
        resultaat.post(Kostenbewaring(omschrijving, bedrag, status, datum, uitkomst))


def klant(bezoeker: Bezoeker, gebruiker: str, werk, resultaat: Resultaat) -> None:
    """One client's thread: log in, then work until the budget is spent."""
    try:
        if bezoeker.aanmelden(gebruiker, resultaat):
            werk()
    except Op:
        pass
    except Exception:  # a bug in this script must show, not hang or vanish
        resultaat.fout(f"{gebruiker}: client crashed\n{traceback.format_exc()}")


def secretariaat_klanten(klanten: int) -> int:
    """A quarter of the clients add cost lines; the others save fiches."""
    return max(1, klanten // 4)


def belasten(poort: int, wereld: Wereld, args, resultaat: Resultaat) -> tuple[int, float]:
    """Run the clients at once; the number of requests made and the seconds it took."""
    tot = time.monotonic() + args.seconds
    budgetten = [
        Budget(args.requests // args.clients + int(k < args.requests % args.clients), tot)
        for k in range(args.clients)
    ]
    run = secrets.token_hex(3)
    aantal_secretariaat = secretariaat_klanten(args.clients)
    draden = []
    for k in range(args.clients):
        bezoeker = Bezoeker(poort, budgetten[k], args.timeout)
        nummer = f"{run}-{k}"
        if k < aantal_secretariaat:
            rng = random.Random(f"{run}-{k}")
            gebruiker = SECRETARIAAT

            def werk(b=bezoeker, nummer=nummer, rng=rng):
                kosten_bewaren(b, wereld, nummer, resultaat, rng)

        else:
            lid = wereld.leden[(k - aantal_secretariaat) % len(wereld.leden)]
            gebruiker = lid.gebruiker

            def werk(b=bezoeker, lid=lid, nummer=nummer):
                fiches_bewaren(b, lid, nummer, resultaat)

        draden.append(threading.Thread(target=klant, args=(bezoeker, gebruiker, werk, resultaat)))
    begin = time.perf_counter()
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join()
    return sum(b.gedaan for b in budgetten), time.perf_counter() - begin


# ---- The throwaway database and the server ------------------------------------------------


def eigen_postgres_database(url: str) -> tuple[str, dict]:
    """Create a fresh database beside the one ``url`` names; its URL and how to drop it."""
    import environ
    import psycopg2

    deel = urllib.parse.urlsplit(url)
    if deel.scheme not in ("postgres", "postgresql", "pgsql", "psql"):
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


def voorbereiden(leden_nodig: int) -> Wereld:
    """Load the seed into the migrated database and make the accounts: the secretariat, and
    one per project participant (at most ``leden_nodig``: each costs a slow password hash),
    those of projects with two members first, so they race."""
    from django.core.management import call_command
    from django.utils.text import slugify

    from financien.models import Kostencategorie
    from projecten.models import ProjectDeelnemer, Projectfiche
    from werkgroep import rollen
    from werkgroep.models import Werkgroep
    from werkgroep.services import account_aanmaken

    call_command("loaddata", "regierol_lokale_besturen", verbosity=0)
    account_aanmaken(
        gebruikersnaam=SECRETARIAAT, wachtwoord=WACHTWOORD, rol=rollen.SECRETARIAAT, staff=True
    )
    fiches = dict(Projectfiche.objects.values_list("project_id", "werkgroep__slug"))
    koppelingen = ProjectDeelnemer.objects.select_related("project", "deelnemer")
    drukte = defaultdict(int)
    for koppeling in koppelingen:
        drukte[koppeling.project_id] += 1
    leden = []
    for koppeling in sorted(
        koppelingen, key=lambda k: (-drukte[k.project_id], k.project.slug, k.deelnemer_id)
    ):
        deelnemer = koppeling.deelnemer
        if len(leden) == leden_nodig:
            break
        if koppeling.project_id not in fiches or deelnemer.account_id:
            continue  # one account per participant: their first project
        gebruiker = slugify(deelnemer.voornaam[:1] + deelnemer.achternaam)
        account_aanmaken(
            gebruikersnaam=gebruiker, wachtwoord=WACHTWOORD, rol=rollen.LID, deelnemer=deelnemer
        )
        leden.append(Lid(gebruiker, koppeling.project.slug, fiches[koppeling.project_id]))
    return Wereld(
        leden=leden,
        werkgroep_pk=Werkgroep.objects.get(slug="regierol-van-de-lokale-besturen").pk,
        categorie_pks=list(Kostencategorie.objects.values_list("pk", flat=True)),
    )


class Server:
    """gunicorn on a socket this script opened on 127.0.0.1, so it can listen nowhere else."""

    def __init__(self, omgeving: dict, workers: int, logboek: Path):
        self.sok = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sok.bind((HOST, 0))
        self.sok.listen(128)
        self.sok.set_inheritable(True)
        self.poort = self.sok.getsockname()[1]
        self.logboek = logboek
        opdracht = [sys.executable, "-m", "gunicorn", "config.wsgi:application"]
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

    def wacht(self, seconden: float = 60) -> None:
        """Until a worker answers the login page; fail early if gunicorn died."""
        tot = time.monotonic() + seconden
        bezoeker = Bezoeker(self.poort, None, wachttijd=5)
        while time.monotonic() < tot:
            if self.proces.poll() is not None:
                raise SystemExit(f"gunicorn stopped at start:\n{self.staart()}")
            antwoord = bezoeker.vraag("GET", LOGIN)
            if antwoord.status == 200:
                return
            if antwoord.status:
                raise SystemExit(f"login page answered {antwoord.status}:\n{self.staart()}")
            time.sleep(0.2)
        raise SystemExit(f"gunicorn did not answer within {seconden} s:\n{self.staart()}")

    def staart(self, regels: int = 40) -> str:
        """The log's first traceback (the cause, usually), else its last lines."""
        try:
            tekst = self.logboek.read_text("utf-8", "replace").splitlines()
        except OSError:
            return ""
        begin = next((i for i, r in enumerate(tekst) if r.startswith("Traceback")), None)
        if begin is None:
            return "\n".join(tekst[-regels:])
        einde = next((i for i in range(begin + 1, len(tekst)) if tekst[i].startswith("[")), None)
        return "\n".join(tekst[max(0, begin - 3) : einde][: regels * 3])

    def stop(self) -> None:
        if self.proces.poll() is None:
            self.proces.send_signal(signal.SIGTERM)
            try:
                self.proces.wait(15)
            except subprocess.TimeoutExpired:
                self.proces.kill()
                self.proces.wait()
        self.sok.close()


def argumenten(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients (>= 2)")
    parser.add_argument("--requests", type=int, default=400, help="most requests in all")
    parser.add_argument("--seconds", type=float, default=60, help="most seconds of load")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn sync workers")
    parser.add_argument("--timeout", type=float, default=30, help="seconds per request")
    parser.add_argument(
        "--database-url",
        help="a PostgreSQL server to create a throwaway database on (default: SQLite)",
    )
    args = parser.parse_args(argv)
    if args.clients < 2:
        parser.error("--clients must be at least 2: the secretariat and a member")
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
            "TRUSTED_PROXIES": HOST,
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
        wereld = voorbereiden(args.clients - secretariaat_klanten(args.clients))
        connections.close_all()  # hold no SQLite lock while the site works
        server.wacht()
        print(f"prepare_seconds {time.perf_counter() - begin:.1f}", flush=True)
        resultaat = Resultaat()
        verzoeken, duur = belasten(server.poort, wereld, args, resultaat)
        server.stop()

        controle = controleer(resultaat.fiches, resultaat.posten)
        return rapport(args, verzoeken, duur, resultaat, controle, server, connections)
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


def rapport(args, verzoeken, duur, resultaat: Resultaat, controle: Controle, server, connections):
    """One figure per line, then a summary; 0 only when nothing was lost or failed."""
    alle = resultaat.fiches + resultaat.posten
    tel = {u: sum(1 for b in alle if b.uitkomst == u) for u in (ERKEND, GEWEIGERD, FOUT)}
    fiches_erkend = sum(1 for b in resultaat.fiches if b.uitkomst == ERKEND)
    posten_erkend = sum(1 for b in resultaat.posten if b.uitkomst == ERKEND)
    fouten = len(resultaat.fouten)
    verloren = len(controle.verloren)
    onterecht = len(controle.onterecht_geweigerd)
    figuren = [
        ("database", connections["default"].vendor),
        ("clients", args.clients),
        ("requests", verzoeken),
        ("seconds", f"{duur:.2f}"),
        ("requests_per_second", f"{verzoeken / duur:.1f}" if duur else "0"),
        ("errors", fouten),
        ("acknowledged", tel[ERKEND]),
        ("acknowledged_fiche_saves", fiches_erkend),
        ("acknowledged_cost_lines", posten_erkend),
        ("refused", tel[GEWEIGERD]),
        ("saves_with_errors", tel[FOUT]),
        ("lost", verloren),
        ("refused_but_stored", onterecht),
    ]
    for regel in resultaat.fouten[:10] + controle.verloren[:10] + controle.onterecht_geweigerd[:10]:
        print(f"! {regel}", file=sys.stderr)
    if fouten:
        print(f"gunicorn's log:\n{server.staart()}", file=sys.stderr, flush=True)
    for naam, waarde in figuren:
        print(f"{naam} {waarde}")
    niets = not fiches_erkend or not posten_erkend
    goed = not (fouten or verloren or onterecht or niets)
    print(
        f"summary: {'OK' if goed else 'FAILED'}: {verzoeken} requests in {duur:.1f} s "
        f"({verzoeken / duur if duur else 0:.1f}/s) from {args.clients} clients on "
        f"{args.workers} gunicorn workers ({connections['default'].vendor}); "
        f"{fiches_erkend} fiche saves and {posten_erkend} cost lines acknowledged, "
        f"{tel[GEWEIGERD]} stale saves refused, {verloren} lost, {onterecht} refused but "
        f"stored, {fouten} errors"
        + ("; nothing of one kind was acknowledged, so this run proves nothing" if niets else "")
    )
    return 0 if goed else 1


if __name__ == "__main__":
    sys.exit(main())

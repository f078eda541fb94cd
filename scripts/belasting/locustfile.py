"""The load test's scenario for Locust: members save fiches, the secretariat adds cost lines.

``run.py`` prepares the site and runs this file headless with three options of its own:
``--wereld`` (its JSON: password, members, ids), ``--uitkomsten`` (one JSON line per save,
for ``controle.py``) and ``--verzoeken`` (most requests in all, an equal share per user, so
the slow admin users are not starved; the run ends when every share is spent).

A quarter of the users (at least one) are the secretariat; the others are members, those
of projects with two accounts first, so their saves collide. Every fourth fiche save comes
from a tab left open (the version read the time before) and must be refused. With DEBUG
off the site wants HTTPS: users say so as the trusted proxy would (``X-Forwarded-Proto``
from 127.0.0.1) and send the Secure cookies back over plain http.
"""

from __future__ import annotations

import html
import itertools
import json
import random
import re
import secrets
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

import gevent
from controle import (
    ERKEND,
    FOUT,
    GEWEIGERD,
    Fichebewaring,
    Kostenbewaring,
    foutregel,
    regel,
)
from locust import HttpUser, constant, events, task
from locust.exception import StopUser

LOGIN = "/accounts/login/"
KOSTENPOST_NIEUW = "/admin/financien/kostenpost/add/"
KOSTENPOSTEN = "/admin/financien/kostenpost/"
# The message of the fiche page when a stale save conflicts with the stored text
# (kern.versies.conflictmelding): nothing was saved.
WEIGERING = "Niets is bewaard: bij"
DATUMS = ["02/12/05", "12/12/05", "27/01/06", "06/06/06", "25/09/06", "okt/nov ’06", "dec ’06"]
RUN = secrets.token_hex(3)  # makes this run's texts unique in a database used before


@events.init_command_line_parser.add_listener
def _opties(parser):
    parser.add_argument("--wereld", env_var="BELASTING_WERELD", default="", help="run.py's JSON")
    parser.add_argument(
        "--uitkomsten", env_var="BELASTING_UITKOMSTEN", default="", help="outcomes (JSON lines)"
    )
    parser.add_argument(
        "--verzoeken", type=int, env_var="BELASTING_VERZOEKEN", default=0, help="most requests"
    )


class Verloop:
    """What the users share: the prepared world, the request shares, the outcomes file."""

    def __init__(self, environment):
        opties = environment.parsed_options
        self.environment = environment
        self.wereld = json.loads(Path(opties.wereld).read_text("utf-8"))
        self.uitkomsten = open(opties.uitkomsten, "a", encoding="utf-8")  # noqa: SIM115
        self.gebruikers = opties.num_users or 1
        self.verzoeken = opties.verzoeken
        self.nummers = itertools.count()
        self.leden = itertools.count()
        self.klaar = 0

    def aandeel(self, nummer: int) -> int | None:
        """User ``nummer``'s share of the requests (None: no bound)."""
        if not self.verzoeken:
            return None
        return self.verzoeken // self.gebruikers + int(nummer < self.verzoeken % self.gebruikers)

    def schrijf(self, tekst: str) -> None:
        self.uitkomsten.write(tekst + "\n")
        self.uitkomsten.flush()

    def gestopt(self) -> None:
        """One more user has spent its share; when all have, end the run."""
        self.klaar += 1
        if self.klaar == self.gebruikers and self.environment.runner is not None:
            gevent.spawn(self.environment.runner.quit)


verloop: Verloop | None = None


@events.init.add_listener
def _begin(environment, **_kwargs):
    global verloop
    opties = environment.parsed_options
    if opties is None or not opties.wereld or not opties.uitkomsten:
        raise SystemExit("give --wereld and --uitkomsten (run.py does)")
    verloop = Verloop(environment)
    # A quarter of the users add cost lines; the others save fiches.
    Secretariaat.fixed_count = max(1, (opties.num_users or 1) // 4)


@events.user_error.add_listener
def _gecrasht(user_instance, exception, tb, **_kwargs):
    """A bug in the scenario must show in the figures, not only in Locust's log."""
    import traceback

    wie = getattr(user_instance, "gebruikersnaam", "?")
    uitleg = "".join(traceback.format_exception(type(exception), exception, tb))
    verloop.schrijf(foutregel(f"{wie}: user crashed\n{uitleg}"))


@events.quitting.add_listener
def _einde(environment, **_kwargs):
    if verloop is not None:
        verloop.uitkomsten.close()


def veld(pagina: str, naam: str) -> str | None:
    """The value of the form input ``naam`` on the page."""
    for tag in re.findall(r"<input\b[^>]*>", pagina):
        if re.search(rf'\bname="{re.escape(naam)}"', tag):
            waarde = re.search(r'\bvalue="([^"]*)"', tag)
            return html.unescape(waarde.group(1)) if waarde else ""
    return None


def tekst(antwoord) -> str:
    """The page (empty when there was no answer: refused, reset, timed out)."""
    return antwoord.text or ""


def uittreksel(antwoord) -> str:
    """Status, redirect and title (or the form's error) of an answer, for the error list."""
    pagina = uitleg = antwoord.text or ""
    for patroon in (r'"errornote">(.*?)</p>', r'"errorlist[^"]*">(.*?)</ul>', r"<title>(.*?)</"):
        if gevonden := re.search(patroon, pagina, re.S):
            uitleg = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", gevonden.group(1))).strip()
            break
    naar = antwoord.headers.get("Location", "")
    return f"{antwoord.status_code or 'no answer'} {naar} {uitleg[:200]}"


def pad(antwoord) -> str:
    return urlsplit(antwoord.headers.get("Location", "")).path


def bedrag_belgisch(bedrag: Decimal) -> str:
    """1234.5 as a Belgian types it: 1.234,50."""
    geheel, cent = f"{bedrag:.2f}".split(".")
    return f"{int(geheel):,}".replace(",", ".") + "," + cent


class Gebruiker(HttpUser):
    """A browser behind the trusted proxy: logs in once, then saves until its share is spent."""

    abstract = True
    wait_time = constant(0)  # no think time: as many saves as the site takes
    gebruikersnaam = ""

    def on_start(self):
        self.nummer = next(verloop.nummers)
        self.over = verloop.aandeel(self.nummer)
        self.naam = f"{RUN}-{self.nummer}"
        oorsprong = "https://" + urlsplit(self.host).netloc
        self.client.headers.update(
            {"X-Forwarded-Proto": "https", "Accept-Language": "nl-be", "Origin": oorsprong}
        )
        self.oorsprong = oorsprong
        self.kiezen()
        if not self.aanmelden():
            self.stoppen()

    def kiezen(self) -> None:
        """Pick the account (and its work) before logging in."""

    def reserveer(self, verzoeken: int) -> None:
        """Stop unless the share still holds ``verzoeken`` requests (a whole save)."""
        if self.over is not None and self.over < verzoeken:
            self.stoppen()

    def stoppen(self):
        verloop.gestopt()
        raise StopUser

    def vraag(self, methode: str, adres: str, naam: str, velden: dict | None = None):
        """One request; an answer outside what the scenario expects is marked failed by the
        caller (``catch_response``), so Locust counts it as an error too."""
        if self.over is not None:
            self.over -= 1
        hoofding = {"Referer": self.oorsprong + adres} if velden is not None else {}
        antwoord = self.client.request(
            methode,
            adres,
            name=naam,
            data=velden,
            headers=hoofding,
            allow_redirects=False,
            catch_response=True,
        )
        # Secure cookies go back over http: TLS ends at the (pretended) proxy.
        for koekje in self.client.cookies:
            koekje.secure = False
        return antwoord

    def fout(self, wat: str, antwoord) -> None:
        verloop.schrijf(foutregel(f"{wat}: {uittreksel(antwoord)}"))
        antwoord.failure(wat)

    def aanmelden(self) -> bool:
        self.reserveer(2)
        with self.vraag("GET", LOGIN, "login [GET]") as pagina:
            if pagina.status_code != 200:
                self.fout(f"{self.gebruikersnaam}: login page", pagina)
                return False
        velden = {
            "csrfmiddlewaretoken": veld(tekst(pagina), "csrfmiddlewaretoken") or "",
            "username": self.gebruikersnaam,
            "password": verloop.wereld["wachtwoord"],
            "next": "",
        }
        with self.vraag("POST", LOGIN, "login [POST]", velden) as antwoord:
            if antwoord.status_code != 302 or pad(antwoord) == LOGIN:
                self.fout(f"{self.gebruikersnaam}: login", antwoord)
                return False
        return True


class Lid(Gebruiker):
    """A member opens the fiche, saves it, and after a refusal saves again from the page."""

    def kiezen(self) -> None:
        leden = verloop.wereld["leden"]
        lid = leden[next(verloop.leden) % len(leden)]
        self.gebruikersnaam = lid["gebruiker"]
        self.project, self.werkgroep = lid["project"], lid["werkgroep"]
        self.pad = f"/projecten/{self.project}/fiche/"
        self.adres = f"{self.pad}?werkgroep={self.werkgroep}"
        self.versie = self.token = self.vorige = None
        self.gelezen_keer = self.bewaard = 0

    @task
    def fiche_bewaren(self):
        self.reserveer(2 if self.versie is None else 1)
        if self.versie is None:
            with self.vraag("GET", self.adres, "fiche [GET]") as pagina:
                gelezen = veld(tekst(pagina), "gelezen_versie") or ""
                if pagina.status_code != 200 or not gelezen.isdigit():
                    self.fout(f"{self.gebruikersnaam}: open fiche {self.project}", pagina)
                    return
            self.versie, self.token = int(gelezen), veld(tekst(pagina), "csrfmiddlewaretoken")
            self.gelezen_keer += 1
            if self.gelezen_keer % 4 == 0 and self.vorige is not None and self.vorige < self.versie:
                self.versie, self.vorige = self.vorige, self.versie  # the tab left open
            else:
                self.vorige = self.versie
        n = self.bewaard = self.bewaard + 1
        doelgroep = f"Doelgroep {self.naam}-{n}: kwetsbare werkzoekenden – ‘één’ € 5"
        aanpak = f"Aanpak {self.naam}-{n}\nTrajecten op maat & <begeleiding>"
        velden = {
            "csrfmiddlewaretoken": self.token or "",
            "gelezen_versie": str(self.versie),
            "doelgroep": doelgroep,
            "aanpak": aanpak,
            "opslaan": "1",
        }
        with self.vraag("POST", self.adres, "fiche [POST]", velden) as antwoord:
            gelezen_nu = veld(tekst(antwoord), "gelezen_versie") or ""
            geweigerd = antwoord.status_code == 200 and WEIGERING in tekst(antwoord)
            if antwoord.status_code == 302 and pad(antwoord) == self.pad:
                uitkomst, volgende = ERKEND, None  # the redirect shows the fiche: read it again
            elif geweigerd and gelezen_nu.isdigit():
                # The page keeps this text and carries the current version: save again from it.
                uitkomst, volgende = GEWEIGERD, int(gelezen_nu)
                self.token = veld(tekst(antwoord), "csrfmiddlewaretoken") or self.token
            else:
                uitkomst, volgende = FOUT, None
                self.fout(f"{self.gebruikersnaam}: save fiche {self.project}", antwoord)
        verloop.schrijf(
            regel(
                Fichebewaring(
                    self.project, self.werkgroep, self.versie, doelgroep, aanpak, uitkomst
                )
            )
        )
        self.versie = volgende


class Secretariaat(Gebruiker):
    """The secretariat adds cost lines in the admin, each after opening the add page."""

    fixed_count = 1  # set from --users when the run starts

    def kiezen(self) -> None:
        self.gebruikersnaam = verloop.wereld["secretariaat"]
        self.rng = random.Random(self.naam)
        self.bewaard = 0

    @task
    def kostenpost_toevoegen(self):
        self.reserveer(2)
        with self.vraag("GET", KOSTENPOST_NIEUW, "kostenpost [GET]") as pagina:
            if pagina.status_code != 200:
                self.fout("secretariaat: open cost line form", pagina)
                return
        n = self.bewaard = self.bewaard + 1
        if n % 8 == 7:
            status, bedrag, getypt = "nog_te_bepalen", None, ""
        else:
            status = self.rng.choice(["voorzien", "gefactureerd", "intern_gefactureerd"])
            # Up to € 99.999,99: under the group's default ceiling of € 100.000.
            bedrag = Decimal(self.rng.randint(1, 9_999_999)).scaleb(-2)
            getypt = bedrag_belgisch(bedrag) if n % 2 else f"{bedrag:.2f}".replace(".", ",")
        omschrijving = f"Belasting {self.naam}-{n}: zaal & broodjes ‘€’"
        datum = self.rng.choice(DATUMS)
        velden = {
            "csrfmiddlewaretoken": veld(tekst(pagina), "csrfmiddlewaretoken") or "",
            "werkgroep": str(verloop.wereld["werkgroep_pk"]),
            "vergadering_zoals_geschreven": datum,
            "vergadering": "",
            "categorie": str(self.rng.choice(verloop.wereld["categorie_pks"])),
            "omschrijving": omschrijving,
            "status": status,
            "bedrag": getypt,
            "_save": "Opslaan",
        }
        with self.vraag("POST", KOSTENPOST_NIEUW, "kostenpost [POST]", velden) as antwoord:
            if antwoord.status_code == 302 and pad(antwoord) == KOSTENPOSTEN:
                uitkomst = ERKEND
            else:
                # Descriptions are unique and the data valid: nothing here should be refused.
                uitkomst = FOUT
                self.fout(f"secretariaat: add cost line {omschrijving!r}", antwoord)
        verloop.schrijf(regel(Kostenbewaring(omschrijving, bedrag, status, datum, uitkomst)))

"""Benchmarks, printed as figures (``make bench``); never timed assertions in the test suite.

- ledger import: a 5,000-line Belgian CSV through the same resource the admin uses,
  lines per second, and queries per line at 500 and at 5,000 lines (should not grow).
  Then end to end through the admin (upload and preview, then confirm) for 5,000 lines
  (goal under 5 s) and for the largest CSV the byte limit allows (goal under 30 s).
  The imports are rolled back afterwards, so what follows sees the seed as it is.
- yearly report: the 2006 PDF of the seed's working group as the background task builds
  it: seconds in all and split (context, the embedded XLSX of a large report, HTML, PDF),
  and beside it WeasyPrint alone on the same HTML (without what kern.pdf adds to
  its tags), queries, pages, the two charts' SVG in KB (goal: under 60 KB at 100x), and
  the same report asked again with unchanged data (the cache hit: context and HTML, no
  WeasyPrint). Goal: the 100x PDF in under 12 s, within 1.15 times WeasyPrint alone, with
  the query count of the seed.
- pages: home, the 2006 meeting list and the Werk.waardig fiche as member jdejonckheere,
  and admin changelists as the secretariat, through the test client: the median of
  5 requests after one warm-up, in ms, and the queries of one request.
- load: the load test (``scripts/belasting/run.py``: Locust users saving fiches and cost
  lines under gunicorn, then the no-loss check) on a fresh seed and on a fresh 100x
  database, its figures prefixed ``load_seed_`` and ``load_100x_``: requests per second,
  latency percentiles, errors, acknowledged, refused and lost saves. ``--zonder-belasting``
  leaves it out.
- long texts: two texts of the longest allowed (100,000 characters) compared
  ("vergelijking van twee teksten van 100.000 tekens: … s"), and the fiche's versions
  page, the conflict page of a stale save and the fiche PDF with a section at its limit
  (10,000). Goal: under 1 s each. Then the fiche PDF with all ten sections full, bounded.

The report and the pages are measured on the seed, then again on a database grown to
100 times the seed (participants with memberships and organisations, meetings with
agenda items and attendance, cost lines, projects with organisations, staff, products,
presentations and fiches; validation sessions are not grown:
``tests.bench.vermenigvuldigen``,
which the load test grows its database with too). Query counts should be
the same on both: the pages are pinned by query-count tests.

Runs on a throwaway SQLite database unless DATABASE_URL is set (then use a database you
can throw away: the seed and the grown rows stay in it). DEBUG is switched off once
Django is set up, so queries are not logged, as in production.
"""

from __future__ import annotations

import argparse
import base64
import io
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path
from urllib.parse import unquote

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
_tijdelijk = None
if "DATABASE_URL" not in os.environ:
    _tijdelijk = tempfile.mkdtemp(prefix="werkgroep-bench-")
    os.environ["DATABASE_URL"] = f"sqlite:///{_tijdelijk}/bench.sqlite3"
# Reports are made in this process, as the demo makes them (no worker to wait for).
os.environ["TAKEN_BACKEND"] = "immediate"
# The test client calls itself "testserver".
os.environ["ALLOWED_HOSTS"] = "testserver"
# WhiteNoise's complaint about a missing STATIC_ROOT (nothing is collected here).
warnings.filterwarnings("ignore", "No directory at", UserWarning)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import translation  # noqa: E402

from werkgroep.models import Vergadering  # noqa: E402

SLUG = "regierol-van-de-lokale-besturen"
FACTOR = 100
HERHALINGEN = 5  # timed requests per page, after one warm-up
BACKEND = "django.contrib.auth.backends.ModelBackend"

DATUMS = ["02/12/05", "12/12/05", "27/01/06", "06/06/06", "25/09/06", "okt/nov ’06", "dec ’06"]
STATUSSEN = ["voorzien", "gefactureerd", "intern gefactureerd", "nog te bepalen"]

# (figure name, account, URL); the admin changelists as in tests/werkgroep/test_admin.py.
PAGINAS = [
    ("home", "lid", "/"),
    ("meetings_2006", "lid", ("werkgroep:vergaderingen_jaar", [2006])),
    ("fiche_werkwaardig", "lid", "/projecten/werkwaardig/fiche/"),
    ("home_secretariat", "secretariaat", "/"),
    # The seed's June 2006 meeting: agenda, presentations, validation, attendance, costs.
    ("meeting_2006_06_06", "secretariaat", ("werkgroep:vergadering_detail", "2006-06-06")),
    ("meeting_2006_06_06_member", "lid", ("werkgroep:vergadering_detail", "2006-06-06")),
    ("admin_vergadering", "secretariaat", ("admin:werkgroep_vergadering_changelist", [])),
    ("admin_deelnemer", "secretariaat", ("admin:werkgroep_deelnemer_changelist", [])),
    ("admin_agendapunt", "secretariaat", ("admin:werkgroep_agendapunt_changelist", [])),
    ("admin_aanwezigheid", "secretariaat", ("admin:werkgroep_aanwezigheid_changelist", [])),
    ("admin_kostenpost", "secretariaat", ("admin:financien_kostenpost_changelist", [])),
    ("admin_project", "secretariaat", ("admin:projecten_project_changelist", [])),
    ("admin_projectfiche", "secretariaat", ("admin:projecten_projectfiche_changelist", [])),
]


class Teller:
    """Counts the queries run inside ``with connection.execute_wrapper(teller)``."""

    def __init__(self):
        self.aantal = 0

    def __call__(self, execute, sql, params, many, context):
        self.aantal += 1
        return execute(sql, params, many, context)


def figuur(naam: str, waarde) -> None:
    print(f"{naam} {waarde}", flush=True)


# ---- Ledger import ----------------------------------------------------------------------


def grootboekbestand(aantal: int, voorvoegsel: str) -> bytes:
    regels = ["werkgroep;vergadering;categorie;omschrijving;status;bedrag"]
    for n in range(aantal):
        status = STATUSSEN[n % 4]
        bedrag = "" if status == "nog te bepalen" else f"{n % 997},{n % 100:02d}"
        regels.append(
            f"{SLUG};{DATUMS[n % len(DATUMS)]};catering;{voorvoegsel} {n};{status};{bedrag}"
        )
    return ("\r\n".join(regels) + "\r\n").encode("cp1252")


def importeer(aantal: int, voorvoegsel: str) -> tuple[float, int]:
    from financien.resources import KostenpostResource
    from kern.spreadsheets import BelgischeCSV

    dataset = BelgischeCSV().create_dataset(grootboekbestand(aantal, voorvoegsel))
    teller = Teller()
    with connection.execute_wrapper(teller):
        begin = time.perf_counter()
        resultaat = KostenpostResource().import_data(dataset, dry_run=False)
        duur = time.perf_counter() - begin
    assert not resultaat.has_errors() and not resultaat.has_validation_errors()
    assert resultaat.totals["new"] == aantal
    return duur, teller.aantal


def grootboek() -> dict:
    with transaction.atomic():
        klein_duur, klein_q = importeer(500, "klein")
        duur, q = importeer(5000, "groot")
        transaction.set_rollback(True)  # the pages and the report measure the seed
    figuur("ledger_import_5000_lines_seconds", f"{duur:.2f}")
    figuur("ledger_import_lines_per_second", f"{5000 / duur:.0f}")
    figuur("ledger_import_queries_per_line_500", f"{klein_q / 500:.2f}")
    figuur("ledger_import_queries_per_line_5000", f"{q / 5000:.2f}")
    return {"duur": duur, "constant": abs(klein_q / 500 - q / 5000) < 0.5}


def via_beheer(gebruikers: dict) -> dict[str, float | bool]:
    """The ledger import end to end through the admin, as the secretariat does it: upload
    and preview, then confirm, for 5,000 lines and for the largest CSV the byte limit
    allows (``IMPORT_MAX_BYTES``); a file above ``IMPORT_ACHTERGROND_REGELS`` through its
    background task and page. Rolled back afterwards. Seconds, and lines per second."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.formulieren import formulier

    client = Client()
    client.force_login(gebruikers["secretariaat"], backend=BACKEND)
    url = reverse("admin:financien_kostenpost_import")
    bevestigen = reverse("admin:financien_kostenpost_process_import")
    grootste = settings.IMPORT_MAX_BYTES // 60
    while len(grootboekbestand(grootste, "beheer largest_csv")) > settings.IMPORT_MAX_BYTES:
        grootste -= 500
    figuren = {}
    for naam, aantal in (("5000", 5000), ("largest_csv", grootste)):
        inhoud = grootboekbestand(aantal, f"beheer {naam}")
        with transaction.atomic():
            begin = time.perf_counter()
            voorvertoning = client.post(
                url,
                {
                    "format": "0",
                    "resource": "0",
                    "import_file": SimpleUploadedFile("g.csv", inhoud),
                },
            )
            achtergrond = voorvertoning.status_code == 302
            if achtergrond:
                # Above IMPORT_ACHTERGROND_REGELS a background task previews and imports
                # (run in this process here: TAKEN_BACKEND=immediate), on its own page.
                taak = voorvertoning["Location"]
                voorvertoning = client.get(taak)
            tussen = time.perf_counter()
            assert "Importeren bevestigen" in voorvertoning.content.decode(), naam
            if achtergrond:
                client.post(taak, formulier(voorvertoning))
                antwoord = client.get(taak)
                assert "Ingelezen (kostenposten)" in antwoord.content.decode(), naam
            else:
                antwoord = client.post(bevestigen, formulier(voorvertoning))
                assert antwoord.status_code == 302, antwoord.status_code
            einde = time.perf_counter()
            transaction.set_rollback(True)
        figuur(f"ledger_admin_{naam}_lines", aantal)
        figuur(f"ledger_admin_{naam}_background_task", "yes" if achtergrond else "no")
        figuur(f"ledger_admin_{naam}_preview_seconds", f"{tussen - begin:.2f}")
        figuur(f"ledger_admin_{naam}_confirm_seconds", f"{einde - tussen:.2f}")
        figuur(f"ledger_admin_{naam}_lines_per_second", f"{aantal / (einde - begin):.0f}")
        figuren[naam] = einde - begin
        figuren[f"{naam}_achtergrond"] = achtergrond
    return figuren


def bom() -> tuple[float, float]:
    """Refusing tests/bestanden/bom.xlsx (0.5 MB, 150 MB unpacked): seconds and peak MB."""
    import tracemalloc

    from kern.spreadsheets import OnleesbaarBestand, VeiligeXLSX

    inhoud = (Path(__file__).resolve().parent.parent / "bestanden" / "bom.xlsx").read_bytes()
    tracemalloc.start()
    begin = time.perf_counter()
    try:
        VeiligeXLSX().create_dataset(inhoud)
    except OnleesbaarBestand:
        pass
    else:
        raise AssertionError("the bomb was not refused")
    duur = time.perf_counter() - begin
    piek = tracemalloc.get_traced_memory()[1] / 1024 / 1024
    tracemalloc.stop()
    figuur("xlsx_bomb_refused_seconds", f"{duur:.3f}")
    figuur("xlsx_bomb_refused_peak_mb", f"{piek:.1f}")
    return duur, piek


# ---- Yearly report ----------------------------------------------------------------------


GRAFIEK = re.compile(r'<img class="([^"]*grafiek[^"]*)" src="(data:[^"]+)"')


def _svg_kb(data_url: str | None) -> float:
    """The size of the SVG a chart's data: URL carries, decoded."""
    if not data_url:
        return 0.0
    kop, _, inhoud = data_url.partition(",")
    svg = base64.b64decode(inhoud) if kop.endswith(";base64") else unquote(inhoud).encode()
    return len(svg) / 1024


def weasyprint_alleen(html: str, ingesloten) -> float:
    """Seconds WeasyPrint takes by itself on a report's HTML: the same fetcher, variant and
    embedded files, without what kern.pdf adds to its tags (/Lang, /Scope, the page
    references read once)."""
    from weasyprint import HTML
    from weasyprint.pdf import tags

    from kern import pdf

    eigen = tags._build_box_tree
    tags._build_box_tree = pdf._bouw_tagboom  # WeasyPrint's own
    try:
        begin = time.perf_counter()
        fetcher = pdf.StatischeBestandenFetcher(ingesloten)
        HTML(string=html, base_url=pdf.BASIS_URL, url_fetcher=fetcher).write_pdf(
            pdf_variant=pdf.PDF_VARIANT, attachments=pdf._attachments(ingesloten, fetcher)
        )
        return time.perf_counter() - begin
    finally:
        tags._build_box_tree = eigen


def jaarverslag(grootte: str, herhalingen: int) -> tuple[float, int, dict]:
    """The 2006 PDF as the background task builds it (rapportage.taken.verslag_maken): the
    context, the XLSX a large report embeds, the HTML, the PDF; median seconds of each, and
    of WeasyPrint alone on the same HTML, queries, pages, chart sizes; then the same report
    asked again with unchanged data (the cache hit: no WeasyPrint)."""
    from django.template.loader import render_to_string
    from pypdf import PdfReader

    from kern.pdf import html_naar_pdf
    from rapportage import taken
    from rapportage.models import Verslagbestand
    from rapportage.verslag import WERKGROEP, Verslag

    verslag = Verslag.uit_periode(WERKGROEP, SLUG, "2006")
    delen = {"context": [], "xlsx": [], "html": [], "weasyprint": []}
    alleen = []
    tellingen = set()
    for _ in range(herhalingen):
        teller = Teller()
        with connection.execute_wrapper(teller):
            begin = time.perf_counter()
            template_name, context = verslag.document()
            delen["context"].append(time.perf_counter() - begin)
            begin = time.perf_counter()
            for bestand in context["ingesloten"]:
                bestand.inhoud  # made once, when the template names it  # noqa: B018
            delen["xlsx"].append(time.perf_counter() - begin)
            begin = time.perf_counter()
            # The template may still query (lazy querysets): counted too.
            html = render_to_string(template_name, context)
            delen["html"].append(time.perf_counter() - begin)
        begin = time.perf_counter()
        pdf = html_naar_pdf(html, context["ingesloten"])
        delen["weasyprint"].append(time.perf_counter() - begin)
        alleen.append(weasyprint_alleen(html, context["ingesloten"]))
        tellingen.add(teller.aantal)
    mediaan = {deel: statistics.median(duren) for deel, duren in delen.items()}
    duur, queries = sum(mediaan.values()), max(tellingen)
    mediaan["weasyprint_alone"] = statistics.median(alleen)
    figuur(f"report_2006_pdf_{grootte}_seconds", f"{duur:.2f}")
    for deel, seconden in mediaan.items():
        figuur(f"report_2006_pdf_{grootte}_{deel}_seconds", f"{seconden:.2f}")
    verhouding = duur / mediaan["weasyprint_alone"]
    figuur(f"report_2006_pdf_{grootte}_vs_weasyprint_alone", f"{verhouding:.2f}")
    figuur(f"report_2006_pdf_{grootte}_attachments", len(context["ingesloten"]))
    figuur(f"report_2006_pdf_{grootte}_queries", queries)
    paginas = len(PdfReader(io.BytesIO(pdf)).pages)
    figuur(f"report_2006_pdf_{grootte}_pages", paginas)
    figuur(f"report_2006_pdf_{grootte}_kb", f"{len(pdf) / 1024:.0f}")
    # The charts as the report embeds them (wherever the context keeps them).
    grafieken = {"costs": 0.0, "attendance": 0.0}
    for klassen, data_url in GRAFIEK.findall(html):
        naam = "costs" if "kostengrafiek" in klassen else "attendance"
        grafieken[naam] = max(grafieken[naam], _svg_kb(data_url))
    for naam, kb in grafieken.items():
        figuur(f"report_2006_chart_{naam}_{grootte}_kb", f"{kb:.1f}")

    # Asked again, unchanged: the task renders context and HTML, finds the key, and serves
    # the stored PDF. The row stands for the one just made, as the task would have left it.
    taal = translation.get_language()
    Verslagbestand.objects.van(verslag, taal).delete()
    Verslagbestand.objects.create(
        **taken._velden(verslag, taal, verslag.verslagdatum),
        status=Verslagbestand.Status.KLAAR,
        sleutel=taken.inhoudssleutel(html, taal, taken.ingesloten_bestanden(context)),
        pdf=pdf,
    )
    begin = time.perf_counter()
    bestand = taken.verslag_aanvragen(verslag, taal)
    opnieuw = time.perf_counter() - begin
    assert bestand.status == Verslagbestand.Status.KLAAR, bestand.fout
    figuur(f"report_2006_cache_hit_{grootte}_seconds", f"{opnieuw:.2f}")
    return (
        duur,
        queries,
        {
            "grafieken": grafieken,
            "opnieuw": opnieuw,
            "delen": mediaan,
            "paginas": paginas,
        },
    )


# ---- Pages ------------------------------------------------------------------------------


def accounts() -> dict:
    from tests import bouwers

    return {"lid": bouwers.lid("Johan", "Dejonckheere"), "secretariaat": bouwers.secretariaat()}


def paginas(grootte: str, gebruikers: dict) -> dict[str, tuple[float, int]]:
    """Median ms and queries per request of every page in PAGINAS."""
    clients = {}
    for rol, gebruiker in gebruikers.items():
        clients[rol] = Client()
        clients[rol].force_login(gebruiker, backend=BACKEND)
    resultaten = {}
    for naam, rol, url in PAGINAS:
        if isinstance(url, tuple) and isinstance(url[1], str):  # a meeting by its kenmerk
            url = reverse(url[0], args=[Vergadering.objects.get(kenmerk=url[1]).pk])
        elif isinstance(url, tuple):
            url = reverse(url[0], args=url[1])
        client = clients[rol]
        antwoord = client.get(url)  # warm-up: caches, templates, the session
        assert antwoord.status_code == 200, (url, antwoord.status_code)
        duren, tellingen = [], set()
        for _ in range(HERHALINGEN):
            teller = Teller()
            with connection.execute_wrapper(teller):
                begin = time.perf_counter()
                antwoord = client.get(url)
                duren.append(time.perf_counter() - begin)
            assert antwoord.status_code == 200, (url, antwoord.status_code)
            tellingen.add(teller.aantal)
        ms, queries = statistics.median(duren) * 1000, max(tellingen)
        figuur(f"page_{naam}_{grootte}_ms", f"{ms:.1f}")
        figuur(f"page_{naam}_{grootte}_queries", queries)
        resultaten[naam] = (ms, queries)
    return resultaten


# ---- Long texts -------------------------------------------------------------------------


def lange_teksten(gebruikers: dict) -> dict[str, float]:
    """The comparison of two texts of the longest allowed (100,000 characters, a few
    hundred words changed), then the pages that show a fiche's longest: the versions page,
    the conflict page of a stale save, and the fiche PDF, the Werk.waardig fiche's target
    group at a section's limit (10,000), and the PDF with every section at it. Median
    seconds of three after a warm-up. Goal: each under a second but the last (bounded)."""
    from kern import versies
    from kern.teksten import TEKST_MAX
    from projecten.models import FICHE_SECTIE_MAX, Projectfiche
    from tests import bouwers

    oud = bouwers.lange_tekst(TEKST_MAX, zaad=1)
    stukken = oud.split(" ")
    for i in range(0, len(stukken), 50):  # one word in fifty changed, all through the text
        stukken[i] = stukken[i].upper()
    nieuw = " ".join(stukken)
    mijn = oud.replace("vergadering", "bijeenkomst", 40)

    def mediaan(doen) -> float:
        doen()
        duren = []
        for _ in range(3):
            begin = time.perf_counter()
            doen()
            duren.append(time.perf_counter() - begin)
        return statistics.median(duren)

    tijden = {"comparison": mediaan(lambda: versies.verschil_html(oud, nieuw))}
    print(
        f"vergelijking van twee teksten van 100.000 tekens: {tijden['comparison']:.2f} s",
        flush=True,
    )
    oud, nieuw, mijn = (t[:FICHE_SECTIE_MAX] for t in (oud, nieuw, mijn))
    johan = gebruikers["lid"]
    collega = bouwers.lid("Jean-Marie", "Viaene", gebruikersnaam="jmviaene")
    basis = bouwers.werkwaardig().versie
    bouwers.fiche_bewaard(johan, gelezen_versie=basis, doelgroep=oud)
    bouwers.fiche_bewaard(collega, gelezen_versie=basis + 1, doelgroep=nieuw)
    client = Client()
    client.force_login(johan, backend=BACKEND)

    def pagina(methode, url, data=None, status=200):
        def doen():
            antwoord = methode(url, data) if data else methode(url)
            assert antwoord.status_code == status, (url, antwoord.status_code)

        return doen

    fiche = "/projecten/werkwaardig/fiche/"
    tijden["versions_page"] = mediaan(
        pagina(client.get, f"{fiche}versies/?werkgroep={bouwers.SEED}")
    )
    stale = {"gelezen_versie": str(basis + 1), "opslaan": "1", "doelgroep": mijn}
    tijden["conflict_page"] = mediaan(pagina(client.post, fiche, stale))
    pdf = f"/projecten/werkwaardig/fiche.pdf?werkgroep={bouwers.SEED}"
    tijden["fiche_pdf"] = mediaan(pagina(client.get, pdf))
    vol = {
        veld: bouwers.lange_tekst(FICHE_SECTIE_MAX, zaad=i)
        for i, veld in enumerate(Projectfiche.INHOUD)
    }
    bouwers.fiche_bewaard(johan, gelezen_versie=basis + 2, **vol)
    tijden["fiche_pdf_every_section_full"] = mediaan(pagina(client.get, pdf))
    for naam, seconden in tijden.items():
        figuur(f"long_text_{naam}_seconds", f"{seconden:.2f}")
    return tijden


# ---- Main -------------------------------------------------------------------------------


# ---- Load test --------------------------------------------------------------------------

BELASTING = Path(__file__).resolve().parents[2] / "scripts" / "belasting" / "run.py"
BELASTING_FIGUREN = [
    "database",
    "users",
    "requests",
    "requests_per_second",
    "latency_p50_ms",
    "latency_p95_ms",
    "latency_p99_ms",
    "latency_fiche_save_p95_ms",
    "latency_cost_line_save_p95_ms",
    "errors",
    "acknowledged",
    "refused",
    "lost",
    "refused_but_stored",
]


def belasting(grootte: str, factor: int) -> dict:
    """The load test on a database of its own (the seed, ``factor`` times): its figures.

    It runs as a process of its own (gunicorn, Locust's gevent), on SQLite or, when
    DATABASE_URL is PostgreSQL, on a throwaway database beside that one.
    """
    klaar = subprocess.run(
        [sys.executable, str(BELASTING), "--factor", str(factor)],
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if k != "ALLOWED_HOSTS"},
    )
    figuren = dict(
        r.split(" ", 1) for r in klaar.stdout.splitlines() if " " in r and not r.startswith("sum")
    )
    for naam in BELASTING_FIGUREN:
        figuur(f"load_{grootte}_{naam}", figuren.get(naam, "?"))
    if klaar.returncode != 0:
        print(klaar.stdout[-2000:] + klaar.stderr[-4000:], file=sys.stderr, flush=True)
    return {**figuren, "ok": klaar.returncode == 0}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--zonder-belasting", action="store_true", help="leave the load test out (2 minutes)"
    )
    args = parser.parse_args()
    from tests import bouwers
    from tests.bench.vermenigvuldigen import vermenigvuldig

    call_command("migrate", verbosity=0)
    bouwers.seed()
    # Like production: no query log, no template debug info (STORAGES stays as set up),
    # and what is loaded at start frozen out of the garbage collector's scans, as the
    # WSGI entry point does once the site is loaded (config/wsgi.py).
    settings.DEBUG = False
    import config.wsgi  # noqa: F401

    import_ = grootboek()
    bom_duur, bom_piek = bom()
    gebruikers = accounts()
    beheer = via_beheer(gebruikers)

    rapport = {"seed": jaarverslag("seed", 3)}
    pagina = {"seed": paginas("seed", gebruikers)}

    begin = time.perf_counter()
    rijen = vermenigvuldig(FACTOR)
    figuur("db_100x_rows_added", rijen)
    figuur("db_100x_setup_seconds", f"{time.perf_counter() - begin:.2f}")

    rapport["100x"] = jaarverslag("100x", 3)  # medians: one render varies by a third here
    pagina["100x"] = paginas("100x", gebruikers)

    lang = lange_teksten(gebruikers)

    belastingen = {}
    if not args.zonder_belasting:
        belastingen = {"seed": belasting("seed", 1), f"{FACTOR}x": belasting(f"{FACTOR}x", FACTOR)}

    naam, (ms, _) = max(pagina["100x"].items(), key=lambda item: item[1][0])
    verhouding = rapport["100x"][0] / rapport["100x"][2]["delen"]["weasyprint_alone"]
    grootste_grafiek = max(rapport["100x"][2]["grafieken"].values())
    groeiend = [n for n in pagina["seed"] if pagina["seed"][n][1] != pagina["100x"][n][1]]
    if rapport["seed"][1] != rapport["100x"][1]:
        groeiend.append("report")
    print(
        f"summary: ledger import {5000 / import_['duur']:.0f} lines/s "
        f"(goal < 15 s for 5,000: {'met' if import_['duur'] < 15 else 'NOT met'}), queries per "
        f"line {'constant' if import_['constant'] else 'GROWING'}; through the admin (preview "
        f"and confirm) 5,000 lines {beheer['5000']:.1f} s (goal < 5 s: "
        f"{'met' if beheer['5000'] < 5 else 'NOT met'}), the largest CSV allowed "
        f"{beheer['largest_csv']:.1f} s"
        f"{' as a background task with progress' if beheer['largest_csv_achtergrond'] else ''}"
        f" (goal < 30 s: {'met' if beheer['largest_csv'] < 30 else 'NOT met'}); "
        f"zip bomb refused in {bom_duur * 1000:.0f} ms at {bom_piek:.1f} MB peak (goal < 1 s); "
        "2006 report PDF "
        f"{rapport['seed'][0]:.1f} s on the seed, {rapport['100x'][0]:.1f} s at {FACTOR}x "
        f"({rapport['100x'][2]['paginas']} pages; goal < 12 s: "
        f"{'met' if rapport['100x'][0] < 12 else 'NOT met'}; "
        f"{', '.join(f'{d} {t:.1f} s' for d, t in rapport['100x'][2]['delen'].items())}; "
        f"{verhouding:.2f} times WeasyPrint alone on the same HTML, goal <= 1.15: "
        f"{'met' if verhouding <= 1.15 else 'NOT met'}), "
        f"again unchanged {rapport['100x'][2]['opnieuw']:.1f} s; charts at {FACTOR}x "
        + ", ".join(f"{n} {kb:.0f} KB" for n, kb in rapport["100x"][2]["grafieken"].items())
        + f" (goal < 60 KB: {'met' if grootste_grafiek < 60 else 'NOT met'}); "
        f"slowest page at {FACTOR}x {naam} {ms:.0f} ms; query counts seed vs {FACTOR}x "
        + (f"GROWING on {', '.join(groeiend)}" if groeiend else "the same on every page")
        + f" ({connection.vendor}); long texts: "
        + ", ".join(f"{n.replace('_', ' ')} {t:.2f} s" for n, t in lang.items())
        + f" (goal < 1 s each but a fiche with every section full: "
        f"{'met' if max(t for n, t in lang.items() if 'every' not in n) < 1 else 'NOT met'})"
        + "".join(
            f"; load {grootte} {f.get('requests_per_second', '?')} requests/s, p95 "
            f"{f.get('latency_p95_ms', '?')} ms, {f.get('lost', '?')} lost, "
            f"{f.get('errors', '?')} errors ({'OK' if f['ok'] else 'FAILED'})"
            for grootte, f in belastingen.items()
        ),
        flush=True,
    )
    return 0 if all(f["ok"] for f in belastingen.values()) else 1


if __name__ == "__main__":
    try:
        uitkomst = main()
    finally:
        if _tijdelijk:
            shutil.rmtree(_tijdelijk, ignore_errors=True)
    sys.exit(uitkomst)

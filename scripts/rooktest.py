"""Smoke test after a deployment: secure headers, then the four browser journeys.

    ROOKTEST_WACHTWOORD=... .venv/bin/python scripts/rooktest.py https://werkgroep.example.be

Runs the steps of ``tests/e2e/reizen.py`` in Debian's Chromium against a running
site, with the accounts ``secretariaat``, ``coordinator``, a member of a project
with a fiche (``--lid``, default jdejonckheere) and the rapporteur of an open
subgroup (``--rapporteur``, default ajughmans), all with the password in
ROOKTEST_WACHTWOORD. It WRITES: a meeting, a cost line, a submitted fiche and
scores. Run it on a trial or acceptance site loaded with the seed, never on the
working group's real data. Prints one line per check; exits 1 if any failed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path
from urllib.request import Request, urlopen

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.e2e import reizen  # noqa: E402

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


def koppen(basis: str, onveilig: bool) -> list[str]:
    """What a browser must get on every page of a production site."""
    import ssl

    context = ssl._create_unverified_context() if onveilig else None
    with urlopen(Request(f"{basis}/accounts/login/"), context=context) as antwoord:  # noqa: S310
        h = antwoord.headers
    fouten = []
    if "max-age=31536000" not in (h.get("Strict-Transport-Security") or ""):
        fouten.append("no one-year HSTS")
    csp = h.get("Content-Security-Policy") or ""
    for eis in ("default-src 'self'", "object-src 'none'", "base-uri 'none'",
                "frame-ancestors 'none'", "script-src 'self'"):  # fmt: skip
        if eis not in csp:
            fouten.append(f"CSP lacks {eis}")
    if h.get("X-Frame-Options") != "DENY":
        fouten.append("no X-Frame-Options: DENY")
    return fouten


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", help="the site's address, e.g. https://werkgroep.example.be")
    parser.add_argument("--lid", default="jdejonckheere")
    parser.add_argument("--rapporteur", default="ajughmans")
    parser.add_argument("--insecure", action="store_true", help="accept a self-signed certificate")
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    args = parser.parse_args()
    wachtwoord = os.environ.get("ROOKTEST_WACHTWOORD")
    if not wachtwoord:
        parser.error("set ROOKTEST_WACHTWOORD to the accounts' password")
    basis = args.url.rstrip("/")
    from playwright.sync_api import sync_playwright

    uitslagen: list[tuple[str, str]] = []
    fouten = koppen(basis, args.insecure)
    uitslagen.append(("secure headers", "; ".join(fouten) or "ok"))
    nu = dt.datetime.now(dt.UTC)
    stempel, vandaag = nu.strftime("%H%M%S"), nu.strftime("%d/%m/%Y")

    def secretariaat(page):
        reizen.vergadering_loggen(
            page, basis, datum=vandaag, plaats=f"Rooktest {stempel}", agendapunt="Rooktest"
        )
        rij = reizen.kostenpost_loggen(
            page, basis, datum=vandaag, omschrijving=f"Rooktest {stempel}", bedrag="36,30"
        )
        assert "€\u00a036,30" in rij, "the cost line is not shown as € 36,30"

    def lid(page):
        reizen.fiche_indienen(page, doelgroep=f"Rooktest {stempel}", aanpak="Rooktest")

    def rapporteur(page):
        assert reizen.subgroep_scoren(page, sterktes=f"Rooktest {stempel}"), "no criteria"

    def coordinator(page):
        _naam, tekst = reizen.jaarverslag_downloaden(page, jaar=2006)
        assert "Regierol" in tekst, "the PDF does not name the working group"

    reizen_lijst = [
        ("secretariat logs a meeting and a cost line", "secretariaat", secretariaat),
        ("member submits the fiche", args.lid, lid),
        ("rapporteur scores a subgroup", args.rapporteur, rapporteur),
        ("coordinator downloads the yearly report", "coordinator", coordinator),
    ]
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
        for naam, gebruiker, reis in reizen_lijst:
            context = browser.new_context(
                locale="nl-BE", ignore_https_errors=args.insecure, accept_downloads=True
            )
            page = context.new_page()
            schendingen: list[str] = []
            page.on("console", lambda b, s=schendingen: s.append(b.text)
                    if "Content Security Policy" in b.text else None)  # fmt: skip
            page.on("response", lambda a, s=schendingen: s.append(f"{a.status} {a.url}")
                    if a.status >= 400 else None)  # fmt: skip
            try:
                reizen.aanmelden(page, basis, gebruiker, wachtwoord)
                reis(page)
                uitslag = "; ".join(schendingen) or "ok"
            except Exception as fout:  # noqa: BLE001 - report every journey, then exit 1
                beeld = Path(tempfile.gettempdir()) / f"rooktest-{gebruiker}.png"
                page.screenshot(path=str(beeld), full_page=True)
                uitslag = (
                    f"FAILED: {(str(fout) or type(fout).__name__).splitlines()[0]} "
                    f"(screenshot: {beeld})"
                )
            uitslagen.append((naam, uitslag))
            context.close()
        browser.close()
    for naam, uitslag in uitslagen:
        print(f"{naam}: {uitslag}")
    mislukt = [n for n, u in uitslagen if u != "ok"]
    print(f"summary: {len(uitslagen) - len(mislukt)}/{len(uitslagen)} checks ok")
    return 1 if mislukt else 0


if __name__ == "__main__":
    sys.exit(main())

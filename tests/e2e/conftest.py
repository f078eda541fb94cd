"""Browser tests: Playwright's sync API driving Debian's Chromium against a live server.

Playwright cannot download a browser here, so it starts ``/usr/bin/chromium`` (or
``$CHROMIUM``). Without that browser the tests are skipped locally and fail in CI
(``CI`` or ``E2E_VERPLICHT`` set), where ``scripts/systeempakketten.sh`` installs it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests import bouwers

# The sync API runs an event loop in this thread; Django's ORM refuses to run beside
# one unless told that the caller knows it is synchronous (it is: one thread, no await).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(autouse=True)
def _chromium_aanwezig():
    """Skip without Chromium on a developer's machine; fail in CI, which installs it."""
    if Path(CHROMIUM).exists():
        return
    reden = f"no Chromium at {CHROMIUM}: install Debian's package chromium"
    if os.environ.get("E2E_VERPLICHT") or os.environ.get("CI"):
        pytest.fail(reden)
    pytest.skip(reden)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright's launch options, pointed at the system Chromium."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "nl-BE", "accept_downloads": True}


@pytest.fixture
def wereld(transactional_db, live_server):
    """The seed on the live server, and the accounts of the four journeys.

    The live server needs committed data, so each test flushes the database after;
    the flush recreates the three roles (``werkgroep.rollen``), as a migrate would.
    """
    bouwers.seed()
    return {
        "secretariaat": bouwers.secretariaat(),
        "coordinator": bouwers.coordinator(),
        "jdejonckheere": bouwers.lid("Johan", "Dejonckheere"),
        "ajughmans": bouwers.lid("Ann", "Jughmans"),
    }


@pytest.fixture
def browserfouten(page):
    """What the browser saw go wrong: CSP violations, script errors, failed requests."""
    schendingen: list[str] = []
    page.on(
        "console",
        lambda bericht: (
            schendingen.append(bericht.text) if "Content Security Policy" in bericht.text else None
        ),
    )
    page.on("pageerror", lambda fout: schendingen.append(f"JS error: {fout}"))
    page.on(
        "response",
        lambda antwoord: (
            schendingen.append(f"{antwoord.status} {antwoord.url}")
            if antwoord.status >= 400
            else None
        ),
    )
    return schendingen

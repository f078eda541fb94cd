"""The site says "u" to everyone (issue 25, item 9): no "je", "jij" or "jouw" in a
template, a mail or a string of the code. The Dutch source strings are the msgids, so this
also holds for what `make messages` extracts."""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

BASIS = Path(__file__).resolve().parent.parent
APPS = [
    "config",
    "kern",
    "werkgroep",
    "projecten",
    "validering",
    "financien",
    "vergaderstukken",
    "uitnodigingen",
    "rapportage",
    "tweestaps",
]
JIJ = re.compile(r"\b(je|jij|jou|jouw|jezelf|jullie)\b", re.IGNORECASE)
# Item 3 of issue 25 rewrites the profile's confirmation (config/views.py ``profiel``).
NOG_TE_DOEN = {"Je gegevens zijn opgeslagen."}


def _teksten_van(bron: Path):
    if bron.suffix == ".py":
        for token in tokenize.generate_tokens(io.StringIO(bron.read_text()).readline):
            if token.type == tokenize.STRING:
                yield token.start[0], token.string
    else:
        yield from enumerate(bron.read_text().splitlines(), start=1)


def _bronnen():
    yield from (BASIS / "templates").rglob("*.html")
    yield from (BASIS / "templates").rglob("*.txt")
    for app in APPS:
        for bron in (BASIS / app).rglob("*.py"):
            if "migrations" not in bron.parts:
                yield bron


def test_every_page_and_mail_says_u():
    gevonden = [
        f"{bron.relative_to(BASIS)}:{nummer}: {tekst.strip()}"
        for bron in _bronnen()
        for nummer, tekst in _teksten_van(bron)
        if JIJ.search(tekst) and not any(n in tekst for n in NOG_TE_DOEN)
    ]
    assert gevonden == []

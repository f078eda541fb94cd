"""Put a bare URL name of ours in its namespace, in templates and Python (issue 24).

For a branch written before the URL namespaces: every ``{% url 'name' %}`` and every
``reverse("name")``, ``reverse_lazy``, ``redirect`` and ``resolve_url`` (the name on the same
line or the next) whose name is now ``app:name`` is rewritten. Other strings that are URL
names (a list of names a test loops over, a setting) are listed, not changed: look at them.

    .venv/bin/python scripts/naamruimten.py [FILE …]   # default: every tracked file
"""

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.urls import URLPattern, URLResolver, get_resolver  # noqa: E402

AANROEP = r"(reverse|reverse_lazy|redirect|resolve_url)\("


def naamruimten(patronen, ruimte="") -> dict[str, str]:
    """Bare name -> namespaced name, for every name of ours in one namespace."""
    gevonden = {}
    for p in patronen:
        if isinstance(p, URLResolver):
            if p.namespace and p.namespace != "admin":
                gevonden |= naamruimten(p.url_patterns, f"{ruimte}{p.namespace}:")
        elif isinstance(p, URLPattern) and p.name and ruimte:
            gevonden[p.name] = ruimte + p.name
    return gevonden


def herschrijven(pad: Path, namen: dict[str, str]) -> None:
    keuze = "|".join(sorted(namen, key=len, reverse=True))
    patroon = re.compile(rf"""(['"])({keuze})\1""")
    regels = pad.read_text(encoding="utf-8").split("\n")
    for i, regel in enumerate(regels):
        vorige = regels[i - 1].rstrip() if i else ""

        def vervang(m, regel=regel, vorige=vorige, i=i):
            voor = regel[: m.start()]
            if (
                re.search(r"\{%\s*url\s+$", voor)
                or re.search(AANROEP + r"\s*$", voor)
                or (not voor.strip() and re.search(AANROEP + "$", vorige))
            ):
                return f"{m[1]}{namen[m[2]]}{m[1]}"
            print(f"{pad}:{i + 1}: look at {m[0]}: {regel.strip()}")
            return m[0]

        regels[i] = patroon.sub(vervang, regel)
    pad.write_text("\n".join(regels), encoding="utf-8")


if __name__ == "__main__":
    namen = naamruimten(get_resolver().url_patterns)
    bestanden = (
        sys.argv[1:]
        or subprocess.check_output(
            ["git", "ls-files", "*.py", "*.html", "*.txt"], cwd=ROOT, text=True
        ).split()
    )
    for bestand in bestanden:
        if "migrations" not in bestand and not bestand.endswith("urls.py"):
            herschrijven(ROOT / bestand, namen)

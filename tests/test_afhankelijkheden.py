"""The apps depend one way (docs/design.md, "Map"): a domain app never imports a later one.

Every import counts, also one inside a function: a late import is still a dependency.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# What each app may import; the order is the map's, from the bottom up.
MAG = {
    "kern": set(),
    "werkgroep": {"kern"},
    "projecten": {"kern", "werkgroep"},
    "validering": {"kern", "werkgroep", "projecten"},
    "financien": {"kern", "werkgroep"},
    "uitnodigingen": {"kern", "werkgroep"},
    "vergaderstukken": {"kern", "werkgroep"},
    "rapportage": {
        "kern",
        "werkgroep",
        "projecten",
        "validering",
        "financien",
        "uitnodigingen",
        "vergaderstukken",
    },
    # Reads every app's models against the retention policy; nothing imports it.
    "persoonsgegevens": {
        "kern",
        "werkgroep",
        "projecten",
        "validering",
        "financien",
        "uitnodigingen",
        "vergaderstukken",
        "rapportage",
    },
    # Second factors: the roles that must have one are werkgroep's.
    "tweestaps": {"kern", "werkgroep"},
}


def _imports(app: str) -> dict[str, set[str]]:
    """Every app of the site that a module of ``app`` imports, per module."""
    gevonden = {}
    for pad in (ROOT / app).rglob("*.py"):
        if "migrations" in pad.parts:
            continue
        namen = set()
        for knoop in ast.walk(ast.parse(pad.read_text(encoding="utf-8"))):
            if isinstance(knoop, ast.Import):
                namen |= {a.name.split(".")[0] for a in knoop.names}
            elif isinstance(knoop, ast.ImportFrom) and knoop.level == 0 and knoop.module:
                namen.add(knoop.module.split(".")[0])
        gevonden[str(pad.relative_to(ROOT))] = namen & (set(MAG) | {"config"}) - {app}
    return gevonden


@pytest.mark.parametrize("app", MAG)
def test_each_app_imports_only_the_apps_below_it(app):
    fout = {pad: namen - MAG[app] for pad, namen in _imports(app).items() if namen - MAG[app]}
    assert fout == {}


def test_the_check_sees_a_late_import(tmp_path, monkeypatch):
    """The walk finds an import inside a function too (so the test above can fail)."""
    (tmp_path / "kern").mkdir()
    (tmp_path / "kern" / "x.py").write_text("def f():\n    from werkgroep import models\n")
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    assert _imports("kern") == {"kern/x.py": {"werkgroep"}}

"""Rules are asked by name; model permissions appear only where roles are made of them.

A model permission ("financien.view_kostenpost", "uitnodigingen.uitnodigen") is written
only in the rules modules (``<app>/rules.py``) and in ``werkgroep/rollen.py``, which grants
them. Anywhere else — code or template — asks a rule; and every rule a template or a view
names exists, so a typo is a failing test, not a page that silently shows nothing.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import rules
from django.apps import apps

ROOT = Path(__file__).resolve().parent.parent
APPS = [
    "config",
    "kern",
    "werkgroep",
    "projecten",
    "validering",
    "financien",
    "uitnodigingen",
    "vergaderstukken",
    "rapportage",
    "persoonsgegevens",
    "tweestaps",
]
TOEGESTAAN = {"werkgroep/rollen.py"} | {f"{app}/rules.py" for app in APPS}

# The shape of a permission, whether or not the model exists (the pattern).
VORM = re.compile(r"^[a-z_]+\.(?:view|add|change|delete|export|import)_[a-z_]+$")
IN_CODE = re.compile(r"""["']([a-z_]+\.[a-z_]+)["']""")
IN_SJABLOON = re.compile(r"\bperms\.([a-z_]+\.[a-z_]+)")
HAS_PERM_TAG = re.compile(r"""\{%\s*has_perm\s+["']([^"']+)["']""")
GEVRAAGD = re.compile(r"""(?:has_perm\(|vereist\(\s*request,)\s*["']([a-z_]+\.[a-z_]+)["']""")


def modelrechten() -> set[str]:
    """Every model permission of the site: Django's four and each model's own."""
    namen = set()
    for model in apps.get_models():
        meta = model._meta
        namen |= {
            f"{meta.app_label}.{actie}_{meta.model_name}" for actie in meta.default_permissions
        }
        namen |= {f"{meta.app_label}.{codenaam}" for codenaam, _ in meta.permissions}
    return namen


def _bronnen(root: Path):
    for app in APPS:
        for pad in (root / app).rglob("*.py"):
            if "migrations" not in pad.parts:
                yield pad


def _sjablonen(root: Path):
    yield from (root / "templates").rglob("*.html")
    for app in APPS:
        yield from (root / app).glob("templates/**/*.html")


def _namen(pad: Path) -> set[str]:
    """The permission-shaped names a file writes: quoted in code, asked in a template."""
    tekst = pad.read_text(encoding="utf-8")
    if pad.suffix == ".py":
        return set(IN_CODE.findall(tekst))
    return set(IN_SJABLOON.findall(tekst)) | set(HAS_PERM_TAG.findall(tekst))


def letterlijke_rechten(root: Path = ROOT) -> dict[str, set[str]]:
    """file -> the model permissions written in it, outside the places allowed."""
    rechten = modelrechten()
    gevonden = {}
    for pad in [*_bronnen(root), *_sjablonen(root)]:
        naam = pad.relative_to(root).as_posix()
        fout = {n for n in _namen(pad) if n in rechten or VORM.match(n)}
        if fout and naam not in TOEGESTAAN:
            gevonden[naam] = fout
    return gevonden


def gevraagde_regels(root: Path = ROOT) -> dict[str, set[str]]:
    """file -> the rule names its code asks (``has_perm``, ``vereist``) or its template."""
    gevonden = {}
    for pad in [*_bronnen(root), *_sjablonen(root)]:
        if pad.suffix == ".py":
            namen = set(GEVRAAGD.findall(pad.read_text(encoding="utf-8")))
        else:
            namen = _namen(pad)
        if namen:
            gevonden[pad.relative_to(root).as_posix()] = namen
    return gevonden


def test_no_model_permission_is_written_outside_the_rules_modules():
    assert letterlijke_rechten() == {}


def test_every_rule_asked_by_name_exists():
    onbekend = {
        pad: {n for n in namen if not rules.perm_exists(n)}
        for pad, namen in gevraagde_regels().items()
    }
    assert {pad: namen for pad, namen in onbekend.items() if namen} == {}


def test_no_rule_bears_the_name_of_a_model_permission():
    """Else a view asking it could not say whether it asks a role or a rule."""
    assert set(rules.permissions.permissions) & modelrechten() == set()


@pytest.mark.parametrize(
    ("pad", "inhoud", "recht"),
    [
        ("kern/x.py", 'user.has_perm("financien.view_kostenpost")', "financien.view_kostenpost"),
        ("kern/x.py", "RECHT = 'uitnodigingen.uitnodigen'", "uitnodigingen.uitnodigen"),
        ("kern/x.py", 'X = "nergens.export_iets"', "nergens.export_iets"),
        ("templates/x.html", "{% if perms.werkgroep.view_aanwezigheid %}", "werkgroep.view_aanwezigheid"),  # noqa: E501
        ("kern/templates/y.html", '{% has_perm "projecten.change_projectfiche" u f %}', "projecten.change_projectfiche"),  # noqa: E501
    ],
)  # fmt: skip
def test_the_scan_finds_a_permission_written_by_hand(tmp_path, pad, inhoud, recht):
    """The scan can fail: a permission written in code or a template is found."""
    bestand = tmp_path / pad
    bestand.parent.mkdir(parents=True, exist_ok=True)
    bestand.write_text(inhoud, encoding="utf-8")
    assert letterlijke_rechten(tmp_path) == {pad: {recht}}


def test_the_scan_finds_a_rule_that_does_not_exist(tmp_path):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "x.html").write_text("{% if perms.werkgroep.alles_zein %}")
    assert gevraagde_regels(tmp_path) == {"templates/x.html": {"werkgroep.alles_zein"}}
    assert not rules.perm_exists("werkgroep.alles_zein")

"""``kern`` holds no domain knowledge: no name in its code and no lookup in its strings
says participant, meeting, working group, project, fiche, cost …

Imports of the domain apps are ``tests/test_afhankelijkheden.py``'s; this test sees what
an import test cannot: a relation read by string (``select_related("…__deelnemer")``,
``getattr(account, "deelnemer")``) or a domain constant. Comments, docstrings and the
texts users read may name domain things; code may not.
"""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

from kern import versies

KERN = Path(__file__).resolve().parents[2] / "kern"

DOMEINWOORDEN = re.compile(
    r"deelnemer|vergader|werkgroep|project|fiche|kosten|notulen|valider|subgroep|"
    r"organisatie|thema|agenda|aanwezig|lidmaatschap|uitnodig|verslag",
    re.IGNORECASE,
)
# A string that reads as a name in code (a field, a lookup, an attribute, a dotted path).
NAAM_IN_TEKST = re.compile(r"[rbuf]*(['\"])[A-Za-z_][A-Za-z0-9_.]*\1")
# Allowed, and why.
UITZONDERINGEN = {
    ("grafiek.py", '"werkgroep"'),  # matplotlib's hash salt for SVG ids: a constant, no lookup
}


def _domeinnamen() -> list[str]:
    gevonden = []
    for pad in sorted(KERN.rglob("*.py")):
        if "migrations" in pad.parts:
            continue
        for token in tokenize.generate_tokens(io.StringIO(pad.read_text()).readline):
            naamachtig = token.type == tokenize.NAME or (
                token.type == tokenize.STRING and NAAM_IN_TEKST.fullmatch(token.string)
            )
            uitzondering = (pad.name, token.string) in UITZONDERINGEN
            if naamachtig and DOMEINWOORDEN.search(token.string) and not uitzondering:
                gevonden.append(f"{pad.relative_to(KERN)}:{token.start[0]} {token.string}")
    return gevonden


def test_kern_names_no_domain_thing_in_its_code():
    assert _domeinnamen() == []


def test_the_check_sees_a_relation_read_by_string(tmp_path, monkeypatch):
    """The check itself: a lookup by string is found (as ``history_user__deelnemer`` was)."""
    (tmp_path / "kern").mkdir()
    (tmp_path / "kern" / "x.py").write_text('q.select_related("history_user__deelnemer")\n')
    monkeypatch.setattr(__import__(__name__, fromlist=["KERN"]), "KERN", tmp_path / "kern")
    assert _domeinnamen() == ['x.py:1 "history_user__deelnemer"']


def test_an_account_is_named_by_the_domain_apps_naming(settings, lid, django_user_model):
    """Who saved in between: by the setting's naming (the site's: the participant), else
    by the account's full name or username."""
    lid.first_name, lid.last_name = "J.", "D."
    lid.save()
    assert versies.opsteller(lid, None, None).naam == "Johan Dejonckheere"
    settings.VERSIES_OPSTELLER = None
    assert versies.opsteller(lid, None, None).naam == "J. D."
    zonder = django_user_model.objects.create_user("zonder")
    assert versies.opsteller(zonder, None, None).naam == "zonder"


def test_the_history_and_its_names_are_one_query(lid, django_assert_num_queries):
    """The naming's relations are joined in: naming every saver costs no query per row."""
    from django.contrib.admin.models import LogEntry

    for _ in range(3):
        LogEntry.objects.create(user=lid, action_flag=1, object_repr="x")
    with django_assert_num_queries(1):
        rijen = list(versies.met_opstellers(LogEntry.objects.all(), "user"))
        namen = {versies.opsteller(r.user, r.action_time, None).naam for r in rijen}
    assert namen == {"Johan Dejonckheere"}


def test_kerns_packages_stay_split_by_concern():
    """No module of ``kern`` above 500 lines: a new concern gets a module of its own."""
    lang = {
        str(pad.relative_to(KERN)): len(pad.read_text().splitlines())
        for pad in KERN.rglob("*.py")
        if "migrations" not in pad.parts and len(pad.read_text().splitlines()) > 500
    }
    assert lang == {}

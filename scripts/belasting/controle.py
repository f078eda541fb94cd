"""The no-loss check of the load test: what each client was told against the database.

The Locust users (``locustfile.py``) write one JSON line per save to an outcomes file:
the version read, the texts or the amount sent, and the answer (acknowledged, refused,
error). After the run ``controleer`` compares those with the database the site wrote to:

- each acknowledged fiche save is in the fiche's history at the version after the one it
  read, and each fiche ends as its last acknowledged save;
- each acknowledged cost line exists once, with its exact amount, status and date as
  written, and its creation is in the cost lines' history;
- no refused save was stored (not as the fiche now, not in its history, no cost line).

A save answered with an error may or may not be stored: it may only explain a fiche's
final version. This module imports Django only inside ``controleer``, so the Locust
process (gevent) never loads it.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path

ERKEND, GEWEIGERD, FOUT = "acknowledged", "refused", "error"
UITKOMSTEN = (ERKEND, GEWEIGERD, FOUT)


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
class Uitkomsten:
    """Everything the clients were told, read back from the outcomes file."""

    fiches: list[Fichebewaring] = field(default_factory=list)
    posten: list[Kostenbewaring] = field(default_factory=list)
    fouten: list[str] = field(default_factory=list)  # what went wrong, for the report


@dataclass
class Controle:
    verloren: list[str] = field(default_factory=list)  # acknowledged, but not (so) stored
    onterecht_geweigerd: list[str] = field(default_factory=list)  # refused, yet stored


# ---- The outcomes file: one JSON object per line ----------------------------------------


def regel(bewaring: Fichebewaring | Kostenbewaring) -> str:
    """The outcomes file's line for one save."""
    inhoud = asdict(bewaring)
    if isinstance(bewaring, Kostenbewaring):
        inhoud["bedrag"] = None if bewaring.bedrag is None else str(bewaring.bedrag)
        return json.dumps({"soort": "kostenpost", **inhoud}, ensure_ascii=False)
    return json.dumps({"soort": "fiche", **inhoud}, ensure_ascii=False)


def foutregel(wat: str) -> str:
    return json.dumps({"soort": "fout", "wat": wat}, ensure_ascii=False)


def lees(pad: Path) -> Uitkomsten:
    uitkomsten = Uitkomsten()
    if not pad.exists():
        return uitkomsten
    for tekst in pad.read_text("utf-8").splitlines():
        if not tekst.strip():
            continue
        inhoud = json.loads(tekst)
        soort = inhoud.pop("soort")
        if soort == "fiche":
            uitkomsten.fiches.append(Fichebewaring(**inhoud))
        elif soort == "kostenpost":
            bedrag = inhoud.pop("bedrag")
            uitkomsten.posten.append(
                Kostenbewaring(bedrag=None if bedrag is None else Decimal(bedrag), **inhoud)
            )
        else:
            uitkomsten.fouten.append(inhoud["wat"])
    return uitkomsten


# ---- The check ---------------------------------------------------------------------------


def controleer(fiches: list[Fichebewaring], posten: list[Kostenbewaring]) -> Controle:
    """Compare what each client was told with what the database holds.

    Needs Django set up on the database the site wrote to.
    """
    controle = Controle()
    per_fiche: dict[tuple[str, str], list[Fichebewaring]] = defaultdict(list)
    for bewaring in fiches:
        per_fiche[bewaring.project, bewaring.werkgroep].append(bewaring)
    for (project, werkgroep), bewaringen in sorted(per_fiche.items()):
        _fiche_nagaan(controle, project, werkgroep, bewaringen)
    for post in posten:
        _kostenpost_nagaan(controle, post)
    return controle


def _fiche_nagaan(
    controle: Controle, project: str, werkgroep: str, bewaringen: list[Fichebewaring]
) -> None:
    """One fiche: each acknowledged save is its own version, no refused save stored, and
    it holds the last acknowledged (or an unanswered) save."""
    from projecten.models import Projectfiche

    fiche = Projectfiche.objects.get(project__slug=project, werkgroep__slug=werkgroep)
    historiek = defaultdict(set)
    for versie, doelgroep, aanpak in fiche.history.values_list("versie", "doelgroep", "aanpak"):
        historiek[versie].add((doelgroep, aanpak))
    opgeslagen = {d for rijen in historiek.values() for d, _a in rijen} | {fiche.doelgroep}
    erkend = [b for b in bewaringen if b.uitkomst == ERKEND]
    for b in erkend:
        # Each acknowledged save made exactly one version: the one after what it read.
        if (b.doelgroep, b.aanpak) not in historiek.get(b.gelezen_versie + 1, set()):
            controle.verloren.append(
                f"fiche {project}: acknowledged save {b.doelgroep!r} (read version "
                f"{b.gelezen_versie}) is not version {b.gelezen_versie + 1} in its history"
            )
    controle.onterecht_geweigerd.extend(
        f"fiche {project}: refused save {b.doelgroep!r} was stored anyway"
        for b in bewaringen
        if b.uitkomst == GEWEIGERD and b.doelgroep in opgeslagen
    )
    if not erkend:
        return
    laatste = max(erkend, key=lambda b: b.gelezen_versie)
    verklaard = [
        (b.doelgroep, b.aanpak)
        for b in bewaringen
        if b.uitkomst in (ERKEND, FOUT) and b.gelezen_versie + 1 == fiche.versie
    ]
    nu = (fiche.doelgroep, fiche.aanpak)
    if nu not in verklaard or fiche.versie < laatste.gelezen_versie + 1:
        controle.verloren.append(
            f"fiche {project}: holds {fiche.doelgroep!r} at version {fiche.versie}, "
            f"not the last acknowledged save {laatste.doelgroep!r} "
            f"(version {laatste.gelezen_versie + 1})"
        )


def _kostenpost_nagaan(controle: Controle, post: Kostenbewaring) -> None:
    """One cost line: acknowledged means stored exactly once with its history; refused
    means not stored."""
    from financien.models import Kostenpost

    rijen = list(
        Kostenpost.objects.filter(omschrijving=post.omschrijving).values_list(
            "bedrag", "status", "vergadering_zoals_geschreven"
        )
    )
    if post.uitkomst == GEWEIGERD and rijen:
        controle.onterecht_geweigerd.append(f"cost line {post.omschrijving!r}: refused, yet stored")
    if post.uitkomst != ERKEND:
        return
    # str() compares the exact Decimal, two places included: 120.00, not 120 or 120.0.
    verwacht = (str(post.bedrag), post.status, post.vergadering_zoals_geschreven)
    if [(str(b), s, v) for b, s, v in rijen] != [verwacht]:
        controle.verloren.append(
            f"cost line {post.omschrijving!r}: acknowledged with {verwacht}, database holds {rijen}"
        )
        return
    gemaakt = Kostenpost.history.filter(omschrijving=post.omschrijving, history_type="+")
    if [str(b) for b in gemaakt.values_list("bedrag", flat=True)] != [str(post.bedrag)]:
        controle.verloren.append(
            f"cost line {post.omschrijving!r}: stored, but its creation is not in the history"
        )

"""The retention policy (``bewaarbeleid.yaml``) read as data: one place that says, for every
field of every model, whether it holds personal data, how long it is kept and what erasure
does to it. The daily retention command, the export of a person's data and erasure all read
it; ``tests/persoonsgegevens/test_bewaarbeleid.py`` keeps it complete.

Its texts for readers (a kind's title, a period's start and each explanation) are Dutch
message ids in the context ``bewaarbeleid``: ``make messages`` finds them in the YAML (the
app's ``makemessages``), and they are shown through :func:`vertalen`."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils.translation import pgettext

BESTAND = Path(__file__).with_name("bewaarbeleid.yaml")
#: The translation context of the policy's texts (``pgettext``).
CONTEXT = "bewaarbeleid"

#: What erasure may do to a field (``soorten.<soort>.wissen``).
WISSEN = {"pseudoniem", "leegmaken", "verwijderen", "behouden"}
#: The units a period may be written in (``termijnen.<termijn>.eenheid``).
EENHEDEN = {"jaar", "maand", "dag", "seconde"}
#: How a row belongs to a person (``modellen.<model>.persoon``).
KOPPELINGEN = {"deelnemer", "account", "adres", "gebruikersnaam", "naam"}


@dataclass(frozen=True)
class Termijn:
    naam: str
    instelling: str
    standaard: int
    eenheid: str
    vanaf: str
    uitleg: str

    @property
    def waarde(self) -> int:
        """The period as configured (the setting), in :attr:`eenheid`."""
        return getattr(settings, self.instelling)


@dataclass(frozen=True)
class Soort:
    naam: str
    titel: str
    termijn: Termijn
    wissen: str
    uitleg: str


def vertalen(tekst: str) -> str:
    """One of the policy's texts in the reader's language."""
    return pgettext(CONTEXT, tekst)


@dataclass(frozen=True)
class Beleid:
    termijnen: dict[str, Termijn]
    soorten: dict[str, Soort]
    #: per model label: {field name: kind} for the fields holding personal data
    persoonlijk: dict[str, dict[str, Soort]]
    #: per model label: the fields that hold none
    overige: dict[str, list[str]]
    #: per model label: how its rows belong to a person ({koppeling: [lookup, …]})
    koppelingen: dict[str, dict[str, list[str]]]
    #: per model label with personal data but no link to one person: why
    zonder_persoon: dict[str, str]

    def soort_van(self, model: type[models.Model], veld: str) -> Soort | None:
        """The kind of one field, or None when it holds no personal data. A history row's
        copied field has the kind of the field it copies."""
        label = model._meta.label
        if veld in self.persoonlijk.get(label, {}):
            return self.persoonlijk[label][veld]
        origineel = getattr(model, "instance_type", None)  # simple_history's historical model
        if origineel is not None and not veld.startswith("history_"):
            return self.soort_van(origineel, veld)
        return None


def lezen(tekst: str) -> Beleid:
    """The policy from its YAML text; a ``ValueError`` that names what is wrong."""
    data = yaml.safe_load(tekst)
    termijnen = {}
    for naam, t in data["termijnen"].items():
        if t["eenheid"] not in EENHEDEN:
            raise ValueError(f"termijn {naam}: onbekende eenheid {t['eenheid']!r}")
        termijnen[naam] = Termijn(naam=naam, **t)
    soorten = {}
    for naam, s in data["soorten"].items():
        if s["termijn"] not in termijnen:
            raise ValueError(f"soort {naam}: onbekende termijn {s['termijn']!r}")
        if s["wissen"] not in WISSEN:
            raise ValueError(f"soort {naam}: onbekend wissen {s['wissen']!r}")
        soorten[naam] = Soort(naam, s["titel"], termijnen[s["termijn"]], s["wissen"], s["uitleg"])
    persoonlijk, overige, koppelingen, zonder_persoon = {}, {}, {}, {}
    for label, m in data["modellen"].items():
        if "persoon" in m:
            if onbekend := set(m["persoon"]) - KOPPELINGEN:
                raise ValueError(f"{label}: onbekende koppeling {sorted(onbekend)}")
            koppelingen[label] = {hoe: list(velden) for hoe, velden in m["persoon"].items()}
        if "zonder_persoon" in m:
            zonder_persoon[label] = m["zonder_persoon"]
        velden = {}
        for veld, soort in (m.get("persoonlijk") or {}).items():
            if soort not in soorten:
                raise ValueError(f"{label}.{veld}: onbekende soort {soort!r}")
            velden[veld] = soorten[soort]
        persoonlijk[label] = velden
        overige[label] = list(m.get("overige") or [])
    return Beleid(termijnen, soorten, persoonlijk, overige, koppelingen, zonder_persoon)


@cache
def beleid() -> Beleid:
    return lezen(BESTAND.read_text(encoding="utf-8"))


def teksten(b: Beleid | None = None) -> list[str]:
    """Every text of the policy a reader sees, in its order (to translate)."""
    b = b or beleid()
    termijnen = [tekst for t in b.termijnen.values() for tekst in (t.vanaf, t.uitleg)]
    return termijnen + [tekst for s in b.soorten.values() for tekst in (s.titel, s.uitleg)]


def te_beschrijven_velden() -> dict[str, list[str]]:
    """Per model, the concrete fields the policy must name: every field of every model, but
    of a history model only its own (``history_…``) fields."""
    velden = {}
    for model in apps.get_models(include_auto_created=True):
        namen = [v.name for v in model._meta.concrete_fields]
        if getattr(model, "instance_type", None) is not None:
            namen = [n for n in namen if n.startswith("history_")]
        velden[model._meta.label] = namen
    return velden


def verschillen(b: Beleid | None = None) -> list[str]:
    """What the policy and the models disagree on, in Dutch, one line each: a field not
    named, a field named twice, a model or field named that does not exist."""
    b = b or beleid()
    fouten = []
    modellen = te_beschrijven_velden()
    for label, namen in modellen.items():
        if label not in b.overige:
            fouten.append(f"{label}: model ontbreekt in het bewaarbeleid")
            continue
        beschreven = list(b.persoonlijk[label]) + b.overige[label]
        for naam in namen:
            if naam not in beschreven:
                fouten.append(f"{label}.{naam}: veld ontbreekt in het bewaarbeleid")
        persoonlijk = bool(b.persoonlijk[label]) or _kopieert_persoonsgegevens(label, b)
        gekoppeld = (label in b.koppelingen) + (label in b.zonder_persoon)
        if persoonlijk and gekoppeld != 1:
            fouten.append(
                f"{label}: zeg hoe een rij bij een persoon hoort (persoon of zonder_persoon)"
            )
        if not persoonlijk and gekoppeld:
            fouten.append(f"{label}: geen persoonsgegevens, dus geen persoon of zonder_persoon")
        for naam in beschreven:
            if beschreven.count(naam) > 1:
                fouten.append(f"{label}.{naam}: veld staat er twee keer in")
            if naam not in namen:
                fouten.append(f"{label}.{naam}: veld bestaat niet (meer)")
    for label in b.overige:
        if label not in modellen:
            fouten.append(f"{label}: model bestaat niet (meer)")
    return sorted(set(fouten))


def _kopieert_persoonsgegevens(label: str, b: Beleid) -> bool:
    """Whether a history model copies a field that holds personal data."""
    origineel = getattr(apps.get_model(label), "instance_type", None)
    return origineel is not None and bool(b.persoonlijk.get(origineel._meta.label))

"""The three-way merge of a versioned record's fields, and how each model takes part in it.

Per field, three texts: the one at the opened version (read from django-simple-history),
the one stored now, and the one sent. A field only the other side changed keeps the stored
text, a field only this person changed takes theirs, a field both changed alike is no
conflict, and a field both changed differently is a conflict: then nothing is saved, and
the form gets a proposal that drops nothing of either side.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from .opstellers import Opsteller, met_opstellers, opstellers
from .verschil import _regeleinden, genormaliseerd, verschil_html


class Soort(StrEnum):
    """How a field merges, and what a conflict puts in the form for the next save."""

    TEKST = "tekst"  # free text: both texts go into the field, between marker lines
    REGELS = "regels"  # one item per line: the field holds the lines of both
    KEUZE = "keuze"  # a choice (a score, a status): the stored choice stays, theirs is shown


class Versiebeheer:
    """How one versioned model is read for the merge and written by the save; one
    subclass per model.

    Content is a dict of field name to text (a score as ``"3"`` or ``""``); a key
    missing from a version counts as empty.
    """

    model: type[models.Model]

    def schrijven(self, obj, inhoud: Mapping[str, str], overige: Mapping, door) -> None:
        """Write the merged ``inhoud`` and the ``overige`` fields (taken as sent) to the
        locked ``obj``, whose version :func:`bewaren` has just claimed."""
        for veld, tekst in inhoud.items():
            setattr(obj, veld, self.waarde(veld, tekst))
        for veld, waarde in overige.items():
            setattr(obj, veld, waarde)
        obj.full_clean()
        obj.save()

    def samenvoegbaar(self, veld: str) -> bool:
        """Whether a form field is content that merges (others are taken as sent)."""
        raise NotImplementedError

    def soort(self, veld: str) -> Soort:
        return Soort.TEKST

    def inhoud(self, obj) -> dict[str, str]:
        """The content as stored now."""
        raise NotImplementedError

    def inhoud_van(self, historisch) -> dict[str, str]:
        """The content of one row of the record's history."""
        raise NotImplementedError

    def momentopname(self, obj) -> dict:
        """Extra attributes a history row of ``obj``'s present state needs."""
        return {}

    def waarde(self, veld: str, tekst: str):
        """A merged text back as the form field's value."""
        return tekst


class Veldversies(Versiebeheer):
    """A :class:`kern.models.Versiebeheerd` record whose content is some of its own fields
    (``VELDEN``), read alike from the row and from its history; whoever saves becomes
    ``gewijzigd_door``. A fiche and minutes need nothing more."""

    VELDEN: list[str]

    def samenvoegbaar(self, veld: str) -> bool:
        return veld in self.VELDEN

    def inhoud(self, obj) -> dict[str, str]:
        return {veld: getattr(obj, veld) for veld in self.VELDEN}

    def inhoud_van(self, historisch) -> dict[str, str]:
        return self.inhoud(historisch)

    def schrijven(self, obj, inhoud, overige, door) -> None:
        obj.gewijzigd_door = door
        super().schrijven(obj, inhoud, overige, door)


@dataclass
class Conflict:
    """One field both sides changed differently."""

    veld: str
    soort: Soort
    mijn: str
    hun: str
    wie: Opsteller | None
    voorstel: str  # what the form holds for the next save: nothing of theirs is dropped

    def verschil(self) -> tuple[SafeString, SafeString]:
        """Both texts, escaped, with what only one side has marked ``<ins>``/``<del>``."""
        return verschil_html(self.hun, self.mijn)


@dataclass
class Samenvoeging:
    """The outcome of merging one save with what is stored."""

    versie: int  # the stored version merged with; the save claims the next one
    inhoud: dict[str, str]  # per field sent: what to store (on a conflict, the proposal)
    van_anderen: dict[str, Opsteller | None] = field(default_factory=dict)
    van_mij: list[str] = field(default_factory=list)
    conflicten: dict[str, Conflict] = field(default_factory=dict)
    tussen: list[Opsteller] = field(default_factory=list)  # who saved since it was opened

    @property
    def samengevoegd(self) -> bool:
        return bool(self.tussen) or bool(self.van_anderen)

    def formulierdata(self) -> dict[str, str]:
        """The form for the next save: merged texts, proposals, and the version merged with."""
        return {**self.inhoud, "gelezen_versie": str(self.versie)}


class Beslissing(StrEnum):
    """What a save does with one field, given the field as opened, as stored and as sent."""

    ZELFDE = "zelfde"  # sent as stored: nothing to decide
    HUN = "hun"  # only the other side changed it: the stored value stays
    MIJN = "mijn"  # only this person changed it: theirs is saved
    CONFLICT = "conflict"  # both changed it differently: nothing is saved


def beslissen(oud, hun, mijn, *, gelijk: Callable[[object, object], bool] | None = None):
    """The one per-field rule of every guarded save: the versioned records' merge and every
    admin form (``kern.verouderd``, which compares hashes). ``oud`` is the field as the form
    opened it, ``None`` when unknown (then any difference is a conflict)."""
    gelijk = gelijk or _gelijk
    if gelijk(mijn, hun):
        return Beslissing.ZELFDE
    if oud is not None and gelijk(mijn, oud):
        return Beslissing.HUN
    if oud is not None and gelijk(hun, oud):
        return Beslissing.MIJN
    return Beslissing.CONFLICT


def samenvoegen(
    beheer: Versiebeheer, huidig, *, gelezen_versie: int, mijn: Mapping[str, str], door
) -> Samenvoeging:
    """Merge the fields of ``mijn`` (opened at ``gelezen_versie``) with the stored ``huidig``."""
    conflictlijnen_weigeren(beheer, mijn)
    samenvoeging = Samenvoeging(versie=huidig.versie, inhoud={})
    if gelezen_versie == huidig.versie:
        samenvoeging.inhoud = dict(mijn)
        return samenvoeging
    opgeslagen = beheer.inhoud(huidig)
    basisrij, tussen = tussenversies(huidig, gelezen_versie)
    basis = beheer.inhoud_van(basisrij) if basisrij is not None else None
    samenvoeging.tussen = opstellers(tussen, door)
    laatst = samenvoeging.tussen[-1] if samenvoeging.tussen else None
    # Who last changed each field since the opened version.
    wie: dict[str, Opsteller] = {}
    vorige = basis
    for rij, opsteller in zip(tussen, samenvoeging.tussen, strict=True):
        inhoud = beheer.inhoud_van(rij)
        for veld in mijn:
            if vorige is None or not _gelijk(inhoud.get(veld, ""), vorige.get(veld, "")):
                wie[veld] = opsteller
        vorige = inhoud
    for veld, tekst in mijn.items():
        hun = opgeslagen.get(veld, "")
        oud = None if basis is None else basis.get(veld, "")
        beslissing = beslissen(oud, hun, tekst)
        if beslissing == Beslissing.ZELFDE:
            samenvoeging.inhoud[veld] = tekst
        elif beslissing == Beslissing.HUN:
            samenvoeging.inhoud[veld] = hun
            samenvoeging.van_anderen[veld] = wie.get(veld, laatst)
        elif beslissing == Beslissing.MIJN:
            samenvoeging.inhoud[veld] = tekst
            samenvoeging.van_mij.append(veld)
        else:
            soort = beheer.soort(veld)
            conflict = Conflict(
                veld,
                soort,
                tekst,
                hun,
                wie.get(veld, laatst),
                _voorstel(soort, tekst, hun, wie.get(veld, laatst)),
            )
            samenvoeging.conflicten[veld] = conflict
            samenvoeging.inhoud[veld] = conflict.voorstel
    return samenvoeging


def _gelijk(a: str, b: str) -> bool:
    """The same text, whatever line endings the browser sent."""
    return genormaliseerd(a) == genormaliseerd(b)


def _markeerlijnen() -> tuple[str, str, str]:
    """The lines a text conflict's proposal puts around both texts (the middle one with
    ``%(wie)s``), in the active language."""
    return (
        _("===== Uw tekst ====="),
        _("===== Opgeslagen door %(wie)s ====="),
        _("===== Einde: hou wat u wilt bewaren en wis deze lijnen ====="),
    )


def _markeerpatroon() -> re.Pattern:
    """A line that is one of the marker lines, as written in any of the site's languages."""
    lijnen = set()
    for taal, _naam in settings.LANGUAGES:
        with translation.override(taal):
            for lijn in _markeerlijnen():
                lijnen.add(".*".join(re.escape(deel) for deel in lijn.split("%(wie)s")))
    return re.compile(rf"^[ \t]*(?:{'|'.join(sorted(lijnen))})[ \t]*$", re.MULTILINE)


def heeft_conflictlijnen(tekst: str) -> bool:
    """Whether ``tekst`` still holds a marker line of a conflict's proposal."""
    return bool(tekst) and "=====" in tekst and bool(_markeerpatroon().search(_regeleinden(tekst)))


def conflictlijnen_weigeren(beheer: Versiebeheer, mijn: Mapping[str, str]) -> None:
    """Refuse a save whose free texts still hold the lines a conflict put around both
    texts (the form saved as the conflict left it): ``ValidationError`` per field."""
    fouten = {
        veld: _(
            "Deze tekst bevat nog de lijnen met ===== van een botsing. Hou één tekst (of "
            "voeg beide samen), wis de lijnen met ===== en sla opnieuw op."
        )
        for veld, tekst in mijn.items()
        if beheer.soort(veld) == Soort.TEKST and heeft_conflictlijnen(tekst)
    }
    if fouten:
        raise ValidationError(fouten, code="conflictlijnen")


def _voorstel(soort: Soort, mijn: str, hun: str, wie: Opsteller | None) -> str:
    if soort == Soort.KEUZE:
        return hun
    if soort == Soort.REGELS:
        regels = [
            r for r in _regeleinden(hun).split("\n") + _regeleinden(mijn).split("\n") if r.strip()
        ]
        return "\n".join(dict.fromkeys(regels))
    begin, midden, einde = _markeerlijnen()
    return "\n".join(
        [
            begin,
            _regeleinden(mijn).strip(),
            midden % {"wie": wie or _("iemand anders")},
            _regeleinden(hun).strip(),
            einde,
        ]
    )


def tussenversies(huidig, sinds: int):
    """The history row at version ``sinds`` (or None) and one row per later version, in order."""
    rijen = met_opstellers(
        huidig.history.filter(versie__gte=sinds, versie__lte=huidig.versie), "history_user"
    ).order_by("versie", "history_date", "history_id")
    per_versie = {}
    for rij in rijen:
        per_versie[rij.versie] = rij  # a version saved twice without a bump: the last one
    return per_versie.pop(sinds, None), [per_versie[v] for v in sorted(per_versie)]

"""The one guarded save of a versioned record, and the three-way merge that precedes it.

A versioned record (a project fiche, a subgroup's scores) carries ``versie``, which
goes up by one with every save. A form carries the version it was opened at
(``gelezen_versie``). Saving compares, per field, three texts: the one at the opened
version (read from django-simple-history), the one stored now, and the one sent. A
field only the other side changed keeps the stored text, a field only this person
changed takes theirs, a field both changed alike is no conflict, and a field both
changed differently is a conflict: then nothing is saved.

Every versioned save, on the site, in the admin and in an admin action, goes through
:func:`bewaren`: it locks the stored row (:func:`vergrendelen`, ``SELECT … FOR UPDATE``
on PostgreSQL; SQLite's requests already hold the write lock), merges against it,
claims the next version through :func:`versie_ophogen` (the one conditional ``UPDATE …
SET versie = versie + 1 WHERE versie = <read>``: of two saves made from the same stored
version exactly one matches, on SQLite and PostgreSQL alike), and writes through the
model's :class:`Versiebeheer`. A site view hands its form to :func:`formulier_bewaren`,
which turns a conflict into the form again with both sides, and a success into messages.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _


class Soort(StrEnum):
    """How a field merges, and what a conflict puts in the form for the next save."""

    TEKST = "tekst"  # free text: both texts go into the field, between marker lines
    REGELS = "regels"  # one item per line: the field holds the lines of both
    KEUZE = "keuze"  # a choice (a score, a status): the stored choice stays, theirs is shown


class VersieVerouderd(Exception):
    """Another save claimed the version this save started from."""

    def __init__(self, tussen: list[Opsteller] | None = None):
        super().__init__("verouderde versie")
        self.tussen = tussen or []


class Samenvoegconflict(Exception):
    """Both sides changed a field differently: nothing was saved."""

    def __init__(self, samenvoeging: Samenvoeging):
        super().__init__(", ".join(samenvoeging.conflicten))
        self.samenvoeging = samenvoeging


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


@dataclass(frozen=True)
class Opsteller:
    """Who saved a version, and when: "Jan Peeters, 14:02"."""

    naam: str
    tijd: datetime
    zelf: bool

    def __str__(self) -> str:
        lokaal = timezone.localtime(self.tijd)
        tijd = formats.date_format(
            lokaal,
            "TIME_FORMAT" if lokaal.date() == timezone.localdate() else "SHORT_DATETIME_FORMAT",
        )
        if self.zelf:
            return _("u zelf, in een ander venster, %(tijd)s") % {"tijd": tijd}
        return f"{self.naam or _('iemand anders')}, {tijd}"


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


def vergrendelen(queryset: models.QuerySet, pk):
    """The stored row, locked until the transaction ends (PostgreSQL; SQLite locks the file)."""
    return queryset.select_for_update().get(pk=pk)


def versie_ophogen(obj: models.Model, *, van: int) -> None:
    """Claim version ``van + 1`` for ``obj``: the one guarded update every versioned save uses.

    The check and the bump are one statement, so of two saves made from the same
    version exactly one wins; the other raises :class:`VersieVerouderd`.
    """
    beheer = type(obj)._default_manager
    if not beheer.filter(pk=obj.pk, versie=van).update(versie=F("versie") + 1):
        raise VersieVerouderd
    obj.versie = van + 1


def basis_vastleggen(beheer: Versiebeheer, obj) -> None:
    """Make sure the history holds ``obj`` at its present version before a save replaces it.

    Records loaded from a fixture have no history; without this, a save made from
    their first version could not tell who changed what.
    """
    if obj.history.filter(versie=obj.versie).exists():
        return
    # Who saved it is unknown unless the record says; never the person saving now.
    obj._history_user = getattr(obj, "gewijzigd_door", None)
    try:
        type(obj).history.bulk_history_create(
            [obj],
            update=True,
            default_date=getattr(obj, "gewijzigd_op", None) or timezone.now(),
            default_change_reason=_("stand van vóór de eerste bewaring met historiek"),
            custom_historical_attrs=beheer.momentopname(obj),
        )
    finally:
        del obj._history_user


def bewaren(
    beheer: Versiebeheer,
    pk,
    *,
    gelezen_versie: int | None,
    door,
    mijn: Mapping[str, str] | None = None,
    overige: Mapping | None = None,
    voorwaarde: Callable[[models.Model], None] | None = None,
    alleen_ongewijzigd: bool = False,
) -> tuple[models.Model, Samenvoeging]:
    """The one guarded versioned save: lock, check, merge, claim the next version, write.

    ``mijn`` are the merging fields as sent from a form opened at ``gelezen_versie``
    (``None``: an action on the version stored now); ``overige`` other fields, taken
    as sent. ``voorwaarde(huidig)`` may refuse the save (``ValidationError``) before
    anything is claimed. With ``alleen_ongewijzigd`` (a step that cannot be undone,
    such as submitting) a save made from an older version raises
    :class:`VersieVerouderd` naming who saved since, rather than merging. Raises
    :class:`Samenvoegconflict` (nothing saved) when both sides changed a field.
    Returns the saved record and the merge. One transaction (a ``with`` rather than a
    decorator, so ``make mutate`` can change its lines).
    """
    with transaction.atomic():
        huidig = vergrendelen(beheer.model._default_manager.all(), pk)
        if voorwaarde is not None:
            voorwaarde(huidig)
        if gelezen_versie is None:
            gelezen_versie = huidig.versie
        if alleen_ongewijzigd and gelezen_versie != huidig.versie:
            raise VersieVerouderd(opstellers(_tussenversies(huidig, gelezen_versie)[1], door))
        samenvoeging = samenvoegen(
            beheer, huidig, gelezen_versie=gelezen_versie, mijn=mijn or {}, door=door
        )
        if samenvoeging.conflicten:
            raise Samenvoegconflict(samenvoeging)
        basis_vastleggen(beheer, huidig)
        versie_ophogen(huidig, van=huidig.versie)
        huidig._history_user = door  # the history names who saved, in a request or not
        beheer.schrijven(huidig, samenvoeging.inhoud, overige or {}, door)
        return huidig, samenvoeging


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
    basisrij, tussen = _tussenversies(huidig, gelezen_versie)
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


# The site's save of a form.


@dataclass
class Uitkomst:
    """What became of a form saved through :func:`formulier_bewaren`."""

    form: object  # the form to show again (on a conflict: both sides, the version merged with)
    bewaard: bool
    conflicten: list[dict] = field(default_factory=list)  # per field, as ``conflicten_tonen``


def formulier_bewaren(
    request,
    form,
    *,
    bewaren: Callable[[object], tuple[models.Model, Samenvoeging]],
    opnieuw: Callable[[dict], object],
    gelukt: str | Callable[[models.Model], str],
) -> Uitkomst:
    """Save a bound versioned ``form`` on the site and tell the person what happened.

    ``bewaren(form)`` calls the app's service (which saves through :func:`bewaren`);
    ``opnieuw(data)`` builds the same form from other data. Saved: ``gelukt`` and, when
    others saved in between, who gave which field. A conflict: nothing saved, and the
    form again, holding both sides and the version merged with, so that the next save
    keeps the other side's text unless this person drops it. A refusal
    (``ValidationError``): its message, and the form as sent. ``gelukt`` may be a
    function of the saved record, for a message that says what the save left.
    """
    if not form.is_valid():
        return Uitkomst(form, bewaard=False)
    try:
        obj, samenvoeging = bewaren(form)
    except Samenvoegconflict as fout:
        samenvoeging = fout.samenvoeging
        form = opnieuw({**request.POST.dict(), **samenvoeging.formulierdata()})
        form.is_valid()
        conflicten = conflicten_melden(samenvoeging, form)
        messages.error(request, conflictmelding(samenvoeging, labels_van(form)))
        return Uitkomst(form, bewaard=False, conflicten=conflicten)
    except ValidationError as fout:
        for veld, fouten in getattr(fout, "error_dict", {}).items():
            if veld in form.fields:
                form.add_error(veld, fouten)
        messages.error(request, " ".join(fout.messages))
        return Uitkomst(form, bewaard=False)
    messages.success(request, gelukt(obj) if callable(gelukt) else gelukt)
    melding = samenvoegmelding(samenvoeging, labels_van(form))
    if melding:
        messages.info(request, melding)
    return Uitkomst(form, bewaard=True)


# Messages and display.


def _namen(velden: Iterable[str], labels: Mapping[str, str]) -> str:
    return ", ".join(str(labels.get(v, v)) for v in velden)


def _wie(opstellers: Iterable[Opsteller | None]) -> str:
    gezien = list(dict.fromkeys(str(o) for o in opstellers if o is not None))
    return "; ".join(gezien) or _("iemand anders")


def samenvoegmelding(samenvoeging: Samenvoeging, labels: Mapping[str, str]) -> str | None:
    """ "Overgenomen van Jan Peeters, 14:02: doelgroep. Van u: aanpak." or None."""
    if not samenvoeging.samengevoegd:
        return None
    zinnen = [
        _("Samengevoegd met wat intussen opgeslagen werd door %(wie)s.")
        % {"wie": _wie(samenvoeging.tussen)}
    ]
    per_opsteller: dict[str, list[str]] = {}
    for veld, opsteller in samenvoeging.van_anderen.items():
        per_opsteller.setdefault(str(opsteller) if opsteller else _("iemand anders"), []).append(
            veld
        )
    for wie, velden in per_opsteller.items():
        zinnen.append(
            _("Overgenomen van %(wie)s: %(velden)s.")
            % {"wie": wie, "velden": _namen(velden, labels)}
        )
    if samenvoeging.van_mij:
        zinnen.append(_("Van u: %(velden)s.") % {"velden": _namen(samenvoeging.van_mij, labels)})
    return " ".join(zinnen)


def conflictmelding(samenvoeging: Samenvoeging, labels: Mapping[str, str]) -> str:
    """Why nothing was saved, who saved in between and when, and what to do."""
    return _(
        "Intussen opgeslagen door %(wie)s. Niets is bewaard: bij %(velden)s botsen uw "
        "wijziging en de opgeslagen versie. Beide staan nu in het formulier; hou wat u wilt "
        "bewaren en sla opnieuw op."
    ) % {
        "wie": _wie(samenvoeging.tussen or [c.wie for c in samenvoeging.conflicten.values()]),
        "velden": _namen(samenvoeging.conflicten, labels),
    }


def conflicten_tonen(samenvoeging: Samenvoeging, formulier) -> list[dict]:
    """Per conflicting field of ``formulier``: its label, who, and both texts marked."""
    getoond = []
    labels = labels_van(formulier)
    for veld, conflict in samenvoeging.conflicten.items():
        formulierveld = formulier.fields.get(veld)
        keuzes = {str(k): str(v) for k, v in getattr(formulierveld, "choices", [])}
        mijn_keuze = keuzes.get(conflict.mijn, conflict.mijn) or "–"
        if conflict.soort == Soort.KEUZE:
            hun = format_html("{}", keuzes.get(conflict.hun, conflict.hun) or "–")
            mijn = format_html("{}", mijn_keuze)
        else:
            hun, mijn = conflict.verschil()
        getoond.append(
            {
                "veld": veld,
                "label": labels.get(veld, veld),
                "wie": str(conflict.wie) if conflict.wie else _("iemand anders"),
                "hun": hun,
                "mijn": mijn,
                "soort": conflict.soort.value,
                "mijn_keuze": mijn_keuze,
            }
        )
    return getoond


def conflicten_melden(samenvoeging: Samenvoeging, formulier, *, met_teksten: bool = False):
    """Mark each conflicting field of a bound ``formulier``; return the conflicts shown.

    ``met_teksten`` puts both marked texts in the field's error (the admin, which has
    no section of its own for them); otherwise the error says what the field holds.
    """
    getoond = conflicten_tonen(samenvoeging, formulier)
    for conflict in getoond:
        if met_teksten:
            fout = render_to_string("kern/_conflict.html", {"conflict": conflict})
        elif conflict["soort"] == Soort.KEUZE:
            fout = _("De opgeslagen keuze staat ingevuld; de uwe was %(mijn)s.") % {
                "mijn": conflict["mijn_keuze"]
            }
        elif conflict["soort"] == Soort.REGELS:
            fout = _("De regels van beide versies staan in het veld: wis wat weg mag.")
        else:
            fout = _(
                "Beide teksten staan in het veld, tussen lijnen met =====: hou wat u wilt bewaren."
            )
        formulier.add_error(conflict["veld"], fout)
        if conflict["soort"] != Soort.KEUZE:  # room for both texts
            widget = formulier.fields[conflict["veld"]].widget
            regels = samenvoeging.inhoud[conflict["veld"]].count("\n") + 2
            widget.attrs["rows"] = max(int(widget.attrs.get("rows", 2)), min(regels, 20))
    return getoond


def labels_van(formulier) -> dict[str, str]:
    """The fields' labels as they read within a sentence: "doelgroep".

    A form names fields whose own label is ambiguous in ``samenvoeglabels()``.
    """
    labels = {naam: str(veld.label or naam) for naam, veld in formulier.fields.items()}
    if hasattr(formulier, "samenvoeglabels"):
        labels.update(formulier.samenvoeglabels())
    return {naam: label[:1].lower() + label[1:] for naam, label in labels.items()}


#: Word comparisons (the words of one changed block times those of the other) that one
#: comparison may spend in all; a changed block beyond what is left is marked whole.
WOORDBUDGET = 1_000_000
#: Comparisons the line and the sentence step may each spend on one block; beyond it the
#: block goes to the next, finer step as a whole.
REGELBUDGET = 1_000_000


def verschil_html(oud: str, nieuw: str) -> tuple[SafeString, SafeString]:
    """``oud`` with what only it has in ``<del>``, ``nieuw`` with what only it has in ``<ins>``.

    In time bounded whatever the texts (two of the longest allowed, 100,000 characters,
    well under a second): lines first, then sentences within the changed lines, then
    words within the changed sentences only; a changed block too large for what is left
    of :data:`WOORDBUDGET` is marked whole, so the two stand side by side. Nothing is
    dropped: each side's pieces, joined, are its text (line endings made ``\\n``). Every
    piece of text is escaped by ``format_html``.
    """
    links: list[tuple[str, str]] = []
    rechts: list[tuple[str, str]] = []
    _verschil(_regeleinden(oud), _regeleinden(nieuw), 0, links, rechts, [WOORDBUDGET])
    return _samen(links), _samen(rechts)


def _zinnen(tekst: str) -> list[str]:
    return [z for z in re.split(r"(?<=[.!?;:])(?=\s)", tekst) if z]


def _woorden(tekst: str) -> list[str]:
    """Words with the spaces after them (leading spaces on their own)."""
    return re.findall(r"\s+|\S+\s*", _regeleinden(tekst))


# Lines, sentences, words: each split is lossless (its pieces joined are the text).
_STAPPEN = (lambda tekst: tekst.splitlines(keepends=True), _zinnen, _woorden)


def _verschil(oud: str, nieuw: str, stap: int, links, rechts, budget: list[int]) -> None:
    """Compare one block at step ``stap``; what differs goes to the next step, or is
    marked (words, or whole when over budget)."""
    a, b = _STAPPEN[stap](oud), _STAPPEN[stap](nieuw)
    begin, eind_a, eind_b = _gemeenschappelijk(a, b)
    _gelijk_stuk(links, rechts, "".join(a[:begin]))
    midden_a, midden_b = a[begin:eind_a], b[begin:eind_b]
    laatste = stap == len(_STAPPEN) - 1
    if laatste:
        kost = len(midden_a) * len(midden_b)
        if kost > budget[0]:
            opcodes = [("replace", 0, len(midden_a), 0, len(midden_b))]
        else:
            budget[0] -= kost
            # difflib skips words too frequent to anchor a match (autojunk), which keeps
            # a text of few distinct words ("a a b a …") from taking quadratic time per match.
            opcodes = difflib.SequenceMatcher(None, midden_a, midden_b).get_opcodes()
    elif _regelkost(midden_a, midden_b) > REGELBUDGET:
        opcodes = [("verfijnen", 0, len(midden_a), 0, len(midden_b))]
    else:
        opcodes = difflib.SequenceMatcher(None, midden_a, midden_b).get_opcodes()
    for op, i1, i2, j1, j2 in opcodes:
        stuk_a, stuk_b = "".join(midden_a[i1:i2]), "".join(midden_b[j1:j2])
        if op == "equal":
            _gelijk_stuk(links, rechts, stuk_a)
        elif not laatste and stuk_a and stuk_b:
            _verschil(stuk_a, stuk_b, stap + 1, links, rechts, budget)
        else:
            _gemarkeerd(links, '<del class="bg-danger-subtle">{}</del>', stuk_a)
            _gemarkeerd(rechts, '<ins class="bg-success-subtle">{}</ins>', stuk_b)
    _gelijk_stuk(links, rechts, "".join(a[eind_a:]))


def _gemarkeerd(stukken: list[tuple[str, str]], sjabloon: str, tekst: str) -> None:
    """``tekst`` marked, the spaces and line breaks at its end left outside the mark."""
    kern = tekst.rstrip()
    if kern:
        stukken.append((sjabloon, kern))
    if tekst[len(kern) :]:
        stukken.append(("{}", tekst[len(kern) :]))


def _gelijk_stuk(links, rechts, tekst: str) -> None:
    if tekst:
        links.append(("{}", tekst))
        rechts.append(("{}", tekst))


def _gemeenschappelijk(a: list[str], b: list[str]) -> tuple[int, int, int]:
    """How many items both start with, and where their common end begins in each."""
    begin = 0
    kortste = min(len(a), len(b))
    while begin < kortste and a[begin] == b[begin]:
        begin += 1
    eind = 0
    while eind < kortste - begin and a[-1 - eind] == b[-1 - eind]:
        eind += 1
    return begin, len(a) - eind, len(b) - eind


def _regelkost(a: list[str], b: list[str]) -> int:
    """What difflib's line step would spend: per line of ``a``, the equal lines of ``b``
    it tries, leaving out the lines difflib itself ignores as too frequent (autojunk)."""
    tellingen = Counter(b)
    if len(b) >= 200:
        vaak = len(b) // 100 + 1
        tellingen = Counter({r: n for r, n in tellingen.items() if n <= vaak})
    return sum(tellingen[r] for r in a)


def _samen(stukken: list[tuple[str, str]]) -> SafeString:
    return format_html_join(
        "", "{}", ((format_html(sjabloon, tekst),) for sjabloon, tekst in stukken)
    )


def _regeleinden(tekst: str) -> str:
    return (tekst or "").replace("\r\n", "\n").replace("\r", "\n")


def genormaliseerd(tekst: str) -> str:
    """A text as saves compare it: the browser's line endings and outer blanks left out."""
    return _regeleinden(tekst).strip()


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


def _tussenversies(huidig, sinds: int):
    """The history row at version ``sinds`` (or None) and one row per later version, in order."""
    rijen = (
        huidig.history.filter(versie__gte=sinds, versie__lte=huidig.versie)
        .select_related("history_user__deelnemer")
        .order_by("versie", "history_date", "history_id")
    )
    per_versie = {}
    for rij in rijen:
        per_versie[rij.versie] = rij  # a version saved twice without a bump: the last one
    return per_versie.pop(sinds, None), [per_versie[v] for v in sorted(per_versie)]


def opstellers(rijen, door) -> list[Opsteller]:
    """Who saved each history row, as messages name them."""
    return [opsteller(rij.history_user, rij.history_date, door) for rij in rijen]


def opsteller(gebruiker, tijd: datetime, door) -> Opsteller:
    """An account that saved at ``tijd`` as messages name it: the participant's name."""
    naam = ""
    if gebruiker is not None:
        deelnemer = getattr(gebruiker, "deelnemer", None)
        naam = (
            deelnemer.naam if deelnemer else (gebruiker.get_full_name() or gebruiker.get_username())
        )
    zelf = gebruiker is not None and door is not None and gebruiker.pk == door.pk
    return Opsteller(naam=naam, tijd=tijd, zelf=zelf)

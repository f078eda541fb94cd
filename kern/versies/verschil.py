"""Two texts side by side, with what only one of them has marked: the conflict's display.

Lines first, then sentences within the changed lines, then words within the changed
sentences, within a budget, so that two of the longest texts compare in well under a second.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

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

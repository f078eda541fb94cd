"""The meeting page's extension point: the sections other apps add to ``/vergadering/<pk>/``.

werkgroep owns the meeting page but may import no later app; each later app that has
something to show there (invitations, presentations, validation, attendance, minutes and
files, costs) registers a :class:`Sectie` in its ``AppConfig.ready()``::

    from werkgroep import secties

    secties.registreren(
        secties.Sectie(
            naam="kosten",
            volgorde=60,
            template="financien/_vergadering_kosten.html",
            context="financien.views.vergadering_sectie",
        )
    )

The context function is named by its dotted path and imported when the page is first
shown, so ``ready()`` loads no views (nor WeasyPrint with them) in a command or a worker.

The page renders the registered sections in their order, each template with its own
context plus ``vergadering`` (and the request's, so ``perms`` and ``csrf_token`` work).
A context function that returns ``None`` leaves its section out (for a reader who may not
see it): it should then make no query.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.module_loading import import_string
from django.utils.safestring import SafeString

from .models import Vergadering

Contextfunctie = Callable[[HttpRequest, Vergadering], dict | None]


@dataclass(frozen=True)
class Sectie:
    """One section of the meeting page: a unique name, its place (lower comes first),
    its template and what the template reads (a function, or its dotted path)."""

    naam: str
    volgorde: int
    template: str
    context: str | Contextfunctie

    def context_voor(self, request: HttpRequest, vergadering: Vergadering) -> dict | None:
        functie = import_string(self.context) if isinstance(self.context, str) else self.context
        return functie(request, vergadering)


_SECTIES: dict[str, Sectie] = {}


class DubbeleSectie(ValueError):
    """Two apps registered a section under one name."""


def registreren(sectie: Sectie) -> None:
    """Add a section to the meeting page; a second section of the same name is refused
    (registering the same one again, as a reloaded ``ready()`` does, is not)."""
    bestaand = _SECTIES.get(sectie.naam)
    if bestaand is not None and bestaand != sectie:
        raise DubbeleSectie(f"A meeting-page section {sectie.naam!r} is already registered.")
    _SECTIES[sectie.naam] = sectie


def afmelden(naam: str) -> None:
    """Remove a section (a test that registered one of its own)."""
    _SECTIES.pop(naam, None)


def geregistreerd() -> list[Sectie]:
    """The registered sections in page order (then by name, so the order is fixed)."""
    return sorted(_SECTIES.values(), key=lambda s: (s.volgorde, s.naam))


def samenstellen(request: HttpRequest, vergadering: Vergadering) -> list[SafeString]:
    """Each section shown to this reader, rendered, in page order."""
    gerenderd = []
    for sectie in geregistreerd():
        context = sectie.context_voor(request, vergadering)
        if context is None:
            continue
        gerenderd.append(
            render_to_string(
                sectie.template, {**context, "vergadering": vergadering}, request=request
            )
        )
    return gerenderd

"""Who was present at a meeting without being a participant: guests, whose attendance a
later app keeps (uitnodigingen, on the guest's invitation, with her address and name).

werkgroep cannot import that app, so it tells the present guests here from its
``ready()`` (:func:`registreren`); whoever mails the present (the minutes) asks
:func:`aanwezige_gasten`. A guest is no participant: no report counts her as a member.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .models import Vergadering


@dataclass(frozen=True)
class AanwezigeGast:
    """A guest present at a meeting: the name typed (or "") and her address."""

    naam: str
    adres: str

    @property
    def weergavenaam(self) -> str:
        return self.naam or self.adres


_BRONNEN: list[Callable[[Vergadering], list[AanwezigeGast]]] = []


def registreren(functie: Callable[[Vergadering], list[AanwezigeGast]]) -> None:
    """Called from a later app's ``ready()``; registering the same function twice is one."""
    if functie not in _BRONNEN:
        _BRONNEN.append(functie)


def aanwezige_gasten(vergadering: Vergadering) -> list[AanwezigeGast]:
    """The guests present at the meeting, as every registered app tells them."""
    return [gast for functie in _BRONNEN for gast in functie(vergadering)]

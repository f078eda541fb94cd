"""How the site names an account in "saved in between by …": by its participant.

``kern.versies`` knows no domain; ``settings.VERSIES_OPSTELLER`` points here.
"""

from __future__ import annotations

from kern.versies import Naamgeving


def _naam(gebruiker) -> str:
    """The participant's name; an account without one by its full name or username."""
    deelnemer = getattr(gebruiker, "deelnemer", None)
    if deelnemer is not None:
        return deelnemer.naam
    return gebruiker.get_full_name() or gebruiker.get_username()


OPSTELLER = Naamgeving(naam=_naam, relaties=("deelnemer",))

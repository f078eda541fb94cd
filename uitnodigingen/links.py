"""The personal reply link: the invitation's number and secret, signed (django.core.signing).

No login is needed: whoever holds the link answers for that one invitation. A changed link
fails its signature; the link answers while the meeting is still ahead
(``models.nog_te_beantwoorden``), so it needs no date of its own and follows a moved meeting.
"""

from __future__ import annotations

from django.core import signing
from django.urls import reverse

ZOUT = "uitnodigingen.antwoord"


def token(uitnodiging) -> str:
    return signing.dumps([uitnodiging.pk, uitnodiging.sleutel], salt=ZOUT)


def lezen(waarde: str) -> tuple[int, str]:
    """The (pk, secret) a token holds; signing.BadSignature (or ValueError) if changed."""
    pk, sleutel = signing.loads(waarde, salt=ZOUT)
    return int(pk), str(sleutel)


def pad(uitnodiging) -> str:
    return reverse("uitnodigingen:uitnodiging_antwoord", args=[token(uitnodiging)])

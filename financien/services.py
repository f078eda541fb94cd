"""Writes of the ledger: linking a line to its meeting, by date or by a person."""

from __future__ import annotations

from django.db import transaction

from kern.datums import OngeldigeDatum

from .models import Kostenpost


def vergadering_volgens_datum(post: Kostenpost):
    """The group's one meeting whose date is exactly the written date, else ``None``.

    "27/01/06" finds no meeting when the schedule says 27/02/2006: it stays
    unlinked, for a person to resolve; nothing is corrected silently.
    """
    try:
        datum = post.geschreven_datum
    except OngeldigeDatum:
        return None
    kandidaten = list(
        post.werkgroep.vergaderingen.filter(
            precisie=datum.precisie, datum_van=datum.van, datum_tot=datum.tot
        )[:2]
    )
    return kandidaten[0] if len(kandidaten) == 1 else None


@transaction.atomic
def kostenpost_koppelen(*, post: Kostenpost, vergadering) -> Kostenpost:
    """A person links a line to the right meeting; the history keeps who and when.

    The date as written stays as it was: the link says which meeting it meant.
    """
    post.vergadering = vergadering
    post.full_clean()
    post.save()
    return post

"""Writes of the ledger: linking a line to its meeting, by its written date or by a person."""

from __future__ import annotations

from django.db import transaction

from kern.datums import OngeldigeDatum
from werkgroep.models import Vergadering

from .models import Kostenpost


def vergadering_volgens_datum(post: Kostenpost) -> Vergadering | None:
    """The group's one meeting whose date is exactly the written date, else ``None``.

    "27/01/06" finds no meeting when the schedule says 27/02/2006, and a date two
    meetings share finds neither: the line stays unlinked, for a person to resolve;
    nothing is corrected silently.
    """
    try:
        datum = post.geschreven_datum
    except OngeldigeDatum:
        return None
    kandidaten = list(
        Vergadering.objects.filter(
            werkgroep_id=post.werkgroep_id,
            precisie=datum.precisie,
            datum_van=datum.van,
            datum_tot=datum.tot,
        )[:2]
    )
    return kandidaten[0] if len(kandidaten) == 1 else None


def koppelen_volgens_datum(post: Kostenpost, gevonden: dict | None = None) -> Kostenpost:
    """The one rule for a line nobody linked: link it to the group's one meeting with
    exactly its written date; with none or two such meetings it stays unlinked (and shows
    on the check page). A line already linked keeps its meeting. Nothing is saved here.

    ``gevonden``: a dict kept across the lines of one file, so each written date of a
    group is looked up once (the import); the admin adds one line and passes none.
    """
    if post.vergadering_id is not None:
        return post
    gevonden = {} if gevonden is None else gevonden
    sleutel = (post.werkgroep_id, post.vergadering_zoals_geschreven)
    if sleutel not in gevonden:
        gevonden[sleutel] = vergadering_volgens_datum(post)
    post.vergadering = gevonden[sleutel]
    return post


@transaction.atomic
def kostenpost_koppelen(*, post: Kostenpost, vergadering) -> Kostenpost:
    """A person links a line to the right meeting; the history keeps who and when.

    The date as written stays as it was: the link says which meeting it meant.
    """
    post.vergadering = vergadering
    post.full_clean()
    post.save()
    return post

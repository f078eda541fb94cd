"""Writes of the ledger: linking a line to its meeting, by its written date or by a person."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kern.datums import OngeldigeDatum
from werkgroep.models import Vergadering

from .models import Bedragplafond, Kostenpost


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


class Kostenfouten(Exception):
    """Lines the ledger refuses, by their place in what was sent: nothing was saved."""

    def __init__(self, fouten: dict[int, ValidationError]):
        super().__init__(fouten)
        self.fouten = fouten


@transaction.atomic
def kostenposten_toevoegen(*, vergadering: Vergadering, posten: Sequence[Kostenpost]) -> list:
    """Add cost lines to a meeting, all or none: each is linked to it and written with its
    date, checked as the admin and the import check it (``full_clean``: the ceiling, the
    amount's status, one line per category and description), and a line given twice, here
    or already on the meeting in another writing (``waardesleutel``), is refused."""
    plafond = Bedragplafond.voor(vergadering.werkgroep_id)
    gezien = {post.waardesleutel for post in Kostenpost.objects.filter(vergadering=vergadering)}
    fouten = {}
    for plaats, post in enumerate(posten):
        post.werkgroep_id = vergadering.werkgroep_id
        post.vergadering = vergadering
        post.vergadering_zoals_geschreven = str(vergadering.datum)
        post._plafond = plafond
        try:
            post.full_clean()
        except ValidationError as fout:
            fouten[plaats] = fout
            continue
        if post.waardesleutel in gezien:
            fouten[plaats] = ValidationError(
                _("Deze vergadering heeft al een kostenpost met die categorie en omschrijving.")
            )
        gezien.add(post.waardesleutel)
    if fouten:
        raise Kostenfouten(fouten)
    for post in posten:
        post.save()
    return list(posten)

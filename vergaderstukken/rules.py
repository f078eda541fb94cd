"""Who may do what with a meeting's minutes and files.

The secretariat writes minutes and uploads files. Of the minutes of a meeting one sees
(``werkgroep.vergadering_zien``: the membership period counts), a draft is the
secretariat's, minutes sent for approval are read by the attendees and the coordinator too,
final minutes (approved, or recorded as the meeting's report) by everyone.
``selectors.leesbare_notulen`` is ``notulen_lezen`` as a queryset (search);
``tests/vergaderstukken/test_verslag_in_notulen.py`` holds the two to the same answer.
"""

import rules

from kern.rechten import modelrecht

from . import selectors
from .models import Notulen

notulen_schrijven = modelrecht("vergaderstukken.change_notulen")
alle_notulen_lezen = modelrecht("vergaderstukken.view_notulen")
stukken_opladen = modelrecht("vergaderstukken.add_vergaderstuk")


@rules.predicate
def definitief(user, notulen) -> bool:
    """Approved, or recorded as the meeting's report: read by whoever sees the meeting."""
    return notulen is not None and notulen.pk is not None and notulen.definitief


@rules.predicate
def ter_goedkeuring(user, notulen) -> bool:
    return (
        notulen is not None
        and notulen.pk is not None
        and notulen.status == Notulen.Status.TER_GOEDKEURING
    )


@rules.predicate
def was_aanwezig(user, notulen) -> bool:
    """Present at the minutes' meeting (reads its prefetched attendance: no query)."""
    return notulen is not None and selectors.was_aanwezig(user, notulen.vergadering)


@rules.predicate
def ziet_de_vergadering(user, notulen) -> bool:
    return notulen is not None and user.has_perm("werkgroep.vergadering_zien", notulen.vergadering)


rules.add_perm("vergaderstukken.notulen_schrijven", notulen_schrijven)
rules.add_perm(
    "vergaderstukken.notulen_lezen",
    ziet_de_vergadering
    & (notulen_schrijven | definitief | (ter_goedkeuring & (alle_notulen_lezen | was_aanwezig))),
)
rules.add_perm("vergaderstukken.alle_notulen_lezen", alle_notulen_lezen)
rules.add_perm("vergaderstukken.stukken_opladen", stukken_opladen)

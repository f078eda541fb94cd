"""Who may do what with projects and their fiches.

A member edits the fiche of a project while their participant is linked to it; the
coordinator and the secretariat read every fiche; the secretariat reviews them.
"""

import rules

from kern.rechten import modelrecht

from . import selectors

#: The model permission of who reviews fiches: also who is told of a submitted fiche
#: (``selectors.beoordelaars``, a query over accounts holding it).
BEOORDELEN = "projecten.change_projectfiche"

fiches_lezen = modelrecht("projecten.view_projectfiche")
fiches_beoordelen = modelrecht(BEOORDELEN)


@rules.predicate
def werkt_aan(user, project) -> bool:
    """The user's participant works on ``project``."""
    return project is not None and selectors.werkt_aan(user, project)


rules.add_perm("projecten.fiches_lezen", fiches_lezen)
rules.add_perm("projecten.fiches_beoordelen", fiches_beoordelen)
rules.add_perm("projecten.fiche_bewerken", werkt_aan)
rules.add_perm("projecten.fiche_lezen", werkt_aan | fiches_lezen)

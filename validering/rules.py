"""Who may do what with validation sessions, their subgroups and products.

The coordinator and the secretariat see every session; a member sees the sessions of their
projects' products, of the subgroups they sit in or report for, and the published ones of
meetings held while they were a member (``selectors.zichtbare_sessies``).
"""

import rules

from kern.rechten import modelrecht
from werkgroep.selectors import deelnemer_van

from . import selectors

alle_sessies_zien = modelrecht("validering.view_validatiesessie")
rapporteur_kiezen = modelrecht("validering.change_subgroep")


@rules.predicate
def sessie_zichtbaar(user, sessie) -> bool:
    return sessie is not None and selectors.zichtbare_sessies(user).filter(pk=sessie.pk).exists()


@rules.predicate
def product_zichtbaar(user, product) -> bool:
    return (
        product is not None and selectors.zichtbare_producten(user).filter(pk=product.pk).exists()
    )


@rules.predicate
def rapporteur_van(user, subgroep) -> bool:
    """The subgroup's rapporteur, who scores it online."""
    deelnemer = deelnemer_van(user)
    return subgroep is not None and deelnemer is not None and subgroep.rapporteur_id == deelnemer.pk


rules.add_perm("validering.alle_sessies_zien", alle_sessies_zien)
rules.add_perm("validering.sessie_zien", alle_sessies_zien | sessie_zichtbaar)
rules.add_perm("validering.product_zien", alle_sessies_zien | product_zichtbaar)
rules.add_perm("validering.rapporteur_kiezen", rapporteur_kiezen)
rules.add_perm("validering.subgroep_scoren", rapporteur_van)

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


def _ziet_sessie(user, sessie) -> bool:
    """No query for a session ``selectors.sessie_voor`` read for this user."""
    if user.pk is not None and getattr(sessie, "gelezen_voor", None) == user.pk:
        return True
    return selectors.zichtbare_sessies(user).filter(pk=sessie.pk).exists()


@rules.predicate
def sessie_zichtbaar(user, sessie) -> bool:
    return sessie is not None and _ziet_sessie(user, sessie)


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


@rules.predicate
def scores_zichtbaar(user, subgroep) -> bool:
    """A subgroup's scores, for whoever sees its session: its rapporteur and members always;
    once the session is closed, the people of the product's project, and everyone when it
    is published. (The coordinator and the secretariat: ``alle_sessies_zien``.)"""
    if subgroep is None or not _ziet_sessie(user, subgroep.sessie):
        return False
    sessie = subgroep.sessie
    wie = selectors.kijker(user, sessie)
    if wie.deelnemer_id is None:
        return False
    if subgroep.rapporteur_id == wie.deelnemer_id or any(
        lid.pk == wie.deelnemer_id for lid in subgroep.leden.all()
    ):
        return True
    return sessie.gesloten and (wie.in_project or sessie.gepubliceerd)


rules.add_perm("validering.alle_sessies_zien", alle_sessies_zien)
rules.add_perm("validering.sessie_zien", alle_sessies_zien | sessie_zichtbaar)
rules.add_perm("validering.product_zien", alle_sessies_zien | product_zichtbaar)
rules.add_perm("validering.rapporteur_kiezen", rapporteur_kiezen)
rules.add_perm("validering.subgroep_scoren", rapporteur_van)
rules.add_perm("validering.scores_zien", alle_sessies_zien | scores_zichtbaar)

"""Who may do what in the werkgroep app: the rules every other app builds on.

A role is a group holding model permissions (``rollen.py``); a member counts only between
the start and end dates of their membership (``Lidmaatschap.objects.lopend``/``tijdens``,
read through the selectors' visibility querysets, so the rule is written once).
"""

import rules

from kern.rechten import modelrecht

from . import selectors

#: The coordinator and the secretariat read every group, meeting and participant.
alles_zien = modelrecht("werkgroep.view_vergadering")
aanwezigheid_zien = modelrecht("werkgroep.view_aanwezigheid")
aanwezigheid_opnemen = modelrecht("werkgroep.add_aanwezigheid") & modelrecht(
    "werkgroep.change_aanwezigheid"
)
deelnemers_beheren = modelrecht("werkgroep.change_deelnemer")
#: Planning meetings on the site (new, edit, copy): who adds and changes meetings (the
#: secretariat), agenda items included.
vergadering_plannen = (
    modelrecht("werkgroep.add_vergadering")
    & modelrecht("werkgroep.change_vergadering")
    & modelrecht("werkgroep.change_agendapunt")
)


@rules.predicate
def lid_van(user, werkgroep) -> bool:
    """A member of ``werkgroep`` today."""
    mijn = selectors.mijn_werkgroepen(user)
    return werkgroep is not None and mijn.filter(pk=werkgroep.pk).exists()


@rules.predicate
def lid_tijdens(user, vergadering) -> bool:
    """A member of the meeting's group on one of the meeting's dates (no query for a
    meeting that ``selectors.vergadering_voor`` read for this user)."""
    gelezen_voor = getattr(vergadering, "gelezen_voor", None)
    if user.pk is not None and gelezen_voor == user.pk:
        return True
    deelnemer = selectors.deelnemer_van(user)
    return (
        vergadering is not None
        and deelnemer is not None
        and selectors.vergaderingen_als_lid(deelnemer).filter(pk=vergadering.pk).exists()
    )


@rules.predicate
def ziet_deelnemer(user, deelnemer) -> bool:
    """A participant of a group the user sees (``selectors.zichtbare_deelnemers``: the list,
    the link to one row, search)."""
    zichtbaar = selectors.zichtbare_deelnemers(user)
    return deelnemer is not None and zichtbaar.filter(pk=deelnemer.pk).exists()


rules.add_perm("werkgroep.alles_zien", alles_zien)
rules.add_perm("werkgroep.werkgroep_zien", alles_zien | lid_van)
rules.add_perm("werkgroep.vergadering_zien", alles_zien | lid_tijdens)
rules.add_perm("werkgroep.deelnemer_zien", ziet_deelnemer)
rules.add_perm("werkgroep.aanwezigheid_zien", aanwezigheid_zien)
rules.add_perm("werkgroep.aanwezigheid_opnemen", aanwezigheid_opnemen)
rules.add_perm("werkgroep.deelnemers_beheren", deelnemers_beheren)
rules.add_perm("werkgroep.vergadering_plannen", vergadering_plannen)

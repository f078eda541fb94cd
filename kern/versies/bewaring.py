"""The one guarded save of a versioned record: lock, merge, claim the next version, write.

Of two saves made from the same stored version exactly one claims the next
(:func:`versie_ophogen`, one conditional ``UPDATE``), on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from .opstellers import Opsteller, opstellers
from .samenvoeging import Samenvoeging, Versiebeheer, samenvoegen, tussenversies


class VersieVerouderd(Exception):
    """Another save claimed the version this save started from."""

    def __init__(self, tussen: list[Opsteller] | None = None):
        super().__init__("verouderde versie")
        self.tussen = tussen or []


class Samenvoegconflict(Exception):
    """Both sides changed a field differently: nothing was saved."""

    def __init__(self, samenvoeging: Samenvoeging):
        super().__init__(", ".join(samenvoeging.conflicten))
        self.samenvoeging = samenvoeging


def vergrendelen(queryset: models.QuerySet, pk):
    """The stored row, locked until the transaction ends (PostgreSQL; SQLite locks the file)."""
    return queryset.select_for_update().get(pk=pk)


def versie_ophogen(obj: models.Model, *, van: int) -> None:
    """Claim version ``van + 1`` for ``obj``: the one guarded update every versioned save uses.

    The check and the bump are one statement, so of two saves made from the same
    version exactly one wins; the other raises :class:`VersieVerouderd`.
    """
    beheer = type(obj)._default_manager
    if not beheer.filter(pk=obj.pk, versie=van).update(versie=F("versie") + 1):
        raise VersieVerouderd
    obj.versie = van + 1


def basis_vastleggen(beheer: Versiebeheer, obj) -> None:
    """Make sure the history holds ``obj`` at its present version before a save replaces it.

    Records loaded from a fixture have no history; without this, a save made from
    their first version could not tell who changed what.
    """
    if obj.history.filter(versie=obj.versie).exists():
        return
    # Who saved it is unknown unless the record says; never the person saving now.
    obj._history_user = getattr(obj, "gewijzigd_door", None)
    try:
        type(obj).history.bulk_history_create(
            [obj],
            update=True,
            default_date=getattr(obj, "gewijzigd_op", None) or timezone.now(),
            default_change_reason=_("stand van vóór de eerste bewaring met historiek"),
            custom_historical_attrs=beheer.momentopname(obj),
        )
    finally:
        del obj._history_user


def bewaren(
    beheer: Versiebeheer,
    pk,
    *,
    gelezen_versie: int | None,
    door,
    mijn: Mapping[str, str] | None = None,
    overige: Mapping | None = None,
    voorwaarde: Callable[[models.Model], None] | None = None,
    alleen_ongewijzigd: bool = False,
) -> tuple[models.Model, Samenvoeging]:
    """The one guarded versioned save: lock, check, merge, claim the next version, write.

    ``mijn`` are the merging fields as sent from a form opened at ``gelezen_versie``
    (``None``: an action on the version stored now); ``overige`` other fields, taken
    as sent. ``voorwaarde(huidig)`` may refuse the save (``ValidationError``) before
    anything is claimed. With ``alleen_ongewijzigd`` (a step that cannot be undone,
    such as submitting) a save made from an older version raises
    :class:`VersieVerouderd` naming who saved since, rather than merging. Raises
    :class:`Samenvoegconflict` (nothing saved) when both sides changed a field.
    Returns the saved record and the merge. One transaction (a ``with`` rather than a
    decorator, so ``make mutate`` can change its lines).
    """
    with transaction.atomic():
        huidig = vergrendelen(beheer.model._default_manager.all(), pk)
        if voorwaarde is not None:
            voorwaarde(huidig)
        if gelezen_versie is None:
            gelezen_versie = huidig.versie
        if alleen_ongewijzigd and gelezen_versie != huidig.versie:
            raise VersieVerouderd(opstellers(tussenversies(huidig, gelezen_versie)[1], door))
        samenvoeging = samenvoegen(
            beheer, huidig, gelezen_versie=gelezen_versie, mijn=mijn or {}, door=door
        )
        if samenvoeging.conflicten:
            raise Samenvoegconflict(samenvoeging)
        basis_vastleggen(beheer, huidig)
        versie_ophogen(huidig, van=huidig.versie)
        huidig._history_user = door  # the history names who saved, in a request or not
        beheer.schrijven(huidig, samenvoeging.inhoud, overige or {}, door)
        return huidig, samenvoeging

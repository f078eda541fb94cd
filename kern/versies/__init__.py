"""The one guarded save of a versioned record, and the three-way merge that precedes it.

A versioned record (a project fiche, a subgroup's scores) carries ``versie``, which goes up
by one with every save. A form carries the version it was opened at (``gelezen_versie``).
Every versioned save, on the site, in the admin and in an admin action, goes through
:func:`bewaren`: it locks the stored row (:func:`vergrendelen`), merges against it
(:func:`samenvoegen`), claims the next version through :func:`versie_ophogen` (the one
conditional ``UPDATE … SET versie = versie + 1 WHERE versie = <read>``) and writes through
the model's :class:`Versiebeheer`. A site view hands its form to
:func:`formulier_bewaren`, which turns a conflict into the form again with both sides, and
a success into messages.

One concern per module: ``samenvoeging`` (the merge engine and each model's part in it),
``bewaring`` (the guarded save), ``formulier`` (a form's save and its messages),
``verschil`` (both texts marked), ``opstellers`` (who saved in between, named as the
domain app says through ``settings.VERSIES_OPSTELLER``). Apps import from here.
"""

from .bewaring import (
    Samenvoegconflict,
    VersieVerouderd,
    basis_vastleggen,
    bewaren,
    vergrendelen,
    versie_ophogen,
)
from .formulier import (
    Uitkomst,
    conflicten_melden,
    conflicten_tonen,
    conflictmelding,
    formulier_bewaren,
    labels_van,
    samenvoegmelding,
)
from .opstellers import Naamgeving, Opsteller, met_opstellers, opsteller, opstellers
from .samenvoeging import (
    Beslissing,
    Conflict,
    Samenvoeging,
    Soort,
    Veldversies,
    Versiebeheer,
    beslissen,
    conflictlijnen_weigeren,
    heeft_conflictlijnen,
    samenvoegen,
    tussenversies,
)
from .verschil import REGELBUDGET, WOORDBUDGET, genormaliseerd, verschil_html

__all__ = [
    "REGELBUDGET",
    "WOORDBUDGET",
    "Beslissing",
    "Conflict",
    "Naamgeving",
    "Opsteller",
    "Samenvoegconflict",
    "Samenvoeging",
    "Soort",
    "Uitkomst",
    "Veldversies",
    "VersieVerouderd",
    "Versiebeheer",
    "basis_vastleggen",
    "beslissen",
    "bewaren",
    "conflicten_melden",
    "conflicten_tonen",
    "conflictlijnen_weigeren",
    "conflictmelding",
    "formulier_bewaren",
    "genormaliseerd",
    "heeft_conflictlijnen",
    "labels_van",
    "met_opstellers",
    "opsteller",
    "opstellers",
    "samenvoegen",
    "samenvoegmelding",
    "tussenversies",
    "vergrendelen",
    "verschil_html",
    "versie_ophogen",
]

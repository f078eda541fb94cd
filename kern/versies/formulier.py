"""A versioned form saved on the site, and what the person is told: merged, or a conflict
with both sides in the form."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.translation import gettext as _

from .bewaring import Samenvoegconflict
from .opstellers import Opsteller
from .samenvoeging import Samenvoeging, Soort


@dataclass
class Uitkomst:
    """What became of a form saved through :func:`formulier_bewaren`."""

    form: object  # the form to show again (on a conflict: both sides, the version merged with)
    bewaard: bool
    conflicten: list[dict] = field(default_factory=list)  # per field, as ``conflicten_tonen``


def formulier_bewaren(
    request,
    form,
    *,
    bewaren: Callable[[object], tuple[models.Model, Samenvoeging]],
    opnieuw: Callable[[dict], object],
    gelukt: str | Callable[[models.Model], str],
) -> Uitkomst:
    """Save a bound versioned ``form`` on the site and tell the person what happened.

    ``bewaren(form)`` calls the app's service (which saves through :func:`bewaren`);
    ``opnieuw(data)`` builds the same form from other data. Saved: ``gelukt`` and, when
    others saved in between, who gave which field. A conflict: nothing saved, and the
    form again, holding both sides and the version merged with, so that the next save
    keeps the other side's text unless this person drops it. A refusal
    (``ValidationError``): its message, and the form as sent. ``gelukt`` may be a
    function of the saved record, for a message that says what the save left.
    """
    if not form.is_valid():
        return Uitkomst(form, bewaard=False)
    try:
        obj, samenvoeging = bewaren(form)
    except Samenvoegconflict as fout:
        samenvoeging = fout.samenvoeging
        form = opnieuw({**request.POST.dict(), **samenvoeging.formulierdata()})
        form.is_valid()
        conflicten = conflicten_melden(samenvoeging, form)
        messages.error(request, conflictmelding(samenvoeging, labels_van(form)))
        return Uitkomst(form, bewaard=False, conflicten=conflicten)
    except ValidationError as fout:
        for veld, fouten in getattr(fout, "error_dict", {}).items():
            if veld in form.fields:
                form.add_error(veld, fouten)
        messages.error(request, " ".join(fout.messages))
        return Uitkomst(form, bewaard=False)
    messages.success(request, gelukt(obj) if callable(gelukt) else gelukt)
    melding = samenvoegmelding(samenvoeging, labels_van(form))
    if melding:
        messages.info(request, melding)
    return Uitkomst(form, bewaard=True)


def _namen(velden: Iterable[str], labels: Mapping[str, str]) -> str:
    return ", ".join(str(labels.get(v, v)) for v in velden)


def _wie(opstellers: Iterable[Opsteller | None]) -> str:
    gezien = list(dict.fromkeys(str(o) for o in opstellers if o is not None))
    return "; ".join(gezien) or _("iemand anders")


def samenvoegmelding(samenvoeging: Samenvoeging, labels: Mapping[str, str]) -> str | None:
    """ "Overgenomen van Jan Peeters, 14:02: doelgroep. Van u: aanpak." or None."""
    if not samenvoeging.samengevoegd:
        return None
    zinnen = [
        _("Samengevoegd met wat intussen opgeslagen werd door %(wie)s.")
        % {"wie": _wie(samenvoeging.tussen)}
    ]
    per_opsteller: dict[str, list[str]] = {}
    for veld, opsteller in samenvoeging.van_anderen.items():
        per_opsteller.setdefault(str(opsteller) if opsteller else _("iemand anders"), []).append(
            veld
        )
    for wie, velden in per_opsteller.items():
        zinnen.append(
            _("Overgenomen van %(wie)s: %(velden)s.")
            % {"wie": wie, "velden": _namen(velden, labels)}
        )
    if samenvoeging.van_mij:
        zinnen.append(_("Van u: %(velden)s.") % {"velden": _namen(samenvoeging.van_mij, labels)})
    return " ".join(zinnen)


def conflictmelding(samenvoeging: Samenvoeging, labels: Mapping[str, str]) -> str:
    """Why nothing was saved, who saved in between and when, and what to do."""
    return _(
        "Intussen opgeslagen door %(wie)s. Niets is bewaard: bij %(velden)s botsen uw "
        "wijziging en de opgeslagen versie. Beide staan nu in het formulier; hou wat u wilt "
        "bewaren en sla opnieuw op."
    ) % {
        "wie": _wie(samenvoeging.tussen or [c.wie for c in samenvoeging.conflicten.values()]),
        "velden": _namen(samenvoeging.conflicten, labels),
    }


def conflicten_tonen(samenvoeging: Samenvoeging, formulier) -> list[dict]:
    """Per conflicting field of ``formulier``: its label, who, and both texts marked."""
    getoond = []
    labels = labels_van(formulier)
    for veld, conflict in samenvoeging.conflicten.items():
        formulierveld = formulier.fields.get(veld)
        keuzes = {str(k): str(v) for k, v in getattr(formulierveld, "choices", [])}
        mijn_keuze = keuzes.get(conflict.mijn, conflict.mijn) or "–"
        if conflict.soort == Soort.KEUZE:
            hun = format_html("{}", keuzes.get(conflict.hun, conflict.hun) or "–")
            mijn = format_html("{}", mijn_keuze)
        else:
            hun, mijn = conflict.verschil()
        getoond.append(
            {
                "veld": veld,
                "label": labels.get(veld, veld),
                "wie": str(conflict.wie) if conflict.wie else _("iemand anders"),
                "hun": hun,
                "mijn": mijn,
                "soort": conflict.soort.value,
                "mijn_keuze": mijn_keuze,
            }
        )
    return getoond


def conflicten_melden(samenvoeging: Samenvoeging, formulier, *, met_teksten: bool = False):
    """Mark each conflicting field of a bound ``formulier``; return the conflicts shown.

    ``met_teksten`` puts both marked texts in the field's error (the admin, which has
    no section of its own for them); otherwise the error says what the field holds.
    """
    getoond = conflicten_tonen(samenvoeging, formulier)
    for conflict in getoond:
        if met_teksten:
            fout = render_to_string("kern/_conflict.html", {"conflict": conflict})
        elif conflict["soort"] == Soort.KEUZE:
            fout = _("De opgeslagen keuze staat ingevuld; de uwe was %(mijn)s.") % {
                "mijn": conflict["mijn_keuze"]
            }
        elif conflict["soort"] == Soort.REGELS:
            fout = _("De regels van beide versies staan in het veld: wis wat weg mag.")
        else:
            fout = _(
                "Beide teksten staan in het veld, tussen lijnen met =====: hou wat u wilt bewaren."
            )
        formulier.add_error(conflict["veld"], fout)
        if conflict["soort"] != Soort.KEUZE:  # room for both texts
            widget = formulier.fields[conflict["veld"]].widget
            regels = samenvoeging.inhoud[conflict["veld"]].count("\n") + 2
            widget.attrs["rows"] = max(int(widget.attrs.get("rows", 2)), min(regels, 20))
    return getoond


def labels_van(formulier) -> dict[str, str]:
    """The fields' labels as they read within a sentence: "doelgroep".

    A form names fields whose own label is ambiguous in ``samenvoeglabels()``.
    """
    labels = {naam: str(veld.label or naam) for naam, veld in formulier.fields.items()}
    if hasattr(formulier, "samenvoeglabels"):
        labels.update(formulier.samenvoeglabels())
    return {naam: label[:1].lower() + label[1:] for naam, label in labels.items()}

"""Attendance in one screen: the meeting's checklist, pre-filled from the replies to the
invitation. It reads two apps (werkgroep's list, the invitations' replies), so it lives
here, above them; the save is werkgroep's (``services.aanwezigheid_opnemen``).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kern.rechten import vereist
from uitnodigingen import selectors as uitnodigingen_selectors
from werkgroep import selectors as werkgroep_selectors
from werkgroep import services as werkgroep_services
from werkgroep.forms import AanwezigheidForm, GastenFormSet
from werkgroep.models import Aanwezigheid


def uitnodiging(vergadering) -> tuple[dict[int, str], set[int]]:
    """Where the invitations plug into the checklist: the replies (participant id →
    "aanwezig", "verontschuldigd" or "misschien") and every invited participant, replied
    or not (two queries)."""
    antwoorden = uitnodigingen_selectors.antwoorden(vergadering)
    uitgenodigd = {
        u.deelnemer_id for u in uitnodigingen_selectors.uitgenodigd(vergadering) if u.deelnemer_id
    }
    return antwoorden, uitgenodigd | set(antwoorden)


def _samenvatting(aantallen) -> str:
    delen = [
        ngettext("%(n)d aanwezig", "%(n)d aanwezig", aantallen[Aanwezigheid.Status.AANWEZIG]),
        ngettext(
            "%(n)d verontschuldigd",
            "%(n)d verontschuldigd",
            aantallen[Aanwezigheid.Status.VERONTSCHULDIGD],
        ),
        ngettext("%(n)d afwezig", "%(n)d afwezig", aantallen[Aanwezigheid.Status.AFWEZIG]),
    ]
    waarden = [
        aantallen[Aanwezigheid.Status.AANWEZIG],
        aantallen[Aanwezigheid.Status.VERONTSCHULDIGD],
        aantallen[Aanwezigheid.Status.AFWEZIG],
    ]
    return ", ".join(deel % {"n": n} for deel, n in zip(delen, waarden, strict=True))


def aanwezigheid(request, pk: int):
    """The checklist of the group's members and the invited, plus guests, saved at once.

    The secretariat records; the coordinator reads it (no save); anyone else gets 404.
    """
    vereist(request, "werkgroep.aanwezigheid_zien")
    vergadering = get_object_or_404(
        werkgroep_selectors.zichtbare_vergaderingen(request.user), pk=pk
    )
    opnemen = request.user.has_perm("werkgroep.aanwezigheid_opnemen")
    if request.method == "POST" and not opnemen:
        raise PermissionDenied
    antwoorden, uitgenodigd = uitnodiging(vergadering)
    rijen = werkgroep_selectors.aanwezigheidsrijen(vergadering, uitgenodigd=uitgenodigd)
    keuzes = werkgroep_selectors.gasten_te_kiezen(vergadering, rijen) if opnemen else []
    gastopties = {"keuzes": keuzes, "op_lijst": {r.deelnemer.pk for r in rijen}}

    def formulieren(data=None):
        return (
            AanwezigheidForm(data, vergadering=vergadering, rijen=rijen, antwoorden=antwoorden),
            GastenFormSet(data, prefix="gast", form_kwargs=gastopties),
        )

    form, gasten = formulieren(request.POST if request.method == "POST" else None)
    wijzigingen, fout = [], None
    if request.method == "POST" and form.is_valid() and gasten.is_valid():
        try:
            aantallen = werkgroep_services.aanwezigheid_opnemen(
                vergadering=vergadering,
                statussen=form.statussen(),
                gelezen=form.cleaned_data["gelezen"],
                gasten=[g for g in (f.gast() for f in gasten) if g is not None],
                gehouden=form.cleaned_data.get("gehouden", False),
            )
        except werkgroep_services.AanwezigheidGewijzigd as gewijzigd:
            # Show what changed, against the list as it is now; nothing was saved.
            wijzigingen = gewijzigd.wijzigingen
            rijen = werkgroep_selectors.aanwezigheidsrijen(vergadering, uitgenodigd=uitgenodigd)
            gastopties["op_lijst"] = {r.deelnemer.pk for r in rijen}
            data, eigen = AanwezigheidForm.opnieuw(request.POST, wijzigingen, gewijzigd.huidig)
            form, gasten = formulieren(data)
            form.eigen_keuzes = eigen
        except ValidationError as onjuist:
            fout = " ".join(onjuist.messages)
        else:
            messages.success(
                request, _("Aanwezigheid opgeslagen: %(s)s.") % {"s": _samenvatting(aantallen)}
            )
            return redirect(reverse("vergadering_detail", args=[vergadering.pk]) + "#aanwezigheid")
    return render(
        request,
        "werkgroep/aanwezigheid.html",
        {
            "vergadering": vergadering,
            "form": form,
            "gasten": gasten,
            "opnemen": opnemen,
            "wijzigingen": wijzigingen,
            "fout": fout,
            "organisaties": werkgroep_selectors.organisaties() if opnemen else [],
        },
    )

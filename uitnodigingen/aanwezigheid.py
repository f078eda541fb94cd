"""Attendance in one screen and on paper: the meeting's checklist, pre-filled from the
replies to the invitation, and the list to sign. Both read werkgroep's list and the
invitations' replies, composed once (:func:`aanwezigheidsrijen`); this app may import
werkgroep, so they live here. The save is werkgroep's (``services.aanwezigheid_opnemen``).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kern import downloads
from kern.pdf import render_pdf
from kern.rechten import vereist
from werkgroep import selectors as werkgroep_selectors
from werkgroep import services as werkgroep_services
from werkgroep.forms import AanwezigheidForm, GastenFormSet
from werkgroep.models import Aanwezigheid

from . import selectors


def uitnodiging(vergadering) -> tuple[dict[int, str], set[int]]:
    """Where the invitations plug into the checklist: the replies (participant id →
    "aanwezig", "verontschuldigd" or "misschien") and every invited participant, replied
    or not (two queries)."""
    antwoorden = selectors.antwoorden(vergadering)
    uitgenodigd = {u.deelnemer_id for u in selectors.uitgenodigd(vergadering) if u.deelnemer_id}
    return antwoorden, uitgenodigd | set(antwoorden)


def aanwezigheidsrijen(vergadering) -> tuple[list, dict[int, str], set[int]]:
    """The meeting's attendance rows (members, the invited, guests recorded) with the
    replies and the invited they were composed from: the one composition the screen and
    the list to sign share."""
    antwoorden, uitgenodigd = uitnodiging(vergadering)
    rijen = werkgroep_selectors.aanwezigheidsrijen(vergadering, uitgenodigd=uitgenodigd)
    return rijen, antwoorden, uitgenodigd


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
    rijen, antwoorden, uitgenodigd = aanwezigheidsrijen(vergadering)
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
            return redirect(
                reverse("werkgroep:vergadering_detail", args=[vergadering.pk]) + "#aanwezigheid"
            )
    return render(
        request,
        "uitnodigingen/aanwezigheid.html",
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


#: Empty rows at the foot of the attendance list, for guests to write in.
LEGE_RIJEN = 8


def aanwezigheidslijst_pdf(request, pk: int):
    """The attendance list to sign: the meeting, its agenda, the people expected (members,
    the invited, guests recorded) with a signature column, and empty rows for guests.
    For whoever reads attendance (secretariat, coordinator); anyone else gets 404."""
    vereist(request, "werkgroep.aanwezigheid_zien")
    vergadering = werkgroep_selectors.vergadering_voor(request.user, pk)
    rijen, antwoorden, _uitgenodigd = aanwezigheidsrijen(vergadering)
    verontschuldigd = Aanwezigheid.Status.VERONTSCHULDIGD
    pdf = render_pdf(
        "uitnodigingen/aanwezigheidslijst_pdf.html",
        {
            "vergadering": vergadering,
            "rijen": [
                (rij, verontschuldigd in (rij.status, antwoorden.get(rij.deelnemer.pk)))
                for rij in rijen
            ],
            "lege_rijen": range(LEGE_RIJEN),
        },
    )
    naam = (vergadering.kenmerk or str(vergadering.pk)).replace("/", "_")
    return downloads.pdf(pdf, f"aanwezigheidslijst-{naam}.pdf")

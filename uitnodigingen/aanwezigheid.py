"""Attendance in one screen and on paper: the meeting's checklist, pre-filled from the
replies to the invitation, and the list to sign. Both read werkgroep's list and the
invitations' replies, composed once (:func:`aanwezigheidsrijen`); this app may import
werkgroep, so they live here. The save is werkgroep's (``services.aanwezigheid_opnemen``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from kern import downloads
from kern.inzage import Melding
from kern.pdf import render_pdf
from kern.rechten import vereist
from werkgroep import selectors as werkgroep_selectors
from werkgroep import services as werkgroep_services
from werkgroep.forms import AanwezigheidForm
from werkgroep.models import Aanwezigheid

from . import selectors, services
from .forms import GastenAanwezigheidForm, GastenMetAdresFormSet


@dataclass
class Uitgenodigden:
    """Where the invitations plug into the checklist: the members' replies (participant
    id → "aanwezig", "verontschuldigd" or "misschien") and remarks, every invited
    participant (replied or not), and the invited guests (invitations without a
    participant, with their reply, remark and recorded attendance)."""

    antwoorden: dict[int, str]
    deelnemers: set[int]
    opmerkingen: dict[int, str]
    gasten: list


def uitnodiging(vergadering) -> Uitgenodigden:
    """The invitations of the meeting as the checklist uses them (two queries); the
    guests are the invited ones and those who came uninvited with an address."""
    antwoorden = selectors.antwoorden(vergadering)
    alle = selectors.op_het_scherm(vergadering)
    return Uitgenodigden(
        antwoorden=antwoorden,
        deelnemers={u.deelnemer_id for u in alle if u.deelnemer_id} | set(antwoorden),
        opmerkingen={u.deelnemer_id: u.opmerking for u in alle if u.deelnemer_id and u.opmerking},
        gasten=[u for u in alle if u.gast],
    )


def aanwezigheidsrijen(vergadering) -> tuple[list, Uitgenodigden]:
    """The meeting's attendance rows (members, the invited, guests recorded) with the
    invitations they were composed from: the one composition the screen and the list to
    sign share (the invited guests come after the rows, from ``Uitgenodigden.gasten``)."""
    uitgenodigden = uitnodiging(vergadering)
    rijen = werkgroep_selectors.aanwezigheidsrijen(
        vergadering, uitgenodigd=uitgenodigden.deelnemers
    )
    return rijen, uitgenodigden


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
    """The checklist of the group's members, the invited and the invited guests, plus
    guests, saved at once.

    The secretariat records; the coordinator reads it (no save); anyone else gets 404.
    """
    vereist(request, "werkgroep.aanwezigheid_zien")
    vergadering = get_object_or_404(
        werkgroep_selectors.zichtbare_vergaderingen(request.user), pk=pk
    )
    opnemen = request.user.has_perm("werkgroep.aanwezigheid_opnemen")
    if request.method == "POST" and not opnemen:
        raise PermissionDenied
    # Before the meeting's day: no save button, and a save is refused (by the service).
    nog_niet = selectors.waarom_geen_aanwezigheid(vergadering) if opnemen else ""
    rijen, uitgenodigden = aanwezigheidsrijen(vergadering)
    antwoorden = uitgenodigden.antwoorden
    keuzes = werkgroep_selectors.gasten_te_kiezen(vergadering, rijen) if opnemen else []
    gastopties = {"keuzes": keuzes, "op_lijst": {r.deelnemer.pk for r in rijen}}

    def formulieren(data=None):
        return (
            AanwezigheidForm(data, vergadering=vergadering, rijen=rijen, antwoorden=antwoorden),
            GastenMetAdresFormSet(data, prefix="gast", form_kwargs=gastopties),
        )

    data = request.POST if request.method == "POST" else None
    form, gasten = formulieren(data)
    uitgenodigde_gasten = GastenAanwezigheidForm(data, gasten=uitgenodigden.gasten)
    wijzigingen, gewijzigde_gasten, fout = [], [], None
    if (
        request.method == "POST"
        and form.is_valid()
        and gasten.is_valid()
        and uitgenodigde_gasten.is_valid()
    ):
        try:
            aantallen = services.aanwezigheid_opnemen(
                vergadering=vergadering,
                statussen=form.statussen(),
                gelezen=form.cleaned_data["gelezen"],
                gasten_statussen=uitgenodigde_gasten.statussen(),
                gasten_gelezen=uitgenodigde_gasten.cleaned_data["gasten_gelezen"],
                gasten=[g for g in (f.gast() for f in gasten) if g is not None],
                gasten_met_adres=[g for g in (f.gast_met_adres() for f in gasten) if g],
                gehouden=form.cleaned_data.get("gehouden", False),
            )
        except werkgroep_services.AanwezigheidGewijzigd as gewijzigd:
            # Show what changed, against the list as it is now; nothing was saved.
            wijzigingen = gewijzigd.wijzigingen
            rijen = werkgroep_selectors.aanwezigheidsrijen(
                vergadering, uitgenodigd=uitgenodigden.deelnemers
            )
            gastopties["op_lijst"] = {r.deelnemer.pk for r in rijen}
            data, eigen = AanwezigheidForm.opnieuw(request.POST, wijzigingen, gewijzigd.huidig)
            form, gasten = formulieren(data)
            form.eigen_keuzes = eigen
        except services.GastenGewijzigd as gewijzigd:
            # The invited guests as they are stored now; the members as chosen.
            gewijzigde_gasten = gewijzigd.namen
            uitgenodigde_gasten = GastenAanwezigheidForm(gasten=uitnodiging(vergadering).gasten)
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
            "kaarten": [
                (rij, antwoord, veld, eigen, uitgenodigden.opmerkingen.get(rij.deelnemer.pk, ""))
                for rij, antwoord, veld, eigen in form.lijst()
            ],
            "gasten": gasten,
            "uitgenodigde_gasten": uitgenodigde_gasten,
            "gewijzigde_gasten": gewijzigde_gasten,
            "opnemen": opnemen,
            "nog_niet": nog_niet,
            "wijzigingen": wijzigingen,
            "fout": fout,
            "organisaties": werkgroep_selectors.organisaties() if opnemen else [],
        },
    )


#: Empty rows at the foot of the attendance list, for guests to write in.
LEGE_RIJEN = 8


def aanwezigheidslijst_pdf(request, pk: int):
    """The attendance list to sign: the meeting, its agenda, the people expected (members,
    the invited, guests recorded, then the invited guests by name or else address) with a
    signature column, and empty rows for guests. For whoever reads attendance
    (secretariat, coordinator); anyone else gets 404."""
    vereist(request, "werkgroep.aanwezigheid_zien")
    vergadering = werkgroep_selectors.vergadering_voor(request.user, pk)
    rijen, uitgenodigden = aanwezigheidsrijen(vergadering)
    verontschuldigd = Aanwezigheid.Status.VERONTSCHULDIGD
    lijst = [
        (
            rij.deelnemer.naam,
            rij.organisatie,
            verontschuldigd in (rij.status, uitgenodigden.antwoorden.get(rij.deelnemer.pk)),
        )
        for rij in rijen
    ] + [
        (gast.weergavenaam, "", verontschuldigd in (gast.aanwezigheid, gast.antwoord))
        for gast in uitgenodigden.gasten
    ]
    pdf = render_pdf(
        "uitnodigingen/aanwezigheidslijst_pdf.html",
        {"vergadering": vergadering, "rijen": lijst, "lege_rijen": range(LEGE_RIJEN)},
    )
    naam = (vergadering.kenmerk or str(vergadering.pk)).replace("/", "_")
    inzage = Melding(
        request,
        gettext_lazy("Aanwezigheidslijst vergadering %(datum)s"),
        {"datum": vergadering.datum or vergadering.pk},
        personen=len(lijst),
    )
    return downloads.pdf(pdf, f"aanwezigheidslijst-{naam}.pdf", inzage=inzage)

"""Validation pages: the session, online scoring, a product's sessions, exports, round table."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods

from kern import downloads, versies
from kern.inzage import Melding
from kern.pdf import render_pdf
from kern.rechten import vereist
from kern.spreadsheets import BelgischeCSV, VeiligeXLSX
from werkgroep import selectors as werkgroep_selectors
from werkgroep.models import Werkgroep

from . import exports, selectors, services
from .forms import RapporteurForm, ScoreForm, SessieFilter
from .models import Scorestand


def sessies(request):
    """Every validation session the user may see, with filters; the way in to a session."""
    jaren = selectors.sessiejaren(request.user)
    gevraagd = request.GET.get("jaar", "")
    if gevraagd.isdigit() and len(gevraagd) == 4:
        # A year the group's page links to may have no session: kept, so the list says so
        # rather than dropping the filter and showing every year.
        jaren = sorted({*jaren, int(gevraagd)})
    filter_ = SessieFilter(
        request.GET or None,
        werkgroepen=werkgroep_selectors.zichtbare_werkgroepen(request.user),
        jaren=jaren,
    )
    criteria = filter_.cleaned_data if filter_.is_valid() else {}
    return render(
        request,
        "validering/sessies.html",
        {
            "filter": filter_,
            "sessies": selectors.sessielijst(
                request.user,
                werkgroep=criteria.get("werkgroep") or "",
                jaar=criteria.get("jaar"),
                status=criteria.get("status") or "",
                zoek=(criteria.get("zoek") or "").strip(),
            ),
        },
    )


@require_http_methods(["GET", "POST"])
def sessie_detail(request, pk: int):
    """The session: its result, its subgroups and how far their scores are; here the
    secretariat names each subgroup's rapporteur (POST), nobody else (403)."""
    sessie = selectors.sessie_voor(request.user, pk)
    mag_kiezen = request.user.has_perm("validering.rapporteur_kiezen")
    if request.method == "POST" and not mag_kiezen:
        raise PermissionDenied
    kandidaten = selectors.rapporteurkandidaten(sessie) if mag_kiezen else []
    if request.method == "POST":
        form = RapporteurForm(
            request.POST, subgroepen=list(sessie.subgroepen.all()), kandidaten=kandidaten
        )
        if form.is_valid():
            subgroep, rapporteur = form.gekozen()
            try:
                services.rapporteur_toewijzen(
                    subgroep=subgroep, rapporteur=rapporteur, door=request.user
                )
            except ValidationError as fout:
                messages.error(request, " ".join(fout.messages))
            else:
                messages.success(
                    request,
                    _("Rapporteur van de subgroep %(soort)s: %(wie)s.")
                    % {"soort": subgroep.soort, "wie": rapporteur or _("nog niemand")},
                )
        else:
            messages.error(request, " ".join(f for fouten in form.errors.values() for f in fouten))
        return redirect("validering:validering_sessie", pk=sessie.pk)
    return render(
        request,
        "validering/sessie.html",
        {
            **selectors.sessie_overzicht(request.user, sessie),
            "rapporteurkandidaten": kandidaten,
        },
    )


def _na_het_scoren(subgroep) -> str:
    """What a saved scoring form left: complete, or a draft and what it still lacks."""
    stand = selectors.scorestand_van(subgroep)
    aantallen = {"gescoord": stand.aantal_gescoord, "totaal": stand.aantal_criteria}
    if stand.scorestand is Scorestand.VOLLEDIG:
        return (
            ngettext(
                "De scores zijn opgeslagen. Ze zijn volledig: %(gescoord)s van %(totaal)s "
                "criterium gescoord.",
                "De scores zijn opgeslagen. Ze zijn volledig: %(gescoord)s van %(totaal)s "
                "criteria gescoord.",
                stand.aantal_criteria,
            )
            % aantallen
        )
    return " ".join(
        [
            ngettext(
                "Concept: %(gescoord)s van %(totaal)s criterium gescoord.",
                "Concept: %(gescoord)s van %(totaal)s criteria gescoord.",
                stand.aantal_criteria,
            )
            % aantallen,
            _("Nog te scoren: %(criteria)s.") % {"criteria": ", ".join(stand.ontbrekend)},
            _("Een concept telt niet mee in het geconsolideerd resultaat."),
        ]
    )


@require_http_methods(["GET", "POST"])
def subgroep_scoren(request, pk: int):
    """The rapporteur fills in the subgroup's scores while the session is open."""
    subgroep = selectors.subgroep_om_te_scoren(request.user, pk)
    criteria = list(subgroep.sessie.methodeversie.criteria.all())
    open_ = not subgroep.sessie.gesloten
    conflicten = []
    if request.method == "POST":
        if not open_:
            raise PermissionDenied
        uitkomst = versies.formulier_bewaren(
            request,
            ScoreForm(request.POST, subgroep=subgroep, criteria=criteria),
            bewaren=lambda form: services.subgroep_scoren(
                subgroep=subgroep,
                gelezen_versie=form.cleaned_data["gelezen_versie"],
                inhoud=form.inhoud(),
                door=request.user,
            ),
            opnieuw=lambda data: ScoreForm(data, subgroep=subgroep, criteria=criteria),
            gelukt=_na_het_scoren,
        )
        if uitkomst.bewaard:
            return redirect("validering:validering_sessie", pk=subgroep.sessie_id)
        form, conflicten = uitkomst.form, uitkomst.conflicten
    else:
        form = ScoreForm(subgroep=subgroep, criteria=criteria, alleen_lezen=not open_)
    return render(
        request,
        "validering/scoren.html",
        {"subgroep": subgroep, "form": form, "open": open_, "conflicten": conflicten},
    )


def product_detail(request, project_slug: str, product_slug: str):
    product, sessies = selectors.product_met_sessies(request.user, project_slug, product_slug)
    return render(request, "validering/product.html", {"product": product, "sessies": sessies})


def scores_export(request, slug: str, jaar: int, formaat: str):
    """All scores and remarks of a group and year, for a spreadsheet."""
    vereist(request, "validering.alle_sessies_zien")
    werkgroep = get_object_or_404(Werkgroep, slug=slug)
    dataset = exports.scores_dataset(selectors.scores_van_werkgroep(werkgroep, jaar), jaar)
    formaten = {"csv": BelgischeCSV, "xlsx": VeiligeXLSX}
    if formaat not in formaten:
        raise Http404
    inzage = Melding(
        request,
        gettext_lazy("Scores en opmerkingen %(jaar)s van %(slug)s (%(formaat)s)"),
        {"jaar": jaar, "slug": slug, "formaat": formaat.upper()},
    )  # the rapporteurs and their remarks
    naam = f"scores-{slug}-{jaar}.{formaat}"
    return downloads.spreadsheet(formaten[formaat](), dataset, naam, inzage=inzage)


def rondetafel(request, slug: str, jaar: int):
    """Points marked as input for the round table or as candidate policy recommendations."""
    vereist(request, "validering.alle_sessies_zien")
    werkgroep = get_object_or_404(Werkgroep, slug=slug)
    return render(
        request,
        "validering/rondetafel.html",
        {
            "werkgroep": werkgroep,
            "jaar": jaar,
            "punten": list(selectors.rondetafel_punten(werkgroep, jaar)),
        },
    )


def sessie_pdf(request, pk: int):
    """The validation report: what the session page shows this user, as PDF."""
    sessie = selectors.sessie_voor(request.user, pk)
    pdf = render_pdf("validering/sessie_pdf.html", selectors.sessie_overzicht(request.user, sessie))
    inzage = Melding(
        request,
        gettext_lazy("Verslag van validatiesessie %(sessie)s (PDF)"),
        {"sessie": sessie.pk},
    )  # the subgroups' members and rapporteurs
    return downloads.pdf(pdf, f"validering-{sessie.pk}.pdf", inzage=inzage)


def vergadering_sectie(request, vergadering) -> dict:
    """The meeting page's section (werkgroep.secties): the sessions held there."""
    return {"sessies": selectors.sessies_op(request.user, vergadering)}

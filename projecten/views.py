"""Project pages and the online project fiche."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from kern import downloads, versies
from kern.inzage import Melding
from kern.pdf import render_pdf
from werkgroep import selectors as werkgroep_selectors

from . import selectors, services
from .forms import FicheBeoordelenForm, FicheIndienenForm, ProjectficheForm, VersiesKiezenForm
from .models import Projectfiche


def projecten(request):
    return render(
        request,
        "projecten/projecten.html",
        {"projecten": list(selectors.zichtbare_projecten(request.user))},
    )


def _gekozen_werkgroep(request, project):
    werkgroepen = selectors.fiche_werkgroepen(request.user, project)
    gevraagd = request.GET.get("werkgroep")
    if gevraagd:
        gekozen = [w for w in werkgroepen if w.slug == gevraagd]
        return (gekozen[0] if gekozen else None), werkgroepen
    return (werkgroepen[0] if len(werkgroepen) == 1 else None), werkgroepen


def _fiche_adres(name, project, werkgroep) -> str:
    return f"{reverse(name, args=[project.slug])}?werkgroep={werkgroep.slug}"


@require_http_methods(["GET", "POST"])
def fiche(request, slug):
    """GET shows the fiche, POST saves it (members of the project only) or reviews it
    (the secretariat, a submitted fiche: the review form's ``besluit``).

    "Indienen" saves the text as a concept first, then asks for confirmation.
    """
    project = selectors.project_met_details(slug)
    toegang = selectors.fiche_toegang(request.user, project)
    werkgroep, werkgroepen = _gekozen_werkgroep(request, project)
    if werkgroep is None:
        if request.method == "POST" or not werkgroepen:
            raise PermissionDenied
        return render(
            request, "projecten/fiche_kies.html", {"project": project, "werkgroepen": werkgroepen}
        )
    bestaand = selectors.fiche_voor(project, werkgroep)
    fiche = bestaand or Projectfiche(project=project, werkgroep=werkgroep)
    mag_bewerken = toegang.bewerken and fiche.bewerkbaar_door_lid
    beoordelaar = bestaand is not None and request.user.has_perm("projecten.fiches_beoordelen")
    context = {"project": project, "werkgroep": werkgroep, "fiche": fiche, "conflicten": []}
    beoordeling = None

    if request.method == "POST" and "besluit" in request.POST:
        if not beoordelaar:
            raise PermissionDenied
        beoordeling = _beoordelen(request, fiche)
        if beoordeling is None:
            return redirect(_fiche_adres("projecten:fiche", project, werkgroep))
        form = ProjectficheForm(instance=fiche, alleen_lezen=not mag_bewerken)
    elif request.method == "POST":
        if not mag_bewerken:
            raise PermissionDenied
        form = _fiche_bewaren(request, fiche, context)
        if not isinstance(form, ProjectficheForm):
            return form  # saved: on to the fiche or its confirmation
    else:
        form = ProjectficheForm(instance=fiche, alleen_lezen=not mag_bewerken)
    if beoordeling is None and beoordelaar and fiche.status == Projectfiche.Status.INGEDIEND:
        beoordeling = FicheBeoordelenForm(initial={"gelezen_versie": fiche.versie})
    context.update(form=form, mag_bewerken=mag_bewerken, toegang=toegang, beoordeling=beoordeling)
    return render(request, "projecten/fiche.html", context)


def _fiche_bewaren(request, fiche: Projectfiche, context: dict):
    """Save a member's text (``services.fiche_opslaan``, merged with a save in between):
    the redirect when saved, else the form again (with the conflicts in ``context``)."""
    project, werkgroep = fiche.project, fiche.werkgroep
    indienen = "indienen" in request.POST
    uitkomst = versies.formulier_bewaren(
        request,
        ProjectficheForm(request.POST, instance=fiche),
        bewaren=lambda form: services.fiche_opslaan(
            project=project,
            werkgroep=werkgroep,
            gelezen_versie=form.cleaned_data["gelezen_versie"],
            inhoud={veld: form.cleaned_data[veld] for veld in Projectfiche.INHOUD},
            door=request.user,
        ),
        opnieuw=lambda data: ProjectficheForm(data, instance=fiche),
        gelukt=_("Uw tekst is bewaard als concept.") if indienen else _("De fiche is opgeslagen."),
    )
    if uitkomst.bewaard:
        naam = "projecten:fiche_indienen" if indienen else "projecten:fiche"
        return redirect(_fiche_adres(naam, project, werkgroep))
    context["conflicten"] = uitkomst.conflicten
    if uitkomst.conflicten:  # show who saved the stored version, and when
        context["fiche"] = selectors.fiche_voor(project, werkgroep) or fiche
    return uitkomst.form


def _beoordelen(request, fiche: Projectfiche) -> FicheBeoordelenForm | None:
    """Accept or return ``fiche`` as the review form says: ``None`` when done (or refused,
    with a message), the form again when it needs correcting (a return without comment)."""
    form = FicheBeoordelenForm(request.POST)
    if not form.is_valid():
        return form
    besluit = form.cleaned_data["besluit"]
    try:
        services.fiche_beoordelen(
            fiche=fiche,
            status=besluit,
            opmerking=form.cleaned_data["opmerking"],
            door=request.user,
            gelezen_versie=form.cleaned_data["gelezen_versie"],
            adres=request.build_absolute_uri(
                _fiche_adres("projecten:fiche", fiche.project, fiche.werkgroep)
            ),
        )
    except versies.VersieVerouderd as fout:
        messages.error(
            request,
            _(
                "Niet beoordeeld: de fiche werd intussen gewijzigd door %(wie)s. Bekijk ze "
                "opnieuw voor u ze aanvaardt of terugstuurt."
            )
            % {"wie": _wie(fout)},
        )
    except ValidationError as fout:
        if "opmerking_secretariaat" in getattr(fout, "error_dict", {}):
            form.add_error("opmerking", fout.message_dict["opmerking_secretariaat"])
            return form
        messages.error(request, " ".join(fout.messages))
    else:
        if besluit == Projectfiche.Status.AANVAARD:
            gelukt = _("De fiche is aanvaard.")
        else:
            gelukt = _("De fiche is teruggestuurd met uw opmerking.")
        messages.success(
            request, f"{gelukt} {_('De projectmedewerkers met een e-mailadres krijgen bericht.')}"
        )
    return None


def _wie(fout: versies.VersieVerouderd) -> str:
    return "; ".join(dict.fromkeys(str(o) for o in fout.tussen)) or "?"


@require_http_methods(["GET", "POST"])
def fiche_indienen(request, slug):
    """Ask a member to confirm submitting the fiche as saved; POST submits it."""
    project = selectors.project_met_details(slug)
    toegang = selectors.fiche_toegang(request.user, project)
    if not toegang.bewerken:
        raise PermissionDenied
    werkgroep, _werkgroepen = _gekozen_werkgroep(request, project)
    fiche = selectors.fiche_voor(project, werkgroep) if werkgroep else None
    if fiche is None:
        raise Http404
    terug = _fiche_adres("projecten:fiche", project, werkgroep)
    if not fiche.bewerkbaar_door_lid:
        messages.info(request, _("Deze fiche is al ingediend."))
        return redirect(terug)
    form = FicheIndienenForm(request.POST or None, initial={"gelezen_versie": fiche.versie})
    if request.method == "POST" and form.is_valid():
        try:
            services.fiche_indienen(
                project=project,
                werkgroep=werkgroep,
                gelezen_versie=form.cleaned_data["gelezen_versie"],
                door=request.user,
                adres=request.build_absolute_uri(terug),
            )
        except versies.VersieVerouderd as fout:
            messages.error(
                request,
                _(
                    "Niet ingediend: de fiche werd intussen gewijzigd door %(wie)s. Bekijk ze "
                    "en dien ze opnieuw in."
                )
                % {"wie": _wie(fout)},
            )
        except ValidationError as fout:
            messages.error(request, " ".join(fout.messages))
        else:
            messages.success(request, _("De fiche is ingediend bij het secretariaat."))
            # Say only what will happen: a mail goes out only to an address the account has.
            if adres := werkgroep_selectors.adres_van(request.user):
                uitleg = _(
                    "Zodra het secretariaat de fiche aanvaardt of terugstuurt, ziet u dat hier en "
                    "op uw startpagina, en krijgt u een mail op %(adres)s."
                ) % {"adres": adres}
            else:
                uitleg = _(
                    "Zodra het secretariaat de fiche aanvaardt of terugstuurt, ziet u dat hier en "
                    "op uw startpagina. Vul een e-mailadres in op uw profiel om ook een mail te "
                    "krijgen."
                )
            messages.info(request, uitleg)
        return redirect(terug)
    return render(
        request,
        "projecten/fiche_indienen.html",
        {
            "project": project,
            "werkgroep": werkgroep,
            "fiche": fiche,
            "form": form,
            "terug": terug,
            "secties": selectors.fiche_secties(fiche),
        },
    )


@require_GET
def fiche_versies(request, slug):
    """The fiche's kept versions, and two of them (``a`` and ``b``, history ids; by default
    the newest and the one before) side by side with their differences marked."""
    project = selectors.project_voor(slug)
    selectors.fiche_toegang(request.user, project)
    werkgroep, werkgroepen = _gekozen_werkgroep(request, project)
    if werkgroep is None and werkgroepen:
        return render(
            request, "projecten/fiche_kies.html", {"project": project, "werkgroepen": werkgroepen}
        )
    fiche = selectors.fiche_voor(project, werkgroep) if werkgroep else None
    if fiche is None:
        raise Http404
    lijst = selectors.fiche_versies(fiche)
    gekozen = {}
    if len(lijst) >= 2:
        gekozen = {"a": lijst[1].history_id, "b": lijst[0].history_id}
    form = VersiesKiezenForm(
        request.GET if {"a", "b"} & set(request.GET) else None, versies=lijst, initial=gekozen
    )
    if form.is_bound and form.is_valid():
        gekozen = {"a": form.cleaned_data["a"], "b": form.cleaned_data["b"]}
    per_id = {v.history_id: v for v in lijst}
    return render(
        request,
        "projecten/fiche_versies.html",
        {
            "project": project,
            "werkgroep": werkgroep,
            "fiche": fiche,
            "versies": lijst,
            "form": form,
            "a": per_id.get(gekozen.get("a")),
            "b": per_id.get(gekozen.get("b")),
            "secties": selectors.versies_naast_elkaar(fiche, gekozen["a"], gekozen["b"])
            if gekozen
            else [],
            "terug": _fiche_adres("projecten:fiche", project, werkgroep),
        },
    )


def fiche_pdf(request, slug):
    """The project fiche as PDF, as the fiche page shows it to this user."""
    context = selectors.fiche_document(request.user, slug, request.GET.get("werkgroep"))
    pdf = render_pdf("projecten/fiche_pdf.html", context)
    # The fiche names the project's contact person, with their address.
    inzage = Melding(request, gettext_lazy("Projectfiche van %(slug)s (PDF)"), {"slug": slug})
    return downloads.pdf(pdf, f"projectfiche-{slug}.pdf", inzage=inzage)


def vergadering_sectie(request, vergadering) -> dict:
    """The meeting page's section (werkgroep.secties): what was presented there."""
    return {"presentaties": selectors.presentaties_op(vergadering)}

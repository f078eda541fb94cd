"""Project pages and the online project fiche."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import selectors, services
from .forms import ProjectficheForm
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


@require_http_methods(["GET", "POST"])
def fiche(request, slug):
    """GET shows the fiche, POST saves it (members of the project only)."""
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
    mag_bewerken = toegang is selectors.Toegang.BEWERKEN and fiche.bewerkbaar_door_lid
    context = {"project": project, "werkgroep": werkgroep, "fiche": fiche, "huidig": None}

    if request.method == "POST":
        if not mag_bewerken:
            raise PermissionDenied
        form = ProjectficheForm(request.POST, instance=fiche)
        if form.is_valid():
            try:
                services.fiche_opslaan(
                    project=project,
                    werkgroep=werkgroep,
                    gelezen_versie=form.cleaned_data["gelezen_versie"],
                    inhoud={veld: form.cleaned_data[veld] for veld in Projectfiche.INHOUD},
                    door=request.user,
                    indienen="indienen" in request.POST,
                )
            except services.VerouderdeFiche as fout:
                # Keep this person's text in the form; show what is saved now beside it.
                context["huidig"] = fout.huidig
                context["verschillen"] = [
                    (form.fields[veld].label, getattr(fout.huidig, veld))
                    for veld in Projectfiche.INHOUD
                    if getattr(fout.huidig, veld) != form.cleaned_data[veld]
                ]
                form = ProjectficheForm(
                    {**request.POST.dict(), "gelezen_versie": fout.huidig.versie},
                    instance=fiche,
                )
                form.is_valid()
                messages.error(
                    request,
                    _(
                        "Iemand anders heeft deze fiche opgeslagen nadat u ze opende. Uw tekst "
                        "staat nog in het formulier; de opgeslagen versie staat eronder. Voeg "
                        "samen wat u wilt bewaren en sla opnieuw op."
                    ),
                )
            except ValidationError as fout:
                messages.error(request, " ".join(fout.messages))
            else:
                if "indienen" in request.POST:
                    messages.success(request, _("De fiche is ingediend bij het secretariaat."))
                else:
                    messages.success(request, _("De fiche is opgeslagen."))
                return redirect(
                    f"{reverse('fiche', args=[project.slug])}?werkgroep={werkgroep.slug}"
                )
    else:
        form = ProjectficheForm(instance=fiche, alleen_lezen=not mag_bewerken)
    context.update(form=form, mag_bewerken=mag_bewerken, toegang=toegang.value)
    return render(request, "projecten/fiche.html", context)

"""Ledger pages: the year's ledger for the coordinator, the check page for the secretariat."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from kern import downloads
from kern.inzage import Melding
from kern.rechten import vereist
from kern.spreadsheets import VeiligeXLSX
from werkgroep import selectors as werkgroep_selectors
from werkgroep.models import Werkgroep

from . import selectors, services
from .forms import KoppelForm, KostenpostenFormSet
from .grafiek import kosten_svg
from .models import Bedragplafond, Kostencategorie, Kostenpost
from .resources import grootboek_dataset


def grootboek(request, slug: str, jaar: int):
    vereist(request, "financien.kosten_lezen")
    werkgroep = get_object_or_404(Werkgroep.objects.select_related("thema"), slug=slug)
    boek = selectors.grootboek(werkgroep, jaar)
    return render(
        request,
        "financien/grootboek.html",
        {
            "werkgroep": werkgroep,
            "jaar": jaar,
            "grootboek": boek,
            "totalen": boek.totalen,
            "grafiek": kosten_svg(boek),
            "jaren": selectors.jaren_met_kosten(werkgroep),
        },
    )


def grootboek_xlsx(request, slug: str, jaar: int):
    """The year's ledger for the accounting department, in the import's columns: the
    page's lines in the page's order."""
    vereist(request, "financien.kosten_lezen")
    werkgroep = get_object_or_404(Werkgroep, slug=slug)
    data = grootboek_dataset(
        selectors.grootboek(werkgroep, jaar).posten, _("Grootboek %(jaar)s") % {"jaar": jaar}
    )
    # A cost line's description may name a person (a speaker's fee, a train ticket).
    inzage = Melding(
        request,
        gettext_lazy("Grootboek %(jaar)s van %(slug)s (XLSX)"),
        {"jaar": jaar, "slug": slug},
    )
    return downloads.spreadsheet(VeiligeXLSX(), data, f"kosten-{slug}-{jaar}.xlsx", inzage=inzage)


def controle(request):
    """Loose ends of the ledger, with a form to link each unlinked line to its meeting."""
    vereist(request, "financien.kosten_beheren")
    return _controlepagina(request)


def _controlepagina(request, ongeldig: tuple[int, KoppelForm] | None = None):
    """The check page; ``ongeldig``, a line's pk and its form as posted, shows that form
    again with its errors instead of an empty one."""
    controles = selectors.controles(timezone.localdate())
    per_werkgroep = selectors.vergaderingen_per_werkgroep(
        {post.werkgroep_id for post in controles.ongekoppeld}
    )
    formulieren = {
        post.pk: KoppelForm(post=post, vergaderingen=per_werkgroep.get(post.werkgroep_id, []))
        for post in controles.ongekoppeld
    }
    if ongeldig is not None and ongeldig[0] in formulieren:
        formulieren[ongeldig[0]] = ongeldig[1]
    return render(
        request,
        "financien/controle.html",
        {
            "controles": controles,
            "koppelformulieren": [(post, formulieren[post.pk]) for post in controles.ongekoppeld],
        },
    )


@require_POST
def koppelen(request, pk: int):
    vereist(request, "financien.kosten_beheren")
    post = get_object_or_404(Kostenpost.objects.select_related("werkgroep"), pk=pk)
    form = KoppelForm(request.POST, post=post)
    if not form.is_valid():  # the page again, this line's form with its errors (as forms do)
        messages.error(request, _("Niet gekoppeld: kies een vergadering uit de lijst."))
        return _controlepagina(request, ongeldig=(post.pk, form))
    services.kostenpost_koppelen(post=post, vergadering=form.cleaned_data["vergadering"])
    messages.success(
        request,
        _("De kostenpost van %(geschreven)s is gekoppeld aan de vergadering van %(datum)s.")
        % {"geschreven": post.vergadering_zoals_geschreven, "datum": post.vergadering.datum},
    )
    return redirect("financien:kosten_controle")


# ---- Costs from the meeting ------------------------------------------------------------------


def _kostenformulieren(vergadering, data=None):
    """The meeting's new lines: the categories read once for every row, the group's ceiling
    once when they are checked."""
    return KostenpostenFormSet(
        data,
        prefix="kosten",
        form_kwargs={
            "vergadering": vergadering,
            "categorieen": list(Kostencategorie.objects.all()),
            "plafond": Bedragplafond.voor(vergadering.werkgroep_id) if data else None,
        },
    )


def kostenblok(request, vergadering, formulieren=None) -> dict | None:
    """What the meeting page shows under "Kosten": its lines and the year against the
    budget for whoever reads the ledger, and the form to add lines for whoever may;
    ``None`` (and no query) for anyone else."""
    if not request.user.has_perm("financien.kosten_lezen"):
        return None
    if formulieren is None and request.user.has_perm("financien.kosten_toevoegen"):
        formulieren = _kostenformulieren(vergadering)
    return {"kosten": selectors.vergaderingkosten(vergadering), "formulieren": formulieren}


def vergadering_kosten(request, pk: int):
    """Add several cost lines to a meeting at once (the meeting page's form posts here);
    all are saved, or none, and the page shows why. The coordinator reads, members 404."""
    vereist(request, "financien.kosten_lezen")
    vergadering = get_object_or_404(
        werkgroep_selectors.zichtbare_vergaderingen(request.user).select_related("werkgroep"),
        pk=pk,
    )
    formulieren = None
    if request.method == "POST":
        vereist(request, "financien.kosten_toevoegen", weigering=PermissionDenied)
        formulieren = _kostenformulieren(vergadering, request.POST)
        if formulieren.is_valid():
            ingevuld = [f for f in formulieren if f.has_changed()]
            try:
                services.kostenposten_toevoegen(
                    vergadering=vergadering, posten=[f.instance for f in ingevuld]
                )
            except services.Kostenfouten as geweigerd:
                for plaats, fout in geweigerd.fouten.items():
                    ingevuld[plaats].fout_tonen(fout)
            else:
                if ingevuld:
                    messages.success(
                        request,
                        ngettext(
                            "%(n)d kostenpost toegevoegd.",
                            "%(n)d kostenposten toegevoegd.",
                            len(ingevuld),
                        )
                        % {"n": len(ingevuld)},
                    )
                else:
                    messages.info(request, _("Er was geen kostenpost ingevuld."))
                url = reverse("werkgroep:vergadering_detail", args=[vergadering.pk])
                return redirect(url + "#kosten")
    return render(
        request,
        "financien/vergadering_kosten.html",
        {"vergadering": vergadering, "kosten": kostenblok(request, vergadering, formulieren)},
    )


def vergadering_sectie(request, vergadering) -> dict | None:
    """The meeting page's costs section (werkgroep.secties); left out, without a query,
    for whoever does not read the ledger."""
    blok = kostenblok(request, vergadering)
    return None if blok is None else {"kosten": blok}

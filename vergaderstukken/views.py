"""The minutes page, its steps, and the meeting files (upload and download)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kern import downloads, versies
from kern.inzage import Melding
from kern.pdf import render_pdf
from kern.rechten import vereist
from werkgroep.selectors import vergadering_voor, zichtbare_vergaderingen

from . import selectors, services
from .forms import ActieForm, BesluitForm, NotulenForm, StatusForm, VergaderstukForm
from .models import Actie


def _notulen_adres(vergadering) -> str:
    return reverse("vergaderstukken:notulen", args=[vergadering.pk])


@require_http_methods(["GET", "POST"])
def notulen(request, pk: int):
    """GET shows the minutes to who may read them; POST saves the text (the secretariat),
    merged with what was saved since the page was opened."""
    pagina = selectors.notulen_pagina(request.user, pk)
    bewerkbaar = pagina.schrijft and not pagina.notulen.definitief
    conflicten = []
    if request.method == "POST":
        if not bewerkbaar:
            raise PermissionDenied
        uitkomst = versies.formulier_bewaren(
            request,
            NotulenForm(request.POST),
            bewaren=lambda form: services.notulen_opslaan(
                vergadering=pagina.vergadering,
                gelezen_versie=form.cleaned_data["gelezen_versie"],
                tekst=form.cleaned_data["tekst"],
                door=request.user,
            ),
            opnieuw=lambda data: NotulenForm(data),
            gelukt=_("De notulen zijn opgeslagen."),
        )
        if uitkomst.bewaard:
            return redirect(_notulen_adres(pagina.vergadering))
        form, conflicten = uitkomst.form, uitkomst.conflicten
        if conflicten:  # show who saved the stored version, and when
            pagina = selectors.notulen_pagina(request.user, pk)
    else:
        form = NotulenForm(notulen=pagina.notulen, alleen_lezen=not bewerkbaar)
    return render(
        request,
        "vergaderstukken/notulen.html",
        {
            "pagina": pagina,
            "vergadering": pagina.vergadering,
            "notulen": pagina.notulen,
            "form": form if bewerkbaar else None,
            "conflicten": conflicten,
            "bewerkbaar": bewerkbaar,
            "besluitform": BesluitForm(auto_id="besluit_%s") if bewerkbaar else None,
            "actieform": ActieForm(kandidaten=pagina.deelnemers) if bewerkbaar else None,
        },
    )


@require_POST
def notulen_status(request, pk: int):
    """A step in the life cycle: send for approval, approve, or take back to a draft."""
    pagina = selectors.notulen_pagina(request.user, pk)  # 404 for who may not read them
    vereist(request, "vergaderstukken.notulen_schrijven", weigering=PermissionDenied)
    terug = redirect(_notulen_adres(pagina.vergadering))
    form = StatusForm(request.POST)
    if pagina.notulen.pk is None or not form.is_valid():
        messages.error(request, _("Open de notulen opnieuw en kies een stap."))
        return terug
    stap, versie = form.cleaned_data["stap"], form.cleaned_data["gelezen_versie"]
    try:
        if stap == "ter_goedkeuring":
            _notulen, aantal = services.notulen_ter_goedkeuring(
                notulen=pagina.notulen,
                door=request.user,
                gelezen_versie=versie,
                adres=request.build_absolute_uri(_notulen_adres(pagina.vergadering)),
            )
            messages.success(
                request,
                ngettext(
                    "De notulen gaan ter goedkeuring naar de aanwezigen (%(aantal)s e-mail).",
                    "De notulen gaan ter goedkeuring naar de aanwezigen (%(aantal)s e-mails).",
                    aantal,
                )
                % {"aantal": aantal},
            )
        elif stap == "goedkeuren":
            services.notulen_goedkeuren(
                notulen=pagina.notulen, door=request.user, gelezen_versie=versie
            )
            messages.success(request, _("De notulen zijn goedgekeurd."))
        else:
            services.notulen_terugnemen(
                notulen=pagina.notulen, door=request.user, gelezen_versie=versie
            )
            messages.success(request, _("De notulen zijn terug een concept."))
    except versies.VersieVerouderd as fout:
        wie = ", ".join(str(o) for o in fout.tussen) or _("iemand anders")
        messages.error(
            request,
            _("Niets veranderd: %(wie)s wijzigde de notulen intussen. Lees ze opnieuw.")
            % {"wie": wie},
        )
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
    return terug


def _fouten(form) -> str:
    """A form's errors in one sentence, for a message: "Titel: Dit veld is verplicht."."""
    delen = []
    for veld, fouten in form.errors.items():
        label = form.fields[veld].label if veld in form.fields else ""
        tekst = " ".join(fouten)
        delen.append(f"{label}: {tekst}" if label else tekst)
    return " ".join(delen)


@require_POST
def besluit_toevoegen(request, pk: int):
    pagina = selectors.notulen_pagina(request.user, pk)  # 404 for who may not read them
    vereist(request, "vergaderstukken.notulen_schrijven", weigering=PermissionDenied)
    form = BesluitForm(request.POST)
    if form.is_valid():
        try:
            services.besluit_toevoegen(
                vergadering=pagina.vergadering, tekst=form.cleaned_data["tekst"]
            )
            messages.success(request, _("Het besluit is toegevoegd."))
        except ValidationError as fout:
            messages.error(request, " ".join(fout.messages))
    else:
        messages.error(request, _("Niet toegevoegd. %(fouten)s") % {"fouten": _fouten(form)})
    return redirect(_notulen_adres(pagina.vergadering) + "#besluiten")


@require_POST
def actie_toevoegen(request, pk: int):
    pagina = selectors.notulen_pagina(request.user, pk)  # 404 for who may not read them
    vereist(request, "vergaderstukken.notulen_schrijven", weigering=PermissionDenied)
    form = ActieForm(request.POST, kandidaten=pagina.deelnemers)
    if form.is_valid():
        try:
            services.actie_toevoegen(vergadering=pagina.vergadering, **form.cleaned_data)
            messages.success(request, _("De actie is toegevoegd."))
        except ValidationError as fout:
            messages.error(request, " ".join(fout.messages))
    else:
        messages.error(request, _("Niet toegevoegd. %(fouten)s") % {"fouten": _fouten(form)})
    return redirect(_notulen_adres(pagina.vergadering) + "#acties")


@require_POST
def actie_afhandelen(request, pk: int):
    """The secretariat marks an action done, from the minutes or the next meeting's page."""
    actie = get_object_or_404(
        Actie.objects.select_related("notulen").filter(
            notulen__vergadering__in=zichtbare_vergaderingen(request.user)
        ),
        pk=pk,
    )
    vereist(request, "vergaderstukken.notulen_schrijven", weigering=PermissionDenied)
    try:
        services.actie_afhandelen(actie=actie, door=request.user)
        messages.success(request, _("De actie is afgehandeld."))
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
    terug = request.POST.get("terug", "")
    if not url_has_allowed_host_and_scheme(
        terug, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        terug = _notulen_adres(actie.notulen.vergadering)
    return redirect(terug)


@require_POST
def vergaderstuk_toevoegen(request, pk: int):
    """Attach a file to a meeting (the secretariat); checked by its content."""
    vergadering = vergadering_voor(request.user, pk)
    vereist(request, "vergaderstukken.stukken_opladen", weigering=PermissionDenied)
    form = VergaderstukForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.vergaderstuk_toevoegen(
                vergadering=vergadering, door=request.user, **form.cleaned_data
            )
        except ValidationError as fout:
            messages.error(
                request, _("Niet opgeladen: %(fout)s") % {"fout": " ".join(fout.messages)}
            )
        else:
            messages.success(request, _("Het bestand is opgeladen."))
    else:
        messages.error(request, _("Niet opgeladen. %(fouten)s") % {"fouten": _fouten(form)})
    return redirect(reverse("werkgroep:vergadering_detail", args=[vergadering.pk]) + "#stukken")


@require_GET
def vergaderstuk(request, pk: int):
    """A meeting's file, as a download of the type its content was checked to be, for who
    may see the meeting; never shown inline."""
    stuk = selectors.vergaderstuk_voor(request.user, pk)
    inhoud = selectors.inhoud_van(stuk)
    soort = stuk.inhoudstype
    if soort == "text/plain":
        soort = "text/plain; charset=utf-8"
    # The site cannot tell what a file says: a scanned attendance list names people.
    inzage = Melding(
        request,
        gettext_lazy("Vergaderstuk “%(naam)s” (vergadering nr. %(vergadering)s)"),
        {"naam": stuk.bestandsnaam, "vergadering": stuk.vergadering_id},
    )
    antwoord = downloads.bestand(inhoud, stuk.bestandsnaam, soort, inzage=inzage)
    antwoord["X-Content-Type-Options"] = "nosniff"
    return antwoord


def notulen_pdf(request, pk: int):
    """Approved minutes, for everyone who may see the meeting (404 before approval)."""
    context = selectors.notulen_document(request.user, pk)
    pdf = render_pdf("vergaderstukken/notulen_pdf.html", context)
    naam = (context["vergadering"].kenmerk or str(pk)).replace("/", "_")
    inzage = Melding(
        request,
        gettext_lazy("Notulen van vergadering %(datum)s (PDF)"),
        {"datum": context["vergadering"].datum or pk},
    )  # they name who was present and who excused themselves
    return downloads.pdf(pdf, f"notulen-{naam}.pdf", inzage=inzage)


def vergadering_sectie(request, vergadering) -> dict:
    """The meeting page's section (werkgroep.secties): minutes, open actions, files."""
    return {"stukken": selectors.op_vergadering(request.user, vergadering)}

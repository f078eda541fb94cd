"""Pages of the invitations: invite from the meeting, reply by the personal link, and the
secretariat's list of failed mail. Reads in selectors, writes in services."""

from __future__ import annotations

import dataclasses

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from kern import mail
from kern.rechten import vereist
from werkgroep import selectors as werkgroep_selectors

from . import selectors, services
from .forms import AntwoordForm, UitnodigenForm
from .models import Uitnodiging


@require_http_methods(["GET", "POST"])
def uitnodigen(request, pk: int):
    """Invite the group's members and guests; while the day is unknown, announce it."""
    vereist(request, "uitnodigingen.uitnodigingen_sturen")
    vergadering = werkgroep_selectors.vergadering_voor(request.user, pk)
    waarom_niet = selectors.waarom_niet_versturen(vergadering)
    knop = _("Uitnodigen") if vergadering.dag_bekend else _("Aankondigen")
    aanbod = selectors.aanbod(vergadering)
    gepost = request.POST if request.method == "POST" else None
    form = UitnodigenForm(gepost, leden=aanbod.leden, knop=knop, al_gehad=aanbod.al_gehad)
    if request.method == "POST" and not waarom_niet and form.is_valid():
        try:
            verzonden = services.uitnodigen(
                vergadering=vergadering,
                deelnemers=form.gekozen_leden(),
                gasten=form.cleaned_data["gasten"],
            )
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            verzonden = dataclasses.replace(verzonden, al_gehad=form.al_gehad + verzonden.al_gehad)
            _zeggen_wat_verstuurd_wordt(request, vergadering, verzonden)
            return redirect("werkgroep:vergadering_detail", pk=vergadering.pk)
    return render(
        request,
        "uitnodigingen/uitnodigen.html",
        {
            "vergadering": vergadering,
            "form": form,
            "waarom_niet": waarom_niet,
            "zonder_adres": aanbod.zonder_adres,
            "al_uitgenodigd": len(aanbod.uitgenodigd),
            # No member left to tick: because all with an address have it already, or
            # because none has one (each said as it is).
            "leden_met_adres": len(aanbod.met_adres),
            "ontvangers": selectors.ontvangers(vergadering),
        },
    )


def _zeggen_wat_verstuurd_wordt(request, vergadering, verzonden: services.Verzonden) -> None:
    """The round's message: how many mails go out (whether each arrived, the meeting page
    says per person), and who was left alone because they already had it."""
    if verzonden.aantal or not verzonden.al_gehad:
        if vergadering.dag_bekend:
            bericht = ngettext(
                "%(aantal)s uitnodiging wordt verstuurd.",
                "%(aantal)s uitnodigingen worden verstuurd.",
                verzonden.aantal,
            )
        else:
            bericht = ngettext(
                "%(aantal)s aankondiging wordt verstuurd; de dag volgt.",
                "%(aantal)s aankondigingen worden verstuurd; de dag volgt.",
                verzonden.aantal,
            )
        messages.success(request, bericht % {"aantal": verzonden.aantal})
    if verzonden.al_gehad:
        messages.info(
            request,
            _(
                "Al eerder verstuurd, dus niet opnieuw: %(namen)s. Wilt u het toch opnieuw "
                "sturen, gebruik dan “Opnieuw sturen” bij die persoon op de pagina Uitnodigen."
            )
            % {"namen": ", ".join(verzonden.al_gehad)},
        )


@require_POST
def opnieuw_uitnodigen(request, pk: int, uitnodiging: int):
    """Send one person their invitation (or announcement) again, e.g. one that never came."""
    vereist(request, "uitnodigingen.uitnodigingen_sturen")
    vergadering = werkgroep_selectors.vergadering_voor(request.user, pk)
    rij = get_object_or_404(
        Uitnodiging.objects.select_related("deelnemer"), pk=uitnodiging, vergadering=vergadering
    )
    try:
        services.opnieuw_uitnodigen(uitnodiging=rij)
    except ValidationError as fout:
        messages.warning(request, " ".join(fout.messages))
    else:
        messages.success(
            request,
            _("De mail aan %(naam)s wordt opnieuw verstuurd.") % {"naam": rij.weergavenaam},
        )
    return redirect("uitnodigingen:uitnodigen", pk=vergadering.pk)


@login_not_required
@require_http_methods(["GET", "POST"])
def antwoord(request, token: str):
    """The page behind the personal link: answer, or change the answer. No login."""
    try:
        uitnodiging = services.uitnodiging_uit_token(token)
    except services.OngeldigeLink:
        return render(request, "uitnodigingen/link_ongeldig.html", status=400)
    except services.VerlopenLink as verlopen:
        return render(
            request,
            "uitnodigingen/link_ongeldig.html",
            {"verlopen": verlopen.uitnodiging},
            status=410,
        )
    beginwaarden = {"antwoord": uitnodiging.antwoord, "opmerking": uitnodiging.opmerking}
    gepost = request.POST if request.method == "POST" else None
    form = AntwoordForm(gepost, initial=beginwaarden)
    if request.method == "POST" and form.is_valid():
        services.antwoord_geven(
            uitnodiging=uitnodiging,
            antwoord=form.cleaned_data["antwoord"],
            opmerking=form.cleaned_data["opmerking"],
        )
        messages.success(
            request,
            _("Bedankt, uw antwoord is genoteerd: %(antwoord)s. U kunt het hier nog wijzigen.")
            % {"antwoord": uitnodiging.get_antwoord_display()},
        )
        return redirect(request.path)
    vergadering = uitnodiging.vergadering
    return render(
        request,
        "uitnodigingen/antwoord.html",
        {
            "uitnodiging": uitnodiging,
            "vergadering": vergadering,
            "agenda": list(vergadering.agendapunten.all()),
            "form": form,
        },
    )


def mislukte_mails(request):
    """Mail not sent (failed every attempt, interrupted, or waiting far too long), to send
    again (secretariat)."""
    vereist(request, "uitnodigingen.mislukte_mail_opvolgen")
    return render(
        request,
        "uitnodigingen/mislukte_mails.html",
        {"mails": selectors.mislukte_mails(request.user)},
    )


@require_POST
def opnieuw_sturen(request, bericht: int):
    vereist(request, "uitnodigingen.mislukte_mail_opvolgen")
    with transaction.atomic():
        gelukt = mail.opnieuw_sturen(bericht)
    if gelukt:
        messages.success(request, _("De mail wordt opnieuw verstuurd."))
    else:
        messages.warning(
            request, _("Deze mail staat niet meer bij de niet verstuurde: al opnieuw verstuurd?")
        )
    return redirect("uitnodigingen:mislukte_mails")


def vergadering_sectie(request, vergadering) -> dict:
    """The meeting page's invitations section (werkgroep.secties)."""
    return {"uitnodigingen": selectors.overzicht(request.user, vergadering)}


def aanwezigheid_sectie(request, vergadering) -> dict:
    """The meeting page's attendance section (werkgroep.secties): the participants'
    recorded attendance comes with the meeting (``werkgroep.selectors.vergadering_voor``),
    the invited guests' is read here (one query), so the page lists everyone recorded."""
    return {"gasten": selectors.gasten_met_aanwezigheid(vergadering)}

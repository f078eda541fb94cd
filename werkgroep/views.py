"""Site pages of the werkgroep app; reads come from selectors, writes from services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from kern import downloads, verouderd_site
from kern.inzage import Geen
from kern.paginering import pagina
from kern.rechten import vereist

from . import secties, selectors, services
from .forms import AgendaFormSet, KalendersleutelVernieuwenForm, VergaderingPlannenForm, kopie_van
from .kalender import ALARMEN, werkgroep_kalender
from .models import Kalendersleutel, Vergadering, Werkgroep

#: Empty agenda rows the form shows, ready to type.
LEGE_AGENDAPUNTEN = 2


def vergadering_detail(request, pk: int):
    """A meeting with its agenda, then the sections the other apps add (werkgroep.secties)."""
    vergadering = selectors.vergadering_voor(request.user, pk)
    return render(
        request,
        "werkgroep/vergadering_detail.html",
        {"vergadering": vergadering, "secties": secties.samenstellen(request, vergadering)},
    )


def werkgroep_detail(request, slug):
    werkgroep = selectors.werkgroep_voor(request.user, slug)
    return render(
        request,
        "werkgroep/werkgroep_detail.html",
        {"werkgroep": werkgroep, "jaren": selectors.jaren_van(werkgroep)},
    )


def vergaderingen(request):
    jaren = selectors.jaren_met_vergaderingen(request.user)
    if not jaren:
        return render(request, "werkgroep/vergaderingen.html", {"jaren": [], "jaar": None})
    huidig = timezone.localdate().year
    jaar = huidig if huidig in jaren else jaren[-1]
    return redirect("werkgroep:vergaderingen_jaar", jaar=jaar)


def vergaderingen_jaar(request, jaar: int):
    return render(
        request,
        "werkgroep/vergaderingen.html",
        {
            "jaar": jaar,
            "jaren": selectors.jaren_met_vergaderingen(request.user),
            "vergaderingen": pagina(request, selectors.vergaderingen_in_jaar(request.user, jaar)),
        },
    )


def deelnemers(request):
    return render(
        request,
        "werkgroep/deelnemers.html",
        {"deelnemers": pagina(request, selectors.deelnemers_op_naam(request.user))},
    )


def deelnemer(request, pk: int):
    """A link to one participant (search's): their row, on the page of the list that
    holds it; 404 for one the user does not see."""
    nummer = selectors.pagina_van_deelnemer(request.user, pk)
    return redirect(f"{reverse('werkgroep:deelnemers')}?pagina={nummer}#deelnemer-{pk}")


def organisaties(request):
    return render(
        request,
        "werkgroep/organisaties.html",
        {"organisaties": pagina(request, selectors.organisaties())},
    )


def organisatie(request, pk: int):
    """A link to one organisation: its row, on the page of the list that holds it."""
    nummer = selectors.pagina_van_organisatie(pk)
    return redirect(f"{reverse('werkgroep:organisaties')}?pagina={nummer}#organisatie-{pk}")


@require_http_methods(["GET", "POST"])
def kalender(request):
    """The member's personal calendar links, and renewing their secret."""
    if request.method == "POST":
        form = KalendersleutelVernieuwenForm(request.POST)
        if form.is_valid():
            services.kalendersleutel_vernieuwen(account=request.user)
            messages.success(
                request, _("Uw kalenderlinks zijn vernieuwd; de oude werken niet meer.")
            )
            return redirect("werkgroep:kalender")
    else:
        form = KalendersleutelVernieuwenForm()
    sleutel = services.kalendersleutel_geven(account=request.user)
    # A reminder in the calendar is a choice of the link: ?alarm=1d adds it to every event.
    gekozen = request.GET.get("alarm", "")
    gekozen = gekozen if gekozen in ALARMEN else ""
    links = [
        (
            werkgroep,
            request.build_absolute_uri(
                reverse(
                    "werkgroep:kalender_feed",
                    kwargs={"sleutel": sleutel.sleutel, "slug": werkgroep.slug},
                )
            )
            + (f"?alarm={gekozen}" if gekozen else ""),
        )
        for werkgroep in selectors.zichtbare_werkgroepen(request.user)
    ]
    return render(
        request,
        "werkgroep/kalender.html",
        {"links": links, "form": form, "alarm": gekozen, "alarmen": ALARMEN},
    )


@login_not_required
@require_GET
def kalender_feed(request, sleutel: str, slug: str):
    """The iCal feed behind a personal secret URL: no login, the secret is the key."""
    sleutel_obj = Kalendersleutel.objects.select_related("account").filter(sleutel=sleutel).first()
    if sleutel_obj is None or not sleutel_obj.account.is_active:
        raise Http404
    werkgroep = get_object_or_404(selectors.zichtbare_werkgroepen(sleutel_obj.account), slug=slug)
    inhoud = werkgroep_kalender(
        werkgroep,
        selectors.kalender_vergaderingen(sleutel_obj.account, werkgroep),
        alarm_minuten=ALARMEN.get(request.GET.get("alarm", ""), (None,))[0],
    )
    return downloads.bestand(
        inhoud,
        f"{werkgroep.slug}.ics",
        "text/calendar; charset=utf-8",
        bijlage=False,
        inzage=Geen("de eigen vergaderingen van de lezer: datum, uur, plaats, agenda"),
    )


# ---- Meetings planned on the site ------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def vergadering_nieuw(request, slug):
    """A new meeting of the group; ``?kopie=vorige`` starts from the group's last one."""
    vereist(request, "werkgroep.vergadering_plannen")
    werkgroep = get_object_or_404(Werkgroep, slug=slug)
    kopie = request.method == "GET" and request.GET.get("kopie") == "vorige"
    vorige = selectors.vorige_vergadering(werkgroep) if kopie else None
    return _planning(request, Vergadering(werkgroep=werkgroep), vorige)


@require_http_methods(["GET", "POST"])
def vergadering_bewerken(request, pk: int):
    vereist(request, "werkgroep.vergadering_plannen")
    return _planning(request, selectors.te_plannen_vergadering(pk))


def _planning(request, vergadering: Vergadering, vorige: Vergadering | None = None):
    """The one page that plans a meeting: its fields and its agenda, guarded against a
    stale save (``kern.verouderd``); saved by ``services.vergadering_plannen``."""
    nieuw = vergadering.pk is None
    Form = verouderd_site.site_formulier(VergaderingPlannenForm, aanvrager=request.user)
    Agenda = verouderd_site.site_formset(
        AgendaFormSet, aanvrager=request.user, ouder=None if nieuw else vergadering
    )
    sprekers = selectors.sprekers_voor(vergadering.werkgroep, vergadering)
    waarden, rijen = kopie_van(vorige)
    data = request.POST if request.method == "POST" else None
    meer = data is not None and "meer" in data
    if meer:  # "Nog een agendapunt": the same page, one empty row more, nothing saved
        data = data.copy()
        totaal = "agenda-TOTAL_FORMS"
        data[totaal] = str(min(int(data.get(totaal) or 0) + 1, AgendaFormSet.max_num))
    leden = selectors.leden_vandaag(vergadering.werkgroep) if nieuw else ()
    form = Form(data, instance=vergadering, initial=waarden, leden=leden)
    agenda = Agenda(data, instance=vergadering, prefix="agenda", sprekers=sprekers)
    agenda.extra = len(rijen) + LEGE_AGENDAPUNTEN
    # New rows are numbered on from the stored ones (the copied ones first).
    bestaand = len(agenda.get_queryset())
    agenda.initial_extra = [
        {**rij, "volgorde": bestaand + nummer}
        for nummer, rij in enumerate([*rijen, *[{}] * agenda.max_num], start=1)
    ][: agenda.max_num]
    if data is not None and not meer:
        opgeslagen = services.vergadering_plannen(form=form, agenda=agenda)
        if opgeslagen is not None:
            messages.success(
                request,
                _("De vergadering is gepland.") if nieuw else _("De vergadering is bewaard."),
            )
            if aanwezig := form.aanwezig():
                messages.info(
                    request,
                    ngettext(
                        "%(n)d aanwezige opgenomen.", "%(n)d aanwezigen opgenomen.", len(aanwezig)
                    )
                    % {"n": len(aanwezig)},
                )
            for melding in verouderd_site.samenvoegmeldingen(form, *agenda.forms):
                messages.info(request, melding)
            return redirect("werkgroep:vergadering_detail", pk=opgeslagen.pk)
    return render(
        request,
        "werkgroep/vergadering_plannen.html",
        {
            "vergadering": vergadering,
            "werkgroep": vergadering.werkgroep,
            "nieuw": nieuw,
            "vorige": vorige,
            "form": form,
            "agenda": agenda,
        },
    )


# ---- Cancelled, or going ahead after all ------------------------------------------------------


@require_http_methods(["GET", "POST"])
def vergadering_afgelasten(request, pk: int):
    """Vergadering afgelasten: a page that says the invited will be told, then the POST."""
    return _statusstap(request, pk, afgelasten=True)


@require_http_methods(["GET", "POST"])
def vergadering_gaat_toch_door(request, pk: int):
    """Gaat toch door, for a cancelled meeting: the same two steps."""
    return _statusstap(request, pk, afgelasten=False)


def _statusstap(request, pk: int, *, afgelasten: bool):
    """Cancel or un-cancel through werkgroep's service, which saves as the admin does (the
    invitations app sends the notices after it); a page whose meeting another tab already
    changed is told so and changes nothing."""
    vereist(request, "werkgroep.vergadering_plannen")
    vergadering = selectors.te_plannen_vergadering(pk)
    van = Vergadering.Status.GEPLAND if afgelasten else Vergadering.Status.GEANNULEERD
    pagina = redirect("werkgroep:vergadering_detail", pk=vergadering.pk)
    if request.method == "POST":
        try:
            if afgelasten:
                services.vergadering_afgelasten(vergadering=vergadering)
            else:
                services.vergadering_gaat_toch_door(vergadering=vergadering)
        except ValidationError as fout:
            messages.warning(request, " ".join(fout.messages))
        else:
            messages.success(
                request,
                _("De vergadering is afgelast; wie uitgenodigd was, krijgt bericht.")
                if afgelasten
                else _("De vergadering gaat toch door; wie uitgenodigd was, krijgt bericht."),
            )
        return pagina
    return render(
        request,
        "werkgroep/vergadering_status.html",
        {
            "vergadering": vergadering,
            "afgelasten": afgelasten,
            "mogelijk": vergadering.status == van,
        },
    )

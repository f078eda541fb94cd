"""Pages that compose several apps; they live above the apps, so no app imports backwards."""

import logging

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.i18n import set_language

from config import navigatie, zoeken
from config.forms import ProfielForm
from financien import selectors as financien_selectors
from kern import voorkeuren
from kern.rechten import vereist
from projecten import selectors as projecten_selectors
from tweestaps import views as tweestaps_views
from uitnodigingen import selectors as uitnodigingen_selectors
from validering import selectors as validering_selectors
from vergaderstukken import selectors as vergaderstukken_selectors
from werkgroep import selectors as werkgroep_selectors
from werkgroep import services as werkgroep_services

logger = logging.getLogger(__name__)


def home(request):
    """Next and recent meetings, my working groups and projects, and "Te doen": for each
    role what is theirs to act on, each read by the app that owns it (one query a list)."""
    vandaag = timezone.localdate()
    user = request.user
    mijn_projecten = projecten_selectors.mijn_projecten(user)
    te_doen = {
        # A member's own (empty lists without a participant).
        "te_beantwoorden": uitnodigingen_selectors.te_beantwoorden(user),
        "mijn_acties": vergaderstukken_selectors.mijn_open_acties(user),
        "fiches_te_doen": projecten_selectors.fiches_te_doen(mijn_projecten),
        "te_scoren": validering_selectors.te_scoren(user),
        # The secretariat's (empty lists for everyone else).
        "te_beoordelen": projecten_selectors.te_beoordelen_fiches(user),
        "losse_eindjes": financien_selectors.aantal_controles(vandaag)
        if user.has_perm("financien.kosten_beheren")
        else 0,
        "zonder_aanwezigheid": werkgroep_selectors.zonder_aanwezigheid(user, vandaag),
        "zonder_alle_scores": validering_selectors.zonder_alle_scores(user, vandaag),
        "mislukte_mails": uitnodigingen_selectors.aantal_mislukte_mails(user),
    }
    return render(
        request,
        "home.html",
        {
            "komende_vergaderingen": werkgroep_selectors.komende_vergaderingen(user, vandaag),
            "recente_vergaderingen": werkgroep_selectors.recente_vergaderingen(user, vandaag),
            "mijn_werkgroepen": list(werkgroep_selectors.mijn_werkgroepen(user)),
            "alle_werkgroepen": list(werkgroep_selectors.zichtbare_werkgroepen(user))
            if user.has_perm("werkgroep.alles_zien")
            else [],
            "mijn_projecten": mijn_projecten,
            "vandaag": vandaag,
            "iets_te_doen": any(te_doen.values()),
            **te_doen,
        },
    )


def profiel(request):
    """One's own name and e-mail address, with the way to the password and the language.
    The address is the person's one address (``werkgroep.services.adres_wijzigen``): every
    mail goes to it, invitations and the password mail alike."""
    user = request.user
    deelnemer = werkgroep_selectors.deelnemer_van(user)
    if request.method == "POST":
        form = ProfielForm(request.POST, instance=user)
        if form.is_valid():
            try:  # the address first: refused, nothing is saved
                werkgroep_services.adres_wijzigen(account=user, email=form.cleaned_data["email"])
            except ValidationError as fout:
                form.add_error(None, fout)
            else:
                form.save(commit=False).save(update_fields=["first_name", "last_name"])
                messages.success(request, _("Uw gegevens zijn opgeslagen."))
                return redirect("site:profiel")
    else:
        beginwaarden = {"email": werkgroep_selectors.adres_van(user)}
        if deelnemer is not None and not (user.first_name or user.last_name):
            beginwaarden |= {"first_name": deelnemer.voornaam, "last_name": deelnemer.achternaam}
        form = ProfielForm(instance=user, initial=beginwaarden)
    context = {"form": form, "deelnemer": deelnemer} | tweestaps_views.sectie_context(
        request, "profiel"
    )
    return render(request, "accounts/profiel.html", context)


def zoeken_pagina(request):
    """One search over what the user may see (config/zoeken.py), grouped by kind."""
    vraag = request.GET.get("q", "")
    context = {"vraag": zoeken.schoon(vraag), "maximum": zoeken.MAXIMUM}
    if context["vraag"]:
        try:
            context["uitslag"] = zoeken.zoeken(request.user, vraag)
        except zoeken.Zoekfout as fout:
            context["fout"] = str(fout)
    return render(request, "zoeken.html", context)


def _naar_werkgroep(request, bestemmingen, titel: str):
    """The one group's page, or the groups to choose from."""
    if len(bestemmingen) == 1:
        return redirect(bestemmingen[0].url)
    return render(request, "werkgroep_kiezen.html", {"titel": titel, "bestemmingen": bestemmingen})


def kosten(request):
    """The navigation's "Kosten": the ledger of the latest year with data (config/navigatie.py)."""
    vereist(request, "financien.kosten_lezen")
    bestemmingen = navigatie.kosten(request.user, timezone.localdate())
    return _naar_werkgroep(request, bestemmingen, _("Kosten"))


def verslagen(request):
    """The navigation's "Verslagen": a group's years of reports (coordinator, secretariat)."""
    vereist(request, "rapportage.jaarverslag_maken")
    return _naar_werkgroep(request, navigatie.verslagen(request.user), _("Jaarverslagen"))


@login_not_required
def taal_kiezen(request):
    """Django's language switch; a logged-in account also keeps the choice, for the next
    login and for its mail (kern.voorkeuren)."""
    antwoord = set_language(request)
    if request.method == "POST":
        voorkeuren.taal_bewaren(request.user, request.POST.get("language", ""))
    return antwoord


class Aanmelden(auth_views.LoginView):
    """Django's login; afterwards the site speaks the language the account chose."""

    def form_valid(self, form):
        antwoord = super().form_valid(form)
        if taal := voorkeuren.gekozen_taal(form.get_user()):
            voorkeuren.taalkoekje_zetten(antwoord, taal)
        return antwoord


def csrf_mislukt(request, reason: str = ""):
    """CSRF_FAILURE_VIEW: the site's page, in the reader's language, saying what happened
    and how to send again without retyping (Django's own is an English "403 Forbidden").
    Django's reason is English library text: it goes to the log, not to the reader."""
    logger.warning("CSRF failure on %s: %s", request.path, reason)
    return render(request, "403_csrf.html", status=403)

"""The second step at login and the management of one's own second factors (thin: the
rules are in services and selectors)."""

from __future__ import annotations

import base64

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from kern.rechten import vereist

from . import selectors, services
from .forms import (
    AppBevestigenForm,
    AppVerwijderenForm,
    CodeForm,
    NieuwePasskeyNaamForm,
    PasskeyNaamForm,
    PasskeyVerwijderenForm,
)
from .middleware import genade_voorbij, stap

REGEL = "tweestaps.eigen_factoren_beheren"


def _volgende(request) -> str:
    volgende = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME)
    if volgende and url_has_allowed_host_and_scheme(
        volgende, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return volgende
    return reverse(settings.LOGIN_REDIRECT_URL)


def bevestigen(request):
    """ "Bevestig uw aanmelding": a code from the app or a recovery code, or a passkey
    (django-otp-webauthn's views, reached from this page's script, confirm the session)."""
    vereist(request, REGEL)
    if request.user.is_verified():
        return redirect(_volgende(request))
    if not selectors.heeft_tweede_factor(request.user):  # reset meanwhile (a lost phone)
        services.stap_vernieuwen(request)
        return redirect(_volgende(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            apparaat = services.code_controleren(user=request.user, code=form.cleaned_data["code"])
        except ValidationError as fout:
            form.add_error("code", fout)
        else:
            services.bevestigd_aanmelden(request, apparaat)
            if apparaat.persistent_id.startswith("otp_static"):
                over = selectors.herstelcodes_over(request.user)
                messages.warning(
                    request,
                    ngettext(
                        "U meldde zich aan met een herstelcode; u hebt er nog %(n)d over.",
                        "U meldde zich aan met een herstelcode; u hebt er nog %(n)d over.",
                        over,
                    )
                    % {"n": over},
                )
            return redirect(_volgende(request))
    return render(
        request,
        "tweestaps/bevestigen.html",
        {
            "form": form,
            "volgende": _volgende(request),
            "passkeys": bool(selectors.passkeys_van(request.user)),
        },
    )


def _qr(apparaat) -> str:
    """The app's configuration link as an inline SVG QR code (made here, from our data)."""
    svg = segno.make(apparaat.config_url, error="m").svg_inline(
        scale=4, title=_("QR-code om te scannen met uw authenticator-app"), svgclass="qr"
    )
    return mark_safe(svg)  # noqa: S308 - segno's SVG of our own link, escaped by segno


def sectie_context(request, terug: str) -> dict:
    """What the enrolment section needs, on this page and on the profile page."""
    context = selectors.overzicht(request.user) | {"terug": terug}
    wachtend = context["wachtende_app"]
    if wachtend is not None:
        context["qr"] = _qr(wachtend)
        sleutel = base64.b32encode(wachtend.bin_key).decode("ascii").rstrip("=")
        context["geheim"] = " ".join(sleutel[i : i + 4] for i in range(0, len(sleutel), 4))
        context["bevestig_form"] = AppBevestigenForm(initial={"app": wachtend.pk, "terug": terug})
    context["verwijder_forms"] = [
        (
            app,
            AppVerwijderenForm(
                initial={"app": app.pk, "terug": terug}, auto_id=f"id_app{app.pk}_%s"
            ),
        )
        for app in context["apps"]
    ]
    context["passkey_forms"] = [
        (
            passkey,
            PasskeyVerwijderenForm(
                initial={"passkey": passkey.pk, "terug": terug},
                auto_id=f"id_passkey{passkey.pk}_%s",
            ),
            PasskeyNaamForm(
                initial={
                    "passkey": passkey.pk,
                    "gelezen": passkey.name,
                    "naam": passkey.name,
                    "terug": terug,
                },
                auto_id=f"id_passkeynaam{passkey.pk}_%s",
            ),
        )
        for passkey in context["passkeys"]
    ]
    # The name of the passkey being added (its number is filled in by passkey.js).
    context["nieuwe_passkey_form"] = NieuwePasskeyNaamForm(
        initial={"terug": terug}, auto_id="id_nieuwe_passkey_%s"
    )
    return context


def instellen(request):
    """One's second factors; where staff past their grace period are sent."""
    vereist(request, REGEL)
    nodig = stap(request)
    context = sectie_context(request, "instellen") | {
        "gedwongen": not request.user.is_verified() and genade_voorbij(nodig)
    }
    return render(request, "tweestaps/instellen.html", context)


def _terug(request):
    if request.POST.get("terug") == "profiel":  # the middleware still sends who must enrol
        return redirect(reverse("site:profiel") + "#tweestaps")
    return redirect(reverse("tweestaps:instellen") + "#tweestaps")


@require_POST
def app_toevoegen(request):
    vereist(request, REGEL)
    services.app_beginnen(user=request.user)
    messages.info(
        request, _("Scan de QR-code met uw authenticator-app en typ de eerste code die ze toont.")
    )
    return _terug(request)


@require_POST
def app_bevestigen(request):
    vereist(request, REGEL)
    form = AppBevestigenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Typ de zes cijfers die de app toont."))
        return _terug(request)
    try:
        apparaat = services.app_bevestigen(
            user=request.user, pk=form.cleaned_data["app"], code=form.cleaned_data["code"]
        )
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
        return _terug(request)
    services.bevestigd_aanmelden(request, apparaat)
    services.stap_vernieuwen(request)
    messages.success(
        request,
        _(
            "Uw authenticator-app is gekoppeld: voortaan vraagt de site bij het aanmelden een "
            "code. Maak nu ook herstelcodes, voor als u uw telefoon verliest."
        ),
    )
    return _terug(request)


@require_POST
def herstelcodes(request):
    """Ten new codes, shown once on this answer (and as a text file to keep)."""
    vereist(request, REGEL)
    try:
        codes = services.herstelcodes_maken(user=request.user)
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
        return _terug(request)
    tekst = "\n".join(
        [
            _("Herstelcodes voor de werkgroepsite (%(gebruiker)s)")
            % {"gebruiker": request.user.get_username()},
            _("Elke code werkt één keer."),
            "",
        ]
        + codes
    )
    return render(request, "tweestaps/herstelcodes.html", {"codes": codes, "tekst": tekst})


@require_POST
def app_verwijderen(request):
    vereist(request, REGEL)
    form = AppVerwijderenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Typ uw wachtwoord om de app te verwijderen."))
        return _terug(request)
    try:
        services.app_verwijderen(
            user=request.user,
            pk=form.cleaned_data["app"],
            wachtwoord=form.cleaned_data["wachtwoord"],
        )
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
        return _terug(request)
    services.stap_vernieuwen(request)
    messages.success(request, _("De app is verwijderd."))
    return _terug(request)


@require_POST
def passkey_verwijderen(request):
    vereist(request, REGEL)
    form = PasskeyVerwijderenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Typ uw wachtwoord om de passkey te verwijderen."))
        return _terug(request)
    try:
        services.passkey_verwijderen(
            user=request.user,
            pk=form.cleaned_data["passkey"],
            wachtwoord=form.cleaned_data["wachtwoord"],
        )
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
        return _terug(request)
    services.stap_vernieuwen(request)
    messages.success(request, _("De passkey is verwijderd."))
    return _terug(request)


@require_POST
def passkey_hernoemen(request):
    """One's passkey's name: changed on the list, or given right after adding it."""
    vereist(request, REGEL)
    form = PasskeyNaamForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for fouten in form.errors.values() for e in fouten))
        return _terug(request)
    gelezen = form.cleaned_data["gelezen"] if "gelezen" in request.POST else None
    try:
        passkey = services.passkey_hernoemen(
            user=request.user,
            pk=form.cleaned_data["passkey"],
            naam=form.cleaned_data["naam"],
            gelezen=gelezen,
        )
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
        return _terug(request)
    messages.success(request, _("De passkey heet nu “%(naam)s”.") % {"naam": passkey.name})
    return _terug(request)

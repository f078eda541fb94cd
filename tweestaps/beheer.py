"""The account admin's action "Tweede factor herstellen…" (a lost phone): its confirmation
page says whose factors go and what that means, and its POST resets them through
``services.factoren_herstellen`` (as ``manage.py tweestaps_herstellen`` does).

The account admin is werkgroep's, which may not import this app; the action and its page
are added to it here, once the admin site is complete (``apps.py``), as persoonsgegevens
adds its actions to the participants'. Who may: the rule ``tweestaps.factoren_herstellen``
(rules.py); and only from a session itself confirmed with a second factor, checked here:
a stolen password of the secretariat, within its grace period, must not strip another
account of its factor."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from kern.rechten import vereist
from werkgroep import selectors as werkgroep_selectors

from . import selectors, services

REGEL = "tweestaps.factoren_herstellen"
URLNAAM = "auth_user_tweestaps_herstellen"


def _herstel_url(account) -> str:
    return reverse(f"admin:{URLNAAM}", args=[account.pk])


@admin.action(description=gettext_lazy("Tweede factor herstellen…"))
def tweede_factor_herstellen(modeladmin, request, queryset) -> HttpResponse | None:
    """To the confirmation page of the one account chosen (nothing is removed yet)."""
    if not request.user.has_perm(REGEL):
        messages.error(request, _("Alleen het secretariaat herstelt een tweede factor."))
        return None
    gekozen = list(queryset[:2])
    if len(gekozen) != 1:
        messages.error(request, _("Kies precies één account om zijn tweede factor te herstellen."))
        return None
    return HttpResponseRedirect(_herstel_url(gekozen[0]))


def _weigering(request, account) -> str:
    """Why ``request.user`` may not reset ``account``'s factors, in words (a refused POST)."""
    if account.pk == request.user.pk:
        return _(
            "Uw eigen tweede factor beheert u op Mijn profiel: daar verwijdert u een app of "
            "passkey met uw wachtwoord."
        )
    if account.is_superuser and not request.user.is_superuser:
        return _("De tweede factor van een superuser herstelt alleen een superuser.")
    return ""


def herstellen_view(request, account_id: int):
    """GET: whose factors go and what that means. POST: remove them, record it in the
    account's history (LogEntry) and mail the account."""
    beheer = admin.site.get_model_admin(get_user_model())
    account = get_object_or_404(get_user_model(), pk=account_id)
    if not request.user.has_perm(REGEL, account):
        if weigering := _weigering(request, account):
            messages.error(request, weigering)
            return HttpResponseRedirect(reverse("admin:auth_user_change", args=[account.pk]))
        vereist(request, REGEL, account, weigering=PermissionDenied)
    bevestigd = request.user.is_verified()
    if request.method == "POST":
        if not bevestigd:
            raise PermissionDenied
        aantal = services.factoren_herstellen(account=account, door=request.user)
        if aantal:
            beheer.log_change(
                request,
                account,
                ngettext(
                    "Tweede factor hersteld door %(door)s: %(n)d factor verwijderd.",
                    "Tweede factor hersteld door %(door)s: %(n)d factoren verwijderd.",
                    aantal,
                )
                % {"door": request.user.get_username(), "n": aantal},
            )
            messages.success(
                request,
                _(
                    "De tweede factor van %(account)s is hersteld. Bij de volgende aanmelding "
                    "volstaat het wachtwoord; %(account)s krijgt hierover een mail."
                )
                % {"account": account.get_username()},
            )
        else:
            messages.info(
                request,
                _("%(account)s had geen tweede factor; er is niets veranderd.")
                % {"account": account.get_username()},
            )
        return HttpResponseRedirect(reverse("admin:auth_user_change", args=[account.pk]))
    return TemplateResponse(
        request,
        "admin/tweestaps/herstellen.html",
        {
            **admin.site.each_context(request),
            "opts": get_user_model()._meta,
            "title": _("Tweede factor van %(account)s herstellen")
            % {"account": account.get_username()},
            "account": account,
            "factoren": selectors.factoren_tellen(account),
            "bevestigd": bevestigd,
            "verplicht": selectors.verplicht(account),
            "instellen_url": reverse("tweestaps:instellen"),
            "adres": werkgroep_selectors.adres_van(account),
        },
    )


def toevoegen(site: admin.AdminSite) -> None:
    """The action and its page on the account admin (called once, from apps.py)."""
    beheer = site.get_model_admin(get_user_model())
    beheer.actions = [*(beheer.actions or []), tweede_factor_herstellen]
    eigen_urls = beheer.get_urls

    def get_urls():
        return [
            path(
                "<id:account_id>/tweede-factor-herstellen/",
                site.admin_view(herstellen_view),
                name=URLNAAM,
            ),
            *eigen_urls(),
        ]

    beheer.get_urls = get_urls

"""The admin's actions on a participant: download everything the site holds about them
(art. 15), and ask to forget them (art. 17), which a second member of the secretariat
confirms on the list of requests.

The participant's admin is werkgroep's, which may not import this app; the actions are added
to it here, once the admin site is complete (``apps.py``). The exports and requests are
records: read in the admin, never changed or deleted there."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kern import downloads
from kern.inzage import Melding
from kern.rechten import vereist
from werkgroep.models import Deelnemer

from . import export, services
from .beleid import beleid, vertalen
from .models import Uitvoer, Wisverzoek


@admin.action(description=gettext_lazy("Persoonsgegevens uitvoeren (AVG art. 15)"))
def persoonsgegevens_uitvoeren(modeladmin, request, queryset) -> HttpResponse | None:
    if not request.user.has_perm("persoonsgegevens.uitvoeren"):
        messages.error(request, _("Alleen het secretariaat voert persoonsgegevens uit."))
        return None
    gekozen = list(queryset[:2])
    if len(gekozen) != 1:
        messages.error(request, _("Kies precies één deelnemer om zijn gegevens uit te voeren."))
        return None
    gegevens = export.verzamelen(gekozen[0])
    services.uitvoer_vastleggen(
        deelnemer=gekozen[0], gegevens=gegevens, door=request.user, via=Uitvoer.Via.BEHEER
    )
    naam = slugify(gegevens.persoon.naam) or str(gekozen[0].pk)
    inzage = Melding(
        request,
        gettext_lazy("Persoonsgegevens van %(naam)s"),
        {"naam": gegevens.persoon.naam},
        personen=1,
    )
    return downloads.bestand(
        export.archief(gegevens), f"persoonsgegevens-{naam}.zip", "application/zip", inzage=inzage
    )


@admin.action(description=gettext_lazy("Vergeten (AVG art. 17)…"))
def vergeten(modeladmin, request, queryset) -> HttpResponse | None:
    """To the page that says what stays and what goes, and records the request."""
    if not request.user.has_perm("persoonsgegevens.wissen"):
        messages.error(request, _("Alleen het secretariaat vraagt het wissen van een persoon aan."))
        return None
    gekozen = list(queryset[:2])
    if len(gekozen) != 1:
        messages.error(request, _("Kies precies één deelnemer om te vergeten."))
        return None
    return HttpResponseRedirect(
        reverse("admin:persoonsgegevens_wisverzoek_aanvragen", args=[gekozen[0].pk])
    )


def actie_toevoegen(site: admin.AdminSite) -> None:
    beheer = site.get_model_admin(Deelnemer)
    beheer.actions = [*(beheer.actions or []), persoonsgegevens_uitvoeren, vergeten]


class Verslag:
    """Records, read by the secretariat (the rule), never added, changed or deleted by hand."""

    def has_module_permission(self, request):
        return request.user.has_perm("persoonsgegevens.wissen")

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("persoonsgegevens.wissen")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Uitvoer)
class UitvoerAdmin(Verslag, admin.ModelAdmin):
    list_display = ["deelnemer", "gemaakt_op", "via", "door", "vingerafdruk"]
    list_filter = ["via"]
    list_select_related = ["deelnemer", "door"]
    search_fields = ["deelnemer__voornaam", "deelnemer__achternaam"]
    date_hierarchy = "gemaakt_op"


def _wat_blijft(deelnemer: Deelnemer) -> dict[str, list[dict]]:
    """The policy's kinds by what erasure does with them, each with its reason and how many
    of the person's rows hold it."""
    aantallen = export.verzamelen(deelnemer).rijen_per_soort()
    groepen = {"pseudoniem": [], "behouden": [], "leegmaken": [], "verwijderen": []}
    for soort in beleid().soorten.values():
        groepen[soort.wissen].append(
            {
                "titel": vertalen(soort.titel),
                "uitleg": vertalen(soort.uitleg),
                "aantal": aantallen[soort.naam],
            }
        )
    return groepen


@admin.register(Wisverzoek)
class WisverzoekAdmin(Verslag, admin.ModelAdmin):
    # The link to confirm (``get_list_display``) comes beside the status: as the last column
    # it sat outside the table's visible width on a laptop, found only by scrolling sideways.
    list_display = [
        "pseudoniem",
        "status",
        "deelnemer",
        "aangevraagd_door",
        "aangevraagd_op",
        "bevestigd_door",
        "bevestigd_op",
    ]
    list_filter = ["status"]
    list_select_related = ["deelnemer", "aangevraagd_door", "bevestigd_door"]
    search_fields = ["pseudoniem", "deelnemer__voornaam", "deelnemer__achternaam"]

    def get_list_display(self, request):
        """The confirm column knows who reads the list: one's own request waits for
        another member of the secretariat, so it offers no button."""

        @admin.display(description=gettext_lazy("bevestigen"))
        def bevestigen(obj):
            if obj.status != Wisverzoek.Status.OPEN:
                return "–"
            if obj.aangevraagd_door_id == request.user.pk:
                return _("wacht op een tweede lid van het secretariaat")
            url = reverse("admin:persoonsgegevens_wisverzoek_bevestigen", args=[obj.pk])
            return format_html('<a class="button" href="{}">{}</a>', url, _("Bevestigen"))

        return [*self.list_display[:2], bevestigen, *self.list_display[2:]]

    def get_urls(self):
        return [
            path(
                "aanvragen/<id:deelnemer_id>/",
                self.admin_site.admin_view(self.aanvragen_view),
                name="persoonsgegevens_wisverzoek_aanvragen",
            ),
            path(
                "<id:verzoek_id>/bevestigen/",
                self.admin_site.admin_view(self.bevestigen_view),
                name="persoonsgegevens_wisverzoek_bevestigen",
            ),
            *super().get_urls(),
        ]

    def _pagina(self, request, sjabloon: str, context: dict) -> TemplateResponse:
        return TemplateResponse(
            request,
            f"admin/persoonsgegevens/{sjabloon}",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "groepen": _wat_blijft(context["deelnemer"]),
                **context,
            },
        )

    def aanvragen_view(self, request, deelnemer_id: int):
        """What stays and what goes, the export it rests on; POST records the request."""
        vereist(request, "persoonsgegevens.wissen", weigering=PermissionDenied)
        deelnemer = get_object_or_404(Deelnemer, pk=deelnemer_id)
        if request.method == "POST":
            try:
                verzoek = services.wissen_aanvragen(deelnemer=deelnemer, door=request.user)
            except services.Geweigerd as fout:
                messages.error(request, " ".join(fout.messages))
            else:
                messages.success(
                    request,
                    _(
                        "Het verzoek is opgenomen. Een tweede lid van het secretariaat "
                        "bevestigt het; pas dan wordt %(naam)s vergeten."
                    )
                    % {"naam": deelnemer},
                )
                return HttpResponseRedirect(
                    reverse("admin:persoonsgegevens_wisverzoek_change", args=[verzoek.pk])
                )
        return self._pagina(
            request,
            "aanvragen.html",
            {
                "title": _("%(naam)s vergeten (AVG art. 17)") % {"naam": deelnemer},
                "deelnemer": deelnemer,
                "uitvoer": services.laatste_uitvoer(deelnemer),
            },
        )

    def bevestigen_view(self, request, verzoek_id: int):
        """The request with what stays and what goes; POST confirms and forgets."""
        vereist(request, "persoonsgegevens.wissen", weigering=PermissionDenied)
        verzoek = get_object_or_404(
            Wisverzoek.objects.select_related("deelnemer", "uitvoer", "aangevraagd_door"),
            pk=verzoek_id,
        )
        if request.method == "POST":
            try:
                services.wissen_bevestigen(verzoek=verzoek, door=request.user)
            except services.Geweigerd as fout:
                messages.error(request, " ".join(fout.messages))
            else:
                messages.success(
                    request,
                    _("De persoon is vergeten; waar een record moest blijven, staat nu %(p)s.")
                    % {"p": verzoek.pseudoniem},
                )
                return HttpResponseRedirect(reverse("admin:persoonsgegevens_wisverzoek_changelist"))
            verzoek.refresh_from_db()
        return self._pagina(
            request,
            "bevestigen.html",
            {
                "title": _("Wissen bevestigen (AVG art. 17)"),
                "verzoek": verzoek,
                "deelnemer": verzoek.deelnemer,
                "uitvoer": verzoek.uitvoer,
                "zelf_aangevraagd": verzoek.aangevraagd_door_id == request.user.pk,
            },
        )

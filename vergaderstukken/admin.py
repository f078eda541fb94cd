"""Admin of the minutes and the meeting files.

The minutes' text and status are written on the site (the minutes page), where every save
merges like the fiche's and each step has its rule; here they are read-only, so there is
one way to change them. Decisions and actions can be corrected here. A file added here is
checked by its content as on the site, and is opened through the site's download.
"""

from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from kern.beheer import AlleenVerwijzingenDieJeMagOpenen

from . import services
from .forms import BestandControle
from .models import Actie, Besluit, Notulen, Vergaderstuk


class BesluitInline(admin.TabularInline):
    model = Besluit
    extra = 0
    fields = ["volgorde", "tekst"]


class ActieInline(admin.TabularInline):
    model = Actie
    extra = 0
    fields = ["omschrijving", "eigenaar", "deadline", "afgehandeld_op"]
    autocomplete_fields = ["eigenaar"]


@admin.register(Notulen)
class NotulenAdmin(AlleenVerwijzingenDieJeMagOpenen, admin.ModelAdmin):
    list_display = ["vergadering", "werkgroep", "status", "goedgekeurd_op", "goedgekeurd_door"]
    list_filter = ["status", "vergadering__werkgroep"]
    list_select_related = ["vergadering__werkgroep", "goedgekeurd_door"]
    search_fields = ["tekst", "vergadering__kenmerk"]
    autocomplete_fields = ["vergadering"]
    inlines = [BesluitInline, ActieInline]
    ALTIJD_ALLEEN_LEZEN = [
        "status",
        "tekst",
        "versie",
        "verstuurd_op",
        "goedgekeurd_op",
        "goedgekeurd_door",
        "gewijzigd_op",
        "gewijzigd_door",
    ]

    @admin.display(description=_("werkgroep"), ordering="vergadering__werkgroep__titel")
    def werkgroep(self, obj):
        return obj.vergadering.werkgroep

    def get_readonly_fields(self, request, obj=None):
        """The text and status change on the site (one versioned save, one rule per step)."""
        return [*self.ALTIJD_ALLEEN_LEZEN, *(["vergadering"] if obj else [])]


@admin.register(Besluit)
class BesluitAdmin(AlleenVerwijzingenDieJeMagOpenen, admin.ModelAdmin):
    list_display = ["tekst", "notulen", "volgorde"]
    list_select_related = ["notulen__vergadering"]
    search_fields = ["tekst"]
    autocomplete_fields = ["notulen"]


@admin.register(Actie)
class ActieAdmin(AlleenVerwijzingenDieJeMagOpenen, admin.ModelAdmin):
    list_display = ["omschrijving", "eigenaar", "deadline", "afgehandeld_op", "notulen"]
    list_filter = [("afgehandeld_op", admin.EmptyFieldListFilter)]
    list_select_related = ["eigenaar", "notulen__vergadering"]
    search_fields = ["omschrijving", "eigenaar__voornaam", "eigenaar__achternaam"]
    autocomplete_fields = ["notulen", "eigenaar"]


class VergaderstukAdminForm(BestandControle, forms.ModelForm):
    class Meta:
        model = Vergaderstuk
        fields = ["vergadering", "soort", "titel", "bestand", "bijlage_bij_jaarverslag"]


@admin.register(Vergaderstuk)
class VergaderstukAdmin(AlleenVerwijzingenDieJeMagOpenen, admin.ModelAdmin):
    form = VergaderstukAdminForm
    list_display = [
        "titel",
        "soort",
        "vergadering",
        "inhoudstype",
        "bijlage_bij_jaarverslag",
        "geupload_op",
        "geupload_door",
    ]
    list_filter = ["soort", "bijlage_bij_jaarverslag", "vergadering__werkgroep"]
    list_select_related = ["vergadering", "geupload_door"]
    search_fields = ["titel", "bestandsnaam"]
    autocomplete_fields = ["vergadering"]
    INFO = ["bestandsnaam", "inhoudstype", "grootte", "geupload_door", "geupload_op"]

    @admin.display(description=_("bestand"))
    def downloaden(self, obj):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("vergaderstukken:vergaderstuk", args=[obj.pk]),
            obj.bestandsnaam,
        )

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["vergadering", "soort", "titel", "bestand", "bijlage_bij_jaarverslag"]
        return [
            "vergadering",
            "soort",
            "titel",
            "bijlage_bij_jaarverslag",
            "downloaden",
            *self.INFO,
        ]

    def get_readonly_fields(self, request, obj=None):
        return ["downloaden", *self.INFO] if obj is not None else []

    def save_model(self, request, obj, form, change):
        if not change:
            obj.geupload_door = request.user
        super().save_model(request, obj, form, change)

    def delete_model(self, request, obj):
        services.vergaderstuk_verwijderen(obj)

    def delete_queryset(self, request, queryset):
        for stuk in queryset:
            services.vergaderstuk_verwijderen(stuk)

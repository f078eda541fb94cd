"""Admin of the projecten app."""

from django.contrib import admin, messages
from django.db import models
from django.utils.translation import gettext_lazy as _

from kern.beheer import AlleenVerwijzingenDieJeMagOpenen
from kern.historie import VersieAdmin, VersieAdminForm
from kern.spreadsheets import SpreadsheetAdmin, SpreadsheetExport
from werkgroep.admin import VergaderingAdmin

from .models import (
    Presentatie,
    Product,
    Programma,
    Project,
    ProjectDeelnemer,
    Projectfiche,
    ProjectOrganisatie,
)
from .resources import (
    ProductResource,
    ProgrammaResource,
    ProjectDeelnemerResource,
    ProjectficheResource,
    ProjectOrganisatieResource,
    ProjectResource,
)
from .services import FICHE, fiche_beoordelen


@admin.register(Programma)
class ProgrammaAdmin(SpreadsheetAdmin):
    resource_classes = [ProgrammaResource]
    list_display = ["naam", "project_zoals_geschreven", "slug"]
    search_fields = ["naam"]
    prepopulated_fields = {"slug": ["naam"]}


class ProjectOrganisatieInline(admin.TabularInline):
    model = ProjectOrganisatie
    extra = 0
    autocomplete_fields = ["organisatie"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organisatie")


class ProjectDeelnemerInline(admin.TabularInline):
    model = ProjectDeelnemer
    extra = 0
    autocomplete_fields = ["deelnemer"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("deelnemer")


class ProductInline(admin.TabularInline):
    model = Product
    extra = 0
    fields = ["titel", "soort", "stadium", "versie", "niet_genoemd_in_bron"]
    show_change_link = True


@admin.register(Project)
class ProjectAdmin(SpreadsheetAdmin):
    resource_classes = [ProjectResource]
    list_display = ["naam", "programma", "slug", "van", "tot"]
    list_filter = ["programma"]
    list_select_related = ["programma"]
    search_fields = ["naam", "omschrijving"]
    autocomplete_fields = ["programma"]
    prepopulated_fields = {"slug": ["naam"]}
    inlines = [ProjectOrganisatieInline, ProjectDeelnemerInline, ProductInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(ProjectOrganisatie)
class ProjectOrganisatieAdmin(SpreadsheetAdmin):
    resource_classes = [ProjectOrganisatieResource]
    list_display = ["organisatie", "project", "rol"]
    list_filter = ["rol", "project"]
    list_select_related = ["organisatie", "project"]
    search_fields = ["organisatie__naam", "project__naam"]
    autocomplete_fields = ["project", "organisatie"]


@admin.register(ProjectDeelnemer)
class ProjectDeelnemerAdmin(SpreadsheetAdmin):
    resource_classes = [ProjectDeelnemerResource]
    list_display = ["deelnemer", "project", "rol"]
    list_filter = ["rol", "project"]
    list_select_related = ["deelnemer", "project"]
    search_fields = ["deelnemer__voornaam", "deelnemer__achternaam", "project__naam"]
    autocomplete_fields = ["project", "deelnemer"]


@admin.register(Product)
class ProductAdmin(SpreadsheetAdmin):
    resource_classes = [ProductResource]
    list_display = ["titel", "project", "soort", "stadium", "versie", "niet_genoemd_in_bron"]
    list_filter = ["soort", "stadium", "niet_genoemd_in_bron", "project"]
    list_select_related = ["project"]
    search_fields = ["titel", "omschrijving", "project__naam"]
    autocomplete_fields = ["project", "gemaakt_door"]


@admin.register(Presentatie)
class PresentatieAdmin(admin.ModelAdmin):
    list_display = ["__str__", "vergadering", "project", "product", "organisatie"]
    list_filter = ["vergadering__werkgroep", "project"]
    list_select_related = ["vergadering", "project", "product", "organisatie"]
    search_fields = ["onderwerp", "project__naam", "product__titel", "organisatie__naam"]
    autocomplete_fields = ["vergadering", "project", "product", "organisatie"]


class PresentatieInline(admin.TabularInline):
    model = Presentatie
    extra = 0
    autocomplete_fields = ["project", "product", "organisatie"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("project", "product", "organisatie")


# A meeting's presentations belong to this app; the meeting admin shows them
# inline without werkgroep importing projecten.
VergaderingAdmin.inlines = [*VergaderingAdmin.inlines, PresentatieInline]


class ProjectficheAdminForm(VersieAdminForm):
    """The secretariat's fiche form: merged with what others saved since it was opened."""

    class Meta:
        model = Projectfiche
        fields = ["project", "werkgroep", "status", "opmerking_secretariaat", *Projectfiche.INHOUD]


@admin.register(Projectfiche)
class ProjectficheAdmin(AlleenVerwijzingenDieJeMagOpenen, SpreadsheetExport, VersieAdmin):
    """Fiches: read, accept or return with a comment; every version kept and restorable."""

    resource_classes = [ProjectficheResource]
    form = ProjectficheAdminForm
    versiebeheer = FICHE
    list_display = ["project", "werkgroep", "status", "versie", "gewijzigd_op", "gewijzigd_door"]
    list_filter = ["werkgroep", "status"]
    list_select_related = ["project", "werkgroep", "gewijzigd_door"]
    search_fields = ["project__naam", *Projectfiche.INHOUD]
    autocomplete_fields = ["project", "werkgroep"]
    readonly_fields = ["versie", "gewijzigd_op", "gewijzigd_door"]
    actions = ["aanvaarden"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "project",
                    "werkgroep",
                    "status",
                    "opmerking_secretariaat",
                ]
            },
        ),
        *[(sectie.titel, {"fields": list(sectie.velden)}) for sectie in Projectfiche.SECTIES],
        (_("Versie"), {"fields": ["versie", "gewijzigd_op", "gewijzigd_door"]}),
    ]

    def save_model(self, request, obj, form, change):
        obj.gewijzigd_door = request.user  # a new fiche; a change is the versioned save's
        super().save_model(request, obj, form, change)

    @admin.action(
        description=_("Geselecteerde ingediende fiches aanvaarden"), permissions=["change"]
    )
    def aanvaarden(self, request, queryset):
        aantal = 0
        for fiche in queryset.filter(status=Projectfiche.Status.INGEDIEND):
            fiche_beoordelen(
                fiche=fiche, status=Projectfiche.Status.AANVAARD,
                opmerking=fiche.opmerking_secretariaat, door=request.user,
            )  # fmt: skip
            aantal += 1
        self.message_user(
            request, _("%(aantal)s fiche(s) aanvaard.") % {"aantal": aantal}, messages.SUCCESS
        )

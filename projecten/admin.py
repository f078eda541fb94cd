"""Admin of the projecten app."""

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.utils.translation import gettext_lazy as _
from import_export.admin import ExportMixin

from werkgroep.admin import VergaderingAdmin
from werkgroep.historie import HistorieAdmin
from werkgroep.spreadsheets import FORMATEN, SpreadsheetAdmin

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


@admin.register(Programma)
class ProgrammaAdmin(SpreadsheetAdmin):
    resource_classes = [ProgrammaResource]
    list_display = ["naam", "slug"]
    search_fields = ["naam"]
    prepopulated_fields = {"slug": ["naam"]}


class ProjectOrganisatieInline(admin.TabularInline):
    model = ProjectOrganisatie
    extra = 0
    autocomplete_fields = ["organisatie"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organisatie__moeder__moeder")


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
    list_select_related = ["organisatie__moeder__moeder", "project"]
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
    list_select_related = ["vergadering", "project", "product", "organisatie__moeder"]
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


class ProjectficheAdminForm(forms.ModelForm):
    """Refuses a save made from an older version of the fiche, like the site does."""

    gelezen_versie = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Projectfiche
        fields = ["project", "werkgroep", "status", "opmerking_secretariaat", *Projectfiche.INHOUD]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.instance.pk:
            self.initial["gelezen_versie"] = self.instance.versie

    def clean(self):
        cleaned = super().clean()
        gelezen = cleaned.get("gelezen_versie")
        if self.instance.pk and getattr(self, "controleer_versie", True) and gelezen is not None:
            huidig = (
                Projectfiche.objects.filter(pk=self.instance.pk)
                .values_list("versie", flat=True)
                .first()
            )
            if huidig != gelezen:
                raise forms.ValidationError(
                    _(
                        "Iemand anders heeft deze fiche opgeslagen nadat u ze opende. Uw tekst "
                        "staat nog in het formulier: kopieer wat u wilt bewaren, open de fiche "
                        "opnieuw en voeg het samen."
                    )
                )
        return cleaned


@admin.register(Projectfiche)
class ProjectficheAdmin(ExportMixin, HistorieAdmin):
    """Fiches: read, accept or return with a comment; every version kept and restorable."""

    resource_classes = [ProjectficheResource]
    formats = FORMATEN
    form = ProjectficheAdminForm
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
                    "gelezen_versie",
                ]
            },
        ),
        (_("Identificatie"), {"fields": ["contact"]}),
        (_("Het project"), {"fields": ["doelstellingen", "doelgroep", "aanpak"]}),
        (
            _("Link met het thema van de werkgroep"),
            {"fields": ["beleidsdomeinen", "rol_lokaal_bestuur"]},
        ),
        (_("Producten"), {"fields": ["producten", "klaar_voor_validering"]}),
        (_("Het project en de werkgroep"), {"fields": ["verwachtingen", "inbreng"]}),
        (_("Versie"), {"fields": ["versie", "gewijzigd_op", "gewijzigd_door"]}),
    ]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        # Restoring an old version from the history is meant to overwrite: no version check.
        form.controleer_versie = "/history/" not in request.path
        return form

    def save_model(self, request, obj, form, change):
        from django.db.models import F

        if change:
            Projectfiche.objects.filter(pk=obj.pk).update(versie=F("versie") + 1)
            obj.versie = Projectfiche.objects.values_list("versie", flat=True).get(pk=obj.pk)
        obj.gewijzigd_door = request.user
        super().save_model(request, obj, form, change)

    @admin.action(
        description=_("Geselecteerde ingediende fiches aanvaarden"), permissions=["change"]
    )
    def aanvaarden(self, request, queryset):
        from .services import fiche_beoordelen

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

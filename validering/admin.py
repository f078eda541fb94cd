"""Admin of the validering app: the method and its versions, sessions, subgroups, scores."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import (
    Criterium,
    Methode,
    Methodeversie,
    Punt,
    Score,
    Subgroep,
    Subgroepsoort,
    Validatiesessie,
)
from .services import methodeversie_verfijnen


@admin.register(Subgroepsoort)
class SubgroepsoortAdmin(admin.ModelAdmin):
    list_display = ["naam", "slug", "volgorde"]
    search_fields = ["naam"]
    prepopulated_fields = {"slug": ["naam"]}


@admin.register(Methode)
class MethodeAdmin(admin.ModelAdmin):
    list_display = ["naam", "slug"]
    search_fields = ["naam"]
    prepopulated_fields = {"slug": ["naam"]}


class CriteriumInline(admin.TabularInline):
    model = Criterium
    extra = 0
    max_num = 10

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not (obj and obj.in_gebruik)

    has_add_permission = has_change_permission
    has_delete_permission = has_change_permission


@admin.register(Methodeversie)
class MethodeversieAdmin(admin.ModelAdmin):
    """A version a session used is read-only here; refine it into a new version (action)."""

    list_display = ["__str__", "methode", "nummer", "in_gebruik"]
    list_filter = ["methode"]
    list_select_related = ["methode"]
    search_fields = ["methode__naam", "wijzigingen"]
    autocomplete_fields = ["methode", "subgroepsoorten"]
    inlines = [CriteriumInline]
    actions = ["verfijnen"]

    @admin.display(boolean=True, description=_("in gebruik"))
    def in_gebruik(self, obj):
        return obj.in_gebruik

    def get_readonly_fields(self, request, obj=None):
        if obj and obj.in_gebruik:
            return ["methode", "nummer", "subgroepsoorten", "wijzigingen", "bron"]
        return []

    @admin.action(
        description=_("Verfijnen: een nieuwe versie maken op basis van deze"), permissions=["add"]
    )
    def verfijnen(self, request, queryset):
        for versie in queryset:
            try:
                nieuw = methodeversie_verfijnen(
                    versie=versie,
                    wijzigingen=_(
                        "Verfijning van %(versie)s: beschrijf hier wat verandert en waarom."
                    )
                    % {"versie": versie},
                )
            except ValidationError as fout:
                self.message_user(request, " ".join(fout.messages), messages.ERROR)
            else:
                self.message_user(
                    request, _("%(versie)s gemaakt.") % {"versie": nieuw}, messages.SUCCESS
                )


@admin.register(Criterium)
class CriteriumAdmin(admin.ModelAdmin):
    list_display = ["naam", "versie", "volgorde", "verplicht", "schaal"]
    list_filter = ["versie__methode", "verplicht"]
    list_select_related = ["versie__methode"]
    search_fields = ["naam", "vraag"]
    autocomplete_fields = ["versie"]

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not (obj and obj.versie.in_gebruik)


class SubgroepInline(admin.StackedInline):
    model = Subgroep
    extra = 0
    autocomplete_fields = ["soort", "rapporteur", "leden"]
    fields = [("soort", "rapporteur"), "leden", "externe_leden", "sterktes", "aanbevelingen"]
    show_change_link = True


@admin.register(Validatiesessie)
class ValidatiesessieAdmin(admin.ModelAdmin):
    list_display = [
        "product",
        "vergadering",
        "methodeversie",
        "oordeel",
        "gesloten",
        "gepubliceerd",
    ]
    list_filter = ["vergadering__werkgroep", "oordeel", "gesloten", "gepubliceerd", "methodeversie"]
    list_select_related = ["product__project", "vergadering", "methodeversie__methode"]
    search_fields = ["product__titel", "product__project__naam"]
    autocomplete_fields = ["product", "vergadering", "methodeversie"]
    inlines = [SubgroepInline]


class ScoreInline(admin.TabularInline):
    model = Score
    extra = 0
    autocomplete_fields = ["criterium"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("criterium")


class PuntInline(admin.TabularInline):
    model = Punt
    extra = 0


@admin.register(Subgroep)
class SubgroepAdmin(admin.ModelAdmin):
    """The secretariat scores a subgroup here when the rapporteur does not do it online."""

    list_display = ["soort", "sessie", "rapporteur"]
    list_filter = ["soort", "sessie__vergadering__werkgroep"]
    list_select_related = ["soort", "sessie__product", "sessie__vergadering", "rapporteur"]
    search_fields = ["sessie__product__titel", "rapporteur__achternaam"]
    autocomplete_fields = ["sessie", "soort", "rapporteur", "leden"]
    inlines = [ScoreInline, PuntInline]


@admin.register(Punt)
class PuntAdmin(admin.ModelAdmin):
    """Mark points as input for the round table or as candidate policy recommendations."""

    list_display = [
        "tekst",
        "soort",
        "subgroep",
        "input_rondetafel",
        "kandidaat_beleidsaanbeveling",
    ]
    list_editable = ["input_rondetafel", "kandidaat_beleidsaanbeveling"]
    list_filter = [
        "soort",
        "input_rondetafel",
        "kandidaat_beleidsaanbeveling",
        "subgroep__sessie__vergadering__werkgroep",
    ]
    list_select_related = [
        "subgroep__soort",
        "subgroep__sessie__product",
        "subgroep__sessie__vergadering",
    ]
    search_fields = ["tekst"]
    autocomplete_fields = ["subgroep"]


@admin.register(Score)
class ScoreAdmin(admin.ModelAdmin):
    list_display = ["criterium", "score", "subgroep"]
    list_filter = ["subgroep__sessie__vergadering__werkgroep"]
    list_select_related = [
        "criterium",
        "subgroep__soort",
        "subgroep__sessie__product",
        "subgroep__sessie__vergadering",
    ]
    search_fields = ["criterium__naam", "commentaar"]
    autocomplete_fields = ["subgroep", "criterium"]

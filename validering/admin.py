"""Admin of the validering app: the method and its versions, sessions, subgroups, scores."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kern.historie import VersieAdmin, VersieAdminForm

from .forms import ScoreInhoud, puntveld, scorevelden
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
from .services import SUBGROEP, methodeversie_verfijnen


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

    def get_queryset(self, request):
        # "In gebruik" for every row in the changelist's one query, not one query per row.
        return super().get_queryset(request).annotate(gebruikt=Methodeversie.door_sessie_gebruikt())

    @admin.display(boolean=True, description=_("in gebruik"), ordering="gebruikt")
    def in_gebruik(self, obj):
        return obj.in_gebruik

    def get_readonly_fields(self, request, obj=None):
        if obj and obj.in_gebruik:
            opties = Methodeversie._meta
            velden = (*opties.fields, *opties.many_to_many)
            return [v.name for v in velden if v.editable and not v.primary_key]
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
    """A session's subgroups; their texts change on the subgroup's own page (one versioned save)."""

    model = Subgroep
    extra = 0
    autocomplete_fields = ["soort", "rapporteur", "leden"]
    fields = [("soort", "rapporteur"), "leden", "externe_leden", "sterktes", "aanbevelingen"]
    readonly_fields = ["externe_leden", "sterktes", "aanbevelingen"]
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


class PuntInline(admin.TabularInline):
    """The subgroup's points, to read here; marks are set on the points' own list."""

    model = Punt
    extra = 0
    fields = ["soort", "tekst", "input_rondetafel", "kandidaat_beleidsaanbeveling"]
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class SubgroepAdminForm(ScoreInhoud, VersieAdminForm):
    """The secretariat's subgroup form: the scoring form's fields, merged like the site's."""

    aandachtspunten = puntveld(_("aandachtspunten"))
    knelpunten = puntveld(_("knelpunten"))
    criteria: list = []

    class Meta:
        model = Subgroep
        fields = [
            "sessie",
            "soort",
            "rapporteur",
            "leden",
            "externe_leden",
            "sterktes",
            "aanbevelingen",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.instance.pk:
            # A version from the history shows the scores and points it had.
            historisch = getattr(self.instance, "_history", None)
            if historisch is not None:
                inhoud = SUBGROEP.inhoud_van(historisch)
            else:
                inhoud = self.instance.scores_en_punten()
            for naam, tekst in inhoud.items():
                if naam in self.fields and naam not in SUBGROEP.TEKSTEN:
                    self.initial[naam] = tekst


@admin.register(Subgroep)
class SubgroepAdmin(VersieAdmin):
    """The secretariat scores a subgroup here when the rapporteur does not do it online.

    The same fields and the same save as the rapporteur's form (a restored version too):
    merged with what was saved since the page opened, one guarded version bump.
    """

    form = SubgroepAdminForm
    versiebeheer = SUBGROEP
    list_display = ["soort", "sessie", "rapporteur", "versie"]
    list_filter = ["soort", "sessie__vergadering__werkgroep"]
    list_select_related = ["soort", "sessie__product", "sessie__vergadering", "rapporteur"]
    search_fields = ["sessie__product__titel", "rapporteur__achternaam"]
    autocomplete_fields = ["sessie", "soort", "rapporteur", "leden"]
    readonly_fields = ["versie"]
    inlines = [PuntInline]

    def _criteria(self, obj) -> list[Criterium]:
        if obj is None or not obj.sessie_id:
            return []
        return list(obj.sessie.methodeversie.criteria.all())

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None and not self.has_change_permission(request, obj):
            # Read only (a coordinator): the admin reads the form's own fields (scores,
            # comments, points) from the object, so they are set there from what is saved.
            inhoud = obj.scores_en_punten()
            namen = [
                f"{veld}_{c.pk}" for c in self._criteria(obj) for veld in ("score", "commentaar")
            ]
            for naam in [*namen, "aandachtspunten", "knelpunten"]:
                setattr(obj, naam, inhoud.get(naam) or self.get_empty_value_display())
        return obj

    def get_form(self, request, obj=None, change=False, **kwargs):
        criteria = self._criteria(obj)
        kwargs["form"] = type(
            "SubgroepAdminForm", (self.form,), {**scorevelden(criteria), "criteria": criteria}
        )
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            (
                None,
                {
                    "fields": [
                        "sessie",
                        ("soort", "rapporteur"),
                        "leden",
                        "externe_leden",
                    ]
                },
            )
        ]
        if obj is None:
            return self.met_gelezen_versie(request, obj, fieldsets)
        fieldsets += [
            (
                _("Scores per criterium"),
                {"fields": [(f"score_{c.pk}", f"commentaar_{c.pk}") for c in self._criteria(obj)]},
            ),
            (
                _("Opmerkingen van de subgroep"),
                {"fields": ["sterktes", "aandachtspunten", "knelpunten", "aanbevelingen"]},
            ),
            (_("Versie"), {"fields": ["versie"]}),
        ]
        return self.met_gelezen_versie(request, obj, fieldsets)


@admin.register(Punt)
class PuntAdmin(admin.ModelAdmin):
    """Mark points as input for the round table or as candidate policy recommendations.

    A point's text is written on its subgroup (site or admin), one versioned save: here
    it is read-only, and points are neither added nor deleted. The two marks are set by
    actions on the points one selects (or on a point's own page, which refuses a stale
    save like every admin form), not by checkboxes in the list: a list left open would
    post every row's marks as it showed them and undo a colleague's marks unseen.
    """

    list_display = [
        "tekst",
        "soort",
        "subgroep",
        "input_rondetafel",
        "kandidaat_beleidsaanbeveling",
    ]
    actions = [
        "rondetafel_aan",
        "rondetafel_uit",
        "beleidsaanbeveling_aan",
        "beleidsaanbeveling_uit",
    ]
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
    readonly_fields = ["subgroep", "soort", "tekst"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def _markeren(self, request, queryset, veld: str, waarde: bool) -> None:
        aantal = queryset.update(**{veld: waarde})
        self.message_user(
            request,
            ngettext("%(n)d punt aangepast.", "%(n)d punten aangepast.", aantal) % {"n": aantal},
            messages.SUCCESS,
        )

    @admin.action(description=_("Markeren als input voor de rondetafel"), permissions=["change"])
    def rondetafel_aan(self, request, queryset):
        self._markeren(request, queryset, "input_rondetafel", True)

    @admin.action(description=_("Niet meer als input voor de rondetafel"), permissions=["change"])
    def rondetafel_uit(self, request, queryset):
        self._markeren(request, queryset, "input_rondetafel", False)

    @admin.action(
        description=_("Markeren als kandidaat-beleidsaanbeveling"), permissions=["change"]
    )
    def beleidsaanbeveling_aan(self, request, queryset):
        self._markeren(request, queryset, "kandidaat_beleidsaanbeveling", True)

    @admin.action(
        description=_("Niet meer als kandidaat-beleidsaanbeveling"), permissions=["change"]
    )
    def beleidsaanbeveling_uit(self, request, queryset):
        self._markeren(request, queryset, "kandidaat_beleidsaanbeveling", False)


@admin.register(Score)
class ScoreAdmin(admin.ModelAdmin):
    """Scores to read and search; they are given on their subgroup (one versioned save)."""

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

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

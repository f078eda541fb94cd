"""Admin of the ledger: lines with filters by year, status and category; budgets; categories."""

from django import forms
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from kern.historie import HistorieAdmin
from kern.spreadsheets import SpreadsheetAdmin
from werkgroep.admin import VergaderingAdmin

from .bedragen import euro
from .forms import BedragField, KostenpostInlineForm, OmschrijvingUitCategorie
from .models import Bedragplafond, Budget, Kostencategorie, Kostenpost
from .resources import KostenpostResource
from .services import koppelen_volgens_datum


def bedragkolom(beschrijving):
    """A changelist column of the amount: "€ 36,30", or "nog te bepalen" without one."""

    @admin.display(description=beschrijving, ordering="bedrag")
    def bedrag_euro(self, obj):
        return euro(obj.bedrag) if obj.bedrag is not None else _("nog te bepalen")

    return bedrag_euro


class BedragAdmin(admin.ModelAdmin):
    """Amounts typed the Belgian way ("36,30", "1.234,56") and listed as "€ 36,30"."""

    formfield_overrides = {models.DecimalField: {"form_class": BedragField}}
    bedrag_euro = bedragkolom(_("bedrag"))


@admin.register(Kostencategorie)
class KostencategorieAdmin(admin.ModelAdmin):
    list_display = ["naam", "slug", "vraagt_spreker"]
    search_fields = ["naam"]
    prepopulated_fields = {"slug": ["naam"]}


class GekoppeldFilter(admin.SimpleListFilter):
    title = _("gekoppeld aan een vergadering")
    parameter_name = "gekoppeld"

    def lookups(self, request, model_admin):
        return [("ja", _("ja")), ("nee", _("nee: datum zonder vergadering"))]

    def queryset(self, request, queryset):
        if self.value() == "ja":
            return queryset.filter(vergadering__isnull=False)
        if self.value() == "nee":
            return queryset.filter(vergadering__isnull=True)
        return queryset


class KostenpostAdminForm(OmschrijvingUitCategorie, forms.ModelForm):
    """A cost line in its own admin form: the description defaults to the category."""

    class Meta:
        model = Kostenpost
        fields = "__all__"  # noqa: DJ007 - the admin's own fields, as without this form


@admin.register(Kostenpost)
class KostenpostAdmin(BedragAdmin, SpreadsheetAdmin, HistorieAdmin):
    resource_classes = [KostenpostResource]
    form = KostenpostAdminForm
    list_display = [
        "vergadering_zoals_geschreven", "vergadering", "categorie", "omschrijving", "status",
        "bedrag_euro", "werkgroep",
    ]  # fmt: skip
    list_filter = ["jaar", "status", "categorie", GekoppeldFilter, "werkgroep"]
    list_select_related = ["vergadering", "categorie", "werkgroep"]
    search_fields = ["omschrijving", "vergadering_zoals_geschreven"]
    autocomplete_fields = ["werkgroep", "vergadering", "categorie"]

    def save_model(self, request, obj, form, change):
        """A new line left unlinked is linked as an import would: only to the one exact date."""
        if not change:
            koppelen_volgens_datum(obj)
        super().save_model(request, obj, form, change)


@admin.register(Budget)
class BudgetAdmin(BedragAdmin):
    list_display = ["werkgroep", "jaar", "categorie", "bedrag_euro"]
    list_filter = ["jaar", "werkgroep", "categorie"]
    list_select_related = ["werkgroep", "categorie"]
    search_fields = ["werkgroep__titel"]
    autocomplete_fields = ["werkgroep", "categorie"]


@admin.register(Bedragplafond)
class BedragplafondAdmin(BedragAdmin):
    """The secretariat sets the largest amount of one line per group (default € 100.000)."""

    list_display = ["werkgroep", "bedrag_euro"]
    list_select_related = ["werkgroep"]
    autocomplete_fields = ["werkgroep"]

    bedrag_euro = bedragkolom(_("hoogste bedrag per kostenpost"))


class KostenpostInline(admin.TabularInline):
    """A meeting's cost lines in its admin form; a new line takes the meeting's group and
    date. Amounts typed the Belgian way."""

    model = Kostenpost
    form = KostenpostInlineForm
    formfield_overrides = {models.DecimalField: {"form_class": BedragField}}
    fields = ["vergadering_zoals_geschreven", "categorie", "omschrijving", "status", "bedrag"]
    readonly_fields = ["vergadering_zoals_geschreven"]
    extra = 1

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("categorie")


# A meeting's cost lines belong to this app; the meeting admin shows them inline without
# werkgroep importing financien (as projecten adds its presentations).
VergaderingAdmin.inlines = [*VergaderingAdmin.inlines, KostenpostInline]

"""Admin of the ledger: lines with filters by year, status and category; budgets; categories."""

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from kern.historie import HistorieAdmin
from kern.spreadsheets import SpreadsheetAdmin

from .bedragen import euro
from .forms import BedragField
from .models import Bedragplafond, Budget, Kostencategorie, Kostenpost
from .resources import KostenpostResource
from .services import koppelen_volgens_datum

BEDRAG_INVOER = {models.DecimalField: {"form_class": BedragField}}


@admin.register(Kostencategorie)
class KostencategorieAdmin(admin.ModelAdmin):
    list_display = ["naam", "slug"]
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


@admin.register(Kostenpost)
class KostenpostAdmin(SpreadsheetAdmin, HistorieAdmin):
    resource_classes = [KostenpostResource]
    formfield_overrides = BEDRAG_INVOER
    list_display = [
        "vergadering_zoals_geschreven", "vergadering", "categorie", "omschrijving", "status",
        "bedrag_euro", "werkgroep",
    ]  # fmt: skip
    list_filter = ["jaar", "status", "categorie", GekoppeldFilter, "werkgroep"]
    list_select_related = ["vergadering", "categorie", "werkgroep"]
    search_fields = ["omschrijving", "vergadering_zoals_geschreven"]
    autocomplete_fields = ["werkgroep", "vergadering", "categorie"]

    @admin.display(description=_("bedrag"), ordering="bedrag")
    def bedrag_euro(self, obj):
        return euro(obj.bedrag) if obj.bedrag is not None else _("nog te bepalen")

    def save_model(self, request, obj, form, change):
        """A new line left unlinked is linked as an import would: only to the one exact date."""
        if not change:
            koppelen_volgens_datum(obj)
        super().save_model(request, obj, form, change)


@admin.register(Budget)
class BudgetAdmin(admin.ModelAdmin):
    formfield_overrides = BEDRAG_INVOER
    list_display = ["werkgroep", "jaar", "categorie", "bedrag_euro"]
    list_filter = ["jaar", "werkgroep", "categorie"]
    list_select_related = ["werkgroep", "categorie"]
    search_fields = ["werkgroep__titel"]
    autocomplete_fields = ["werkgroep", "categorie"]

    @admin.display(description=_("bedrag"), ordering="bedrag")
    def bedrag_euro(self, obj):
        return euro(obj.bedrag)


@admin.register(Bedragplafond)
class BedragplafondAdmin(admin.ModelAdmin):
    """The secretariat sets the largest amount of one line per group (default € 100.000)."""

    formfield_overrides = BEDRAG_INVOER
    list_display = ["werkgroep", "bedrag_euro"]
    list_select_related = ["werkgroep"]
    autocomplete_fields = ["werkgroep"]

    @admin.display(description=_("hoogste bedrag per kostenpost"), ordering="bedrag")
    def bedrag_euro(self, obj):
        return euro(obj.bedrag)

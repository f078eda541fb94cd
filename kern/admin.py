"""The access log in the admin: read only, for who may read it (the secretariat). Nobody
adds, changes or deletes a record by hand; old ones go by ``kern.inzage.opruimen``."""

from django.contrib import admin

from .models import Inzage


@admin.register(Inzage)
class InzageAdmin(admin.ModelAdmin):
    list_display = ["wanneer", "gebruikersnaam", "wat", "personen", "bron"]
    list_filter = ["wanneer", "bron"]
    search_fields = ["gebruikersnaam", "wat"]
    date_hierarchy = "wanneer"
    list_select_related = ["account"]
    fields = ["wanneer", "account", "gebruikersnaam", "wat", "personen", "bron"]
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

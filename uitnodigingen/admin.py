"""Admin of the invitations: to read replies and correct one (a reply by phone). Inviting
happens on the meeting page, where the mail goes out."""

from django.contrib import admin

from kern.beheer import AlleenVerwijzingenDieJeMagOpenen

from .models import Uitnodiging


@admin.register(Uitnodiging)
class UitnodigingAdmin(AlleenVerwijzingenDieJeMagOpenen, admin.ModelAdmin):
    list_display = ["weergavenaam", "vergadering", "antwoord", "uitgenodigd_op", "beantwoord_op"]
    list_filter = ["antwoord", "vergadering__werkgroep"]
    list_select_related = ["deelnemer", "vergadering"]
    search_fields = ["email", "naam", "deelnemer__achternaam", "deelnemer__voornaam"]
    autocomplete_fields = ["vergadering", "deelnemer"]
    readonly_fields = ["aangekondigd_op", "uitgenodigd_op"]

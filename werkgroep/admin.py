"""Admin of the werkgroep app: every model, with inlines for a meeting and a group."""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kern.beheer import AlleenVerwijzingenDieJeMagOpenen
from kern.historie import HistorieAdmin
from kern.spreadsheets import SpreadsheetAdmin

from . import selectors, services
from .forms import VergaderingForm
from .models import (
    Aanwezigheid,
    Actiepunt,
    Adresconflict,
    Agendapunt,
    Bevinding,
    Deelnemer,
    Doelstelling,
    Jaartekst,
    Kalendersleutel,
    Lidmaatschap,
    Organisatie,
    Samenwerking,
    Thema,
    Vergadering,
    Werkgroep,
)
from .resources import (
    AanwezigheidResource,
    AgendapuntResource,
    DeelnemerResource,
    LidmaatschapResource,
    OrganisatieResource,
    ThemaResource,
    VergaderingResource,
    WerkgroepResource,
)


@admin.register(Thema)
class ThemaAdmin(SpreadsheetAdmin):
    resource_classes = [ThemaResource]
    list_display = ["naam", "slug"]
    search_fields = ["naam"]
    prepopulated_fields = {"slug": ["naam"]}


class DoelstellingInline(admin.TabularInline):
    model = Doelstelling
    extra = 0


class ActiepuntInline(admin.TabularInline):
    model = Actiepunt
    extra = 0


class JaartekstInline(admin.StackedInline):
    model = Jaartekst
    extra = 0


class LidmaatschapInline(admin.TabularInline):
    model = Lidmaatschap
    extra = 0
    autocomplete_fields = ["deelnemer"]
    fields = ["volgorde", "deelnemer", "organisatie_zoals_geschreven", "rol", "van", "tot"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("deelnemer")


@admin.register(Werkgroep)
class WerkgroepAdmin(SpreadsheetAdmin):
    resource_classes = [WerkgroepResource]
    list_display = ["titel", "thema", "slug"]
    list_filter = ["thema"]
    list_select_related = ["thema"]
    search_fields = ["titel", "thema__naam"]
    autocomplete_fields = ["thema"]
    prepopulated_fields = {"slug": ["titel"]}
    inlines = [DoelstellingInline, ActiepuntInline, JaartekstInline, LidmaatschapInline]


@admin.register(Doelstelling, Actiepunt)
class GeordendItemAdmin(admin.ModelAdmin):
    list_display = ["volgorde", "tekst", "werkgroep"]
    list_display_links = ["tekst"]
    list_filter = ["werkgroep"]
    list_select_related = ["werkgroep"]
    search_fields = ["tekst"]
    autocomplete_fields = ["werkgroep"]


@admin.register(Jaartekst)
class JaartekstAdmin(admin.ModelAdmin):
    list_display = ["__str__", "werkgroep", "jaar"]
    list_filter = ["werkgroep", "jaar"]
    list_select_related = ["werkgroep"]
    search_fields = ["tekst"]
    autocomplete_fields = ["werkgroep"]


@admin.register(Organisatie)
class OrganisatieAdmin(SpreadsheetAdmin):
    resource_classes = [OrganisatieResource]
    list_display = ["volledige_naam", "moeder"]
    list_filter = [("moeder", admin.EmptyFieldListFilter)]
    list_select_related = ["moeder"]
    search_fields = ["naam", "moeder__naam"]
    autocomplete_fields = ["moeder"]
    ordering = ["naam"]

    @admin.display(description=_("naam"), ordering="naam")
    def volledige_naam(self, obj):
        return obj.volledige_naam

    def get_search_results(self, request, queryset, search_term):
        queryset, distinct = super().get_search_results(request, queryset, search_term)
        return queryset.select_related("moeder"), distinct


class LidmaatschapVanDeelnemerInline(admin.TabularInline):
    model = Lidmaatschap
    extra = 0
    autocomplete_fields = ["werkgroep"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("werkgroep")


class EenAdresForm(forms.ModelForm):
    """Refuses an address another account has (one address per person: issue 25)."""

    def _account(self):
        return (
            self.instance if isinstance(self.instance, User) else self.cleaned_data.get("account")
        )

    def clean(self):
        cleaned = super().clean()
        account, email = self._account(), cleaned.get("email")
        if account and email and selectors.adres_van_ander_account(email, behalve=account):
            self.add_error("email", services.ADRES_BEZET)
        return cleaned


@admin.register(Deelnemer)
class DeelnemerAdmin(AlleenVerwijzingenDieJeMagOpenen, SpreadsheetAdmin):
    resource_classes = [DeelnemerResource]
    form = EenAdresForm
    list_display = ["achternaam", "voornaam", "organisatie", "email", "telefoon", "account"]
    list_display_links = ["achternaam", "voornaam"]
    list_filter = ["lidmaatschappen__werkgroep", "lidmaatschappen__rol"]
    list_select_related = ["organisatie", "account"]
    search_fields = ["voornaam", "achternaam", "email", "organisatie__naam"]
    autocomplete_fields = ["organisatie", "account"]
    inlines = [LidmaatschapVanDeelnemerInline]

    def get_search_results(self, request, queryset, search_term):
        queryset, distinct = super().get_search_results(request, queryset, search_term)
        return queryset.select_related("organisatie"), distinct

    def save_model(self, request, obj, form, change):
        """The participant's address is the person's: its account gets it too."""
        super().save_model(request, obj, form, change)
        if "account" in form.changed_data:
            conflict = services.adressen_samenbrengen(deelnemer=obj)
            if conflict is not None:
                self.message_user(
                    request,
                    _("Adresconflict: %(conflict)s. Zie manage.py adresconflicten.")
                    % {"conflict": conflict},
                    messages.WARNING,
                )
        elif "email" in form.changed_data:
            services.adres_wijzigen(deelnemer=obj, email=obj.email)


@admin.register(Adresconflict)
class AdresconflictAdmin(AlleenVerwijzingenDieJeMagOpenen, admin.ModelAdmin):
    """The pairs of participant and account whose addresses could not simply be joined into
    one (migration werkgroep 0012, or an account linked later): for the secretariat to check
    with the person. Kept as reported; only marked as handled."""

    list_display = [
        "deelnemer",
        "account",
        "soort",
        "adres_deelnemer",
        "adres_account",
        "gemeld_op",
        "afgehandeld_op",
    ]
    list_filter = [("afgehandeld_op", admin.EmptyFieldListFilter), "soort"]
    list_select_related = ["deelnemer", "account"]
    readonly_fields = list_display
    actions = ["als_afgehandeld_markeren"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(
        description=_("Als afgehandeld markeren (nagekeken met de persoon)"),
        permissions=["view"],
    )
    def als_afgehandeld_markeren(self, request, queryset):
        if not request.user.has_perm("werkgroep.deelnemers_beheren"):
            self.message_user(
                request, gettext("Alleen het secretariaat handelt dit af."), messages.ERROR
            )
            return
        aantal = services.adresconflicten_afhandelen(
            nummers=list(queryset.values_list("pk", flat=True))
        )
        self.message_user(
            request, gettext("%(aantal)d adresconflict(en) afgehandeld.") % {"aantal": aantal}
        )


@admin.register(Lidmaatschap)
class LidmaatschapAdmin(SpreadsheetAdmin):
    resource_classes = [LidmaatschapResource]
    list_display = [
        "deelnemer",
        "werkgroep",
        "volgorde",
        "organisatie_zoals_geschreven",
        "rol",
        "van",
        "tot",
    ]
    list_filter = ["werkgroep", "rol"]
    list_select_related = ["deelnemer", "werkgroep"]
    search_fields = [
        "deelnemer__voornaam",
        "deelnemer__achternaam",
        "werkgroep__titel",
        "organisatie_zoals_geschreven",
    ]
    autocomplete_fields = ["werkgroep", "deelnemer"]


class AgendapuntAdminForm(forms.ModelForm):
    """An agenda item in the meeting's admin form: its number may be left empty."""

    class Meta:
        model = Agendapunt
        fields = ["volgorde", "soort", "titel", "spreker", "spreker_naam", "tekst"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "volgorde" in self.fields:  # a reader's admin page shows it as text
            self.fields["volgorde"].required = False
            self.fields["volgorde"].help_text = _("Leeg: het volgende nummer.")


class AgendapuntenFormSet(forms.BaseInlineFormSet):
    """An item without a number gets the next one (after the highest of the form), so the
    first save with a new item succeeds."""

    def clean(self):
        super().clean()
        blijven = [
            form
            for form in self.forms
            if getattr(form, "cleaned_data", None)
            and not self._should_delete_form(form)
            and (form.instance.pk is not None or form.has_changed())
        ]
        volgende = max((f.cleaned_data.get("volgorde") or 0 for f in blijven), default=0) + 1
        for form in blijven:
            if form.cleaned_data.get("volgorde") is None:
                form.cleaned_data["volgorde"] = form.instance.volgorde = volgende
                volgende += 1


class AgendapuntInline(admin.StackedInline):
    model = Agendapunt
    form = AgendapuntAdminForm
    formset = AgendapuntenFormSet
    extra = 0
    autocomplete_fields = ["spreker"]
    fields = [("volgorde", "soort"), "titel", ("spreker", "spreker_naam"), "tekst"]


class AanwezigheidInline(admin.TabularInline):
    model = Aanwezigheid
    extra = 0
    autocomplete_fields = ["deelnemer"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("deelnemer")


@admin.register(Vergadering)
class VergaderingAdmin(SpreadsheetAdmin, HistorieAdmin):
    resource_classes = [VergaderingResource]
    form = VergaderingForm
    list_display = ["datum_weergave", "soort", "status", "werkgroep", "plaats"]
    list_display_links = ["datum_weergave"]
    list_filter = ["werkgroep", "soort", "status", "precisie"]
    list_select_related = ["werkgroep"]
    search_fields = ["plaats", "kenmerk", "oorspronkelijke_datum", "agendapunten__titel"]
    autocomplete_fields = ["werkgroep"]
    date_hierarchy = "datum_van"
    readonly_fields = ["oorspronkelijke_datum"]
    inlines = [AgendapuntInline, AanwezigheidInline]
    fieldsets = [
        (None, {"fields": ["werkgroep", "soort", "status"]}),
        (_("Wanneer en waar"), {"fields": ["datum", ("aanvang", "einde"), "plaats"]}),
        (_("Sleutels"), {"fields": ["kenmerk", "oorspronkelijke_datum"], "classes": ["collapse"]}),
    ]

    @admin.display(description=_("datum"), ordering="datum_van")
    def datum_weergave(self, obj):
        return str(obj.datum)

    def view_on_site(self, obj):
        """ "Bekijken op de site": the meeting's page (the model knows no URL of its own)."""
        return reverse("werkgroep:vergadering_detail", args=[obj.pk])

    def response_add(self, request, obj, post_url_continue=None):
        self._link_naar_de_site(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        self._link_naar_de_site(request, obj)
        return super().response_change(request, obj)

    def _link_naar_de_site(self, request, obj) -> None:
        """After a save, the way back to the site: the meeting's page."""
        self.message_user(
            request,
            format_html(
                '{} <a href="{}">{}</a>',
                gettext("Op de site:"),
                self.view_on_site(obj),
                gettext("de pagina van deze vergadering bekijken"),
            ),
            messages.INFO,
        )


@admin.register(Agendapunt)
class AgendapuntAdmin(SpreadsheetAdmin):
    resource_classes = [AgendapuntResource]
    list_display = ["titel", "soort", "vergadering", "volgorde", "spreker_weergave"]
    list_filter = ["soort", "vergadering__werkgroep"]
    list_select_related = ["vergadering__werkgroep", "spreker"]  # the export's columns too
    search_fields = ["titel", "tekst", "spreker_naam", "spreker__achternaam"]
    autocomplete_fields = ["vergadering", "spreker"]

    @admin.display(description=_("spreker"))
    def spreker_weergave(self, obj):
        return obj.spreker_weergave


@admin.register(Aanwezigheid)
class AanwezigheidAdmin(SpreadsheetAdmin):
    resource_classes = [AanwezigheidResource]
    list_display = ["deelnemer", "vergadering", "status"]
    list_filter = ["status", "vergadering__werkgroep"]
    list_select_related = ["deelnemer", "vergadering__werkgroep"]  # the export's columns too
    search_fields = ["deelnemer__voornaam", "deelnemer__achternaam"]
    autocomplete_fields = ["vergadering", "deelnemer"]


@admin.register(Bevinding)
class BevindingAdmin(admin.ModelAdmin):
    list_display = ["__str__", "werkgroep", "jaar", "volgorde"]
    list_filter = ["werkgroep", "jaar"]
    list_select_related = ["werkgroep"]
    search_fields = ["tekst"]
    autocomplete_fields = ["werkgroep"]


@admin.register(Samenwerking)
class SamenwerkingAdmin(admin.ModelAdmin):
    list_display = ["__str__", "werkgroep", "jaar", "volgorde"]
    list_filter = ["werkgroep", "jaar"]
    list_select_related = ["werkgroep"]
    search_fields = ["omschrijving", "organisaties__naam"]
    autocomplete_fields = ["werkgroep", "organisaties"]


@admin.register(Kalendersleutel)
class KalendersleutelAdmin(AlleenVerwijzingenDieJeMagOpenen, admin.ModelAdmin):
    list_display = ["account", "aangemaakt"]
    list_select_related = ["account"]
    search_fields = ["account__username"]
    autocomplete_fields = ["account"]
    fields = ["account", "aangemaakt"]
    readonly_fields = ["aangemaakt"]


class NieuwAccountForm(EenAdresForm, AdminUserCreationForm):
    """Django's form for a new account, with the name and the address the welcome mail
    goes to (Django asks them only on the next page)."""

    class Meta(AdminUserCreationForm.Meta):
        fields = ("username", "first_name", "last_name", "email")


class AccountForm(EenAdresForm, UserChangeForm):
    """Django's account form, refusing another account's address."""


admin.site.unregister(User)


@admin.register(User)
class AccountAdmin(UserAdmin):
    """Django's account admin; a new account without a password gets a mail with the link to
    choose one, and the secretariat can send that mail again."""

    add_form = NieuwAccountForm
    form = AccountForm
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "username",
                    "first_name",
                    "last_name",
                    "email",
                    "usable_password",
                    "password1",
                    "password2",
                ),
            },
        ),
    )
    actions = ["welkomstmail"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "email" in form.changed_data:
            # The person's one address: their participant gets it too.
            services.adres_wijzigen(account=obj, email=obj.email)
        if not change and not obj.has_usable_password():
            self._welkomstmail(request, obj)

    def _welkomstmail(self, request, account) -> None:
        if services.welkomstmail_sturen(account, basis_url=request.build_absolute_uri("/")):
            self.message_user(
                request,
                _("%(account)s krijgt een mail met de link om een wachtwoord te kiezen.")
                % {"account": account},
                messages.SUCCESS,
            )
        else:
            self.message_user(
                request,
                _("%(account)s heeft geen e-mailadres: er ging geen mail weg.")
                % {"account": account},
                messages.WARNING,
            )

    @admin.action(description=_("Mail de link om een wachtwoord te kiezen"), permissions=["change"])
    def welkomstmail(self, request, queryset):
        for account in queryset:
            self._welkomstmail(request, account)

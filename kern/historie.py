"""django-simple-history's admin, with its revert kept for those who may change the record,
and the admin of versioned records, whose saves merge like the site's (``kern.versies``)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from . import versies
from .versies import bewaring


class HistorieAdmin(SimpleHistoryAdmin):
    """Shows every version to who may view the record; only who may change it reverts.

    simple-history's version page saves a POST for anyone allowed to *view* the
    history, so without this a read-only coordinator could restore an old version.
    """

    def history_view(self, request, object_id, extra_context=None):
        _getal_of_404(object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        _getal_of_404(object_id, version_id)
        if request.method == "POST":
            obj = self.get_object(request, unquote(object_id))
            if not self.has_change_permission(request, obj):
                raise PermissionDenied
        request.historie_herstel = True  # the form shows an old version over the stored one
        return super().history_form_view(request, object_id, version_id, extra_context)


def _getal_of_404(*ids: str) -> None:
    """404 for an id in the address that is no number: simple-history looks it up as it
    comes (a ValueError, a 500); the admin's own pages answer 404 for it."""
    for waarde in ids:
        try:
            models.BigAutoField().to_python(unquote(waarde))
        except ValidationError:
            raise Http404 from None


def _als_tekst(waarde) -> str:
    if waarde is None:
        return ""
    return str(getattr(waarde, "pk", waarde))


class VersieAdminForm(forms.ModelForm):
    """The admin form of a versioned record: the version it was opened at, and the merge.

    ``clean()`` merges what is sent with what others saved since (the row stays locked
    until the save), shows a conflict field by field, and hands the admin's
    ``save_model`` what this person sent (``mijn``).
    """

    gelezen_versie = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    versiebeheer: versies.Versiebeheer
    aanvrager = None
    herstel = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.samenvoeging: versies.Samenvoeging | None = None
        self.mijn: dict[str, str] = {}
        if not self.is_bound and self.instance.pk:
            versie = self.instance.versie
            if self.herstel:  # an old version: saving it replaces the version stored now
                versie = (
                    type(self.instance)
                    ._default_manager.filter(pk=self.instance.pk)
                    .values_list("versie", flat=True)
                    .first()
                )
            self.initial["gelezen_versie"] = versie

    def samenvoegbaar(self, veld: str) -> bool:
        """Whether a field of this form merges; the others are taken as sent."""
        return self.versiebeheer.samenvoegbaar(veld)

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk or self.errors:
            return cleaned
        if cleaned.get("gelezen_versie") is None:
            raise forms.ValidationError(
                _("Open het formulier opnieuw: het zegt niet welke versie u opende.")
            )
        self.mijn = {
            veld: _als_tekst(cleaned.get(veld)) for veld in self.fields if self.samenvoegbaar(veld)
        }
        huidig = bewaring.vergrendelen(type(self.instance)._default_manager.all(), self.instance.pk)
        samenvoeging = versies.samenvoegen(
            self.versiebeheer,
            huidig,
            gelezen_versie=cleaned["gelezen_versie"],
            mijn=self.mijn,
            door=self.aanvrager,
        )
        self.samenvoeging = samenvoeging
        if samenvoeging.conflicten:
            self.data = self.data.copy()
            for naam, waarde in samenvoeging.formulierdata().items():
                self.data[self.add_prefix(naam)] = waarde
            versies.conflicten_melden(samenvoeging, self, met_teksten=True)
            raise forms.ValidationError(
                versies.conflictmelding(samenvoeging, versies.labels_van(self))
            )
        for veld, tekst in samenvoeging.inhoud.items():
            cleaned[veld] = self.versiebeheer.waarde(veld, tekst)
        return cleaned


class VersieAdmin(HistorieAdmin):
    """A versioned record in the admin: its saves, restores included, merge and claim a
    version through the one guarded save (``versies.bewaren``), like the site's.

    Subclasses name their ``versiebeheer``; the form's fields that do not merge (a fiche's
    project, a subgroup's session) are saved as sent.
    """

    versiebeheer: versies.Versiebeheer

    def get_fieldsets(self, request, obj=None):
        return self.met_gelezen_versie(request, obj, super().get_fieldsets(request, obj))

    def met_gelezen_versie(self, request, obj, fieldsets) -> list:
        """The version the form read, at the end of the first fieldset (hidden). A reader
        who may not change the record (a coordinator) saves nothing and gets none: the
        admin would show it as a read-only field."""
        fieldsets = list(fieldsets)
        if not fieldsets or not self.has_change_permission(request, obj):
            return fieldsets
        naam, opties = fieldsets[0]
        return [(naam, {**opties, "fields": [*opties["fields"], "gelezen_versie"]}), *fieldsets[1:]]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.versiebeheer = self.versiebeheer
        form.aanvrager = request.user
        form.herstel = getattr(request, "historie_herstel", False)
        return form

    def overige(self, obj, form) -> dict:
        """The model fields of ``form`` that do not merge, as the form set them on ``obj``."""
        velden = {veld.name: veld for veld in obj._meta.concrete_fields}
        return {
            naam: getattr(obj, naam)
            for naam in form._meta.fields
            if naam in velden and naam in form.cleaned_data and not form.samenvoegbaar(naam)
        }

    def save_model(self, request, obj, form, change):
        if not change:
            super().save_model(request, obj, form, change)
            return
        _huidig, samenvoeging = bewaring.bewaren(
            self.versiebeheer,
            obj.pk,
            gelezen_versie=form.cleaned_data["gelezen_versie"],
            mijn=form.mijn,
            overige=self.overige(obj, form),
            door=request.user,
        )
        melding = versies.samenvoegmelding(samenvoeging, versies.labels_van(form))
        if melding:
            self.message_user(request, melding, messages.INFO)

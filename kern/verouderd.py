"""Every admin change form refuses a stale save: the guard the admin site gives every admin.

A form opened on a stored record (the admin's change form, each inline row, the
history's revert page) carries a signed snapshot (``geopend``) of what it showed: per
field a short hash of its value, and when it was opened. Saving locks the stored row
and decides per field with the rule of the versioned records (:func:`versies.beslissen`):
a field the person did not change keeps what is stored now (someone else may have
changed it), a field only they changed is theirs, and a field both changed differently
is a conflict: nothing is saved, the field shows what is stored and who stored it, what
the person typed stays in the field, and the snapshot is renewed so that the next save
keeps the person's text for the fields they have now seen.

One mechanism for every admin: :class:`config.admin.WerkgroepAdminSite` wraps each
registered admin in :func:`bewaakte_admin`, which wraps its forms and its inlines'
forms; a versioned record's own merge (``kern.historie``) keeps its merging fields, and
this guard takes the others. A site page's form takes the same guard through
:func:`site_formulier` and :func:`site_formset` (the meeting planned on the site), and says
what was merged with :func:`samenvoegmeldingen`; it validates and saves in one transaction,
as the admin does, so that the row stays locked from the check to the save.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal
from functools import cache

from django import forms
from django.contrib import messages
from django.contrib.admin import helpers
from django.contrib.admin.models import LogEntry
from django.contrib.admin.options import InlineModelAdmin, ModelAdmin
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from . import versies
from .versies import bewaring

VELD = "geopend"
_ZOUT = "kern.verouderd"


class MomentopnameField(forms.CharField):
    """The signed snapshot of the record as the form showed it; never a change itself."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", "")
        super().__init__(**kwargs)

    def has_changed(self, initial, data):
        return False


# ---- Values as the snapshot compares them -----------------------------------------------


def _genormaliseerd(waarde) -> str:
    """One text per value, alike for a form's initial value and its cleaned value."""
    if waarde is None:
        return ""
    if isinstance(waarde, models.Model):
        return str(waarde.pk)
    if isinstance(waarde, (models.QuerySet, list, tuple, set)):
        return "\x1f".join(sorted(_genormaliseerd(w) for w in waarde))
    if isinstance(waarde, bool):
        return "1" if waarde else "0"
    if isinstance(waarde, Decimal):
        return format(waarde.normalize(), "f") if waarde.is_finite() else str(waarde)
    if isinstance(waarde, dt.datetime):
        if timezone.is_aware(waarde):
            waarde = waarde.astimezone(dt.UTC)
        return waarde.isoformat()
    if isinstance(waarde, (dt.date, dt.time)):
        return waarde.isoformat()
    if isinstance(waarde, UploadedFile):
        return f"nieuw bestand:{waarde.name}:{waarde.size}"
    if isinstance(waarde, models.fields.files.FieldFile):
        return waarde.name or ""
    return versies.genormaliseerd(str(waarde))


def vingerafdruk(waarde) -> str:
    """A short hash of a value: the snapshot holds no text of the record."""
    tekst = _genormaliseerd(waarde)
    return hashlib.blake2b(tekst.encode(), digest_size=8).hexdigest()


# ---- The form ---------------------------------------------------------------------------


class BewaakteForm:
    """What the admin site adds to every admin form; see the module's docstring."""

    herstel = False  # simple-history's revert page: the form shows an old version
    aanvrager = None

    def __init__(self, *args, momentopname=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.verouderd_samenvoeging: versies.Samenvoeging | None = None
        if momentopname and not self.is_bound and self.instance.pk is not None:
            opgeslagen = self
            if self.herstel:  # the snapshot is the stored row, so that reverting saves
                rij = type(self.instance)._default_manager.filter(pk=self.instance.pk).first()
                if rij is not None:
                    opgeslagen = self._zoals_opgeslagen(rij)
            self.initial[VELD] = self._ondertekenen(opgeslagen._vingerafdrukken(), timezone.now())

    # Which fields the guard decides.

    def _bewaakt(self, naam: str) -> bool:
        veld = self.fields[naam]
        if naam == VELD or veld.disabled:
            return False
        if hasattr(self, "samenvoegbaar"):  # a versioned record: its merge takes these
            return naam != "gelezen_versie" and not self.samenvoegbaar(naam)
        return True

    def _vingerafdrukken(self) -> dict[str, str]:
        return {
            naam: vingerafdruk(self[naam].initial) for naam in self.fields if self._bewaakt(naam)
        }

    def _zoals_opgeslagen(self, rij):
        """The same form, unbound, on the stored row: its values as the page would show them."""
        return type(self)(instance=rij, prefix=self.prefix, momentopname=False)

    def _ondertekenen(self, afdrukken: dict[str, str], tijd: dt.datetime) -> str:
        return signing.dumps(
            {"m": self._meta.model._meta.label, "pk": str(self.instance.pk), "t": tijd.isoformat(),
             "v": afdrukken},
            salt=_ZOUT, compress=True,
        )  # fmt: skip

    def _lezen(self, tekst: str) -> dict | None:
        try:
            inhoud = signing.loads(tekst, salt=_ZOUT)
        except signing.BadSignature:
            return None
        if inhoud.get("m") != self._meta.model._meta.label:
            return None
        return inhoud

    # The check.

    def clean(self):
        if self.is_bound:
            self._bewaken()
        return super().clean()

    def _bewaken(self) -> None:
        """Refuse, merge or pass the save against the snapshot the form was opened with."""
        geopend = self._geopende_stand()
        if geopend is None or not geopend["v"]:
            return  # new, gone, or nothing on this form can be changed (a row to read)
        model = type(self.instance)
        try:
            rij = bewaring.vergrendelen(model._default_manager.all(), self.instance.pk)
        except model.DoesNotExist:
            self._verwijderd()
            return
        opgeslagen = self._zoals_opgeslagen(rij)
        oud = geopend["v"]
        samenvoeging, nieuw, hun_velden, conflicten = self._beslissen(oud, rij, opgeslagen)
        if not hun_velden and not conflicten:
            samenvoeging.van_mij = []  # nobody else changed anything: nothing to tell
            return
        tijd = dt.datetime.fromisoformat(geopend["t"])
        samenvoeging.tussen, wie = _wie_tussendoor(rij, tijd, [*hun_velden, *conflicten], self)
        for naam in hun_velden:
            samenvoeging.van_anderen[naam] = wie.get(naam)
        self.verouderd_samenvoeging = samenvoeging
        if conflicten:
            self._conflicten_melden(samenvoeging, wie, conflicten, rij, opgeslagen)
            # The page again: what others changed shown where a plain widget allows, and a
            # snapshot in which the conflicting fields count as seen.
            self.data = self.data.copy()
            for naam in hun_velden:
                if not _overnemen(self, naam, opgeslagen):
                    nieuw[naam] = oud[naam]  # not shown: the next save still keeps theirs
            self.data[self.add_prefix(VELD)] = self._ondertekenen(nieuw, timezone.now())
            raise forms.ValidationError(
                versies.conflictmelding(samenvoeging, self.verouderd_labels()), code="verouderd"
            )

    def _geopende_stand(self) -> dict | None:
        """The snapshot the form was opened with; ``None`` for a new record (or a row gone
        since, which is said); a missing or foreign snapshot is refused."""
        model = type(self.instance)
        tekst = self.data.get(self.add_prefix(VELD)) if VELD in self.fields else None
        if self.instance.pk is None:  # a new record, or "save as new"; or a row now gone
            geopend = self._lezen(tekst) if tekst else None
            if geopend and not model._default_manager.filter(pk=geopend["pk"]).exists():
                self._verwijderd()
            return None
        if not tekst or (geopend := self._lezen(tekst)) is None:
            raise forms.ValidationError(
                _("Open het formulier opnieuw: het zegt niet wat u opende."), code="geen_stand"
            )
        if geopend["pk"] != str(self.instance.pk):
            raise forms.ValidationError(
                _("Open het formulier opnieuw: het hoort bij een ander record."), code="geen_stand"
            )
        return geopend

    def _beslissen(self, oud: dict, rij, opgeslagen):
        """Per guarded field the three-way rule of ``versies.beslissen``: theirs taken over
        (into ``cleaned_data``), mine kept, or a conflict. Returns the merge, the snapshot
        as it now stands, their fields and the conflicting ones."""
        samenvoeging = versies.Samenvoeging(versie=0, inhoud={})
        nieuw = dict(oud)
        hun_velden, conflicten = [], []
        for naam in self.fields:
            if not self._bewaakt(naam) or naam not in self.cleaned_data or naam not in oud:
                continue
            hun = vingerafdruk(opgeslagen[naam].initial)
            mijn = vingerafdruk(self.cleaned_data[naam])
            beslissing = versies.beslissen(oud[naam], hun, mijn, gelijk=str.__eq__)
            if beslissing == versies.Beslissing.HUN:
                hun_velden.append(naam)
                self.cleaned_data[naam] = self._opgeslagen_waarde(naam, rij, opgeslagen)
            elif beslissing == versies.Beslissing.MIJN:
                samenvoeging.van_mij.append(naam)
            elif beslissing == versies.Beslissing.CONFLICT:
                conflicten.append(naam)
            if beslissing != versies.Beslissing.MIJN:
                nieuw[naam] = hun
        return samenvoeging, nieuw, hun_velden, conflicten

    def _conflicten_melden(self, samenvoeging, wie: dict, conflicten: list, rij, opgeslagen):
        """Each conflicting field's error: what is stored, by whom, and what was typed."""
        for naam in conflicten:
            veld = self.fields[naam]
            samenvoeging.conflicten[naam] = versies.Conflict(
                naam, versies.Soort.KEUZE, "", "", wie.get(naam), ""
            )
            self.add_error(
                naam,
                render_to_string(
                    "kern/_conflict.html",
                    {
                        "conflict": {
                            "wie": str(wie.get(naam) or _("iemand anders")),
                            "hun": _tonen(veld, self._opgeslagen_waarde(naam, rij, opgeslagen)),
                            "mijn": _tonen(veld, self.cleaned_data.get(naam)),
                        }
                    },
                ),
            )

    def _opgeslagen_waarde(self, naam: str, rij, opgeslagen):
        """The stored value of a field as the form's cleaned value."""
        try:
            modelveld = self._meta.model._meta.get_field(naam)
        except Exception:  # noqa: BLE001 - a form field of its own (a date as typed)
            modelveld = None
        if modelveld is not None and getattr(modelveld, "concrete", False):
            if modelveld.many_to_many:
                return list(getattr(rij, naam).all())
            if modelveld.is_relation:
                return getattr(rij, naam)
            return getattr(rij, modelveld.attname)
        veld = self.fields[naam]
        try:
            return veld.clean(veld.prepare_value(opgeslagen[naam].initial))
        except forms.ValidationError:
            return self.cleaned_data.get(naam)

    def _verwijderd(self) -> None:
        if self.cleaned_data.get("DELETE"):
            return
        raise forms.ValidationError(_VERWIJDERD, code="verwijderd")

    def verouderd_labels(self) -> dict[str, str]:
        labels = versies.labels_van(self)
        if getattr(self, "verouderd_rij", False):  # an inline row: name the row
            return {naam: f"{self.instance} ({label})" for naam, label in labels.items()}
        return labels


def _tonen(veld, waarde) -> str:
    """A value as a person reads it: a name, a choice's label, a Belgian date."""
    if waarde is None or waarde == "":
        return ""
    if isinstance(waarde, (models.QuerySet, list, tuple)):
        return ", ".join(_tonen(veld, w) for w in waarde)
    if isinstance(waarde, models.Model):
        return str(waarde)
    if isinstance(veld, forms.ChoiceField) and not isinstance(veld, forms.ModelChoiceField):
        keuzes = {str(k): str(v) for k, v in veld.choices if not isinstance(v, (list, tuple))}
        return keuzes.get(str(waarde), str(waarde))
    if isinstance(waarde, bool):
        return _("ja") if waarde else _("nee")
    if isinstance(waarde, (dt.date, dt.time, Decimal)):
        return formats.localize(waarde)
    return str(waarde)


def _overnemen(form, naam: str, opgeslagen) -> bool:
    """Put the stored value into the sent data when the widget reads one plain value."""
    widget = form.fields[naam].widget
    while isinstance(widget, RelatedFieldWidgetWrapper):
        widget = widget.widget
    sleutel = form.add_prefix(naam)
    waarde = form.fields[naam].prepare_value(opgeslagen[naam].initial)
    if isinstance(widget, forms.CheckboxInput):
        if waarde:
            form.data[sleutel] = "on"
        else:
            form.data.pop(sleutel, None)
        return True
    if isinstance(widget, forms.MultiWidget) or getattr(widget, "allow_multiple_selected", False):
        return False
    if isinstance(widget, (forms.Select, forms.Textarea)) or (
        isinstance(widget, forms.widgets.Input) and not isinstance(widget, forms.FileInput)
    ):
        if isinstance(widget, forms.Select):
            tekst = "" if waarde is None else str(waarde)
        else:
            tekst = widget.format_value(waarde) or ""
        form.data[sleutel] = tekst
        return True
    return False


def _wie_tussendoor(rij, sinds: dt.datetime, velden: list[str], form):
    """Who saved ``rij`` since ``sinds``, and per field who changed it last.

    django-simple-history where the model keeps it, else the admin's log, else nobody
    known ("iemand anders").
    """
    door = form.aanvrager
    if hasattr(rij, "history"):
        rijen = list(
            versies.met_opstellers(
                rij.history.filter(history_date__gt=sinds), "history_user"
            ).order_by("history_date", "history_id")
        )
        if rijen:
            vorige = rij.history.filter(history_date__lte=sinds).order_by("-history_date").first()
            opstellers = versies.opstellers(rijen, door)
            wie = {}
            attnamen = {}
            for naam in velden:
                try:
                    attnamen[naam] = rij._meta.get_field(naam).attname
                except Exception:  # noqa: BLE001 - a form field of its own
                    attnamen[naam] = None
            for historisch, opsteller in zip(rijen, opstellers, strict=True):
                for naam, attnaam in attnamen.items():
                    if (
                        attnaam is None
                        or vorige is None
                        or getattr(historisch, attnaam, None) != getattr(vorige, attnaam, None)
                    ):
                        wie[naam] = opsteller
                vorige = historisch
            return opstellers, wie
    logboek = list(
        versies.met_opstellers(
            LogEntry.objects.filter(
                content_type=ContentType.objects.get_for_model(rij),
                object_id=str(rij.pk),
                action_time__gt=sinds,
            ),
            "user",
        ).order_by("action_time", "pk")
    )
    opstellers = [versies.opsteller(regel.user, regel.action_time, door) for regel in logboek]
    ouder = getattr(form, "verouderd_ouder", None)
    if not opstellers and ouder is not None and ouder.pk is not None:
        # An inline row keeps no log of its own: the admin saves and logs its record
        # (the meeting) with it, so who saved that page in between changed the row.
        opstellers, _wie = _wie_tussendoor(ouder, sinds, [], _Ouderformulier(door))
    laatst = opstellers[-1] if opstellers else None
    return opstellers, dict.fromkeys(velden, laatst)


class _Ouderformulier:
    """What ``_wie_tussendoor`` reads of a form, for an inline row's record."""

    verouderd_ouder = None

    def __init__(self, aanvrager):
        self.aanvrager = aanvrager


# ---- The admins --------------------------------------------------------------------------


def bewaakt_formulier(form: type) -> type:
    """``form`` with the snapshot and the check."""
    if issubclass(form, BewaakteForm):
        return form
    return type(form.__name__, (BewaakteForm, form), {VELD: MomentopnameField()})


class _Fieldsets:
    """Render the snapshot: the admin renders only the fields of its fieldsets. A reader who
    may not change the record (a coordinator) saves nothing, so gets no snapshot: the admin
    would show it as a read-only field."""

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is None or not fieldsets or VELD in helpers.flatten_fieldsets(fieldsets):
            return fieldsets
        if not self.has_change_permission(request, obj):
            return fieldsets
        naam, opties = fieldsets[-1]
        return [*fieldsets[:-1], (naam, {**opties, "fields": [*opties["fields"], VELD]})]


_VERWIJDERD = _lazy(
    "Deze rij werd intussen verwijderd door iemand anders. Niets is bewaard. Open het "
    "formulier opnieuw; wilt u de rij terug, voeg ze dan opnieuw toe."
)


class BewaakteFormset:
    """Says above the inline that a row is gone: Django's inline no longer shows that row."""

    def clean(self):
        super().clean()
        if any(form.has_error(NON_FIELD_ERRORS, "verwijderd") for form in self.forms):
            raise forms.ValidationError(_VERWIJDERD, code="verwijderd")


class BewaakteInline(_Fieldsets):
    """An inline whose every row guards itself."""

    def get_formset(self, request, obj=None, **kwargs):
        if "form" in kwargs:
            kwargs["form"] = bewaakt_formulier(kwargs["form"])
        formset = super().get_formset(request, obj, **kwargs)
        formset = type(formset.__name__, (BewaakteFormset, formset), {})
        formset.form.aanvrager = request.user
        formset.form.verouderd_rij = True
        formset.form.verouderd_ouder = obj  # who saved it names who changed a row
        return formset


class BewaakteAdmin(_Fieldsets):
    """A model admin whose change form and inlines refuse a stale save."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        if "form" in kwargs:  # an admin that picks its form per page (accounts: a new one)
            kwargs["form"] = bewaakt_formulier(kwargs["form"])
        form = super().get_form(request, obj, change=change, **kwargs)
        form.aanvrager = request.user
        form.herstel = getattr(request, "historie_herstel", False)
        return form

    def get_inline_instances(self, request, obj=None):
        return [_bewaakt_inline(inline) for inline in super().get_inline_instances(request, obj)]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        for formulier in [form, *(f for formset in formsets for f in formset.forms)]:
            samenvoeging = getattr(formulier, "verouderd_samenvoeging", None)
            if samenvoeging is not None:
                melding = versies.samenvoegmelding(samenvoeging, formulier.verouderd_labels())
                if melding:
                    self.message_user(request, melding, messages.INFO)


def _bewaakt_inline(inline: InlineModelAdmin) -> InlineModelAdmin:
    inline.__class__ = _bewaakte_klasse(type(inline), BewaakteInline)
    return inline


@cache
def _bewaakte_klasse(klasse: type, mixin: type) -> type:
    """``klasse`` with ``mixin`` first, and its form guarded (Django reads ``self.form``)."""
    if issubclass(klasse, mixin):
        return klasse
    return type(
        klasse.__name__,
        (mixin, klasse),
        {"__module__": klasse.__module__, "form": bewaakt_formulier(klasse.form)},
    )


def bewaakte_admin(admin_class: type[ModelAdmin]) -> type[ModelAdmin]:
    """``admin_class`` with the guard: how the project's admin site registers every admin."""
    return _bewaakte_klasse(admin_class, BewaakteAdmin)

"""The admin's import and export pages: the forms, the preview's file between preview and
confirm, the confirm that imports once, the background import's page."""

from __future__ import annotations

import logging
import os
import secrets
import tempfile
import time

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import BadRequest, PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language, override
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from import_export.admin import ExportMixin, ImportExportModelAdmin
from import_export.forms import ImportForm, SelectableFieldsExportForm
from import_export.results import RowResult
from import_export.tmp_storages import BaseStorage

from ..inzage import vastleggen
from .formaten import BelgischeCSV
from .fouten import _AL_INGELEZEN, AlIngelezen, OnleesbaarBestand, _getal
from .ods import VeiligeODS
from .uitkomst import (
    Importfout,
    importfouten,
    resultaat_context,
    totalen,
    totalen_tekst,
    voorvertoning_rijen,
)
from .xlsx import VeiligeXLSX

logger = logging.getLogger(__name__)

#: The formats of every import and export: CSV, XLSX, and ODS (imports only).
FORMATEN = [BelgischeCSV, VeiligeXLSX, VeiligeODS]


_VOORVERTONING = "tmpwerkgroep-import-"


def _verlopen_voorvertoningen_wissen() -> None:
    """Remove previews nobody confirmed within ``settings.IMPORT_VOORVERTONING_SECONDEN``."""
    grens = time.time() - settings.IMPORT_VOORVERTONING_SECONDEN
    map_ = tempfile.gettempdir()
    for naam in os.listdir(map_):
        if not naam.startswith(_VOORVERTONING):
            continue
        pad = os.path.join(map_, naam)
        try:
            if os.stat(pad).st_mtime < grens:
                os.remove(pad)
        except OSError:
            continue  # confirmed or removed meanwhile


class Voorvertoningsopslag(BaseStorage):
    """The upload between preview and confirm, in the temporary folder under a random name:
    the confirm form carries that name only, never a server path.

    django-import-export's storage contract, public methods only (``save``, ``read``,
    ``remove``; ``IMPORT_EXPORT_TMP_STORAGE_CLASS`` or ``tmp_storage_class`` picks it):
    ``save`` (the preview's) first removes the previews left unconfirmed past their time,
    and the preview reads back what it saved. The confirm's storage, made from the name the
    form carries, takes the file for this one confirm as it reads it
    (:func:`_tijdelijk_bestand_opeisen`: of two confirms, one gets it, the other
    :class:`AlIngelezen`) and removes it once read, so a file that can no longer be read
    leaves nothing behind; ``remove`` has nothing left to do then.
    """

    opgeslagen = False  # this storage saved the file (the preview), rather than the confirm

    def save(self, data) -> None:
        _verlopen_voorvertoningen_wissen()
        self.name = _VOORVERTONING + secrets.token_hex(16)
        pad = os.path.join(tempfile.gettempdir(), self.name)
        tekst = isinstance(data, str)
        with open(pad, "x" if tekst else "xb", encoding=self.encoding if tekst else None) as uit:
            uit.write(data)
        self.opgeslagen = True

    def read(self):
        if self.opgeslagen:
            return self._lezen(os.path.join(tempfile.gettempdir(), self.name))
        bezig = _tijdelijk_bestand_opeisen(self.name or "")
        try:
            return self._lezen(bezig)
        finally:
            os.remove(bezig)

    def _lezen(self, pad: str):
        binair = "b" in self.read_mode
        with open(pad, "rb" if binair else "r", encoding=None if binair else self.encoding) as f:
            return f.read()

    def remove(self) -> None:
        """The preview's file, unless a confirm took it (then :meth:`read` removed it)."""
        if self.opgeslagen:
            os.remove(os.path.join(tempfile.gettempdir(), self.name))


def _tijdelijk_bestand_opeisen(naam: str) -> str:
    """Take the previewed file for this one confirm: of two confirms, one gets it.

    The preview keeps the upload in the temporary folder under the name the
    confirm form carries back; renaming is atomic, so a second confirm (a double
    click, the back button, a second worker) finds nothing to import. A name
    outside the temporary folder, or not a preview's, is refused like a missing one.
    """
    map_ = os.path.realpath(tempfile.gettempdir())
    pad = os.path.realpath(os.path.join(map_, naam))
    if os.path.dirname(pad) != map_ or not os.path.basename(pad).startswith(_VOORVERTONING):
        raise AlIngelezen
    bezig = f"{pad}.bezig"
    try:
        os.rename(pad, bezig)
    except OSError:
        raise AlIngelezen from None
    return bezig


class BegrensdImportFormulier(ImportForm):
    """The import form, in Dutch, refusing files over ``settings.IMPORT_MAX_BYTES``."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["import_file"].label = _("Bestand")
        self.fields["format"].label = _("Formaat")
        self.fields["resource"].label = _("Soort gegevens")

    def clean_import_file(self):
        bestand = self.cleaned_data["import_file"]
        if bestand.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _("Het bestand is %(grootte)s; het maximum is %(max)s.")
                % {
                    "grootte": filesizeformat(bestand.size),
                    "max": filesizeformat(settings.IMPORT_MAX_BYTES),
                }
            )
        return bestand


class NederlandsExportFormulier(SelectableFieldsExportForm):
    """The export form with its labels in Dutch."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["format"].label = _("Formaat")
        self.fields["resource"].label = _("Soort gegevens")

    def clean(self):
        """The library's checks; its one refusal ("select at least one field") in Dutch."""
        try:
            return super().clean()
        except forms.ValidationError as fout:
            if fout.code != "invalid":
                raise
            raise forms.ValidationError(
                _("Kies minstens één kolom om te exporteren."), code="invalid"
            ) from None


class SpreadsheetExport(ExportMixin):
    """Export to CSV/XLSX behind its own permission, on the project's Dutch page; numbers and
    dates leave as themselves (real cells in XLSX, Belgian text in CSV). For an admin that
    exports but does not import (the project fiches)."""

    formats = FORMATEN
    export_form_class = NederlandsExportFormulier
    export_template_name = "admin/spreadsheets/export.html"

    def get_export_queryset(self, request):
        """The list's filters from the address; one the list does not know is the address's
        mistake (400), which the library let through as a 500 (the list itself redirects)."""
        try:
            return super().get_export_queryset(request)
        except IncorrectLookupParameters:
            raise BadRequest from None

    def get_export_data(self, file_format, request, queryset, **kwargs):
        if not self.has_export_permission(request):
            raise PermissionDenied
        data = self.get_data_for_export(request, queryset, force_native_type=True, **kwargs)
        inhoud = file_format.export_data(data)
        # Every admin export is in the access log: its columns are the reader's choice, and
        # nearly every list names people (who keeps, wrote or attended what).
        vastleggen(
            wat=_("%(lijst)s (%(formaat)s, %(rijen)s rijen, beheer)"),
            waarden={
                "lijst": capfirst(self.model._meta.verbose_name_plural),
                "formaat": file_format.get_extension().upper(),
                "rijen": len(data),
            },
            request=request,
        )
        return inhoud


#: Seconds between two loads of a background import's page while it runs.
VERVERSEN = 2

_LOGBOEK = {
    RowResult.IMPORT_TYPE_NEW: (ADDITION, _("Toegevoegd uit een bestand (import).")),
    RowResult.IMPORT_TYPE_UPDATE: (CHANGE, _("Gewijzigd uit een bestand (import).")),
    RowResult.IMPORT_TYPE_DELETE: (DELETION, _("Verwijderd uit een bestand (import).")),
}


class NietMeerInleesbaar(Exception):
    """A confirmed file no longer imports without errors: the data changed since the preview."""


class SpreadsheetAdmin(SpreadsheetExport, ImportExportModelAdmin):
    """Admin with CSV/XLSX import and export, each behind its own permission.

    The import and export pages are the project's own templates: in Dutch, every
    error in the page itself (line, column, value, reason), no script inline.
    """

    import_form_class = BegrensdImportFormulier
    import_template_name = "admin/spreadsheets/import.html"
    tmp_storage_class = Voorvertoningsopslag

    def get_urls(self):
        return [
            path(
                "import/taak/<id:pk>/",
                self.admin_site.admin_view(self.importtaak_view),
                name=self._admin_url("importtaak"),
            ),
            *super().get_urls(),
        ]

    def _achtergrond(self, request):
        """A valid upload longer than ``settings.IMPORT_ACHTERGROND_REGELS`` rows, as a
        background import (its page's address); ``None`` for a file the request previews."""
        form = self.create_import_form(request)
        if not form.is_valid():
            return None
        formaat = self.get_import_formats()[int(form.cleaned_data["format"])]
        bestand = form.cleaned_data["import_file"]
        inhoud = b"".join(bestand.chunks())
        try:
            regels = formaat().create_dataset(inhoud).height
        except Exception:
            return None  # the request's own preview says why in Dutch
        if regels <= settings.IMPORT_ACHTERGROND_REGELS:
            return None
        from .. import importtaken
        from ..models import Importtaak

        importtaken.opruimen()
        resource = self.choose_import_resource_class(form, request)
        taak = Importtaak.objects.create(
            gebruiker=request.user,
            model=self.model._meta.label_lower,
            resource=f"{resource.__module__}.{resource.__qualname__}",
            formaat=f"{formaat.__module__}.{formaat.__qualname__}",
            bestandsnaam=os.path.basename(bestand.name or "")[:255],
            taal=get_language() or settings.LANGUAGE_CODE,
            inhoud=inhoud,
            totaal=regels,
        )
        importtaken.inplannen(taak)
        return self._taakpagina(taak.pk)

    def _admin_url(self, pagina: str) -> str:
        return f"{self.model._meta.app_label}_{self.model._meta.model_name}_{pagina}"

    def _taakpagina(self, pk: int) -> str:
        naam = f"admin:{self._admin_url('importtaak')}"
        return reverse(naam, args=[pk], current_app=self.admin_site.name)

    def importtaak_view(self, request, pk: int):
        """A background import's page: how far it is (it reloads itself), then the preview
        with its confirm button or every error, then what was imported."""
        from .. import importtaken
        from ..models import Importtaak

        if not self.has_import_permission(request):
            raise PermissionDenied
        taak = get_object_or_404(
            Importtaak.objects.defer("inhoud"),
            pk=pk,
            gebruiker=request.user,
            model=self.model._meta.label_lower,
        )
        if request.method == "POST":
            if not importtaken.bevestigen(taak):
                messages.warning(request, _AL_INGELEZEN)
            return redirect(self._taakpagina(taak.pk))
        taak = importtaken.vastgelopen_opnieuw(taak)
        uitkomst = taak.resultaat or {}
        context = {
            **self.admin_site.each_context(request),
            **self.get_import_context_data(),
            "title": _("Importeren"),
            "opts": self.model._meta,
            "taak": taak,
            "gedaan": _getal(taak.gedaan),
            "totaal": _getal(taak.totaal),
            "verversen": VERVERSEN,
            "lijst": reverse(
                f"admin:{self._admin_url('changelist')}", current_app=self.admin_site.name
            ),
        }
        if "totalen" in uitkomst:
            context.update(
                resultaat_context(
                    fouten=[Importfout(**f) for f in uitkomst["fouten"]],
                    totalen_tekst=totalen_tekst(**uitkomst["totalen"]),
                    blad=uitkomst["blad"],
                    koppen=uitkomst["koppen"],
                    voorvertoning=[
                        (regel, {**rij, "diff": [mark_safe(d) for d in rij["diff"]]})  # noqa: S308
                        for regel, rij in uitkomst["voorvertoning"]
                    ],
                    regels=uitkomst["regels"],
                )
            )
        antwoord = TemplateResponse(request, "admin/spreadsheets/import_taak.html", context)
        if taak.status in (Importtaak.Status.WACHTRIJ, Importtaak.Status.BEZIG):
            # Reloads as <meta http-equiv="refresh"> would, with or without JavaScript.
            antwoord["Refresh"] = str(VERVERSEN)
        return antwoord

    def import_action(self, request, **kwargs):
        if (
            request.method == "POST"
            and self.has_import_permission(request)
            and (taakpagina := self._achtergrond(request))
        ):
            return redirect(taakpagina)
        antwoord = super().import_action(request, **kwargs)
        context = getattr(antwoord, "context_data", None)
        if context is not None and context.get("result") is not None:
            resultaat = context["result"]
            context.update(
                resultaat_context(
                    fouten=importfouten(resultaat),
                    totalen_tekst=totalen(resultaat),
                    blad=getattr(resultaat, "blad", None),
                    koppen=resultaat.diff_headers,
                    voorvertoning=voorvertoning_rijen(resultaat),
                    regels=len(resultaat.valid_rows()),
                )
            )
        return antwoord

    @method_decorator(require_POST)
    def process_import(self, request, **kwargs):
        """Import the previewed file once: a second confirm says so, it never fails."""
        return self._bevestigen(request, **kwargs)

    def _bevestigen(self, request, **kwargs):
        """:meth:`process_import`'s work, undecorated so ``make mutate`` can change it: the
        library's own confirm, its file taken once (:class:`Voorvertoningsopslag`), and a
        file that no longer imports cleanly sent back to the import page."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        importpagina = reverse(
            f"admin:{self._admin_url('import')}", current_app=self.admin_site.name
        )
        try:
            if not self.create_confirm_form(request).is_valid():
                raise AlIngelezen
            return super().process_import(request, **kwargs)
        except AlIngelezen:
            messages.warning(request, _AL_INGELEZEN)
        except (OnleesbaarBestand, NietMeerInleesbaar):
            messages.error(
                request,
                _(
                    "Het bestand kon niet meer worden ingelezen: de gegevens zijn sinds de "
                    "voorvertoning veranderd. Er is niets opgeslagen; laad het opnieuw op."
                ),
            )
        return redirect(importpagina)

    def process_result(self, result, request):
        """A confirmed import with errors stored nothing (all or nothing): it is refused."""
        if result.has_errors() or result.has_validation_errors():
            raise NietMeerInleesbaar
        return super().process_result(result, request)

    def generate_log_entries(self, result, request):
        """The admin's history of each imported record, in Dutch ("Toegevoegd uit een bestand
        (import)"), not the library's "new through import_export"; one query per kind."""
        if self.get_skip_admin_log():
            return
        per_soort: dict[str, list] = {}
        for rij in result:
            if rij.import_type in _LOGBOEK and rij.instance is not None:
                per_soort.setdefault(rij.import_type, []).append(rij.instance)
        for soort, records in per_soort.items():
            vlag, bericht = _LOGBOEK[soort]
            with override("nl-be"):
                tekst = str(bericht)
            LogEntry.objects.log_actions(
                request.user.pk,
                records,
                vlag,
                change_message=tekst,
                single_object=len(records) == 1,
            )

    def add_success_message(self, result, request):
        messages.success(
            request,
            _("Ingelezen (%(soort)s): %(totalen)s.")
            % {"soort": self.model._meta.verbose_name_plural, "totalen": totalen(result)},
        )

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, OnleesbaarBestand):
            form.add_error("import_file", str(e))
        else:
            logger.warning("Onleesbaar importbestand", exc_info=e)
            form.add_error(
                "import_file",
                _("Dit bestand kunnen we niet lezen. Kies het juiste formaat (CSV of XLSX)."),
            )

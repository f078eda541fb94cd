"""django-import-export, pinned, and only its public API: an upgrade fails here, in one place.

``kern.spreadsheets`` overrides the library's documented hooks and nothing with a leading
underscore (``make`` keeps it so: the last test reads the package's source). The one
exception, the resource's options (``resource._meta``, its ``ResourceOptions``), is read in
one function, ``kern.spreadsheets.resources.opties``, whose options are checked here too.
"""

from __future__ import annotations

import inspect
import io
import re
import tokenize
import tomllib
from importlib.metadata import version
from pathlib import Path

import tablib
from import_export import admin, forms, resources, results, tmp_storages, widgets
from import_export.formats import base_formats
from import_export.options import ResourceOptions
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[2]


def _vereiste(pakket: str) -> Requirement:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    for regel in project["dependencies"]:
        vereiste = Requirement(regel)
        if vereiste.name == pakket:
            return vereiste
    raise AssertionError(f"{pakket} is not a dependency")


def test_the_installed_import_export_is_the_pinned_minor_version():
    vereiste = _vereiste("django-import-export")
    assert str(vereiste.specifier) in ("<4.5,>=4.4", ">=4.4,<4.5")
    assert vereiste.specifier.contains(version("django-import-export"))


# Each public name kern.spreadsheets overrides or calls, with the parameters it relies on.
HAAKEN = {
    admin.ImportMixin: {
        "import_action": ["request"],
        "process_import": ["request"],
        "process_dataset": ["dataset", "form", "request"],
        "process_result": ["result", "request"],
        "generate_log_entries": ["result", "request"],
        "get_skip_admin_log": [],
        "create_import_form": ["request"],
        "create_confirm_form": ["request"],
        "choose_import_resource_class": ["form", "request"],
        "get_import_formats": [],
        "get_import_context_data": [],
        "add_success_message": ["result", "request"],
        "add_data_read_fail_error_to_form": ["form", "e"],
        "has_import_permission": ["request"],
        "get_tmp_storage_class": [],
    },
    admin.ExportMixin: {
        "get_export_queryset": ["request"],
        "get_export_data": ["file_format", "request", "queryset"],
        "get_data_for_export": ["request", "queryset"],
        "has_export_permission": ["request"],
    },
    resources.ModelResource: {
        "import_data": ["dataset", "dry_run", "raise_errors"],
        "import_row": ["row", "instance_loader"],
        "import_field": ["field", "instance", "row", "is_m2m"],
        "import_instance": ["instance", "row"],
        "get_instance": ["instance_loader", "row"],
        "after_init_instance": ["instance", "new", "row"],
        "after_save_instance": ["instance", "row"],
        "skip_row": ["instance", "original", "row", "import_validation_errors"],
        "validate_instance": ["instance", "import_validation_errors", "validate_unique"],
        "get_import_id_fields": [],
        "get_import_fields": [],
        "get_queryset": [],
        "get_result_class": [],
        "get_error_result_class": [],
        "get_row_result_class": [],
        "export": [],
    },
    results.Result: {
        "append_invalid_row": ["number", "row", "validation_error"],
        "append_error_row": ["number", "row", "errors"],
        "append_base_error": ["error"],
        "has_errors": [],
        "has_validation_errors": [],
        "valid_rows": [],
    },
    tmp_storages.BaseStorage: {"save": ["data"], "read": [], "remove": []},
    forms.SelectableFieldsExportForm: {"clean": []},
    base_formats.Format: {
        "create_dataset": ["in_stream"],
        "export_data": ["dataset"],
        "is_binary": [],
        "get_read_mode": [],
        "can_import": [],
    },
    widgets.Widget: {"clean": ["value", "row"], "render": ["value", "obj"]},
    tablib.Dataset: {"filter": ["tag"], "append": ["row", "tags"], "append_col": ["col"]},
}


def test_every_hook_kern_relies_on_exists_with_its_parameters():
    ontbreekt = []
    for klasse, haken in HAAKEN.items():
        for naam, parameters in haken.items():
            methode = getattr(klasse, naam, None)
            if methode is None:
                ontbreekt.append(f"{klasse.__name__}.{naam}")
                continue
            gegeven = list(inspect.signature(methode).parameters)
            ontbreekt += [f"{klasse.__name__}.{naam}({p})" for p in parameters if p not in gegeven]
    assert ontbreekt == []


def test_the_names_and_attributes_kern_reads_exist():
    for naam in ("IMPORT_TYPE_NEW", "IMPORT_TYPE_UPDATE", "IMPORT_TYPE_DELETE"):
        assert hasattr(results.RowResult, naam)
    assert {"IMPORT_TYPE_SKIP", "IMPORT_TYPE_INVALID"} <= set(vars(results.RowResult))
    rij = results.RowResult()
    for attribuut in ("import_type", "diff", "instance", "validation_error", "errors"):
        assert hasattr(rij, attribuut), attribuut
    resultaat = results.Result()
    for attribuut in ("base_errors", "invalid_rows", "error_rows", "diff_headers", "totals"):
        assert hasattr(resultaat, attribuut), attribuut
    assert list(iter(resultaat)) == []  # the rows, as generate_log_entries reads them
    for veld in ("import_file_name", "original_file_name", "format", "resource"):
        assert veld in forms.ConfirmImportForm.base_fields
    for klasse in (
        admin.ImportExportModelAdmin,
        forms.ImportForm,
        widgets.DateWidget,
        widgets.TimeWidget,
        widgets.CharWidget,
        widgets.ForeignKeyWidget,
        base_formats.CSV,
        base_formats.XLSX,
        tmp_storages.BaseStorage,
    ):
        assert inspect.isclass(klasse)
    assert "tmp_storage_class" in vars(admin.ImportMixin)
    assert "model" in inspect.signature(widgets.ForeignKeyWidget).parameters


def test_the_resource_options_kern_sets_per_import_exist():
    """``opties()``: the library reads these from its ``ResourceOptions`` while it imports."""
    from kern.spreadsheets.resources import opties

    class Bron(resources.ModelResource):
        class Meta:
            from django.contrib.auth.models import Group as model  # noqa: N813

    opgegeven = opties(Bron())
    assert isinstance(opgegeven, ResourceOptions)
    for optie in ("skip_diff", "skip_unchanged", "batch_size", "use_bulk", "import_id_fields"):
        assert hasattr(opgegeven, optie), optie
    bron = inspect.getsource(resources.ModelResource.import_row)
    assert "self._meta.skip_diff" in bron  # read per row: a per-row choice takes effect


# Private names of the libraries: an attribute with one leading underscore, read or defined.
PRIVAAT = re.compile(r"^_[a-z]")


def test_kern_spreadsheets_overrides_and_reads_no_private_name_of_the_libraries():
    """No ``def _name`` that the library defines too, and no ``x._name`` of one of its
    objects (``dataset._data``, ``form._validate_any_field_selected`` …)."""
    bibliotheek = set()
    for module in (admin, forms, resources, results, tmp_storages, widgets, base_formats):
        for _naam, klasse in inspect.getmembers(module, inspect.isclass):
            bibliotheek |= {n for n in vars(klasse) if PRIVAAT.match(n)}
    for gemaakt in (tablib.Dataset(), tablib.Dataset, results.Result(), results.RowResult()):
        bibliotheek |= {n for n in vars(gemaakt) if PRIVAAT.match(n)}
    bibliotheek -= {"_meta"}  # read in ``opties`` only (checked below)
    gevonden = []
    for pad in sorted((ROOT / "kern" / "spreadsheets").glob("*.py")):
        tokens = list(tokenize.generate_tokens(io.StringIO(pad.read_text()).readline))
        for token in tokens:
            if token.type == tokenize.NAME and token.string in bibliotheek:
                gevonden.append(f"{pad.name}:{token.start[0]} {token.string}")
    assert gevonden == []


def test_the_resource_options_are_read_in_one_place():
    """Every option the library reads from ``resource._meta`` is set through ``opties``."""
    optie = re.compile(r"\._meta\.(skip_diff|skip_unchanged|batch_size|use_bulk|import_id_fields)")
    buiten = [
        f"{pad.relative_to(ROOT)}:{nummer}"
        for pad in sorted((ROOT / "kern").rglob("*.py"))
        for nummer, regel in enumerate(pad.read_text().splitlines(), start=1)
        if optie.search(regel)
    ]
    assert buiten == []

"""The all-or-nothing resource base every import builds on (:class:`AllesOfNietsResource`)."""

from __future__ import annotations

import copy
import functools

import tablib
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models, transaction
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext_lazy as _
from import_export import resources
from import_export.options import ResourceOptions
from import_export.results import Result, RowResult

from ..datums import sleutelwaarde
from .formaten import regelnummers
from .fouten import KolomFout, _lijst
from .widgets import Verwijzing


def opties(resource: resources.Resource) -> ResourceOptions:
    """A resource's options at run time (its ``Meta``: ``skip_diff``, ``skip_unchanged``,
    ``batch_size`` …), the one place that reads them.

    django-import-export documents these options and reads them from ``resource._meta``
    (its ``ResourceOptions``) as each row is imported, with no getter or setter of its
    own: a per-row choice (a diff only for the preview's first rows) or a per-run one (one
    batch for a background import) can only be set there. Each resource works on its own
    copy (``AllesOfNietsResource.__init__``). ``tests/kern/test_import_export_api.py``
    checks that the options read here still exist, so an upgrade fails in one place.
    """
    return resource._meta


def bestandsregel(regels: list[int] | None, nummer: int) -> int:
    """The file's line of the ``nummer``-th data row (from 1): from ``regels`` (a dataset's
    ``regelnummers``), else as if the header were line 1 and nothing blank."""
    return regels[nummer - 1] if regels and 0 < nummer <= len(regels) else nummer + 1


class RegelnummerResultaat(Result):
    """Numbers rows as the spreadsheet does (``regels``: the file's line of each data row;
    by default the header is line 1 and the data starts at 2)."""

    def __init__(self, *args, regels: list[int] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.regels = regels

    def regel(self, number: int) -> int:
        return bestandsregel(self.regels, number)

    def append_invalid_row(self, number, row, validation_error):
        super().append_invalid_row(self.regel(number), row, validation_error)

    def append_error_row(self, number, row, errors):
        super().append_error_row(self.regel(number), row, errors)


def kopnaam(kop) -> str:
    """A header as we compare it: no BOM, no surrounding or double spaces, any case."""
    return " ".join(str(kop or "").replace("\ufeff", "").split()).casefold()


def _kopfout(onbekend, ontbreekt, dubbel, verwacht, verplicht, gevonden) -> KolomFout:
    """One error for a header row that does not match the columns, naming all it found."""
    delen = []
    if ontbreekt:
        delen.append(_("Ontbrekende kolom: %(namen)s.") % {"namen": _lijst(ontbreekt)})
    if onbekend:
        delen.append(_("Onbekende kolom: %(namen)s.") % {"namen": _lijst(onbekend)})
    if dubbel:
        delen.append(_("Dubbele kolom: %(namen)s.") % {"namen": _lijst(dubbel)})
    return KolomFout(
        _(
            "De kopregel van het bestand klopt niet. %(fouten)s Verwacht: %(verwacht)s "
            "(verplicht: %(verplicht)s). Gevonden: %(gevonden)s."
        )
        % {
            "fouten": " ".join(str(deel) for deel in delen),
            "verwacht": _lijst(verwacht),
            "verplicht": _lijst(verplicht),
            "gevonden": _lijst([str(k).strip() for k in gevonden]),
        }
    )


class AllesOfNietsResource(resources.ModelResource):
    """Imports a file whole or not at all: one bad row rolls back every row.

    django-import-export commits the good rows of a file that has validation
    errors unless told otherwise; here every import runs in one transaction
    that is rolled back on any error or invalid row. Before any row is read, the
    header row is matched to the columns (any case, spaces, BOM), and rows whose
    key is the same value written differently are refused together.
    """

    #: Columns a file must have; by default the key's columns.
    verplichte_kolommen: tuple[str, ...] | None = None
    #: Columns that together say which record a row is; by default the key's columns.
    sleutelkolommen: tuple[str, ...] | None = None
    #: Told (rows done, rows in all) after each row: ``manage.py importeer``'s progress bar.
    voortgang = None

    def get_result_class(self):
        return functools.partial(RegelnummerResultaat, regels=getattr(self, "_regels", None))

    def _sleutelkolommen(self) -> list[str]:
        if self.sleutelkolommen is not None:
            return list(self.sleutelkolommen)
        return [self.fields[naam].column_name for naam in self.get_import_id_fields()]

    def _kolommen_gelijkgetrokken(self, dataset: tablib.Dataset) -> tablib.Dataset:
        """The same data with each header spelled as the column it names; one error otherwise."""
        verwacht = [veld.column_name for veld in self.fields.values()]
        per_naam = {kopnaam(kolom): kolom for kolom in verwacht}
        gevonden = list(dataset.headers or [])
        koppen = [per_naam.get(kopnaam(kop)) for kop in gevonden]
        onbekend = [
            str(kop).strip() or str(_("(kolom zonder naam)"))
            for kop, kolom in zip(gevonden, koppen, strict=True)
            if kolom is None
        ]
        dubbel = sorted({k for k in koppen if k is not None and koppen.count(k) > 1})
        verplicht = self.verplichte_kolommen or self._sleutelkolommen()
        ontbreekt = [kolom for kolom in verplicht if kolom not in koppen]
        if onbekend or ontbreekt or dubbel:
            raise _kopfout(onbekend, ontbreekt, dubbel, verwacht, verplicht, gevonden)
        gelijk = tablib.Dataset(headers=koppen)
        for rij in dataset:
            gelijk.append(rij)
        gelijk.regelnummers = regelnummers(dataset)
        return gelijk

    def export(self, *args, **kwargs) -> tablib.Dataset:
        """The rows, titled with the model's plural: the XLSX's sheet ("Kostenposten")."""
        data = super().export(*args, **kwargs)
        data.title = capfirst(self.get_queryset().model._meta.verbose_name_plural)
        return data

    def aanvullen(self, dataset: tablib.Dataset) -> None:
        """Fill in what a file may leave out (a key made from other columns), before any check."""

    def _dubbele_regels(self, dataset: tablib.Dataset) -> dict[int, int]:
        """{line: the earlier line} for rows whose key repeats an earlier row's: the key as
        the database lookup compares it (:meth:`_rijsleutel`), so "vvsg" is "VVSG", "›" is ">"
        and a meeting named by its key is the same meeting named by its date."""
        if any(
            self.fields[n].column_name not in dataset.headers for n in self.get_import_id_fields()
        ):
            return {}
        eerder, dubbel = {}, {}
        for regel, rij in zip(regelnummers(dataset), dataset.dict, strict=True):
            sleutel = self._rijsleutel(rij, als_geschreven=True)
            if sleutel is None or "" in sleutel:
                continue  # a key left empty (or unreadable) is the row's own error, no twin
            if sleutel in eerder:
                dubbel[regel] = eerder[sleutel]
            else:
                eerder[sleutel] = regel
        return dubbel

    def import_data(self, dataset, dry_run=False, raise_errors=False, **kwargs):
        blad = dataset.title  # the sheet of a workbook that was read
        try:
            dataset = self._kolommen_gelijkgetrokken(dataset)
        except KolomFout as fout:
            resultaat = self.get_result_class()()
            resultaat.append_base_error(self.get_error_result_class()(fout))
            return resultaat
        self.aanvullen(dataset)
        self._regels = regelnummers(dataset)
        self._dubbel = self._dubbele_regels(dataset)
        kwargs["use_transactions"] = True
        kwargs["rollback_on_validation_errors"] = True
        with transaction.atomic():
            resultaat = super().import_data(
                dataset, dry_run=dry_run, raise_errors=raise_errors, **kwargs
            )
        resultaat.blad = blad
        return resultaat

    @staticmethod
    def _sleuteldeel(waarde):
        """A key cell as a value: a record by its id, a text by :func:`sleutelwaarde`; no
        record (an optional reference left empty) is ``None``, an empty text ``""``."""
        if isinstance(waarde, models.Model):
            return ("pk", waarde.pk)
        if waarde is None:
            return None
        return sleutelwaarde(waarde) if isinstance(waarde, str) else waarde

    def _sleutel_van(self, record) -> tuple:
        delen = []
        for naam in self.get_import_id_fields():
            veld = record._meta.get_field(self.fields[naam].attribute)
            waarde = getattr(record, veld.attname)
            delen.append(("pk", waarde) if veld.is_relation and waarde is not None else waarde)
        return tuple(self._sleuteldeel(deel) for deel in delen)

    def _rijsleutel(self, row, *, als_geschreven: bool = False) -> tuple | None:
        """A row's key as values, the one comparison of the lookup in the database and of
        the twin check inside a file: each key cell read by its column's widget, a record
        by its id, a text by :func:`sleutelwaarde`. ``None`` when a key cell cannot be
        read; the row's own validation then names that column and why.

        ``als_geschreven``: a reference to a record not in the database (one an earlier
        line of the same file makes: a new parent organisation) is its writing as a value,
        as :class:`Verwijzing` compares it, so two lines naming it differently are twins.
        """
        delen = []
        for naam in self.get_import_id_fields():
            veld = self.fields[naam]
            if veld.column_name not in row:
                return None
            try:
                delen.append(self._sleuteldeel(self.celwaarde(veld, row)))
            except ValueError:
                if not (als_geschreven and isinstance(veld.widget, Verwijzing)):
                    return None
                tekst = veld.widget.gelezen(row[veld.column_name], row)
                if not tekst:
                    return None
                delen.append(("geschreven", sleutelwaarde(tekst)))
        return tuple(delen)

    def _bestaande(self) -> dict[tuple, models.Model]:
        """Every record by its key as values, read once per file; the oldest of two."""
        if getattr(self, "_bestaand", None) is None:
            self._bestaand = {}
            for record in self.get_queryset().order_by("-pk"):
                self._bestaand[self._sleutel_van(record)] = record
        return self._bestaand

    def get_instance(self, instance_loader, row):
        """The record whose key is the row's as values ("VVSG" is "vvsg"), from one read of
        all records per file. A key column that cannot be read (a reference to nothing, a bad
        date) matches no record; the row's own validation then names that column and why."""
        sleutel = self._rijsleutel(row)
        return None if sleutel is None else self._bestaande().get(sleutel)

    def celwaarde(self, veld, row):
        """A cell's value as its column reads it (``veld.clean``), once per row: the key's
        cells are read to find the record (:meth:`get_instance`) and again to fill it."""
        if getattr(self, "_rij", None) is not row:
            self._rij, self._cellen = row, {}
        if veld.column_name not in self._cellen:
            self._cellen[veld.column_name] = veld.clean(row)
        return self._cellen[veld.column_name]

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        """A plain column is filled with :meth:`celwaarde` (what ``Field.save`` does, without
        reading the cell a second time); other columns as the library does."""
        if is_m2m or field.readonly or not field.attribute or "__" in field.attribute:
            return super().import_field(field, instance, row, is_m2m, **kwargs)
        if field.column_name not in row:
            return None
        waarde = self.celwaarde(field, row)
        if waarde is not None or field.saves_null_values:
            setattr(instance, field.attribute, waarde)
        return None

    def import_instance(self, instance, row, **kwargs):
        """A key found under another writing ("vvsg") keeps the writing it had ("VVSG"):
        the row is then unchanged, and skipped without a history version."""
        eerder = {}
        if instance.pk:
            for naam in self.get_import_id_fields():
                attribuut = self.fields[naam].attribute
                if isinstance(getattr(instance, attribuut, None), str):
                    eerder[attribuut] = getattr(instance, attribuut)
        super().import_instance(instance, row, **kwargs)
        for attribuut, oud in eerder.items():
            nieuw = getattr(instance, attribuut)
            if isinstance(nieuw, str) and sleutelwaarde(nieuw) == sleutelwaarde(oud):
                setattr(instance, attribuut, oud)

    def after_save_instance(self, instance, row, **kwargs):
        super().after_save_instance(instance, row, **kwargs)
        if getattr(self, "_bestaand", None) is not None:
            self._bestaand.setdefault(self._sleutel_van(instance), instance)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # Options of this import alone: :meth:`import_row` sets ``skip_diff`` per row.
        self._meta = copy.copy(opties(self))

    def import_row(self, row, instance_loader, **kwargs):
        """A row that repeats an earlier row's key is refused before it is looked up.

        Only the preview's first ``settings.IMPORT_VOORVERTONING_REGELS`` rows get a diff
        (the library's copy of the record, both rows exported and an HTML diff: a third of
        a large preview's time); the others, and every row of a confirmed import, are only
        counted, their unchanged rows told by :meth:`skip_row`.
        """
        regels = getattr(self, "_regels", None) or []
        nummer = kwargs.get("row_number", 0)
        opties(self).skip_diff = not (
            kwargs.get("dry_run") and nummer <= settings.IMPORT_VOORVERTONING_REGELS
        )
        if self.voortgang is not None:
            self.voortgang(nummer, len(regels))
        regel = bestandsregel(regels, nummer)
        eerste = getattr(self, "_dubbel", {}).get(regel)
        if eerste is None:
            return super().import_row(row, instance_loader, **kwargs)
        rijresultaat = self.get_row_result_class()()
        rijresultaat.import_type = RowResult.IMPORT_TYPE_INVALID
        rijresultaat.validation_error = ValidationError(
            _(
                "Dit is dezelfde regel als regel %(eerste)s, anders geschreven (zelfde "
                "%(kolommen)s). Laat er één van staan."
            )
            % {"eerste": eerste, "kolommen": _lijst(self._sleutelkolommen())}
        )
        return rijresultaat

    def after_init_instance(self, instance, new, row, **kwargs):
        """The found record's values as they were, for :meth:`skip_row` without a diff."""
        super().after_init_instance(instance, new, row, **kwargs)
        self._origineel = None if new else self._veldwaarden(instance)

    def _veldwaarden(self, instance) -> list:
        """Each column's value on ``instance``; a reference by its id (no query per row)."""
        waarden = []
        for veld in self.get_import_fields():
            try:
                modelveld = instance._meta.get_field(veld.attribute or "")
            except FieldDoesNotExist:
                modelveld = None
            if getattr(modelveld, "concrete", False) and modelveld.many_to_one:
                waarden.append(getattr(instance, modelveld.attname))
            else:
                waarden.append(veld.get_value(instance))
        return waarden

    def skip_row(self, instance, original, row, import_validation_errors=None):
        """Unchanged: every column's value as the record had it (the library compares with
        the diff's copy of the record, which only the preview's first rows have)."""
        if not opties(self).skip_diff:
            return super().skip_row(instance, original, row, import_validation_errors)
        if not opties(self).skip_unchanged or import_validation_errors:
            return False
        eerder = getattr(self, "_origineel", None)
        return eerder is not None and eerder == self._veldwaarden(instance)

    #: {column attribute: the model fields it fills}: a cell that cannot be read is its
    #: error alone, not also those fields' ("datum": datum_van, datum_tot, precisie).
    velden_van_kolom: dict[str, tuple[str, ...]] = {}

    def modelfouten(self, instance, import_validation_errors) -> dict:
        """The row's errors from its cells and the model's own checks, by model field."""
        fouten = dict(import_validation_errors or {})
        uitgesloten = [*fouten]
        for kolom in fouten:
            uitgesloten += self.velden_van_kolom.get(kolom, ())
        try:
            instance.full_clean(exclude=uitgesloten)
        except ValidationError as fout:
            fouten = fout.update_error_dict(fouten)
        return fouten

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        if fouten := self.modelfouten(instance, import_validation_errors):
            # Named by the file's column ("vergadering"), not the model field behind it.
            kolom = {f.attribute: f.column_name for f in self.fields.values() if f.attribute}
            raise ValidationError({kolom.get(k, k): v for k, v in fouten.items()})

    class Meta:
        abstract = True
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True


def kolom(dataset: tablib.Dataset, kop: str) -> list:
    """The values of a column, or empty cells when the file has no such column."""
    return list(dataset[kop]) if kop in dataset.headers else [""] * len(dataset)


def kolom_vervangen(dataset: tablib.Dataset, kop: str, waarden: list) -> None:
    """Put ``waarden`` in column ``kop``, adding it when the file left it out."""
    if kop in dataset.headers:
        del dataset[kop]
    dataset.append_col(waarden, header=kop)


class SlugUitKolom:
    """A file may leave out the slug: it is then ``slugify`` of the ``slug_bron`` column."""

    slug_bron = "naam"

    def aanvullen(self, dataset):
        super().aanvullen(dataset)
        slugs = [
            str(slug or "").strip() or slugify(str(bron or ""))
            for slug, bron in zip(
                kolom(dataset, "slug"), kolom(dataset, self.slug_bron), strict=True
            )
        ]
        kolom_vervangen(dataset, "slug", slugs)

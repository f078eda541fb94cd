"""The ledger as a spreadsheet: werkgroep;vergadering;categorie;omschrijving;status;bedrag."""

from __future__ import annotations

from decimal import Decimal

import tablib
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, override
from import_export import fields, widgets
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from kern.datums import sleutelwaarde
from kern.spreadsheets import (
    TOTAALRIJ,
    AllesOfNietsResource,
    KeuzeWidget,
    TekstWidget,
    Verwijzing,
    regel_weglaten,
)
from werkgroep.resources import WerkgroepWidget

from .bedragen import OngeldigBedrag, bedrag_tekst, parse_bedrag
from .models import Bedragplafond, Kostencategorie, Kostenpost, Kostenstatus
from .services import koppelen_volgens_datum

#: The first cell of the ledger export's totals row.
TOTAAL = _("Totaal")


def met_totaalrij(dataset: tablib.Dataset) -> tablib.Dataset:
    """The ledger's lines and under them, in bold in XLSX, the sum of every amount.

    It adds the lines with an amount; a line "nog te bepalen" has none, and the row
    says how many there are. A file with this row re-imports: the import skips it.
    """
    bedragen = dataset["bedrag"] if dataset.height else []
    met_bedrag = [b for b in bedragen if b is not None]
    zonder = len(bedragen) - len(met_bedrag)
    uitleg = ngettext(
        "som van %(aantal)s regel met een bedrag",
        "som van %(aantal)s regels met een bedrag",
        len(met_bedrag),
    ) % {"aantal": len(met_bedrag)}
    if zonder:
        uitleg += ngettext(
            "; %(aantal)s regel nog te bepalen telt niet mee",
            "; %(aantal)s regels nog te bepalen tellen niet mee",
            zonder,
        ) % {"aantal": zonder}
    rij = dict.fromkeys(dataset.headers)
    rij.update(werkgroep=str(TOTAAL), omschrijving=uitleg, bedrag=sum(met_bedrag, Decimal(0)))
    dataset.append([rij[kop] for kop in dataset.headers], tags=[TOTAALRIJ])
    return dataset


def grootboek_dataset(posten, titel: str) -> tablib.Dataset:
    """Ledger lines (``selectors.grootboek(…).posten``: the page's lines in its order) in
    the import's columns, under the sheet title ``titel``, with the totals row: the ledger
    page's XLSX and the full ledger a large yearly report carries."""
    data = KostenpostResource().export(queryset=posten, force_native_type=True)
    data.title = titel
    return met_totaalrij(data)


def _totaalwoorden() -> set[str]:
    """The totals row's first cell in each of the site's languages, lower case."""
    totaal = set()
    for taal, _naam in settings.LANGUAGES:
        with override(taal):
            totaal.add(str(TOTAAL).lower())
    return totaal


def _is_totaalrij(rij: dict, totaal: set[str]) -> bool:
    """The export's totals row, in any of the site's languages: not a line of the ledger."""
    leeg = all(str(rij.get(k) or "").strip() == "" for k in ("vergadering", "categorie", "status"))
    return leeg and str(rij.get("werkgroep") or "").strip().lower() in totaal


class BedragWidget(widgets.Widget):
    """Amounts in Belgian notation in, a Decimal out; empty stays empty."""

    def clean(self, value, row=None, **kwargs):
        try:
            return parse_bedrag(value)
        except OngeldigBedrag as fout:
            raise ValueError(str(fout)) from None

    def render(self, value, obj=None, **kwargs):
        if kwargs.get("force_native_type"):
            return value  # a Decimal: a number cell in XLSX, "36,30" in our CSV
        return bedrag_tekst(value)  # the import preview: "1.234,56"


class CategorieWidget(Verwijzing):
    """A category by its Dutch name or slug; an unknown one lists the choices."""

    def __init__(self):
        super().__init__(Kostencategorie, "naam", "slug")

    def onbekend(self, tekst: str) -> str:
        namen = ", ".join(str(c.naam) for c in self.records())
        return _("Onbekende categorie “%(naam)s”; kies uit: %(namen)s.") % {
            "naam": tekst,
            "namen": namen,
        }


class KostenpostResource(AllesOfNietsResource):
    werkgroep = fields.Field("werkgroep", "werkgroep", widget=WerkgroepWidget())
    vergadering = fields.Field("vergadering_zoals_geschreven", "vergadering", widget=TekstWidget())
    categorie = fields.Field("categorie", "categorie", widget=CategorieWidget())
    omschrijving = fields.Field("omschrijving", "omschrijving", widget=TekstWidget())
    status = fields.Field("status", "status", widget=KeuzeWidget(Kostenstatus, als_label=True))
    bedrag = fields.Field("bedrag", "bedrag", widget=BedragWidget())

    class Meta(AllesOfNietsResource.Meta):
        model = Kostenpost
        fields = ["werkgroep", "vergadering", "categorie", "omschrijving", "status", "bedrag"]
        import_id_fields = ["werkgroep", "vergadering", "categorie", "omschrijving"]
        # Lines are written in batches, each with its history row (bulk_create below):
        # thousands of lines in seconds, not a savepoint, an insert and a history insert each.
        use_bulk = True
        batch_size = 1000

    def import_data(self, dataset, dry_run=False, raise_errors=False, **kwargs):
        self._gebruiker = kwargs.get("user")  # whose import: the history rows name them
        return super().import_data(dataset, dry_run=dry_run, raise_errors=raise_errors, **kwargs)

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        """New lines in one insert per batch, with their history as a save would write it.

        A preview (``dry_run``, rolled back) inserts the lines alone, for the database's
        verdict on its constraints: their history, made and thrown away, was a third of
        a large preview's time.
        """
        if self.create_instances and (using_transactions or not dry_run):
            try:
                if dry_run:
                    Kostenpost.objects.bulk_create(self.create_instances, batch_size=batch_size)
                else:
                    bulk_create_with_history(
                        self.create_instances,
                        Kostenpost,
                        batch_size=batch_size,
                        default_user=getattr(self, "_gebruiker", None),
                    )
            except Exception as fout:  # the database's constraints are the last word
                self.handle_import_error(result, fout, raise_errors)
            finally:
                self.create_instances.clear()

    def bulk_update(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        """Changed lines likewise, the meeting link and the year included (the stored key:
        ``KostenpostManager.bulk_update``)."""
        if self.update_instances and (using_transactions or not dry_run):
            velden = [*self.get_bulk_update_fields(), "vergadering", "jaar"]
            try:
                if dry_run:
                    Kostenpost.objects.bulk_update(
                        self.update_instances, velden, batch_size=batch_size
                    )
                else:
                    bulk_update_with_history(
                        self.update_instances,
                        Kostenpost,
                        velden,
                        batch_size=batch_size,
                        default_user=getattr(self, "_gebruiker", None),
                    )
            except Exception as fout:
                self.handle_import_error(result, fout, raise_errors)
            finally:
                self.update_instances.clear()

    def aanvullen(self, dataset):
        """The totals row of an exported ledger is no line: it is left out."""
        super().aanvullen(dataset)
        totaal = _totaalwoorden()  # once per file, not a language switch per line
        for index in reversed(range(dataset.height)):
            if _is_totaalrij(dict(zip(dataset.headers, dataset[index], strict=False)), totaal):
                regel_weglaten(dataset, index)

    def get_queryset(self):
        return Kostenpost.objects.select_related("werkgroep", "categorie").order_by(
            "werkgroep", "jaar", "pk"
        )

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._vergaderingen = {}
        self._plafonds = {}
        self._index = None

    def _posten(self) -> dict[tuple, Kostenpost]:
        """Every line of the ledger by its key as values, read once per file."""
        if self._index is None:
            # With what a row is compared on and linked to: no query per changed line.
            posten = Kostenpost.objects.select_related("werkgroep", "categorie", "vergadering")
            self._index = {p.waardesleutel: p for p in posten}
        return self._index

    def get_instance(self, instance_loader, row):
        """The same line: same group, category, description and date, however written."""
        try:
            werkgroep = self.celwaarde(self.fields["werkgroep"], row)
            categorie = self.celwaarde(self.fields["categorie"], row)
            zoals_geschreven = self.celwaarde(self.fields["vergadering"], row)
            omschrijving = self.celwaarde(self.fields["omschrijving"], row)
        except ValueError:
            return None  # the row's own validation names the problem
        sleutel = Kostenpost.sleutel(werkgroep.pk, zoals_geschreven, categorie.pk, omschrijving)
        return self._posten().get(sleutel)

    def import_instance(self, instance, row, **kwargs):
        """A line found under another writing of its date keeps the writing it had."""
        eerder = instance.vergadering_zoals_geschreven if instance.pk else None
        super().import_instance(instance, row, **kwargs)
        if eerder and sleutelwaarde(eerder) == sleutelwaarde(instance.vergadering_zoals_geschreven):
            instance.vergadering_zoals_geschreven = eerder

    def before_save_instance(self, instance, row, **kwargs):
        """A new or unlinked line is linked as a line added in the admin is."""
        koppelen_volgens_datum(instance, self._vergaderingen)

    def modelfouten(self, instance, import_validation_errors) -> dict:
        """``full_clean`` without a query per foreign key and per constraint, per line.

        The widgets already found the group, the category and the meeting; the
        fields and the model's ``clean()`` are checked as usual (with the group's
        amount ceiling read once per file); the two named constraints are checked
        against the ledger read once per file and the lines of this file. The
        database constraints stay the last word.
        """
        fouten = dict(import_validation_errors or {})
        if instance.werkgroep_id not in self._plafonds:
            self._plafonds[instance.werkgroep_id] = Bedragplafond.voor(instance.werkgroep_id)
        instance._plafond = self._plafonds[instance.werkgroep_id]
        try:
            instance.full_clean(
                exclude=[*fouten, "werkgroep", "categorie", "vergadering"],
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as fout:
            fouten = fout.update_error_dict(fouten)
        if not fouten:
            beperkingen = {c.name: c for c in Kostenpost._meta.constraints}
            leeg_klopt = (instance.bedrag is None) == Kostenstatus(instance.status).zonder_bedrag
            if not leeg_klopt:
                naam = "kostenpost_bedrag_leeg_als_nog_te_bepalen"
                fouten[NON_FIELD_ERRORS] = [beperkingen[naam].get_violation_error_message()]
            ander = self._posten().get(instance.waardesleutel)
            if ander is not None and ander.pk != instance.pk:
                naam = "kostenpost_uniek_per_vergadering_categorie_omschrijving"
                fouten.setdefault(NON_FIELD_ERRORS, []).append(
                    beperkingen[naam].get_violation_error_message()
                )
        return fouten

    def after_save_instance(self, instance, row, **kwargs):
        self._posten()[instance.waardesleutel] = instance

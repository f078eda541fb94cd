"""The ledger as a spreadsheet: werkgroep;vergadering;categorie;omschrijving;status;bedrag."""

from __future__ import annotations

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _
from import_export import fields, widgets

from werkgroep.datums import Datumaanduiding, OngeldigeDatum
from werkgroep.resources import WerkgroepWidget
from werkgroep.spreadsheets import AllesOfNietsResource, KeuzeWidget, TekstWidget

from .bedragen import OngeldigBedrag, parse_bedrag
from .models import Kostencategorie, Kostenpost, Kostenstatus
from .services import vergadering_volgens_datum


class BedragWidget(widgets.Widget):
    """Amounts in Belgian notation in, a Decimal out; empty stays empty."""

    def clean(self, value, row=None, **kwargs):
        try:
            return parse_bedrag(value)
        except OngeldigBedrag as fout:
            raise ValueError(str(fout)) from None

    def render(self, value, obj=None, **kwargs):
        return value  # a Decimal: a number cell in XLSX, "36,30" in our CSV


class CategorieWidget(widgets.ForeignKeyWidget):
    """A category by its Dutch name (any case) or slug."""

    def __init__(self):
        super().__init__(Kostencategorie)
        self._alle = None  # every category, read once per file

    def clean(self, value, row=None, **kwargs):
        tekst = str(value or "").strip()
        if not tekst:
            raise ValueError(_("Dit veld is verplicht."))
        if self._alle is None:
            self._alle = list(Kostencategorie.objects.all())
        gevonden = next(
            (c for c in self._alle if c.naam.lower() == tekst.lower() or c.slug == tekst.lower()),
            None,
        )
        if gevonden is None:
            namen = ", ".join(Kostencategorie.objects.values_list("naam", flat=True))
            raise ValueError(
                _("Onbekende categorie “%(naam)s”; kies uit: %(namen)s.")
                % {"naam": tekst, "namen": namen}
            )
        return gevonden

    def render(self, value, obj=None, **kwargs):
        return value.naam if value else ""


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

    def get_queryset(self):
        return Kostenpost.objects.select_related("werkgroep", "categorie").order_by(
            "werkgroep", "jaar", "pk"
        )

    def get_instance(self, instance_loader, row):
        """The same line: same group, category and description, and the same date,
        however it is written ("02/12/05" is "02/12/2005")."""
        try:
            werkgroep = self.fields["werkgroep"].clean(row)
            categorie = self.fields["categorie"].clean(row)
            datum = Datumaanduiding.parse(str(row.get("vergadering") or ""))
        except (ValueError, OngeldigeDatum):
            return None  # the row's own validation names the problem
        omschrijving = str(row.get("omschrijving") or "").strip()
        for post in self._kandidaten(werkgroep, categorie, omschrijving):
            try:
                if post.geschreven_datum == datum:
                    return post
            except OngeldigeDatum:
                continue
        return None

    def _kandidaten(self, werkgroep, categorie, omschrijving):
        # One query per file: every line of the groups involved, by (group, category, description).
        if not hasattr(self, "_index"):
            self._index = {}
            for post in Kostenpost.objects.select_related("werkgroep", "categorie"):
                self._index.setdefault(
                    (post.werkgroep_id, post.categorie_id, post.omschrijving), []
                ).append(post)
        return self._index.get((werkgroep.pk, categorie.pk, omschrijving), [])

    def before_save_instance(self, instance, row, **kwargs):
        # A new or unlinked line finds its meeting when the written date matches exactly one.
        if instance.vergadering_id is None:
            sleutel = (instance.werkgroep_id, instance.vergadering_zoals_geschreven)
            if sleutel not in self._vergaderingen:
                self._vergaderingen[sleutel] = vergadering_volgens_datum(instance)
            instance.vergadering = self._vergaderingen[sleutel]

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._vergaderingen = {}
        self._sleutels = None

    def _sleutel(self, post):
        return (
            post.werkgroep_id,
            post.vergadering_zoals_geschreven,
            post.categorie_id,
            post.omschrijving,
        )

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """``full_clean`` without a query per foreign key and per constraint, per line.

        The widgets already found the group, the category and the meeting; the
        fields and the model's ``clean()`` are checked as usual; the two named
        constraints are checked against the ledger read once per file and the lines
        of this file. The database constraints stay the last word.
        """
        fouten = dict(import_validation_errors or {})
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
            leeg_klopt = (instance.bedrag is None) == (
                instance.status == Kostenstatus.NOG_TE_BEPALEN
            )
            if not leeg_klopt:
                naam = "kostenpost_bedrag_leeg_als_nog_te_bepalen"
                fouten[NON_FIELD_ERRORS] = [beperkingen[naam].get_violation_error_message()]
            if self._sleutels is None:
                self._sleutels = {self._sleutel(p): p.pk for p in Kostenpost.objects.all()}
            ander = self._sleutels.get(self._sleutel(instance))
            if ander is not None and ander != instance.pk:
                naam = "kostenpost_uniek_per_vergadering_categorie_omschrijving"
                fouten.setdefault(NON_FIELD_ERRORS, []).append(
                    beperkingen[naam].get_violation_error_message()
                )
        if fouten:
            # Named by the file's column ("vergadering"), not the model field behind it.
            kolom = {f.attribute: f.column_name for f in self.fields.values()}
            raise ValidationError({kolom.get(k, k): v for k, v in fouten.items()})

    def after_save_instance(self, instance, row, **kwargs):
        if self._sleutels is not None:
            self._sleutels[self._sleutel(instance)] = instance.pk

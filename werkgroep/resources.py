"""Spreadsheet columns of the werkgroep records (see docs/import-formats.md).

Rows are matched on natural keys, never on database ids, so an exported file
re-imports without changing anything.
"""

from django.db.models import F
from django.utils.translation import gettext_lazy as _
from import_export import fields, widgets

from .datums import OngeldigeDatum
from .models import Deelnemer, Lidmaatschap, Organisatie, Rol, Vergadering, Werkgroep
from .spreadsheets import (
    AllesOfNietsResource,
    BelgischeDatumWidget,
    DatumaanduidingWidget,
    KeuzeWidget,
    TekstWidget,
    TijdWidget,
)


class OrganisatieWidget(widgets.ForeignKeyWidget):
    """An organisation by its full path: "Stad Antwerpen › Sociale Zaken" (or with ">")."""

    def __init__(self, verplicht=False):
        super().__init__(Organisatie)
        self.verplicht = verplicht

    def clean(self, value, row=None, **kwargs):
        tekst = str(value or "").strip()
        if not tekst:
            if self.verplicht:
                raise ValueError(_("Dit veld is verplicht."))
            return None
        try:
            return Organisatie.objects.uit_pad(tekst)
        except Organisatie.DoesNotExist:
            raise ValueError(
                _("Onbekende organisatie “%(naam)s”: importeer eerst de organisaties.")
                % {"naam": tekst}
            ) from None

    def render(self, value, obj=None, **kwargs):
        return value.volledige_naam if value else ""


class WerkgroepWidget(widgets.ForeignKeyWidget):
    """A working group by its slug; looked up once per file (each import has its own widget)."""

    def __init__(self):
        super().__init__(Werkgroep, field="slug")
        self._gezien = {}

    def clean(self, value, row=None, **kwargs):
        slug = str(value or "").strip()
        if not slug:
            raise ValueError(_("Dit veld is verplicht."))
        if slug not in self._gezien:
            self._gezien[slug] = Werkgroep.objects.filter(slug=slug).first()
        if self._gezien[slug] is None:
            raise ValueError(_("Onbekende werkgroep “%(slug)s”.") % {"slug": slug})
        return self._gezien[slug]


class DeelnemerWidget(widgets.ForeignKeyWidget):
    """A participant by the row's voornaam and achternaam columns."""

    def __init__(self):
        super().__init__(Deelnemer)

    def clean(self, value, row=None, **kwargs):
        voornaam = str((row or {}).get("voornaam") or "").strip()
        achternaam = str(value or "").strip()
        try:
            return Deelnemer.objects.get(voornaam=voornaam, achternaam=achternaam)
        except Deelnemer.DoesNotExist:
            raise ValueError(
                _("Onbekende deelnemer “%(naam)s”: importeer eerst de deelnemers.")
                % {"naam": f"{voornaam} {achternaam}".strip()}
            ) from None

    def render(self, value, obj=None, **kwargs):
        return value.achternaam if value else ""


class OrganisatieResource(AllesOfNietsResource):
    naam = fields.Field("naam", "naam", widget=TekstWidget())
    moeder = fields.Field("moeder", "maakt deel uit van", widget=OrganisatieWidget())
    opmerking = fields.Field("opmerking", "opmerking", widget=TekstWidget())

    class Meta(AllesOfNietsResource.Meta):
        model = Organisatie
        fields = ["naam", "moeder", "opmerking"]
        import_id_fields = ["naam", "moeder"]

    def get_queryset(self):
        # Parents before their parts, so the file re-imports in one pass.
        return Organisatie.objects.select_related("moeder__moeder").order_by(
            F("moeder__moeder").asc(nulls_first=True),
            F("moeder").asc(nulls_first=True),
            "naam",
        )


class DeelnemerResource(AllesOfNietsResource):
    voornaam = fields.Field("voornaam", "voornaam", widget=TekstWidget())
    achternaam = fields.Field("achternaam", "achternaam", widget=TekstWidget())
    organisatie = fields.Field("organisatie", "organisatie", widget=OrganisatieWidget())
    email = fields.Field("email", "e-mail", widget=TekstWidget())
    telefoon = fields.Field("telefoon", "telefoon", widget=TekstWidget())

    class Meta(AllesOfNietsResource.Meta):
        model = Deelnemer
        fields = ["voornaam", "achternaam", "organisatie", "email", "telefoon"]
        import_id_fields = ["voornaam", "achternaam"]

    def get_queryset(self):
        return Deelnemer.objects.select_related("organisatie__moeder__moeder")


class LidmaatschapResource(AllesOfNietsResource):
    werkgroep = fields.Field("werkgroep", "werkgroep", widget=WerkgroepWidget())
    voornaam = fields.Field("deelnemer__voornaam", "voornaam", readonly=True)
    deelnemer = fields.Field("deelnemer", "achternaam", widget=DeelnemerWidget())
    rol = fields.Field("rol", "rol", widget=KeuzeWidget(Rol, standaard=Rol.ONBEKEND))
    van = fields.Field("van", "van", widget=BelgischeDatumWidget())
    tot = fields.Field("tot", "tot", widget=BelgischeDatumWidget())

    class Meta(AllesOfNietsResource.Meta):
        model = Lidmaatschap
        fields = ["werkgroep", "voornaam", "deelnemer", "rol", "van", "tot"]
        import_id_fields = ["werkgroep", "deelnemer"]

    def get_queryset(self):
        return Lidmaatschap.objects.select_related("werkgroep", "deelnemer")


class VergaderingResource(AllesOfNietsResource):
    werkgroep = fields.Field("werkgroep", "werkgroep", widget=WerkgroepWidget())
    kenmerk = fields.Field("kenmerk", "kenmerk", widget=TekstWidget())
    datum = fields.Field("datum", "datum", widget=DatumaanduidingWidget())
    soort = fields.Field(
        "soort", "soort", widget=KeuzeWidget(Vergadering.Soort, Vergadering.Soort.PLENAIR)
    )
    status = fields.Field(
        "status", "status", widget=KeuzeWidget(Vergadering.Status, Vergadering.Status.GEPLAND)
    )
    aanvang = fields.Field("aanvang", "aanvang", widget=TijdWidget())
    einde = fields.Field("einde", "einde", widget=TijdWidget())
    plaats = fields.Field("plaats", "plaats", widget=TekstWidget())
    oorspronkelijke_datum = fields.Field(
        "oorspronkelijke_datum", "oorspronkelijke datum", widget=TekstWidget()
    )

    class Meta(AllesOfNietsResource.Meta):
        model = Vergadering
        fields = [
            "werkgroep",
            "kenmerk",
            "datum",
            "soort",
            "status",
            "aanvang",
            "einde",
            "plaats",
            "oorspronkelijke_datum",
        ]
        import_id_fields = ["werkgroep", "kenmerk"]

    def get_queryset(self):
        return Vergadering.objects.select_related("werkgroep").chronologisch()

    def before_import(self, dataset, **kwargs):
        if "kenmerk" not in dataset.headers:
            dataset.append_col([""] * len(dataset), header="kenmerk")

    def before_import_row(self, row, **kwargs):
        # Without a kenmerk, a meeting is known by its date as written: a file
        # without that column still re-imports onto the same meetings.
        if not str(row.get("kenmerk") or "").strip():
            try:
                row["kenmerk"] = DatumaanduidingWidget().clean(row.get("datum")).sleutel
            except (ValueError, OngeldigeDatum):
                row["kenmerk"] = ""

"""Spreadsheet columns of the werkgroep records (see docs/import-formats.md).

Rows are matched on natural keys, never on database ids, so an exported file
re-imports without changing anything.
"""

import datetime as dt

from django.db.models import F
from django.utils.translation import gettext_lazy as _
from import_export import fields, widgets

from kern.datums import Datumaanduiding, OngeldigeDatum, Precisie
from kern.spreadsheets import (
    AllesOfNietsResource,
    BelgischeDatumWidget,
    DatumaanduidingWidget,
    KeuzeWidget,
    SlugUitKolom,
    TekstWidget,
    TijdWidget,
    Verwijzing,
    cel_tekst,
    kolom,
    kolom_vervangen,
)

from .models import (
    Aanwezigheid,
    Agendapunt,
    Deelnemer,
    Lidmaatschap,
    Organisatie,
    Rol,
    Thema,
    Vergadering,
    Werkgroep,
)
from .services import adres_wijzigen


class OrganisatieWidget(Verwijzing):
    """An organisation by its full path: "Stad Antwerpen › Sociale Zaken" (or with ">").

    The paths are made from one read of every organisation, not a query per parent."""

    def __init__(self, verplicht=False):
        super().__init__(Organisatie, "naam", verplicht=verplicht)
        self._delen: dict[int, tuple[str, int | None]] = {}

    def records(self):
        return Organisatie.objects.only("naam", "moeder_id").order_by("pk")

    def _pad(self, record) -> str:
        delen, pk = [record.naam], record.moeder_id
        while pk is not None and pk in self._delen:
            naam, pk = self._delen[pk]
            delen.append(naam)
        return " › ".join(reversed(delen))

    def namen(self, record) -> list[str]:
        self._delen[record.pk] = (record.naam, record.moeder_id)
        return [self._pad(record)]

    def gelezen(self, value, row) -> str:
        tekst = super().gelezen(value, row).replace(">", "›")
        return " › ".join(deel.strip() for deel in tekst.split("›") if deel.strip())

    def render(self, value, obj=None, **kwargs):
        return value.volledige_naam if value else ""


class WerkgroepWidget(Verwijzing):
    """A working group by its slug."""

    def __init__(self):
        super().__init__(Werkgroep, "slug")


class DeelnemerWidget(Verwijzing):
    """A participant by the row's voornaam and achternaam columns."""

    def __init__(self):
        super().__init__(Deelnemer, "achternaam")

    def records(self):
        return Deelnemer.objects.only("voornaam", "achternaam")

    def namen(self, record) -> list[str]:
        return [f"{record.voornaam} | {record.achternaam}"]

    def gelezen(self, value, row) -> str:
        voornaam = cel_tekst((row or {}).get("voornaam")).strip()
        achternaam = cel_tekst(value).strip()
        return f"{voornaam} | {achternaam}" if achternaam else ""

    def onbekend(self, tekst: str) -> str:
        return super().onbekend(tekst.replace(" | ", " ").strip())

    def render(self, value, obj=None, **kwargs):
        return value.achternaam if value else ""


class VolgnummerWidget(widgets.IntegerWidget):
    """A place in a list: 1, 2, 3 … (a number cell or text); empty only when not required."""

    def __init__(self, *args, verplicht: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.verplicht = verplicht

    def clean(self, value, row=None, **kwargs):
        tekst = cel_tekst(value).strip()  # a number cell as shown: 1,5 (never "1.5")
        if not tekst:
            if not self.verplicht:
                return None
            raise ValueError(_("Dit veld is verplicht."))
        try:
            getal = float(tekst.replace(",", "."))
        except ValueError:
            getal = None
        if getal is None or not getal.is_integer() or getal < 1:
            raise ValueError(_("“%(waarde)s” is geen volgnummer (1, 2, 3 …).") % {"waarde": tekst})
        return int(getal)


class OrganisatieResource(AllesOfNietsResource):
    naam = fields.Field("naam", "naam", widget=TekstWidget())
    moeder = fields.Field("moeder", "maakt deel uit van", widget=OrganisatieWidget())
    opmerking = fields.Field("opmerking", "opmerking", widget=TekstWidget())

    class Meta(AllesOfNietsResource.Meta):
        model = Organisatie
        fields = ["naam", "moeder", "opmerking"]
        import_id_fields = ["naam", "moeder"]

    def after_save_instance(self, instance, row, **kwargs):
        """A later line of the same file may name this one as its parent."""
        super().after_save_instance(instance, row, **kwargs)
        self.fields["moeder"].widget.toevoegen(instance)

    def get_queryset(self):
        # Parents before their parts, so the file re-imports in one pass.
        return Organisatie.objects.select_related("moeder").order_by(
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
        return Deelnemer.objects.select_related("organisatie")

    def after_save_instance(self, instance, row, **kwargs):
        """An imported address is the person's: their account gets it too (issue 25)."""
        super().after_save_instance(instance, row, **kwargs)
        if instance.account_id is not None and instance.account.email != instance.email:
            adres_wijzigen(deelnemer=instance, email=instance.email)


class LidmaatschapResource(AllesOfNietsResource):
    sleutelkolommen = ("werkgroep", "voornaam", "achternaam")
    werkgroep = fields.Field("werkgroep", "werkgroep", widget=WerkgroepWidget())
    voornaam = fields.Field("deelnemer__voornaam", "voornaam", readonly=True)
    deelnemer = fields.Field("deelnemer", "achternaam", widget=DeelnemerWidget())
    rol = fields.Field("rol", "rol", widget=KeuzeWidget(Rol, standaard=Rol.ONBEKEND))
    van = fields.Field("van", "van", widget=BelgischeDatumWidget())
    tot = fields.Field("tot", "tot", widget=BelgischeDatumWidget())
    volgorde = fields.Field("volgorde", "volgorde", widget=VolgnummerWidget(verplicht=False))
    organisatie_zoals_geschreven = fields.Field(
        "organisatie_zoals_geschreven", "organisatie zoals geschreven", widget=TekstWidget()
    )

    class Meta(AllesOfNietsResource.Meta):
        model = Lidmaatschap
        fields = [
            "werkgroep",
            "voornaam",
            "deelnemer",
            "rol",
            "van",
            "tot",
            "volgorde",
            "organisatie_zoals_geschreven",
        ]
        import_id_fields = ["werkgroep", "deelnemer"]

    def get_queryset(self):
        return Lidmaatschap.objects.select_related("werkgroep", "deelnemer")


class VergaderingResource(AllesOfNietsResource):
    verplichte_kolommen = ("werkgroep", "datum")
    velden_van_kolom = {"datum": ("datum_van", "datum_tot", "precisie")}
    werkgroep = fields.Field("werkgroep", "werkgroep", widget=WerkgroepWidget())
    kenmerk = fields.Field("kenmerk", "kenmerk", widget=TekstWidget())
    datum = fields.Field("datum", "datum", widget=DatumaanduidingWidget())
    soort = fields.Field(
        "soort", "soort", widget=KeuzeWidget(Vergadering.Soort, Vergadering.Soort.ONBEKEND)
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

    def import_instance(self, instance, row, **kwargs):
        """What a spreadsheet does to a date on its own is no change, and the first-given
        date is never overwritten.

        Calc and Excel open "december 2006" from a CSV as its first day (01/12/2006): a day
        that is the first day of a meeting known only to its month or months keeps the
        month. (To fix such a meeting on that very day, change it on the site or in the
        admin.) The first-given date ("oorspronkelijke datum") of a meeting stays as it was
        recorded, whatever the file says.
        """
        eerder = (instance.datum, instance.oorspronkelijke_datum) if instance.pk else (None, "")
        super().import_instance(instance, row, **kwargs)
        datum, oorspronkelijk = eerder
        nieuw = instance.datum
        if (
            datum is not None
            and nieuw is not None
            and datum.precisie != Precisie.DAG
            and nieuw.precisie == Precisie.DAG
            and nieuw.van == datum.van
        ):
            instance.datum = datum
        if oorspronkelijk:
            instance.oorspronkelijke_datum = oorspronkelijk

    def aanvullen(self, dataset):
        # Without a kenmerk, a meeting is known by its date as written: a file
        # without that column still re-imports onto the same meetings.
        # A kenmerk that a spreadsheet turned into a date cell (2005-09-16 in Calc) is that
        # date's key again, as the export wrote it.
        kenmerken = [
            Datumaanduiding.dag(kenmerk).sleutel
            if isinstance(kenmerk, dt.date)
            else str(kenmerk or "").strip() or self._kenmerk_uit(datum)
            for kenmerk, datum in zip(kolom(dataset, "kenmerk"), dataset["datum"], strict=True)
        ]
        kolom_vervangen(dataset, "kenmerk", kenmerken)

    @staticmethod
    def _kenmerk_uit(datum) -> str:
        try:
            return DatumaanduidingWidget().clean(datum).sleutel
        except (ValueError, OngeldigeDatum):
            return ""


# A whole working group from files: strands, groups, agenda items and attendance.


class ThemaWidget(Verwijzing):
    """A strand by its slug or by its name."""

    def __init__(self):
        super().__init__(Thema, "slug", "naam")


class VergaderingWidget(widgets.ForeignKeyWidget):
    """A meeting of the row's working group (its ``werkgroep`` column), by its kenmerk
    or, when no meeting has that kenmerk, by its date as written (25/09/2006,
    december 2006) when the group has exactly one meeting on that date."""

    def __init__(self):
        super().__init__(Vergadering)
        self._werkgroepen = WerkgroepWidget()
        self._gezien = {}

    def clean(self, value, row=None, **kwargs):
        werkgroep = self._werkgroepen.clean((row or {}).get("werkgroep"))
        if value is None or not str(value).strip():
            raise ValueError(_("Dit veld is verplicht."))
        sleutel = (werkgroep.pk, value.strip() if isinstance(value, str) else value)
        if sleutel not in self._gezien:
            try:
                self._gezien[sleutel] = self._zoek(werkgroep, sleutel[1])
            except ValueError as fout:
                self._gezien[sleutel] = fout
        if isinstance(self._gezien[sleutel], ValueError):
            raise self._gezien[sleutel]
        return self._gezien[sleutel]

    def _zoek(self, werkgroep, waarde):
        vergaderingen = Vergadering.objects.filter(werkgroep=werkgroep)
        if isinstance(waarde, str):
            gevonden = vergaderingen.filter(kenmerk=waarde).first()
            if gevonden is not None:
                return gevonden
        try:
            datum = DatumaanduidingWidget().clean(waarde)
        except (ValueError, OngeldigeDatum):
            datum = None
        else:
            op_die_datum = list(
                vergaderingen.filter(
                    datum_van=datum.van, datum_tot=datum.tot, precisie=datum.precisie
                )[:2]
            )
            if len(op_die_datum) == 1:
                return op_die_datum[0]
            if op_die_datum:
                raise ValueError(
                    _(
                        "Werkgroep “%(werkgroep)s” heeft meer dan één vergadering op "
                        "%(datum)s: geef het kenmerk van de vergadering."
                    )
                    % {"werkgroep": werkgroep.slug, "datum": DatumaanduidingWidget().render(datum)}
                )
        raise ValueError(
            _(
                "Onbekende vergadering “%(vergadering)s” van werkgroep “%(werkgroep)s”: "
                "importeer eerst de vergaderingen."
            )
            % {
                "vergadering": DatumaanduidingWidget().render(datum) if datum else waarde,
                "werkgroep": werkgroep.slug,
            }
        )

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return value.kenmerk or DatumaanduidingWidget().render(value.datum)


class SprekerWidget(DeelnemerWidget):
    """The speaker when a participant: the row's "spreker voornaam" and
    "spreker achternaam"; both empty for no speaker or one from outside."""

    def clean(self, value, row=None, **kwargs):
        voornaam = (row or {}).get("spreker voornaam")
        if not str(voornaam or "").strip() and not str(value or "").strip():
            return None
        return super().clean(value, {"voornaam": voornaam}, **kwargs)


class ThemaResource(SlugUitKolom, AllesOfNietsResource):
    verplichte_kolommen = ("naam",)

    slug = fields.Field("slug", "slug", widget=TekstWidget())
    naam = fields.Field("naam", "naam", widget=TekstWidget())

    class Meta(AllesOfNietsResource.Meta):
        model = Thema
        fields = ["slug", "naam"]
        import_id_fields = ["slug"]


class WerkgroepResource(SlugUitKolom, AllesOfNietsResource):
    slug_bron = "titel"
    verplichte_kolommen = ("titel", "thema")

    slug = fields.Field("slug", "slug", widget=TekstWidget())
    titel = fields.Field("titel", "titel", widget=TekstWidget())
    thema = fields.Field("thema", "thema", widget=ThemaWidget())

    class Meta(AllesOfNietsResource.Meta):
        model = Werkgroep
        fields = ["slug", "titel", "thema"]
        import_id_fields = ["slug"]

    def get_queryset(self):
        return Werkgroep.objects.select_related("thema")


# Meetings in the order of the meetings export: by group, then by date.
_VERGADERINGSVOLGORDE = [
    "vergadering__werkgroep__slug",
    "vergadering__datum_van",
    "vergadering__datum_tot",
    "vergadering__soort",
    "vergadering__pk",
]


class AgendapuntResource(AllesOfNietsResource):
    verplichte_kolommen = ("werkgroep", "vergadering", "volgorde", "titel")
    sleutelkolommen = ("werkgroep", "vergadering", "volgorde")

    werkgroep = fields.Field("vergadering__werkgroep__slug", "werkgroep", readonly=True)
    vergadering = fields.Field("vergadering", "vergadering", widget=VergaderingWidget())
    volgorde = fields.Field("volgorde", "volgorde", widget=VolgnummerWidget())
    soort = fields.Field(
        "soort", "soort", widget=KeuzeWidget(Agendapunt.Soort, Agendapunt.Soort.ANDERE)
    )
    titel = fields.Field("titel", "titel", widget=TekstWidget())
    spreker_voornaam = fields.Field("spreker__voornaam", "spreker voornaam", readonly=True)
    spreker = fields.Field("spreker", "spreker achternaam", widget=SprekerWidget())
    spreker_naam = fields.Field("spreker_naam", "externe spreker", widget=TekstWidget())
    tekst = fields.Field("tekst", "tekst", widget=TekstWidget())

    class Meta(AllesOfNietsResource.Meta):
        model = Agendapunt
        fields = [
            "werkgroep", "vergadering", "volgorde", "soort", "titel",
            "spreker_voornaam", "spreker", "spreker_naam", "tekst",
        ]  # fmt: skip
        import_id_fields = ["vergadering", "volgorde"]

    def get_queryset(self):
        return Agendapunt.objects.select_related("vergadering__werkgroep", "spreker").order_by(
            *_VERGADERINGSVOLGORDE, "volgorde"
        )


class AanwezigheidResource(AllesOfNietsResource):
    verplichte_kolommen = sleutelkolommen = ("werkgroep", "vergadering", "voornaam", "achternaam")

    werkgroep = fields.Field("vergadering__werkgroep__slug", "werkgroep", readonly=True)
    vergadering = fields.Field("vergadering", "vergadering", widget=VergaderingWidget())
    voornaam = fields.Field("deelnemer__voornaam", "voornaam", readonly=True)
    deelnemer = fields.Field("deelnemer", "achternaam", widget=DeelnemerWidget())
    status = fields.Field(
        "status",
        "status",
        widget=KeuzeWidget(Aanwezigheid.Status, Aanwezigheid.Status.AANWEZIG),
    )

    class Meta(AllesOfNietsResource.Meta):
        model = Aanwezigheid
        fields = ["werkgroep", "vergadering", "voornaam", "deelnemer", "status"]
        import_id_fields = ["vergadering", "deelnemer"]

    def get_queryset(self):
        return Aanwezigheid.objects.select_related("vergadering__werkgroep", "deelnemer").order_by(
            *_VERGADERINGSVOLGORDE, "deelnemer__achternaam", "deelnemer__voornaam"
        )

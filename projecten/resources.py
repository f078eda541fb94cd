"""Spreadsheet columns of the projecten records (see docs/import-formats.md)."""

from import_export import fields, widgets

from kern.spreadsheets import (
    AllesOfNietsResource,
    BelgischeDatumWidget,
    KeuzeWidget,
    SlugUitKolom,
    TekstWidget,
    Verwijzing,
)
from werkgroep.resources import DeelnemerWidget, OrganisatieWidget, WerkgroepWidget

from .models import (
    Product,
    Programma,
    Project,
    ProjectDeelnemer,
    Projectfiche,
    ProjectOrganisatie,
    Projectrol,
)


class MetSlugResource(SlugUitKolom, AllesOfNietsResource):
    """A file may leave out the slug: it is then ``slugify`` of the name column."""

    class Meta(AllesOfNietsResource.Meta):
        abstract = True


class ProgrammaResource(AllesOfNietsResource):
    slug = fields.Field("slug", "slug", widget=TekstWidget())
    naam = fields.Field("naam", "naam", widget=TekstWidget())
    project_zoals_geschreven = fields.Field(
        "project_zoals_geschreven", "project_zoals_geschreven", widget=TekstWidget()
    )

    class Meta(AllesOfNietsResource.Meta):
        model = Programma
        fields = ["slug", "naam", "project_zoals_geschreven"]
        import_id_fields = ["slug"]


class ProjectResource(MetSlugResource):
    verplichte_kolommen = ("naam",)
    slug = fields.Field("slug", "slug", widget=TekstWidget())
    naam = fields.Field("naam", "naam", widget=TekstWidget())
    programma = fields.Field(
        "programma", "programma", widget=Verwijzing(Programma, verplicht=False)
    )
    van = fields.Field("van", "van", widget=BelgischeDatumWidget())
    tot = fields.Field("tot", "tot", widget=BelgischeDatumWidget())
    omschrijving = fields.Field("omschrijving", "omschrijving", widget=TekstWidget())
    website = fields.Field("website", "website", widget=TekstWidget())

    class Meta(AllesOfNietsResource.Meta):
        model = Project
        fields = ["slug", "naam", "programma", "van", "tot", "omschrijving", "website"]
        import_id_fields = ["slug"]

    def get_queryset(self):
        return Project.objects.select_related("programma")


class ProjectOrganisatieResource(AllesOfNietsResource):
    project = fields.Field("project", "project", widget=Verwijzing(Project))
    organisatie = fields.Field(
        "organisatie", "organisatie", widget=OrganisatieWidget(verplicht=True)
    )
    rol = fields.Field("rol", "rol", widget=KeuzeWidget(Projectrol, Projectrol.ONBEKEND))

    class Meta(AllesOfNietsResource.Meta):
        model = ProjectOrganisatie
        fields = ["project", "organisatie", "rol"]
        import_id_fields = ["project", "organisatie"]

    def get_queryset(self):
        return ProjectOrganisatie.objects.select_related("project", "organisatie")


class ProjectDeelnemerResource(AllesOfNietsResource):
    sleutelkolommen = ("project", "voornaam", "achternaam")
    project = fields.Field("project", "project", widget=Verwijzing(Project))
    voornaam = fields.Field("deelnemer__voornaam", "voornaam", readonly=True)
    deelnemer = fields.Field("deelnemer", "achternaam", widget=DeelnemerWidget())
    rol = fields.Field("rol", "rol", widget=KeuzeWidget(Projectrol, Projectrol.ONBEKEND))

    class Meta(AllesOfNietsResource.Meta):
        model = ProjectDeelnemer
        fields = ["project", "voornaam", "deelnemer", "rol"]
        import_id_fields = ["project", "deelnemer"]

    def get_queryset(self):
        return ProjectDeelnemer.objects.select_related("project", "deelnemer")


class ProductResource(MetSlugResource):
    slug_bron = "titel"
    verplichte_kolommen = ("project", "titel")

    project = fields.Field("project", "project", widget=Verwijzing(Project))
    slug = fields.Field("slug", "slug", widget=TekstWidget())
    titel = fields.Field("titel", "titel", widget=TekstWidget())
    soort = fields.Field(
        "soort", "soort", widget=KeuzeWidget(Product.Soort, Product.Soort.ONBEKEND)
    )
    stadium = fields.Field(
        "stadium", "stadium", widget=KeuzeWidget(Product.Stadium, Product.Stadium.ONBEKEND)
    )
    versie = fields.Field("versie", "versie", widget=TekstWidget())
    gemaakt_door = fields.Field("gemaakt_door", "ontwikkeld door", widget=OrganisatieWidget())
    omschrijving = fields.Field("omschrijving", "omschrijving", widget=TekstWidget())

    class Meta(AllesOfNietsResource.Meta):
        model = Product
        fields = [
            "project", "slug", "titel", "soort", "stadium", "versie", "gemaakt_door",
            "omschrijving",
        ]  # fmt: skip
        import_id_fields = ["project", "slug"]

    def get_queryset(self):
        return Product.objects.select_related("project", "gemaakt_door")


class ProjectficheResource(AllesOfNietsResource):
    """Export of fiches for the secretariat (one row per fiche); not importable."""

    werkgroep = fields.Field("werkgroep", "werkgroep", widget=WerkgroepWidget())
    project = fields.Field("project", "project", widget=Verwijzing(Project))
    projectnaam = fields.Field("project__naam", "projectnaam", readonly=True)
    programma = fields.Field("project__programma__naam", "programma", readonly=True)
    status = fields.Field("status", "status")
    versie = fields.Field("versie", "versie", readonly=True, widget=widgets.IntegerWidget())
    gewijzigd_op = fields.Field("gewijzigd_op", "laatst gewijzigd", readonly=True)

    class Meta(AllesOfNietsResource.Meta):
        model = Projectfiche
        fields = [
            "werkgroep", "project", "projectnaam", "programma", "status", "versie",
            *Projectfiche.INHOUD, "opmerking_secretariaat", "gewijzigd_op",
        ]  # fmt: skip
        import_id_fields = ["project", "werkgroep"]

    def get_queryset(self):
        return Projectfiche.objects.select_related("werkgroep", "project__programma")

    def dehydrate_gewijzigd_op(self, fiche):
        """Local time to the minute, without zone: a date cell in XLSX, "27/11/2026 18:22" in
        CSV (the formats write it, kern.spreadsheets)."""
        from django.utils import timezone

        if fiche.gewijzigd_op is None:
            return None
        return timezone.localtime(fiche.gewijzigd_op).replace(tzinfo=None, second=0, microsecond=0)

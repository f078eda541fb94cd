"""ESF projects, who is involved, their products and presentations, and project fiches."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.db.models import F, Q
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kern.models import Versiebeheerd
from kern.sleutels import SleutelManager, sleutel
from kern.teksten import VrijeTekst
from werkgroep.models import Deelnemer, Organisatie, Vergadering, Werkgroep

#: The most characters of one section of a project fiche: some three pages, where the paper
#: fiche the site replaces had two in all. Its PDF stays under a second (``make bench``).
FICHE_SECTIE_MAX = 10_000


class Programma(models.Model):
    """A funding line: the EU's Equal initiative, Flemish ESF zwaartepunt 6, or another."""

    naam = models.CharField(_("naam"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100)
    project_zoals_geschreven = models.CharField(
        _("project, zoals geschreven"),
        max_length=100,
        blank=True,
        help_text=_(
            "Hoe de werkgroep een project van dit programma noemt, bv. “Equal-project” of "
            "“zwaartepunt 6 project”. Leeg: de naam van het programma."
        ),
    )

    objects = SleutelManager()

    class Meta:
        verbose_name = _("programma")
        verbose_name_plural = _("programma's")
        ordering = ["naam"]
        constraints = [models.UniqueConstraint(fields=["slug"], name="programma_unieke_slug")]
        permissions = [
            ("import_programma", _("Kan programma's importeren")),
            ("export_programma", _("Kan programma's exporteren")),
        ]

    def __str__(self) -> str:
        return self.naam

    @property
    def project_als_geschreven(self) -> str:
        """ "Equal-project", "zwaartepunt 6 project": the group's words, else the name."""
        return self.project_zoals_geschreven or self.naam

    natural_key = sleutel("slug")


class ProjectQuerySet(models.QuerySet):
    def voor_deelnemer(self, deelnemer):
        """The projects a participant is linked to (and so may edit the fiche of)."""
        return self.filter(medewerkers__deelnemer=deelnemer)


class Project(models.Model):
    """An ESF-funded project; its slug is ``slugify(naam)``: Werk.waardig is ``werkwaardig``."""

    naam = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, blank=True)
    programma = models.ForeignKey(
        Programma,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projecten",
        verbose_name=_("programma"),
    )
    van = models.DateField(_("looptijd van"), null=True, blank=True)
    tot = models.DateField(_("looptijd tot"), null=True, blank=True)
    omschrijving = VrijeTekst(_("omschrijving"), blank=True)
    website = models.URLField(_("website"), blank=True)

    objects = SleutelManager.from_queryset(ProjectQuerySet)()

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projecten")
        ordering = ["naam"]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="project_unieke_slug"),
            models.CheckConstraint(
                condition=Q(van__isnull=True) | Q(tot__isnull=True) | Q(tot__gte=F("van")),
                name="project_looptijd_eindigt_na_begin",
                violation_error_message=_("Een project kan niet eindigen voor het begint."),
            ),
        ]
        permissions = [
            ("import_project", _("Kan projecten importeren")),
            ("export_project", _("Kan projecten exporteren")),
        ]

    def __str__(self) -> str:
        return self.naam

    natural_key = sleutel("slug")

    def clean(self):
        if not self.slug and self.naam:
            self.slug = slugify(self.naam)


class Projectrol(models.TextChoices):
    """Role in a project; the seed often does not say, so it stays unknown."""

    ONBEKEND = "onbekend", _("onbekend")
    PROMOTOR = "promotor", _("promotor")
    PARTNER = "partner", _("partner")

    @property
    def bekend(self) -> bool:
        return self is not Projectrol.ONBEKEND


class ProjectOrganisatieManager(models.Manager):
    def get_by_natural_key(self, project_slug, *organisatie):
        return self.get(
            project__slug=project_slug,
            organisatie=Organisatie.objects.get_by_natural_key(*organisatie),
        )


class ProjectOrganisatie(models.Model):
    """An organisation involved in a project, as promoter, partner or in an unknown role."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="organisaties", verbose_name=_("project")
    )
    organisatie = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        related_name="projectrollen",
        verbose_name=_("organisatie"),
    )
    rol = models.CharField(
        _("rol"), max_length=20, choices=Projectrol.choices, default=Projectrol.ONBEKEND
    )

    objects = ProjectOrganisatieManager()

    class Meta:
        verbose_name = _("betrokken organisatie")
        verbose_name_plural = _("betrokken organisaties")
        ordering = ["project", "organisatie__naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organisatie"], name="projectorganisatie_uniek"
            )
        ]
        permissions = [
            ("import_projectorganisatie", _("Kan betrokken organisaties importeren")),
            ("export_projectorganisatie", _("Kan betrokken organisaties exporteren")),
        ]

    def __str__(self) -> str:
        return f"{self.organisatie} – {self.project} ({self.get_rol_display()})"

    def natural_key(self):
        return (self.project.slug, *self.organisatie.natural_key())

    natural_key.dependencies = ["projecten.project", "werkgroep.organisatie"]


class ProjectDeelnemer(models.Model):
    """A participant working on a project; while linked, they may edit its fiche."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="medewerkers", verbose_name=_("project")
    )
    deelnemer = models.ForeignKey(
        Deelnemer,
        on_delete=models.CASCADE,
        related_name="projectrollen",
        verbose_name=_("deelnemer"),
    )
    rol = models.CharField(
        _("rol"), max_length=20, choices=Projectrol.choices, default=Projectrol.ONBEKEND
    )

    objects = SleutelManager()

    class Meta:
        verbose_name = _("projectmedewerker")
        verbose_name_plural = _("projectmedewerkers")
        ordering = ["project", "deelnemer__achternaam", "deelnemer__voornaam"]
        constraints = [
            models.UniqueConstraint(fields=["project", "deelnemer"], name="projectdeelnemer_uniek")
        ]
        permissions = [
            ("import_projectdeelnemer", _("Kan projectmedewerkers importeren")),
            ("export_projectdeelnemer", _("Kan projectmedewerkers exporteren")),
        ]

    def __str__(self) -> str:
        return f"{self.deelnemer} – {self.project} ({self.get_rol_display()})"

    natural_key = sleutel(
        "project__slug",
        "deelnemer__voornaam",
        "deelnemer__achternaam",
        na=["projecten.project", "werkgroep.deelnemer"],
    )


class Product(models.Model):
    """A deliverable of a project: what the working group validates."""

    class Soort(models.TextChoices):
        ONBEKEND = "onbekend", _("onbekend")
        INSTRUMENT = "instrument", _("instrument")
        METHODE = "methode", _("methode")
        CASESTUDIE = "casestudie", _("case studie")
        GIDS = "gids", _("gids")
        VORMING = "vorming", _("vorming")
        ANDERE = "andere", _("andere")

    class Stadium(models.TextChoices):
        ONBEKEND = "onbekend", _("onbekend")
        IN_ONTWIKKELING = "in_ontwikkeling", _("in ontwikkeling")
        TUSSENTIJDS = "tussentijds", _("tussentijds product")
        FINAAL = "finaal", _("finaal product")

    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, related_name="producten", verbose_name=_("project")
    )
    titel = models.CharField(_("titel"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=300, blank=True)
    soort = models.CharField(
        _("soort"), max_length=20, choices=Soort.choices, default=Soort.ONBEKEND
    )
    stadium = models.CharField(
        _("stadium"), max_length=20, choices=Stadium.choices, default=Stadium.ONBEKEND
    )
    omschrijving = VrijeTekst(_("omschrijving"), blank=True)
    versie = models.CharField(_("versie"), max_length=40, blank=True)
    gemaakt_door = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="producten",
        verbose_name=_("ontwikkeld door"),
    )
    niet_genoemd_in_bron = models.BooleanField(
        _("niet genoemd in de bron"),
        default=False,
        help_text=_(
            "Aan: de bron zegt dat een product van dit project gevalideerd werd, "
            "maar noemt het niet."
        ),
    )

    objects = SleutelManager()

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("producten")
        ordering = ["project", "titel"]
        constraints = [
            models.UniqueConstraint(fields=["project", "slug"], name="product_unieke_slug")
        ]
        permissions = [
            ("import_product", _("Kan producten importeren")),
            ("export_product", _("Kan producten exporteren")),
        ]

    def __str__(self) -> str:
        return self.titel

    natural_key = sleutel("project__slug", "slug", na=["projecten.project"])

    def clean(self):
        if not self.slug and self.titel:
            self.slug = slugify(self.titel)


class Presentatie(models.Model):
    """A presentation at a meeting: of an ESF project (and maybe a product), or of
    something else an organisation offers, such as Gsiw's Steunpunt Diensteneconomie."""

    vergadering = models.ForeignKey(
        Vergadering,
        on_delete=models.CASCADE,
        related_name="presentaties",
        verbose_name=_("vergadering"),
    )
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=1)
    project = models.ForeignKey(
        Project,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="presentaties",
        verbose_name=_("project"),
    )
    product = models.ForeignKey(
        Product,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="presentaties",
        verbose_name=_("product"),
    )
    organisatie = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="presentaties",
        verbose_name=_("organisatie"),
        help_text=_("Voor een voorstelling van iets anders dan een ESF-project."),
    )
    onderwerp = models.CharField(
        _("onderwerp"),
        max_length=300,
        blank=True,
        help_text=_("Bv. ‘Steunpunt Diensteneconomie’; leeg bij een projectvoorstelling."),
    )

    objects = SleutelManager()

    class Meta:
        verbose_name = _("presentatie")
        verbose_name_plural = _("presentaties")
        ordering = ["vergadering__datum_van", "vergadering", "volgorde"]
        constraints = [
            models.UniqueConstraint(
                fields=["vergadering", "volgorde"], name="presentatie_unieke_volgorde"
            ),
            models.CheckConstraint(
                condition=Q(project__isnull=False)
                | (Q(organisatie__isnull=False) & ~Q(onderwerp="")),
                name="presentatie_van_project_of_organisatie",
                violation_error_message=_(
                    "Een presentatie gaat over een project, of over een onderwerp van een "
                    "organisatie."
                ),
            ),
            models.CheckConstraint(
                condition=Q(product__isnull=True) | Q(project__isnull=False),
                name="presentatie_product_hoort_bij_project",
            ),
        ]

    def __str__(self) -> str:
        if self.project_id:
            onderwerp = self.product.titel if self.product_id else self.project.naam
        else:
            onderwerp = f"{self.onderwerp} ({self.organisatie})"
        return _("Voorstelling van %(onderwerp)s") % {"onderwerp": onderwerp}

    natural_key = sleutel(
        "vergadering__werkgroep__slug",
        "vergadering__kenmerk",
        "volgorde",
        na=["werkgroep.vergadering", "projecten.project", "projecten.product"],
    )

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.product_id and self.project_id and self.product.project_id != self.project_id:
            raise ValidationError({"product": _("Dit product hoort niet bij dit project.")})


@dataclass(frozen=True)
class Sectie:
    """A section of the project fiche: its title and its text fields, in order."""

    titel: str
    velden: tuple[str, ...]


class Projectfiche(Versiebeheerd):
    """What a project is and what it expects from a working group, filled in by its members.

    ``versie`` goes up by one with every save: a save made from an older version
    is refused, so two people editing at once never overwrite each other.
    """

    class Status(models.TextChoices):
        CONCEPT = "concept", _("concept")
        INGEDIEND = "ingediend", _("ingediend")
        AANVAARD = "aanvaard", _("aanvaard")
        TERUGGESTUURD = "teruggestuurd", _("teruggestuurd voor aanpassing")

        @property
        def badge(self) -> str:
            """The colour of the status's badge (Bootstrap's ``text-bg-…``)."""
            status = type(self)
            kleuren = {
                status.INGEDIEND: "info",
                status.AANVAARD: "success",
                status.TERUGGESTUURD: "warning",
            }
            return kleuren.get(self, "secondary")

        @property
        def bewerkbaar_door_lid(self) -> bool:
            """Members edit a draft or a returned fiche; a submitted one waits for the
            secretariat."""
            return self in {type(self).CONCEPT, type(self).TERUGGESTUURD}

    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, related_name="fiches", verbose_name=_("project")
    )
    werkgroep = models.ForeignKey(
        Werkgroep,
        on_delete=models.PROTECT,
        related_name="projectfiches",
        verbose_name=_("werkgroep"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CONCEPT
    )

    # Identification (programme, promoter and partners come from the project itself).
    contact = VrijeTekst(
        _("contactpersoon"),
        blank=True,
        max_tekens=FICHE_SECTIE_MAX,
        help_text=_("Naam, e-mail en telefoon."),
    )
    # The project.
    doelstellingen = VrijeTekst(
        _("doelstellingen van het project"), blank=True, max_tekens=FICHE_SECTIE_MAX
    )
    doelgroep = VrijeTekst(_("doelgroep"), blank=True, max_tekens=FICHE_SECTIE_MAX)
    aanpak = VrijeTekst(_("aanpak"), blank=True, max_tekens=FICHE_SECTIE_MAX)
    # The link with the working group's theme.
    beleidsdomeinen = VrijeTekst(
        _("gekoppelde lokale beleidsdomeinen"),
        blank=True,
        max_tekens=FICHE_SECTIE_MAX,
        help_text=_("Welke lokale beleidsdomeinen koppelt het project aan tewerkstelling?"),
    )
    rol_lokaal_bestuur = VrijeTekst(
        _("rol van het lokaal bestuur"),
        blank=True,
        max_tekens=FICHE_SECTIE_MAX,
        help_text=_("Welke rol speelt het lokaal bestuur (regie, partner, opdrachtgever…)?"),
    )
    # Products.
    producten = VrijeTekst(
        _("producten en hun stadium"),
        blank=True,
        max_tekens=FICHE_SECTIE_MAX,
        help_text=_("Welke producten ontwikkelt het project, en hoe ver staan ze?"),
    )
    klaar_voor_validering = VrijeTekst(
        _("producten klaar voor validering, en wanneer"), blank=True, max_tekens=FICHE_SECTIE_MAX
    )
    # The working group.
    verwachtingen = VrijeTekst(
        _("wat verwacht het project van de werkgroep?"), blank=True, max_tekens=FICHE_SECTIE_MAX
    )
    inbreng = VrijeTekst(
        _("wat kan het project inbrengen?"), blank=True, max_tekens=FICHE_SECTIE_MAX
    )

    opmerking_secretariaat = VrijeTekst(
        _("opmerking van het secretariaat"),
        blank=True,
        help_text=_("Waarom de fiche teruggestuurd werd, of wat nog ontbreekt."),
    )

    objects = SleutelManager()
    history = HistoricalRecords(verbose_name=_("historiek van de projectfiche"))

    # The fiche's sections, each with its fields in order: the one declaration the
    # member's form, the admin, the confirmation page and the PDF are laid out from.
    # A new text field of the fiche goes here (and in a migration), nowhere else.
    SECTIES = (
        Sectie(_("Identificatie"), ("contact",)),
        Sectie(_("Het project"), ("doelstellingen", "doelgroep", "aanpak")),
        Sectie(_("Link met het thema van de werkgroep"), ("beleidsdomeinen", "rol_lokaal_bestuur")),
        Sectie(_("Producten"), ("producten", "klaar_voor_validering")),
        Sectie(_("Het project en de werkgroep"), ("verwachtingen", "inbreng")),
    )
    # The member's texts, in the order of the sections.
    INHOUD = [veld for sectie in SECTIES for veld in sectie.velden]

    class Meta:
        verbose_name = _("projectfiche")
        verbose_name_plural = _("projectfiches")
        ordering = ["werkgroep", "project__naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "werkgroep"], name="projectfiche_een_per_project_en_werkgroep"
            )
        ]
        permissions = [("export_projectfiche", _("Kan projectfiches exporteren"))]

    def __str__(self) -> str:
        return _("Projectfiche %(project)s") % {"project": self.project}

    natural_key = sleutel(
        "project__slug", "werkgroep__slug", na=["projecten.project", "werkgroep.werkgroep"]
    )

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.status == self.Status.TERUGGESTUURD and not self.opmerking_secretariaat.strip():
            raise ValidationError(
                {"opmerking_secretariaat": _("Zeg bij het terugsturen wat er moet veranderen.")}
            )

    @property
    def status_keuze(self) -> Status:
        """The status as its choice, which knows its label, badge and what a member may do."""
        return self.Status(self.status)

    @property
    def bewerkbaar_door_lid(self) -> bool:
        return self.status_keuze.bewerkbaar_door_lid

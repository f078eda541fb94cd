"""The report permission, and the rendered reports kept for the next download."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .verslag import THEMAWERKING, WERKGROEP, Verslag


class Jaarverslag(models.Model):
    """Not a table: the permission to read and export yearly activity reports."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [("export_jaarverslag", _("Kan jaarverslagen lezen en exporteren"))]
        verbose_name = _("jaarverslag")
        verbose_name_plural = _("jaarverslagen")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)


class VerslagbestandQuerySet(models.QuerySet):
    def van(self, verslag: Verslag, taal: str) -> VerslagbestandQuerySet:
        return self.filter(
            soort=verslag.soort,
            slug=verslag.slug,
            jaar_van=verslag.jaar_van,
            jaar_tot=verslag.jaar_tot,
            taal=taal,
        )


class Verslagbestand(models.Model):
    """A report as last rendered, in one language and as of one report date, with the key
    of its content.

    One row per report, language and report date: a request queues the row and the
    background task (``rapportage.taken.verslag_maken``) renders the report's HTML, hashes
    it and runs WeasyPrint only when that key differs from the stored one. So unchanged
    data costs the context and the template, never the PDF again, and changed data is
    never served stale. The PDF (0.1–2 MB) sits in the database, not in a storage: a worker
    on another machine writes it where every web server reads it, and a backup holds it.
    Only the newest report date per report and language is kept (``taken.opruimen``).
    """

    SOORTEN = [(WERKGROEP, _("werkgroep")), (THEMAWERKING, _("themawerking"))]

    class Status(models.TextChoices):
        WACHTRIJ = "wachtrij", _("in de wachtrij")
        BEZIG = "bezig", _("wordt gemaakt")
        KLAAR = "klaar", _("klaar")
        MISLUKT = "mislukt", _("mislukt")

        @property
        def loopt(self) -> bool:
            """Still to come: the page refreshes itself."""
            return self in (self.WACHTRIJ, self.BEZIG)

    class Stap(models.IntegerChoices):
        """The steps of the task, as the waiting page names them."""

        WACHTEN = 0, _("Het verslag staat in de wachtrij.")
        GEGEVENS = 1, _("De gegevens worden verzameld.")
        OPMAAK = 2, _("De tekst wordt opgemaakt.")
        PDF = 3, _("De pagina's van de PDF worden gemaakt.")

    # A running render refreshes ``bijgewerkt`` every ``settings.VERSLAG_HARTSLAG`` seconds
    # (``kern.hartslag.Hartslag``); a row running without a sign of life for this long counts as
    # stopped (its worker died): the waiting page says so and the next request queues it.
    VASTGELOPEN_NA = dt.timedelta(minutes=1)

    soort = models.CharField(_("soort"), max_length=20, choices=SOORTEN)
    slug = models.SlugField(_("slug"), max_length=200)
    jaar_van = models.PositiveSmallIntegerField(_("van jaar"))
    jaar_tot = models.PositiveSmallIntegerField(_("tot jaar"))
    taal = models.CharField(_("taal"), max_length=10)
    verslagdatum = models.DateField(_("verslagdatum"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.WACHTRIJ
    )
    stap = models.PositiveSmallIntegerField(_("stap"), choices=Stap.choices, default=Stap.WACHTEN)
    sleutel = models.CharField(
        _("inhoudssleutel"),
        max_length=64,
        blank=True,
        help_text=_("SHA-256 van de HTML waaruit de PDF gemaakt is."),
    )
    pdf = models.BinaryField(_("PDF"), null=True, blank=True, editable=False)
    fout = models.TextField(_("fout"), blank=True)
    aangevraagd = models.DateTimeField(_("aangevraagd"), default=timezone.now)
    bijgewerkt = models.DateTimeField(_("bijgewerkt"), auto_now=True)
    klaar_op = models.DateTimeField(_("klaar op"), null=True, blank=True)
    # A request is never answered with a PDF rendered from data read before it: each
    # request takes the next number, a render notes the number it started after, and the
    # PDF the number of the render it came from (``taken``).
    aanvragen = models.PositiveIntegerField(
        _("aanvragen"), default=0, help_text=_("Het nummer van de laatste aanvraag.")
    )
    gestart_na = models.PositiveIntegerField(
        _("gestart na aanvraag"),
        default=0,
        help_text=_("De laatste aanvraag toen het laatste maken begon."),
    )
    pdf_voor = models.PositiveIntegerField(
        _("PDF voor aanvraag"),
        default=0,
        help_text=_("De PDF is gemaakt na alle aanvragen tot en met deze."),
    )

    objects = VerslagbestandQuerySet.as_manager()

    class Meta:
        verbose_name = _("verslagbestand")
        verbose_name_plural = _("verslagbestanden")
        ordering = ["-aangevraagd"]
        # A cache, not a record anyone keeps: no admin, no permissions of its own.
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(
                fields=["soort", "slug", "jaar_van", "jaar_tot", "taal", "verslagdatum"],
                name="verslagbestand_een_per_verslag_taal_datum",
            ),
            models.CheckConstraint(
                condition=models.Q(jaar_tot__gte=models.F("jaar_van")),
                name="verslagbestand_jaren_in_volgorde",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.verslag.bestandsnaam} ({self.taal}, {self.verslagdatum:%d/%m/%Y})"

    @property
    def verslag(self) -> Verslag:
        return Verslag(self.soort, self.slug, self.jaar_van, self.jaar_tot)

    @property
    def loopt(self) -> bool:
        return self.Status(self.status).loopt

    @property
    def vastgelopen(self) -> bool:
        """Running, but no sign of life for a minute: its worker died."""
        return (
            self.status == self.Status.BEZIG
            and timezone.now() - self.bijgewerkt > self.VASTGELOPEN_NA
        )

    def klaar_voor(self, aanvraag: int) -> bool:
        """Whether the stored PDF was rendered from data read after request ``aanvraag``."""
        return self.pdf_voor >= max(aanvraag, 1)

    def toestand(self, aanvraag: int) -> str:
        """Where request ``aanvraag`` stands: ``klaar`` (its PDF is there), ``mislukt``,
        ``onderbroken`` (the worker died) or ``bezig`` (queued or being made)."""
        if self.klaar_voor(aanvraag):
            return "klaar"
        if self.status == self.Status.MISLUKT:
            return "mislukt"
        if self.vastgelopen:
            return "onderbroken"
        return "bezig"

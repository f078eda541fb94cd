"""What a meeting leaves behind: its minutes with their decisions and actions, and its files."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kern.models import Versiebeheerd
from kern.teksten import VrijeTekst
from werkgroep.models import Deelnemer, Vergadering

from . import inhoud


class Notulen(Versiebeheerd):
    """The minutes of one meeting: written by the secretariat, sent to the attendees for
    comments, approved at (or after) the group's next meeting. Or *vastgelegd*: the
    meeting's report as it was recorded before the site had minutes (the former
    ``Vergadering.verslag``), final without an approval round nobody held.

    ``versie`` goes up by one with every save (``kern.versies``): a stale tab merges or
    shows both texts, never overwrites.
    """

    class Status(models.TextChoices):
        CONCEPT = "concept", _("concept")
        TER_GOEDKEURING = "ter_goedkeuring", _("ter goedkeuring")
        GOEDGEKEURD = "goedgekeurd", _("goedgekeurd")
        VASTGELEGD = "vastgelegd", _("vastgelegd")

        @property
        def badge(self) -> str:
            """The colour of the status's badge (Bootstrap's ``text-bg-…``)."""
            status = type(self)
            return {
                status.TER_GOEDKEURING: "info",
                status.GOEDGEKEURD: "success",
                status.VASTGELEGD: "light",
            }.get(self, "secondary")

        @property
        def definitief(self) -> bool:
            """Final: no longer written, read by whoever sees the meeting, printed in the
            yearly report (approved, or recorded as the meeting's report)."""
            return self in DEFINITIEF

        @property
        def gedeeld(self) -> bool:
            """Sent to the attendees: no longer the secretariat's draft alone."""
            return self is not type(self).CONCEPT

    vergadering = models.OneToOneField(
        Vergadering,
        on_delete=models.CASCADE,
        related_name="notulen",
        verbose_name=_("vergadering"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CONCEPT
    )
    tekst = VrijeTekst(_("tekst van de notulen"), blank=True)
    verstuurd_op = models.DateTimeField(_("ter goedkeuring verstuurd op"), null=True, blank=True)
    goedgekeurd_op = models.DateTimeField(_("goedgekeurd op"), null=True, blank=True)
    goedgekeurd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("goedgekeurd door"),
    )

    history = HistoricalRecords(verbose_name=_("historiek van de notulen"))

    class Meta:
        verbose_name = _("notulen")
        verbose_name_plural = _("notulen")
        ordering = ["vergadering__datum_van", "vergadering__pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="goedgekeurd")
                | Q(goedgekeurd_op__isnull=False, goedgekeurd_door__isnull=False),
                name="notulen_goedgekeurd_met_wie_en_wanneer",
                violation_error_message=_(
                    "Goedgekeurde notulen zeggen wie ze goedkeurde en wanneer."
                ),
            ),
            models.CheckConstraint(
                condition=Q(status="goedgekeurd")
                | Q(goedgekeurd_op__isnull=True, goedgekeurd_door__isnull=True),
                name="notulen_goedkeuring_alleen_als_goedgekeurd",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["concept", "vastgelegd"]) | Q(verstuurd_op__isnull=False),
                name="notulen_verstuurd_voor_goedkeuring",
                violation_error_message=_(
                    "Notulen worden eerst ter goedkeuring naar de aanwezigen gestuurd."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(status="vastgelegd") | Q(verstuurd_op__isnull=True),
                name="notulen_vastgelegd_zonder_goedkeuringsronde",
                violation_error_message=_(
                    "Vastgelegde notulen werden nooit ter goedkeuring verstuurd."
                ),
            ),
        ]

    def __str__(self) -> str:
        return _("Notulen van %(vergadering)s") % {"vergadering": self.vergadering}

    @property
    def status_keuze(self) -> Status:
        return self.Status(self.status)

    @property
    def goedgekeurd(self) -> bool:
        return self.status == self.Status.GOEDGEKEURD

    @property
    def definitief(self) -> bool:
        return self.status_keuze.definitief


#: The statuses of final minutes (:attr:`Notulen.Status.definitief`), for querysets.
DEFINITIEF = frozenset({Notulen.Status.GOEDGEKEURD, Notulen.Status.VASTGELEGD})


class Besluit(models.Model):
    """A decision taken at the meeting, as the minutes record it."""

    notulen = models.ForeignKey(
        Notulen, on_delete=models.CASCADE, related_name="besluiten", verbose_name=_("notulen")
    )
    volgorde = models.PositiveSmallIntegerField(_("volgorde"))
    tekst = VrijeTekst(_("besluit"))

    class Meta:
        verbose_name = _("besluit")
        verbose_name_plural = _("besluiten")
        ordering = ["notulen", "volgorde"]
        constraints = [
            models.UniqueConstraint(fields=["notulen", "volgorde"], name="besluit_unieke_volgorde"),
            models.CheckConstraint(condition=~Q(tekst=""), name="besluit_niet_leeg"),
        ]

    def __str__(self) -> str:
        return self.tekst[:80]


class Actie(models.Model):
    """Something someone agreed to do at the meeting, by a date; open until it is done.

    Not ``werkgroep.Actiepunt``: those are the group's standing objectives for the year.
    """

    notulen = models.ForeignKey(
        Notulen, on_delete=models.CASCADE, related_name="acties", verbose_name=_("notulen")
    )
    omschrijving = VrijeTekst(_("omschrijving"))
    eigenaar = models.ForeignKey(
        Deelnemer,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vergaderacties",
        verbose_name=_("wie"),
    )
    deadline = models.DateField(_("tegen"), null=True, blank=True)
    afgehandeld_op = models.DateField(_("afgehandeld op"), null=True, blank=True)
    afgehandeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("afgehandeld door"),
    )

    class Meta:
        verbose_name = _("actie")
        verbose_name_plural = _("acties")
        ordering = ["notulen", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(omschrijving=""), name="actie_niet_leeg"),
        ]

    def __str__(self) -> str:
        return self.omschrijving[:80]

    @property
    def afgehandeld(self) -> bool:
        return self.afgehandeld_op is not None


def bestandspad(stuk: Vergaderstuk, naam: str) -> str:
    """Where the storage keeps a file: per meeting, under a random name with the
    extension of its checked kind (the uploaded name is kept apart, for the download)."""
    extensie = inhoud.PER_MIMETYPE[stuk.inhoudstype].extensie if stuk.inhoudstype else ""
    return f"vergaderstukken/{stuk.vergadering_id}/{uuid.uuid4().hex}{extensie}"


class Vergaderstuk(models.Model):
    """A file of a meeting: slides, a document, the signed attendance list.

    The secretariat marks a file it holds as an annex of the group's report
    (``bijlage_bij_jaarverslag``: the fiche the group developed, the method version it
    used, as handed out at that meeting): the report of the meeting's year lists it and
    embeds it in the PDF. Nothing else is ever printed as the group's annex.

    Stored through Django's storage API (``STORAGES["default"]``) and only served by
    ``vergaderstukken.views.vergaderstuk`` to those who may see the meeting, as a download
    of its checked type (``inhoudstype``), never by a public address.
    """

    class Soort(models.TextChoices):
        PRESENTATIE = "presentatie", _("presentatie")
        DOCUMENT = "document", _("document")
        AANWEZIGHEIDSLIJST = "aanwezigheidslijst", _("getekende aanwezigheidslijst")

    vergadering = models.ForeignKey(
        Vergadering, on_delete=models.CASCADE, related_name="stukken", verbose_name=_("vergadering")
    )
    soort = models.CharField(
        _("soort"), max_length=20, choices=Soort.choices, default=Soort.DOCUMENT
    )
    titel = models.CharField(_("titel"), max_length=200)
    bestand = models.FileField(_("bestand"), upload_to=bestandspad, max_length=200)
    bestandsnaam = models.CharField(_("oorspronkelijke bestandsnaam"), max_length=200)
    inhoudstype = models.CharField(
        _("soort inhoud"), max_length=100, choices=[(m, m) for m in inhoud.MIMETYPES]
    )
    grootte = models.PositiveIntegerField(_("grootte (bytes)"))
    geupload_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opgeladen door"),
    )
    geupload_op = models.DateTimeField(_("opgeladen op"), default=timezone.now)
    bijlage_bij_jaarverslag = models.BooleanField(
        _("bijlage bij het jaarverslag"),
        default=False,
        help_text=_(
            "Het jaarverslag van het jaar van deze vergadering noemt dit bestand bij de "
            "bijlagen en sluit het in de PDF in (bv. de projectfiche of de methode waar de "
            "tekst ‘zie bijlage’ zegt)."
        ),
    )

    class Meta:
        verbose_name = _("vergaderstuk")
        verbose_name_plural = _("vergaderstukken")
        ordering = ["vergadering", "soort", "geupload_op", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(inhoudstype__in=inhoud.MIMETYPES),
                name="vergaderstuk_toegelaten_inhoud",
                violation_error_message=_("Dit soort bestand wordt niet aanvaard."),
            ),
        ]

    def __str__(self) -> str:
        return self.titel

    @property
    def soort_inhoud(self) -> inhoud.Inhoud:
        """The kind its content was checked to be (its name: "PDF", "Word", …)."""
        return inhoud.PER_MIMETYPE[self.inhoudstype]

"""What the personal-data app keeps: the records of what was done with a person's data on
their request — each export made (GDPR art. 15) and each request to forget them (art. 17),
themselves evidence that the request was answered, so erasure keeps them
(``bewaarbeleid.yaml``) — and the privacy statement's free texts."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from werkgroep.models import Deelnemer


class Uitvoer(models.Model):
    """One export of a participant's data, with a fingerprint of what it held: erasure rests
    on the latest export and is refused when the data changed since (as pretix's shredder)."""

    class Via(models.TextChoices):
        BEHEER = "beheer", _("beheer")
        OPDRACHT = "opdracht", _("opdracht (manage.py persoonsgegevens)")

    deelnemer = models.ForeignKey(
        Deelnemer,
        on_delete=models.PROTECT,
        related_name="uitvoeren",
        verbose_name=_("deelnemer"),
    )
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("door"),
        help_text=_("Leeg wanneer de export met manage.py op de server gemaakt werd."),
    )
    via = models.CharField(_("via"), max_length=10, choices=Via.choices)
    gemaakt_op = models.DateTimeField(_("gemaakt op"), auto_now_add=True)
    vingerafdruk = models.CharField(
        _("vingerafdruk"),
        max_length=64,
        help_text=_("SHA-256 van de gegevens in de export (zonder het tijdstip)."),
    )

    class Meta:
        verbose_name = _("uitvoer van persoonsgegevens")
        verbose_name_plural = _("uitvoeren van persoonsgegevens")
        ordering = ["-gemaakt_op", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(vingerafdruk__regex=r"^[0-9a-f]{64}$"),
                name="uitvoer_vingerafdruk_is_sha256",
            ),
        ]

    def __str__(self) -> str:
        return _("Export van %(deelnemer)s op %(op)s") % {
            "deelnemer": self.deelnemer,
            # In the reader's time zone, as every other time the admin shows (not UTC).
            "op": timezone.localtime(self.gemaakt_op).strftime("%d/%m/%Y %H:%M")
            if self.gemaakt_op
            else "–",
        }


class Wisverzoek(models.Model):
    """A request to forget a participant: recorded by one member of the secretariat on the
    latest export, carried out only when a second member confirms it."""

    class Status(models.TextChoices):
        OPEN = "open", _("wacht op bevestiging")
        UITGEVOERD = "uitgevoerd", _("uitgevoerd")

    deelnemer = models.ForeignKey(
        Deelnemer,
        on_delete=models.PROTECT,
        related_name="wisverzoeken",
        verbose_name=_("deelnemer"),
    )
    uitvoer = models.ForeignKey(
        Uitvoer,
        on_delete=models.PROTECT,
        related_name="wisverzoeken",
        verbose_name=_("export"),
        help_text=_("De export waarop het verzoek steunt."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    aangevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("aangevraagd door"),
    )
    aangevraagd_op = models.DateTimeField(_("aangevraagd op"), auto_now_add=True)
    bevestigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bevestigd door"),
    )
    bevestigd_op = models.DateTimeField(_("bevestigd op"), null=True, blank=True)
    pseudoniem = models.CharField(_("pseudoniem"), max_length=40)

    class Meta:
        verbose_name = _("verzoek om vergeten te worden")
        verbose_name_plural = _("verzoeken om vergeten te worden")
        ordering = ["-aangevraagd_op", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(bevestigd_door__isnull=True) | ~Q(bevestigd_door=F("aangevraagd_door")),
                name="wisverzoek_bevestiger_is_niet_aanvrager",
            ),
            models.CheckConstraint(
                condition=(
                    Q(status="open", bevestigd_door__isnull=True, bevestigd_op__isnull=True)
                    | Q(
                        status="uitgevoerd",
                        bevestigd_door__isnull=False,
                        bevestigd_op__isnull=False,
                    )
                ),
                name="wisverzoek_uitgevoerd_als_bevestigd",
            ),
            models.UniqueConstraint(
                fields=["deelnemer"],
                condition=Q(status="open"),
                name="wisverzoek_een_open_per_deelnemer",
            ),
            models.CheckConstraint(condition=~Q(pseudoniem=""), name="wisverzoek_heeft_pseudoniem"),
        ]

    def __str__(self) -> str:
        return _("Verzoek om %(pseudoniem)s te vergeten (%(status)s)") % {
            "pseudoniem": self.pseudoniem,
            "status": self.get_status_display(),
        }


# ---- The privacy statement (issue 26, item 6) ------------------------------------------------


class Privacyverklaring(models.Model):
    """The free texts of the privacy statement, as the secretariat edited them: at most one
    row, and none until the first edit (the page then shows its defaults). What data the
    site keeps and for how long is never stored here: the page makes it from the retention
    policy and the settings, so it cannot disagree with them (``persoonsgegevens.privacy``)."""

    # Always true and unique: the constraint that keeps the statement to one row.
    enig = models.BooleanField(default=True, editable=False)
    verantwoordelijke = models.CharField(
        _("wie de gegevens bewaart"),
        max_length=300,
        blank=True,
        help_text=_(
            "De organisatie van het secretariaat, met haar adres. Leeg: de instelling "
            "PRIVACY_VERANTWOORDELIJKE."
        ),
    )
    contact = models.CharField(
        _("contactadres"),
        max_length=300,
        blank=True,
        help_text=_(
            "Waar men een vraag over zijn gegevens stelt (e-mailadres). Leeg: de instelling "
            "PRIVACY_CONTACT."
        ),
    )
    tekst = models.TextField(
        _("aanvullende tekst"),
        max_length=10_000,
        blank=True,
        help_text=_("Gewone tekst; een lege regel begint een nieuwe alinea."),
    )
    gewijzigd_op = models.DateTimeField(_("laatst gewijzigd"), auto_now=True)

    history = HistoricalRecords(verbose_name=_("historiek van de privacyverklaring"))

    class Meta:
        verbose_name = _("privacyverklaring")
        verbose_name_plural = _("privacyverklaringen")
        constraints = [
            models.UniqueConstraint(fields=["enig"], name="privacyverklaring_een_rij"),
            models.CheckConstraint(
                condition=models.Q(enig=True), name="privacyverklaring_enig_is_waar"
            ),
        ]

    def __str__(self) -> str:
        return str(_("Privacyverklaring"))


# ---- end of the privacy statement ------------------------------------------------------------

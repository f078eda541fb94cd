"""What kern keeps: what an account chose for itself, and the outbox of every mail."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Voorkeur(models.Model):
    """An account's language, for the site after logging in and for every mail it gets.

    The language switch keeps the choice in a cookie, per browser; a mail (a reminder sent
    at night, a fiche returned) needs it without a browser, so a logged-in switch also
    lands here (``kern.voorkeuren``).
    """

    account = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="voorkeur",
        verbose_name=_("account"),
    )
    taal = models.CharField(_("taal"), max_length=10)

    class Meta:
        verbose_name = _("voorkeur")
        verbose_name_plural = _("voorkeuren")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(taal__in=[code for code, _naam in settings.LANGUAGES]),
                name="voorkeur_taal_van_de_site",
            )
        ]

    def __str__(self) -> str:
        return f"{self.account} ({self.taal})"


class Bericht(models.Model):
    """One mail, kept from the moment it is made until it is sent or listed as failed.

    :func:`kern.mail.sturen` writes it inside the caller's transaction, so a mail exists
    exactly when the change that caused it does; the task gets only its number and claims
    it with one conditional UPDATE (``wachtend`` → ``bezig``), so two workers never send
    it twice. A claim older than ``MAIL_CLAIM_SECONDEN`` is a worker that died: the row
    goes back to ``wachtend`` and is sent again. Whatever the task backend, a mail that
    failed every attempt stays here as ``mislukt`` for the secretariat's page.
    """

    class Status(models.TextChoices):
        WACHTEND = "wachtend", _("wacht op verzending")
        BEZIG = "bezig", _("wordt verstuurd")
        VERSTUURD = "verstuurd", _("verstuurd")
        MISLUKT = "mislukt", _("mislukt")

        @property
        def badge(self) -> str:
            soort = type(self)
            return {
                soort.WACHTEND: "text-bg-light",
                soort.BEZIG: "text-bg-light",
                soort.VERSTUURD: "text-bg-success",
                soort.MISLUKT: "text-bg-danger",
            }[self]

    aan = models.CharField(_("aan"), max_length=500)
    onderwerp = models.CharField(_("onderwerp"), max_length=1000)
    tekst = models.TextField(_("tekst"))
    html = models.TextField(_("HTML"), blank=True)
    # Each attachment as JSON carries it: {"naam", "mimetype", "tekst" or "base64"}.
    bijlagen = models.JSONField(_("bijlagen"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.WACHTEND
    )
    pogingen = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    fout = models.TextField(_("laatste fout"), blank=True)
    gemaakt_op = models.DateTimeField(_("gemaakt op"), default=timezone.now)
    # When a waiting mail is due (made, or its next attempt); long past it, nobody sends it.
    te_versturen_vanaf = models.DateTimeField(_("te versturen vanaf"), default=timezone.now)
    geclaimd_op = models.DateTimeField(_("geclaimd op"), null=True, blank=True)
    verstuurd_op = models.DateTimeField(_("verstuurd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("bericht")
        verbose_name_plural = _("berichten")
        ordering = ["-gemaakt_op"]
        indexes = [
            models.Index(fields=["status", "te_versturen_vanaf"], name="bericht_status_vanaf"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["wachtend", "bezig", "verstuurd", "mislukt"]),
                name="bericht_status_bekend",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(status="bezig", geclaimd_op__isnull=False)
                    | (~models.Q(status="bezig") & models.Q(geclaimd_op__isnull=True))
                ),
                name="bericht_bezig_met_claim",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(status="verstuurd", verstuurd_op__isnull=False)
                    | (~models.Q(status="verstuurd") & models.Q(verstuurd_op__isnull=True))
                ),
                name="bericht_verstuurd_met_tijdstip",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="mislukt") | ~models.Q(fout=""),
                name="bericht_mislukt_met_fout",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.onderwerp} → {self.aan} ({self.get_status_display()})"

    @property
    def status_keuze(self) -> Bericht.Status:
        return self.Status(self.status)

    @property
    def mislukt(self) -> bool:
        return self.status == self.Status.MISLUKT

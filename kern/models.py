"""What kern keeps: what an account chose for itself, the outbox of every mail, and the
log of who took personal data off the site."""

from __future__ import annotations

import contextlib
import datetime as dt
from email.header import decode_header, make_header
from email.utils import parseaddr

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Versiebeheerd(models.Model):
    """A record saved through ``kern.versies`` (a fiche, minutes): the version each save
    claims, and who changed it last and when (the page's "laatst gewijzigd door")."""

    versie = models.PositiveIntegerField(_("versie"), default=0, editable=False)
    gewijzigd_op = models.DateTimeField(_("laatst gewijzigd"), auto_now=True, null=True)
    gewijzigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("laatst gewijzigd door"),
    )

    class Meta:
        abstract = True


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
                soort.WACHTEND: "light",
                soort.BEZIG: "light",
                soort.VERSTUURD: "success",
                soort.MISLUKT: "danger",
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

    @staticmethod
    def claimduur() -> dt.timedelta:
        """How long a claim holds: a worker still sending after it is taken to be dead."""
        return dt.timedelta(seconds=settings.MAIL_CLAIM_SECONDEN)

    @property
    def onderbroken(self) -> bool:
        """Claimed by a worker that stopped: taken back and sent again by the next one."""
        return (
            self.status == self.Status.BEZIG
            and self.geclaimd_op is not None
            and self.geclaimd_op < timezone.now() - self.claimduur()
        )

    @property
    def toestand(self) -> str:
        """The status as the secretariat reads it: an interrupted send and an attempt that
        failed and waits for the next one are said, not hidden behind "wacht"."""
        if self.onderbroken:
            return str(_("onderbroken"))
        if self.status == self.Status.WACHTEND and self.fout:
            return str(_("poging %(n)d mislukt, wordt opnieuw geprobeerd") % {"n": self.pogingen})
        return self.get_status_display()

    @property
    def toestand_badge(self) -> str:
        if self.onderbroken or (self.status == self.Status.WACHTEND and self.fout):
            return "warning"
        return self.status_keuze.badge

    @property
    def ontvanger(self) -> str:
        """The recipient as a person reads it: "Gast Eén <gast1@example.org>", not the
        header's encoded form."""
        naam, adres = parseaddr(self.aan)
        if not naam:
            return adres or self.aan
        with contextlib.suppress(UnicodeDecodeError, LookupError, ValueError):
            naam = str(make_header(decode_header(naam)))  # else as written
        return f"{naam} <{adres}>"

    @property
    def oorzaak(self) -> str:
        """Why it was not sent, in the reader's language; the technical line stays in
        ``fout`` (and the log) for whoever runs the mail server."""
        return oorzaak_van(self.fout)


# What the error of a failed send means, by the exception's name, most specific first.
_OORZAKEN = [
    ("SMTPRecipientsRefused", _("De mailserver weigerde het adres van de ontvanger.")),
    ("SMTPSenderRefused", _("De mailserver weigerde het afzendadres (DEFAULT_FROM_EMAIL).")),
    (
        "SMTPAuthenticationError",
        _("De mailserver weigerde de aanmelding (EMAIL_HOST_USER, EMAIL_HOST_PASSWORD)."),
    ),
    ("timed out", _("De mailserver antwoordde niet op tijd (EMAIL_TIMEOUT).")),
    ("TimeoutError", _("De mailserver antwoordde niet op tijd (EMAIL_TIMEOUT).")),
    (
        "ConnectionRefusedError",
        _("De mailserver was niet bereikbaar: de verbinding werd geweigerd."),
    ),
    ("gaierror", _("De mailserver werd niet gevonden (EMAIL_HOST).")),
    ("SMTPServerDisconnected", _("De mailserver verbrak de verbinding.")),
    ("SMTPDataError", _("De mailserver weigerde de mail.")),
    ("SMTP", _("De mailserver gaf een fout.")),
    ("OSError", _("De mailserver was niet bereikbaar.")),
    ("ConnectionError", _("De mailserver was niet bereikbaar.")),
]


def oorzaak_van(fout: str) -> str:
    """A Dutch (or English) sentence for a stored error line; "" for none."""
    if not fout:
        return ""
    for teken, oorzaak in _OORZAKEN:
        if teken in fout:
            return str(oorzaak)
    if not fout.isascii() or " " in fout.split(":", 1)[0]:
        return fout  # already a sentence of ours ("De verzending werd onderbroken …")
    return str(_("Het versturen mislukte door een onverwachte fout."))


class Importtaak(models.Model):
    """A large file's import run by a background task (``kern.importtaken``): first its
    preview, then, once the secretariat confirms, the import itself.

    The file waits here (not in a temporary folder: a worker on another machine reads it)
    until it is imported or its preview expires. A running task refreshes ``bijgewerkt``;
    a task without a sign of life for :meth:`vastgelopen` belonged to a worker that died
    and is queued again with the next ``poging`` (an import is one transaction: a dead
    worker leaves nothing behind, and only the attempt that still owns the row commits).
    """

    class Stap(models.TextChoices):
        VOORVERTONING = "voorvertoning", _("voorvertoning")
        INLEZEN = "inlezen", _("inlezen")

    class Status(models.TextChoices):
        WACHTRIJ = "wachtrij", _("in de wachtrij")
        BEZIG = "bezig", _("bezig")
        KLAAR = "klaar", _("klaar")
        MISLUKT = "mislukt", _("mislukt")

    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="importtaken",
        verbose_name=_("gebruiker"),
    )
    model = models.CharField(_("model"), max_length=100)  # app_label.model_name
    resource = models.CharField(_("resource"), max_length=200)  # its class, dotted
    formaat = models.CharField(_("formaat"), max_length=200)  # its class, dotted
    bestandsnaam = models.CharField(_("bestandsnaam"), max_length=255)
    taal = models.CharField(_("taal"), max_length=10)
    inhoud = models.BinaryField(_("inhoud"), blank=True)
    stap = models.CharField(_("stap"), max_length=20, choices=Stap, default=Stap.VOORVERTONING)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.WACHTRIJ)
    poging = models.PositiveIntegerField(_("poging"), default=1)
    gedaan = models.PositiveIntegerField(_("regels gedaan"), default=0)
    totaal = models.PositiveIntegerField(_("regels"), default=0)
    resultaat = models.JSONField(_("resultaat"), default=dict, blank=True)
    aangemaakt = models.DateTimeField(_("aangemaakt"), default=timezone.now)
    bijgewerkt = models.DateTimeField(_("bijgewerkt"), default=timezone.now)
    werker = models.CharField(_("werker"), max_length=300, blank=True)  # host:pid

    class Meta:
        verbose_name = _("importtaak")
        verbose_name_plural = _("importtaken")
        ordering = ["-aangemaakt"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(gedaan__lte=models.F("totaal")),
                name="importtaak_gedaan_hoogstens_totaal",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.bestandsnaam} ({self.get_stap_display()}, {self.get_status_display()})"


class Inzage(models.Model):
    """One list, report or export with personal data that left the site: who took it, when,
    what. The secretariat answers "who had my data?" from it (AVG art. 5.2 and 30); it is
    written in the same transaction as the download (``kern.inzage``), so a file never
    leaves without its record. The username is kept as text, so the record outlives the
    account; records older than ``BEWAREN_INZAGE_MAANDEN`` are removed."""

    wanneer = models.DateTimeField(_("wanneer"), default=timezone.now)
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inzagen",
        verbose_name=_("account"),
    )
    gebruikersnaam = models.CharField(_("gebruikersnaam"), max_length=150)
    wat = models.CharField(_("wat"), max_length=300)
    # The URL name of the download ("rapportage:jaarverslag_pdf") or the command run.
    bron = models.CharField(_("bron"), max_length=200)
    personen = models.PositiveIntegerField(_("aantal personen"), null=True, blank=True)

    class Meta:
        verbose_name = _("inzage")
        verbose_name_plural = _("inzagen")
        ordering = ["-wanneer", "-id"]
        indexes = [
            models.Index(fields=["-wanneer", "-id"], name="inzage_nieuwste_eerst"),
            models.Index(fields=["account", "-wanneer"], name="inzage_account_wanneer"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(gebruikersnaam=""), name="inzage_gebruikersnaam_niet_leeg"
            ),
            models.CheckConstraint(condition=~models.Q(wat=""), name="inzage_wat_niet_leeg"),
            models.CheckConstraint(condition=~models.Q(bron=""), name="inzage_bron_niet_leeg"),
        ]

    def __str__(self) -> str:
        return f"{self.gebruikersnaam}: {self.wat} ({self.wanneer:%d/%m/%Y %H:%M})"

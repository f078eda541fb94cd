"""What the personal-data app keeps."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

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

"""When the duty of a second factor began for an account (the grace period counts from it)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Tweestapsplicht(models.Model):
    """The day an account was first seen needing a second factor (staff, secretariat,
    coordinator): its grace of ``TWEESTAPS_GRACE_DAGEN`` days counts from here, so a
    change of the setting or a later login never restarts it."""

    account = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="tweestapsplicht",
        verbose_name=_("account"),
    )
    begonnen_op = models.DateField(_("begonnen op"))

    class Meta:
        verbose_name = _("tweestapsplicht")
        verbose_name_plural = _("tweestapsplichten")
        ordering = ["begonnen_op"]

    def __str__(self):
        return f"{self.account} ({self.begonnen_op:%d-%m-%Y})"

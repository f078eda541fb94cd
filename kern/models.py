"""The one record kern keeps: what an account chose for itself."""

from django.conf import settings
from django.db import models
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

"""rapportage keeps no data; this model only carries the report permission."""

from django.db import models
from django.utils.translation import gettext_lazy as _


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

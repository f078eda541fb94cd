from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PersoonsgegevensConfig(AppConfig):
    name = "persoonsgegevens"
    verbose_name = _("Persoonsgegevens")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VergaderstukkenConfig(AppConfig):
    name = "vergaderstukken"
    verbose_name = _("Vergaderstukken")

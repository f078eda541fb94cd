from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ValideringConfig(AppConfig):
    name = "validering"
    verbose_name = _("Validering")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectenConfig(AppConfig):
    name = "projecten"
    verbose_name = _("Projecten")

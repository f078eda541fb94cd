from axes.apps import AppConfig as AxesAppConfig
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class WerkgroepAdminConfig(AdminConfig):
    """Makes the project's own admin site the default one, so every app registers there."""

    default_site = "config.admin.WerkgroepAdminSite"


class AxesConfig(AxesAppConfig):
    """django-axes under a name the secretariat recognises in the admin."""

    verbose_name = _("Inlogbeveiliging")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PersoonsgegevensConfig(AppConfig):
    name = "persoonsgegevens"
    verbose_name = _("Persoonsgegevens")

    def ready(self):
        from django.contrib import admin

        from .admin import actie_toevoegen

        actie_toevoegen(admin.site)

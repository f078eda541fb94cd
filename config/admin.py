"""The one admin site shared by every app, with its own Dutch title."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from kern.verouderd import bewaakte_admin


class WerkgroepAdminSite(admin.AdminSite):
    site_header = _("Beheer van de themawerkgroep")
    site_title = _("Werkgroepbeheer")
    index_title = _("Secretariaat")

    def register(self, model_or_iterable, admin_class=None, **options):
        """Every admin, Django's and other packages' too, refuses a stale save
        (``kern.verouderd``): one guard for all, not one per admin."""
        super().register(
            model_or_iterable, bewaakte_admin(admin_class or admin.ModelAdmin), **options
        )

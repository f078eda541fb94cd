"""The one admin site shared by every app, with its own Dutch title."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _


class WerkgroepAdminSite(admin.AdminSite):
    site_header = _("Beheer van de themawerkgroep")
    site_title = _("Werkgroepbeheer")
    index_title = _("Secretariaat")

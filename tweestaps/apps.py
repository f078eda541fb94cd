from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TweestapsConfig(AppConfig):
    name = "tweestaps"
    verbose_name = _("Tweestapsverificatie")

    def ready(self):
        from django.contrib import admin
        from django.contrib.auth.signals import user_logged_in

        from . import beheer
        from .services import stap_na_aanmelden

        # Every way in (the login page, the admin's, force_login in the tests) decides once
        # what this session still needs; the middleware then reads the session only.
        user_logged_in.connect(stap_na_aanmelden, dispatch_uid="tweestaps_stap")
        # "Tweede factor herstellen…" on werkgroep's account admin (tweestaps/beheer.py).
        beheer.toevoegen(admin.site)

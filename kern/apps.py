from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KernConfig(AppConfig):
    """Tools every app uses; it imports no app of the site, so every app may import it."""

    name = "kern"
    verbose_name = _("Kern")

    def ready(self):
        from django.db.backends.signals import connection_created

        from . import checks, paden, zoekvorm  # noqa: F401 (checks registers itself)

        paden.registreren()
        connection_created.connect(zoekvorm.registreren, dispatch_uid="kern.zoekvorm")

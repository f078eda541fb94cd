from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class WerkgroepConfig(AppConfig):
    name = "werkgroep"
    verbose_name = _("Werkgroep")

    def ready(self) -> None:
        from .rollen import rechten_toekennen

        # Permissions exist only after every app migrated: grant them then.
        post_migrate.connect(rechten_toekennen, dispatch_uid="werkgroep_rechten_toekennen")

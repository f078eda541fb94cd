from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectenConfig(AppConfig):
    name = "projecten"
    verbose_name = _("Projecten")

    def ready(self) -> None:
        from werkgroep import secties

        # The meeting page's section of this app (werkgroep.secties, the extension point).
        secties.registreren(
            secties.Sectie(
                naam="presentaties",
                volgorde=20,
                template="projecten/_vergadering_presentaties.html",
                context="projecten.views.vergadering_sectie",
            )
        )

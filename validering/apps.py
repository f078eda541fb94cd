from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ValideringConfig(AppConfig):
    name = "validering"
    verbose_name = _("Validering")

    def ready(self) -> None:
        from werkgroep import secties

        # The meeting page's section of this app (werkgroep.secties, the extension point).
        secties.registreren(
            secties.Sectie(
                naam="validering",
                volgorde=30,
                template="validering/_vergadering_sessies.html",
                context="validering.views.vergadering_sectie",
            )
        )

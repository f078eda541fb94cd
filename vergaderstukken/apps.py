from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VergaderstukkenConfig(AppConfig):
    name = "vergaderstukken"
    verbose_name = _("Vergaderstukken")

    def ready(self) -> None:
        from werkgroep import secties

        # The meeting page's section of this app (werkgroep.secties, the extension point).
        secties.registreren(
            secties.Sectie(
                naam="vergaderstukken",
                volgorde=50,
                template="vergaderstukken/_vergadering_stukken.html",
                context="vergaderstukken.views.vergadering_sectie",
            )
        )

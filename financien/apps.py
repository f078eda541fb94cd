from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FinancienConfig(AppConfig):
    name = "financien"
    verbose_name = _("Financiën")

    def ready(self) -> None:
        from werkgroep import secties

        # The meeting page's section of this app (werkgroep.secties, the extension point).
        secties.registreren(
            secties.Sectie(
                naam="kosten",
                volgorde=60,
                template="financien/_vergadering_kosten.html",
                context="financien.views.vergadering_sectie",
            )
        )

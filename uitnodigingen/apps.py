from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class UitnodigingenConfig(AppConfig):
    name = "uitnodigingen"
    verbose_name = _("Uitnodigingen")

    def ready(self) -> None:
        from werkgroep import gasten, kalender, secties
        from werkgroep.models import Vergadering

        from . import selectors

        # The feed's events carry the sequence of the last invitation mailed.
        kalender.volgnummers_registreren(selectors.volgnummers)
        # A guest's attendance is kept on her invitation: the minutes go to her too.
        gasten.registreren(selectors.aanwezige_gasten)

        # The meeting page's sections of this app (werkgroep.secties, the extension point).
        secties.registreren(
            secties.Sectie(
                naam="uitnodigingen",
                volgorde=10,
                template="uitnodigingen/_vergadering_uitnodigingen.html",
                context="uitnodigingen.views.vergadering_sectie",
            )
        )
        secties.registreren(
            secties.Sectie(
                naam="aanwezigheid",
                volgorde=40,
                template="uitnodigingen/_vergadering_aanwezigheid.html",
                context="uitnodigingen.views.aanwezigheid_sectie",
            )
        )

        # werkgroep cannot import this app: a changed date, hour or place, or a cancellation,
        # is noticed here after every save of a meeting (admin, import, script) and told to
        # the invited (services.vergadering_bewaard compares with what they were told).
        post_save.connect(
            _na_bewaren, sender=Vergadering, dispatch_uid="uitnodigingen_vergadering_bewaard"
        )


def _na_bewaren(sender, instance, created, raw=False, **kwargs) -> None:
    if raw or created:
        return  # a fixture being loaded, or a new meeting nobody was invited to yet
    from .services import vergadering_bewaard

    vergadering_bewaard(instance)

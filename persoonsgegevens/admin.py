"""The admin's action on a participant: download everything the site holds about them.

The participant's admin is werkgroep's, which may not import this app; the action is added
to it here, once the admin site is complete (``apps.py``)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.http import HttpResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kern import downloads
from kern.inzage import Melding

from . import export


@admin.action(description=gettext_lazy("Persoonsgegevens uitvoeren (AVG art. 15)"))
def persoonsgegevens_uitvoeren(modeladmin, request, queryset) -> HttpResponse | None:
    if not request.user.has_perm("persoonsgegevens.uitvoeren"):
        messages.error(request, _("Alleen het secretariaat voert persoonsgegevens uit."))
        return None
    gekozen = list(queryset[:2])
    if len(gekozen) != 1:
        messages.error(request, _("Kies precies één deelnemer om zijn gegevens uit te voeren."))
        return None
    gegevens = export.verzamelen(gekozen[0])
    naam = slugify(gegevens.persoon.naam) or str(gekozen[0].pk)
    inzage = Melding(
        request,
        gettext_lazy("Persoonsgegevens van %(naam)s"),
        {"naam": gegevens.persoon.naam},
        personen=1,
    )
    return downloads.bestand(
        export.archief(gegevens), f"persoonsgegevens-{naam}.zip", "application/zip", inzage=inzage
    )


def actie_toevoegen(site: admin.AdminSite) -> None:
    from werkgroep.models import Deelnemer

    beheer = site.get_model_admin(Deelnemer)
    beheer.actions = [*(beheer.actions or []), persoonsgegevens_uitvoeren]

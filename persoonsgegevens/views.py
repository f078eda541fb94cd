"""The privacy statement's page, open to everyone, and its edit for the secretariat."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kern import verouderd_site
from kern.rechten import vereist

from . import privacy as verklaring
from .models import Privacyverklaring


@login_not_required
@require_GET
def privacy(request):
    return render(
        request, "persoonsgegevens/privacy.html", verklaring.inhoud(verklaring.verklaring())
    )


@require_http_methods(["GET", "POST"])
def privacy_bewerken(request):
    vereist(request, "persoonsgegevens.privacy_bewerken")
    Form = verouderd_site.site_formulier(verklaring.PrivacyverklaringForm, aanvrager=request.user)
    opgeslagen = verklaring.verklaring() or Privacyverklaring()
    if request.method == "POST":
        form = Form(request.POST, instance=opgeslagen)
        if verklaring.bewaren(form=form) is not None:
            messages.success(request, _("De privacyverklaring is bewaard."))
            for melding in verouderd_site.samenvoegmeldingen(form):
                messages.info(request, melding)
            return redirect("persoonsgegevens:privacy")
    else:
        form = Form(instance=opgeslagen)
    return render(request, "persoonsgegevens/privacy_bewerken.html", {"form": form})

"""The privacy statement (AVG art. 13): what its page shows and how the secretariat edits it.

Who keeps the data and whom to ask are free texts the secretariat edits (the model
``Privacyverklaring``, with the settings ``PRIVACY_VERANTWOORDELIJKE`` and ``PRIVACY_CONTACT``
until it does). What data the site keeps and for how long is made here from the retention
policy (``bewaarbeleid.yaml``) and the settings as they are now, so the page can never
promise another period than the one the retention applies.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .beleid import Termijn, beleid, vertalen
from .models import Privacyverklaring

# ---- Reads -----------------------------------------------------------------------------------


def verklaring() -> Privacyverklaring | None:
    """The statement as the secretariat last saved it; ``None`` before the first edit."""
    return Privacyverklaring.objects.first()


@dataclass(frozen=True)
class Bewaartermijn:
    """A period as the page says it: "24 maanden na de dag van de vergadering"."""

    naam: str
    instelling: str
    duur: str
    vanaf: str
    uitleg: str

    @property
    def tekst(self) -> str:
        return _("%(duur)s na %(vanaf)s") % {"duur": self.duur, "vanaf": self.vanaf}


@dataclass(frozen=True)
class Gegevenssoort:
    """A kind of personal data: what it is and why it is kept, and for how long."""

    naam: str
    uitleg: str
    termijn: Bewaartermijn


def duur(termijn: Termijn) -> str:
    """The period's current setting in words ("24 maanden", "2 uur")."""
    n = termijn.waarde
    if termijn.eenheid == "jaar":
        return ngettext("%(n)d jaar", "%(n)d jaar", n) % {"n": n}
    if termijn.eenheid == "maand":
        return ngettext("%(n)d maand", "%(n)d maanden", n) % {"n": n}
    if termijn.eenheid == "dag":
        return ngettext("%(n)d dag", "%(n)d dagen", n) % {"n": n}
    if n and n % 3600 == 0:
        return ngettext("%(n)d uur", "%(n)d uur", n // 3600) % {"n": n // 3600}
    if n and n % 60 == 0:
        return ngettext("%(n)d minuut", "%(n)d minuten", n // 60) % {"n": n // 60}
    return ngettext("%(n)d seconde", "%(n)d seconden", n) % {"n": n}


def bewaartermijnen() -> list[Bewaartermijn]:
    """Every period of the policy, in its order, with its value as configured now."""
    return [
        Bewaartermijn(t.naam, t.instelling, duur(t), vertalen(t.vanaf), vertalen(t.uitleg))
        for t in beleid().termijnen.values()
    ]


def gegevenssoorten() -> list[Gegevenssoort]:
    """Every kind of personal data the policy names, with the period that keeps it."""
    termijnen = {t.naam: t for t in bewaartermijnen()}
    return [
        Gegevenssoort(vertalen(s.titel), vertalen(s.uitleg), termijnen[s.termijn.naam])
        for s in beleid().soorten.values()
    ]


def inhoud(opgeslagen: Privacyverklaring | None) -> dict:
    """The page's context: the saved free texts or their defaults, and the generated lists."""
    return {
        "verklaring": opgeslagen,
        "verantwoordelijke": (opgeslagen and opgeslagen.verantwoordelijke)
        or settings.PRIVACY_VERANTWOORDELIJKE,
        "contact": (opgeslagen and opgeslagen.contact) or settings.PRIVACY_CONTACT,
        "tekst": opgeslagen.tekst if opgeslagen else "",
        "soorten": gegevenssoorten(),
        "termijnen": bewaartermijnen(),
    }


# ---- The edit --------------------------------------------------------------------------------


class PrivacyverklaringForm(forms.ModelForm):
    """The free texts; the site's stale-save guard is added by the view
    (``kern.verouderd_site.site_formulier``)."""

    class Meta:
        model = Privacyverklaring
        fields = ["verantwoordelijke", "contact", "tekst"]
        widgets = {"tekst": forms.Textarea(attrs={"rows": 12})}


def bewaren(*, form: PrivacyverklaringForm) -> Privacyverklaring | None:
    """Save the statement from the site's form; ``None`` and the form's errors when it
    refuses. Validating and saving are one transaction, so the guard's lock on the row holds
    until the save. Two first edits at once both insert: the second meets the one-row
    constraint and is refused like any stale save."""
    with transaction.atomic():
        if not form.is_valid():
            return None
        try:
            with transaction.atomic():
                return form.save()
        except IntegrityError:
            form.add_error(
                None,
                _(
                    "Iemand anders bewaarde de privacyverklaring net. Open ze opnieuw; "
                    "er is niets bewaard."
                ),
            )
            return None

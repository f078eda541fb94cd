"""Forms of the invitations: whom to invite, and a reply."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kern.teksten import Tekstveld
from werkgroep.forms import ANTWOORDLABELS, KEUZES, NIETS, UIT_ANTWOORD, GastForm, StandField

from .models import Antwoord
from .services import Gast


class UitnodigenForm(forms.Form):
    """The group's members with an address (all ticked), and guests, one per line."""

    leden = forms.MultipleChoiceField(
        label=gettext_lazy("Leden van de werkgroep"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    gasten = Tekstveld(
        label=gettext_lazy("Gasten (e-mailadressen)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=gettext_lazy(
            "Eén per regel: het adres, eventueel na de naam (An Peeters an@voorbeeld.be)."
        ),
    )

    def __init__(self, *args, leden, knop: str, al_gehad=(), **kwargs):
        super().__init__(*args, **kwargs)
        # Members ticked on a page opened before they got it (a double click, a second tab)
        # are not offered any more: left out and named, rather than refused as a choice.
        al = {str(deelnemer.pk): deelnemer for deelnemer in al_gehad}
        self.al_gehad = []
        if self.is_bound:
            gekozen = self.data.getlist("leden")
            self.al_gehad = [al[pk].naam for pk in gekozen if pk in al]
            self.data = self.data.copy()
            self.data.setlist("leden", [pk for pk in gekozen if pk not in al])
        self.leden = {str(lid.deelnemer.pk): lid.deelnemer for lid in leden if lid.deelnemer.email}
        self.fields["leden"].choices = [
            (pk, f"{deelnemer.naam} <{deelnemer.email}>") for pk, deelnemer in self.leden.items()
        ]
        self.fields["leden"].initial = list(self.leden)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", knop))

    def clean_gasten(self) -> list[Gast]:
        gasten = []
        for nummer, regel in enumerate(self.cleaned_data["gasten"].splitlines(), start=1):
            regel = regel.strip()
            if not regel:
                continue
            if "<" in regel:  # as a mail program writes it: Naam <adres>
                naam, _teken, adres = regel.rpartition("<")
                adres = adres.rstrip(">").strip()
            else:
                naam, _spatie, adres = regel.rpartition(" ")
            try:
                validate_email(adres)
            except ValidationError:
                raise ValidationError(
                    _("Regel %(nummer)s: “%(regel)s” is geen e-mailadres.")
                    % {"nummer": nummer, "regel": regel}
                ) from None
            gasten.append(Gast(email=adres, naam=naam.strip().strip('"').strip()))
        return gasten

    def clean(self):
        data = super().clean()
        if (
            not self.errors
            and not data.get("leden")
            and not data.get("gasten")
            and not self.al_gehad
        ):
            raise ValidationError(_("Kies minstens één lid of geef een gast op."))
        return data

    def gekozen_leden(self):
        return [self.leden[pk] for pk in self.cleaned_data["leden"]]


class AntwoordForm(forms.Form):
    antwoord = forms.ChoiceField(
        label=gettext_lazy("Uw antwoord"), choices=Antwoord.choices, widget=forms.RadioSelect
    )
    opmerking = forms.CharField(
        label=gettext_lazy("Opmerking (niet verplicht)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Antwoord versturen")))


class GastenAanwezigheidForm(forms.Form):
    """The invited guests on the attendance screen: per guest a status (field ``u<pk>``,
    the invitation's number), pre-filled with what is recorded, else with her reply, like
    the members' checklist (werkgroep.forms.AanwezigheidForm); ``gasten_gelezen`` is what
    the page showed, to catch a stale save."""

    gasten_gelezen = StandField()

    def __init__(self, *args, gasten, **kwargs):
        super().__init__(*args, **kwargs)
        self.gasten = gasten
        for gast in gasten:
            self.fields[gastveld(gast)] = forms.ChoiceField(
                label=gast.weergavenaam,
                choices=KEUZES,
                required=False,
                widget=forms.RadioSelect,
                initial=gast.aanwezigheid or UIT_ANTWOORD.get(gast.antwoord, NIETS),
            )
        self.initial.setdefault(
            "gasten_gelezen", {g.pk: g.aanwezigheid for g in gasten if g.aanwezigheid}
        )

    def lijst(self):
        """(invitation, its reply's label, its status field) in the list's order."""
        for gast in self.gasten:
            yield gast, ANTWOORDLABELS.get(gast.antwoord, ""), self[gastveld(gast)]

    def statussen(self) -> dict[int, str]:
        return {gast.pk: self.cleaned_data[gastveld(gast)] for gast in self.gasten}


def gastveld(uitnodiging) -> str:
    return f"u{uitnodiging.pk}"


class GastMetAdresForm(GastForm):
    """werkgroep's guest row (a participant, or a new person by name) with an address:
    a guest who came uninvited and gives her address is kept as an invited guest is, on
    an invitation row with her name and address (not as a participant), so the minutes
    reach her (``services.aanwezigheid_opnemen``, ``gasten_met_adres``)."""

    email = forms.EmailField(
        label=gettext_lazy("E-mailadres (niet verplicht)"),
        required=False,
        help_text=gettext_lazy("Dan krijgt zij de notulen."),
        error_messages={
            "invalid": gettext_lazy("Vul een geldig e-mailadres in, of laat het vak leeg.")
        },
        widget=forms.EmailInput(
            attrs={"class": "form-control form-control-sm", "autocomplete": "off"}
        ),
    )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("email"):
            return cleaned
        if cleaned.get("deelnemer") is not None:
            self.add_error(
                "email",
                _(
                    "Een bestaande deelnemer krijgt mail op het adres van de deelnemer: laat "
                    "dit vak leeg."
                ),
            )
        elif cleaned.get("organisatie"):
            self.add_error(
                "organisatie",
                _(
                    "Een gast met een e-mailadres wordt bewaard zoals een uitgenodigde gast: "
                    "met naam en adres, zonder organisatie. Laat de organisatie of het adres "
                    "leeg."
                ),
            )
        return cleaned

    def gast_met_adres(self) -> Gast | None:
        """The guest by address this row names, or ``None`` (then :meth:`gast`)."""
        data = self.cleaned_data
        if not data.get("email"):
            return None
        naam = " ".join(f"{data.get('voornaam', '')} {data.get('achternaam', '')}".split())
        return Gast(email=data["email"], naam=naam)

    def gast(self):
        return None if self.cleaned_data.get("email") else super().gast()


GastenMetAdresFormSet = forms.formset_factory(GastMetAdresForm, extra=2, max_num=20)

"""The project fiche form, laid out in the fiche's sections (``Projectfiche.SECTIES``)."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Fieldset, Layout, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from kern.teksten import Tekstveld

from .models import Projectfiche


class ProjectficheForm(forms.ModelForm):
    """The member's part of the fiche, plus the version they started from."""

    gelezen_versie = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    class Meta:
        model = Projectfiche
        fields = Projectfiche.INHOUD
        widgets = {veld: forms.Textarea(attrs={"rows": 3}) for veld in Projectfiche.INHOUD}

    def __init__(self, *args, alleen_lezen: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["gelezen_versie"] = self.instance.versie
        self.helper = FormHelper()
        self.helper.layout = Layout(
            "gelezen_versie",
            *[Fieldset(sectie.titel, *sectie.velden) for sectie in Projectfiche.SECTIES],
        )
        if alleen_lezen:
            for veld in self.fields.values():
                veld.disabled = True
        else:
            self.helper.layout.append(
                HTML(
                    '<p class="small text-muted">'
                    + str(
                        _(
                            "Indienen stuurt de fiche naar het secretariaat; daarna kunt u ze "
                            "niet meer wijzigen, tenzij het secretariaat ze terugstuurt."
                        )
                    )
                    + "</p>"
                )
            )
            self.helper.add_input(Submit("opslaan", _("Opslaan als concept")))
            self.helper.add_input(Submit("indienen", _("Indienen"), css_class="btn-success"))


class FicheIndienenForm(forms.Form):
    """The confirmation of a submission: the version the member confirms."""

    gelezen_versie = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class FicheBeoordelenForm(forms.Form):
    """The secretariat's review of a submitted fiche: accept, or return with a comment.

    The decision is the button pressed (``besluit``); the version is the one the page
    showed, so a review of a fiche changed since is refused. That a return needs a comment
    is the model's rule (``Projectfiche.clean``), reported on ``opmerking``.
    """

    besluit = forms.ChoiceField(
        label=_("Besluit"),
        choices=[
            (Projectfiche.Status.AANVAARD, _("Aanvaarden")),
            (Projectfiche.Status.TERUGGESTUURD, _("Terugsturen")),
        ],
        error_messages={
            "required": _("Kies aanvaarden of terugsturen."),
            "invalid_choice": _("Kies aanvaarden of terugsturen."),
        },
    )
    opmerking = Tekstveld(
        label=_("Opmerking voor de projectmedewerkers"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Verplicht bij terugsturen: wat moet er veranderen?"),
    )
    gelezen_versie = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class VersiesKiezenForm(forms.Form):
    """Which two versions of a fiche to compare: history ids of that fiche."""

    a = forms.TypedChoiceField(label=_("Versie A"), coerce=int)
    b = forms.TypedChoiceField(label=_("Versie B"), coerce=int)

    def __init__(self, *args, versies, **kwargs):
        super().__init__(*args, **kwargs)
        keuzes = [(v.history_id, v.history_id) for v in versies]
        fout = {
            "invalid_choice": _(
                "Die versie bestaat niet voor deze fiche; kies er een uit de lijst."
            )
        }
        for naam in ("a", "b"):
            self.fields[naam].choices = keuzes
            self.fields[naam].error_messages.update(fout)

"""The project fiche form, laid out in the fiche's sections (``Projectfiche.SECTIES``)."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Fieldset, Layout, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

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

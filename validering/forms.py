"""The rapporteur's scoring form: a score and comment per criterion, and the remarks."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Fieldset, Layout, Submit
from django import forms
from django.utils.translation import gettext_lazy as _


class ScoreForm(forms.Form):
    gelezen_versie = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    sterktes = forms.CharField(
        label=_("sterktes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    aandachtspunten = forms.CharField(
        label=_("aandachtspunten"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Eén per regel."),
    )  # fmt: skip
    knelpunten = forms.CharField(
        label=_("knelpunten"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Eén per regel."),
    )  # fmt: skip
    aanbevelingen = forms.CharField(
        label=_("aanbevelingen"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, subgroep, criteria, alleen_lezen=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        bestaand = {s.criterium_id: s for s in subgroep.scores.all()}
        if not self.is_bound:
            punten = list(subgroep.punten.all())
            self.initial.update(
                gelezen_versie=subgroep.versie,
                sterktes=subgroep.sterktes,
                aanbevelingen=subgroep.aanbevelingen,
                aandachtspunten="\n".join(p.tekst for p in punten if p.soort == "aandachtspunt"),
                knelpunten="\n".join(p.tekst for p in punten if p.soort == "knelpunt"),
            )
        blokken = []
        for c in criteria:
            keuzes = [("", "–")] + [(str(i), str(i)) for i in range(c.schaal_min, c.schaal_max + 1)]
            self.fields[f"score_{c.pk}"] = forms.TypedChoiceField(
                label=f"{c.volgorde}. {c.naam}", choices=keuzes, coerce=int, empty_value=None,
                required=False, help_text=c.vraag,
            )  # fmt: skip
            self.fields[f"commentaar_{c.pk}"] = forms.CharField(
                label=_("commentaar"), required=False, widget=forms.Textarea(attrs={"rows": 2})
            )
            if not self.is_bound and c.pk in bestaand:
                self.initial[f"score_{c.pk}"] = bestaand[c.pk].score
                self.initial[f"commentaar_{c.pk}"] = bestaand[c.pk].commentaar
            blokken.append(
                Div(f"score_{c.pk}", f"commentaar_{c.pk}", css_class="mb-3 border-bottom")
            )
        self.helper = FormHelper()
        self.helper.layout = Layout(
            "gelezen_versie",
            Fieldset(_("Scores per criterium"), *blokken),
            Fieldset(
                _("Opmerkingen van de subgroep"),
                "sterktes",
                "aandachtspunten",
                "knelpunten",
                "aanbevelingen",
            ),
        )
        if alleen_lezen:
            for veld in self.fields.values():
                veld.disabled = True
        else:
            self.helper.add_input(Submit("opslaan", _("Scores opslaan")))

    def scores(self) -> dict[int, tuple[int | None, str]]:
        return {
            c.pk: (self.cleaned_data[f"score_{c.pk}"], self.cleaned_data[f"commentaar_{c.pk}"])
            for c in self.criteria
        }

"""The rapporteur's scoring form: a score and comment per criterion, and the remarks.

The secretariat's subgroup form in the admin has the same score fields
(``scorevelden``), so both save the same content the same way.
"""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Fieldset, Layout, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Punt

PUNTEN = Punt.Soort.velden()


def scorevelden(criteria) -> dict[str, forms.Field]:
    """A score (on the criterion's scale, its ends labelled as the method version says,
    or none yet) and a comment per criterion."""
    velden = {}
    for c in criteria:
        velden[f"score_{c.pk}"] = forms.TypedChoiceField(
            label=f"{c.volgorde}. {c.naam}", choices=[("", "–"), *c.schaal.keuzes],
            coerce=int, empty_value=None, required=False, help_text=c.vraag,
        )  # fmt: skip
        velden[f"commentaar_{c.pk}"] = forms.CharField(
            label=_("commentaar"), required=False, widget=forms.Textarea(attrs={"rows": 2})
        )
    return velden


def puntveld(label) -> forms.CharField:
    return forms.CharField(
        label=label, required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Eén per regel."),
    )  # fmt: skip


class ScoreInhoud:
    """What a scoring form sends, as the merge reads it (``validering.services.SUBGROEP``)."""

    criteria: list

    def inhoud(self) -> dict[str, str]:
        inhoud = {}
        for naam in self.fields:
            if naam in {"sterktes", "aanbevelingen", "externe_leden", *PUNTEN} or naam.startswith(
                "commentaar_"
            ):
                inhoud[naam] = self.cleaned_data[naam]
            elif naam.startswith("score_"):
                score = self.cleaned_data[naam]
                inhoud[naam] = "" if score is None else str(score)
        return inhoud

    def samenvoeglabels(self) -> dict[str, str]:
        return {
            f"commentaar_{c.pk}": _("commentaar bij %(criterium)s") % {"criterium": c.naam}
            for c in self.criteria
        }


class ScoreForm(ScoreInhoud, forms.Form):
    gelezen_versie = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    sterktes = forms.CharField(
        label=_("sterktes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    aandachtspunten = puntveld(_("aandachtspunten"))
    knelpunten = puntveld(_("knelpunten"))
    aanbevelingen = forms.CharField(
        label=_("aanbevelingen"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, subgroep, criteria, alleen_lezen=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        self.fields.update(scorevelden(criteria))
        if not self.is_bound:
            self.initial.update(
                gelezen_versie=subgroep.versie,
                sterktes=subgroep.sterktes,
                aanbevelingen=subgroep.aanbevelingen,
                **{
                    naam: tekst
                    for naam, tekst in subgroep.scores_en_punten().items()
                    if naam in self.fields
                },
            )
        self.helper = FormHelper()
        self.helper.layout = Layout(
            "gelezen_versie",
            Fieldset(
                _("Scores per criterium"),
                *[
                    Div(f"score_{c.pk}", f"commentaar_{c.pk}", css_class="mb-3 border-bottom")
                    for c in criteria
                ],
            ),
            Fieldset(_("Opmerkingen van de subgroep"), "sterktes", *PUNTEN, "aanbevelingen"),
        )
        if alleen_lezen:
            for veld in self.fields.values():
                veld.disabled = True
        else:
            self.helper.add_input(Submit("opslaan", _("Scores opslaan")))


class SessieFilter(forms.Form):
    """The filters of the list of sessions; every field may stay empty (then: all)."""

    werkgroep = forms.ChoiceField(label=_("Werkgroep"), required=False)
    jaar = forms.TypedChoiceField(label=_("Jaar"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("alle")), ("open", _("open")), ("gesloten", _("afgesloten"))],
    )
    zoek = forms.CharField(label=_("Product of project"), required=False, max_length=100)

    def __init__(self, *args, werkgroepen, jaren, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["werkgroep"].choices = [("", _("alle"))] + [
            (w.slug, w.titel) for w in werkgroepen
        ]
        self.fields["jaar"].choices = [("", _("alle"))] + [(j, j) for j in jaren]

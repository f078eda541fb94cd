"""The rapporteur's scoring form: a score and comment per criterion, and the remarks.

The secretariat's subgroup form in the admin has the same score fields
(``scorevelden``), so both save the same content the same way.
"""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Fieldset, Layout, Submit
from django import forms
from django.utils.html import conditional_escape
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from kern.teksten import Tekstveld

from .models import Punt, Schaal

PUNTEN = Punt.Soort.velden()


def scorevelden(criteria) -> dict[str, forms.Field]:
    """A score (on the criterion's scale, its ends labelled as the method version says,
    or none yet) and a comment per criterion."""
    velden = {}
    for c in criteria:
        label = f"{c.volgorde}. {c.naam}"
        if not c.verplicht:
            label = f"{label} ({gettext('optioneel')})"
        velden[f"score_{c.pk}"] = forms.TypedChoiceField(
            label=label, choices=[("", _("– nog geen score")), *c.schaal.keuzes],
            coerce=int, empty_value=None, required=False,
            help_text=conditional_escape(c.vraag),  # crispy and the admin print it as HTML
        )  # fmt: skip
        velden[f"commentaar_{c.pk}"] = Tekstveld(
            label=_("commentaar"), required=False, widget=forms.Textarea(attrs={"rows": 2})
        )
    return velden


SCHAALUITLEG = "schaaluitleg"  # the id of the scale's explanation on the scoring page


def schaaluitleg(criteria) -> list[str]:
    """What the scores mean, as the scoring form says it above the criteria: the scale
    with its ends as the method version labels them, or, when it labels none, which end
    is low; then that an open score keeps the scores a draft."""
    zinnen = []
    for schaal in dict.fromkeys(c.schaal for c in criteria):
        if schaal.betekenis_laagste or schaal.betekenis_hoogste:
            zinnen.append(
                gettext("Scoor van %(laagste)s tot %(hoogste)s: %(betekenissen)s.")
                % {
                    "laagste": schaal.laagste,
                    "hoogste": schaal.hoogste,
                    "betekenissen": "; ".join(
                        gettext("%(score)s = %(betekenis)s") % {"score": s, "betekenis": b}
                        for s, b in _uiteinden(schaal)
                    ),
                }
            )
        else:
            zinnen.append(
                gettext(
                    "Scoor van %(laagste)s tot %(hoogste)s: %(laagste)s is de laagste score, "
                    "%(hoogste)s de hoogste. Deze versie van de methode omschrijft de "
                    "uiteinden van de schaal niet; de vraag bij elk criterium zegt wat er "
                    "gescoord wordt."
                )
                % {"laagste": schaal.laagste, "hoogste": schaal.hoogste}
            )
    if criteria:
        verplicht = sum(c.verplicht for c in criteria)
        zinnen.append(
            ngettext(
                "U kunt tussendoor opslaan: zolang het verplichte criterium geen score heeft, "
                "blijven de scores een concept en tellen ze niet mee in het geconsolideerd "
                "resultaat.",
                "U kunt tussendoor opslaan: zolang niet alle %(aantal)s verplichte criteria "
                "een score hebben, blijven de scores een concept en tellen ze niet mee in het "
                "geconsolideerd resultaat.",
                verplicht,
            )
            % {"aantal": verplicht}
        )
    return zinnen


def _uiteinden(schaal: Schaal) -> list[tuple[int, str]]:
    return [
        (score, betekenis)
        for score, betekenis in [
            (schaal.laagste, schaal.betekenis_laagste),
            (schaal.hoogste, schaal.betekenis_hoogste),
        ]
        if betekenis
    ]


def puntveld(label) -> forms.CharField:
    return Tekstveld(
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
    schaaluitleg_id = SCHAALUITLEG
    gelezen_versie = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    sterktes = Tekstveld(
        label=_("sterktes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    aandachtspunten = puntveld(_("aandachtspunten"))
    knelpunten = puntveld(_("knelpunten"))
    aanbevelingen = Tekstveld(
        label=_("aanbevelingen"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, subgroep, criteria, alleen_lezen=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        self.fields.update(scorevelden(criteria))
        self.schaaluitleg = schaaluitleg(criteria)
        for c in criteria:
            # The scale's explanation and the criterion's question describe its choice.
            self.fields[f"score_{c.pk}"].widget.attrs["aria-describedby"] = (
                f"{SCHAALUITLEG} id_score_{c.pk}_helptext"
            )
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
                HTML('{% include "validering/_schaaluitleg.html" %}'),
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


class RapporteurForm(forms.Form):
    """The secretariat names a subgroup's rapporteur on the session page."""

    subgroep = forms.TypedChoiceField(label=_("Subgroep"), coerce=int)
    rapporteur = forms.TypedChoiceField(
        label=_("Rapporteur"), coerce=int, empty_value=None, required=False
    )

    def __init__(self, *args, subgroepen, kandidaten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subgroep"].choices = [(sg.pk, str(sg.soort)) for sg in subgroepen]
        self.fields["subgroep"].error_messages["invalid_choice"] = _(
            "Deze subgroep hoort niet bij deze sessie."
        )
        self.fields["rapporteur"].choices = [("", _("nog niemand"))] + [
            (d.pk, d.naam) for d in kandidaten
        ]
        self.fields["rapporteur"].error_messages["invalid_choice"] = _(
            "Kies een lid van de werkgroep of van een subgroep van deze sessie."
        )
        self._subgroepen = {sg.pk: sg for sg in subgroepen}
        self._kandidaten = {d.pk: d for d in kandidaten}

    def gekozen(self):
        """The subgroup and the participant chosen (``None``: nobody)."""
        rapporteur = self.cleaned_data["rapporteur"]
        return (
            self._subgroepen[self.cleaned_data["subgroep"]],
            None if rapporteur is None else self._kandidaten[rapporteur],
        )

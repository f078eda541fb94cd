"""Forms of the werkgroep app; site forms render with crispy forms."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from kern.datums import Datumaanduiding, OngeldigeDatum

from .models import Vergadering


class LoginForm(AuthenticationForm):
    """Django's login form (fields username/password), laid out by crispy forms."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class KalendersleutelVernieuwenForm(forms.Form):
    """A confirmation: renewing the key breaks the old calendar URL."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(
            Submit("submit", _("Nieuwe geheime link maken"), css_class="btn-outline-danger")
        )


class DatumaanduidingField(forms.CharField):
    """One text field for a date of any precision: 25/09/2006, december 2006, okt/nov 2006."""

    default_error_messages = {"invalid": _("Onbekende datum.")}

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            return Datumaanduiding.parse(value)
        except OngeldigeDatum as fout:
            raise forms.ValidationError(str(fout), code="invalid") from fout

    def prepare_value(self, value):
        return str(value) if isinstance(value, Datumaanduiding) else value


class VergaderingForm(forms.ModelForm):
    """A meeting with its date typed as people write it."""

    datum = DatumaanduidingField(
        label=capfirst(_("datum")),
        help_text=_(
            "Zoals u hem zou schrijven: 25/09/2006, december 2006 of oktober/november 2006. "
            "Wordt de datum later preciezer, dan blijft de oorspronkelijke bewaard."
        ),
    )

    class Meta:
        model = Vergadering
        fields = [
            "werkgroep",
            "soort",
            "status",
            "datum",
            "aanvang",
            "einde",
            "plaats",
            "verslag",
            "kenmerk",
            "oorspronkelijke_datum",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["datum"] = str(self.instance.datum)

    def clean(self):
        cleaned = super().clean()
        datum = cleaned.get("datum")
        if datum is not None:
            self.instance.datum = datum
            if not datum.dag_bekend and (cleaned.get("aanvang") or cleaned.get("einde")):
                self.add_error("aanvang", _("Een uur past alleen bij een gekende dag."))
        return cleaned

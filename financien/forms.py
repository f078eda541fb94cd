"""Forms of the ledger: amounts typed the Belgian way, and linking a line to its meeting."""

from decimal import Decimal

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from .bedragen import OngeldigBedrag, bedrag_tekst, parse_bedrag


class BedragField(forms.CharField):
    """Accepts "36,30", "36.30", "1.234,56", "1234,56" and "€ 36,30"; gives a Decimal."""

    def __init__(self, *, max_digits=None, decimal_places=None, **kwargs):
        kwargs.pop("max_value", None)
        kwargs.pop("min_value", None)
        kwargs.pop("step_size", None)
        kwargs.setdefault("help_text", _("Bv. 36,30 of 1.234,56"))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return bedrag_tekst(value) if isinstance(value, Decimal) else value

    def to_python(self, value):
        try:
            return parse_bedrag(super().to_python(value))
        except OngeldigBedrag as fout:
            raise forms.ValidationError(str(fout), code="invalid") from None


class KoppelForm(forms.Form):
    """The check page: which meeting did this line mean?"""

    vergadering = forms.ModelChoiceField(queryset=None, label=_("vergadering"))

    def __init__(self, *args, post, vergaderingen=None, **kwargs):
        """``vergaderingen``: the group's meetings read once for the whole page, so a
        page of forms does not query once per line; a POST checks against the database.
        Ids carry the line's key: the page holds one form per line."""
        kwargs.setdefault("auto_id", f"id_kostenpost{post.pk}_%s")
        super().__init__(*args, **kwargs)
        veld = self.fields["vergadering"]
        veld.queryset = post.werkgroep.vergaderingen.chronologisch()
        veld.label_from_instance = lambda v: f"{v.datum} – {v.get_soort_display()}"
        if vergaderingen is not None:
            veld.widget.choices = [("", veld.empty_label)] + [
                (v.pk, veld.label_from_instance(v)) for v in vergaderingen
            ]
        self.helper = FormHelper()
        self.helper.form_tag = False  # the page's own <form> per line holds it, and its token
        self.helper.disable_csrf = True
        self.helper.form_class = "d-flex gap-2 align-items-end"
        self.helper.add_input(
            Submit("koppelen", _("Koppelen"), css_class="btn-sm", css_id=f"koppelen-{post.pk}")
        )

"""Forms of the ledger: amounts typed the Belgian way, and linking a line to its meeting."""

from decimal import Decimal

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _

from .bedragen import OngeldigBedrag, bedrag_tekst, parse_bedrag
from .models import Kostenpost, Kostenstatus


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


class ModelfoutenOpHetFormulier:
    """A ModelForm whose model may refuse a field the form does not show (the written date,
    the group): that refusal is shown as the form's own error, never a ValueError (500)."""

    def _update_errors(self, errors):
        if hasattr(errors, "error_dict"):
            errors = ValidationError(
                {
                    (veld if veld in self.fields else NON_FIELD_ERRORS): meldingen
                    for veld, meldingen in errors.error_dict.items()
                }
            )
        super()._update_errors(errors)


class OmschrijvingUitCategorie:
    """A cost line's description may be left empty: it is then the category's name. The one
    place of that rule, for the site's form and the admin's."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "omschrijving" in self.fields:  # a reader's admin page shows it as text
            self.fields["omschrijving"].required = False
            self.fields["omschrijving"].help_text = _("Leeg: de naam van de categorie.")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("categorie") and not cleaned.get("omschrijving"):
            cleaned["omschrijving"] = cleaned["categorie"].naam
        return cleaned


class KostenpostForm(OmschrijvingUitCategorie, ModelfoutenOpHetFormulier, forms.ModelForm):
    """A cost line of one meeting, typed on the meeting's page: a category and an amount
    suffice (the description defaults to the category, the status to what is likely)."""

    bedrag = BedragField(label=_("Bedrag (EUR)"), required=False)

    class Meta:
        model = Kostenpost
        fields = ["categorie", "omschrijving", "status", "bedrag"]
        labels = {"categorie": _("Categorie"), "omschrijving": _("Omschrijving")}

    def __init__(self, *args, vergadering, categorieen=(), plafond=None, **kwargs):
        """``categorieen`` and ``plafond`` are read once for the whole page, so a page of
        lines does not query per line."""
        kwargs["instance"] = Kostenpost(
            werkgroep_id=vergadering.werkgroep_id,
            vergadering=vergadering,
            vergadering_zoals_geschreven=str(vergadering.datum),
        )
        kwargs["instance"]._plafond = plafond
        super().__init__(*args, **kwargs)
        categorie = self.fields["categorie"]
        categorie.widget.choices = [("", "—")] + [(c.pk, c.naam) for c in categorieen]
        voorbij = vergadering.status == vergadering.Status.GEHOUDEN
        self.initial["status"] = Kostenstatus.GEFACTUREERD if voorbij else Kostenstatus.VOORZIEN
        for veld in self.fields.values():
            css = "form-select" if isinstance(veld.widget, forms.Select) else "form-control"
            veld.widget.attrs.setdefault("class", f"{css} {css}-sm")

    def clean(self):
        cleaned = super().clean()
        status, bedrag = cleaned.get("status"), cleaned.get("bedrag")
        if "bedrag" in self.errors:
            pass  # the amount's own message ("12,345": two decimals at most) says it all
        elif status and Kostenstatus(status).zonder_bedrag and bedrag is not None:
            self.add_error("bedrag", _("Laat het bedrag leeg zolang het nog te bepalen is."))
        elif status and not Kostenstatus(status).zonder_bedrag and bedrag is None:
            self.add_error("bedrag", _("Vul het bedrag in, of kies de status ‘nog te bepalen’."))
        return cleaned

    def fout_tonen(self, fout) -> None:
        """Put the service's refusal of this line on the form: by field where it has one."""
        for veld, meldingen in fout.message_dict.items() if hasattr(fout, "error_dict") else []:
            self.add_error(veld if veld in self.fields else None, meldingen)
        if not hasattr(fout, "error_dict"):
            self.add_error(None, fout)


KostenpostenFormSet = forms.formset_factory(KostenpostForm, extra=2, max_num=20)


class KostenpostInlineForm(OmschrijvingUitCategorie, ModelfoutenOpHetFormulier, forms.ModelForm):
    """A cost line in the meeting's admin form: it belongs to the meeting's group and, when
    new, is written with the meeting's date."""

    class Meta:
        model = Kostenpost
        fields = ["categorie", "omschrijving", "status", "bedrag"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for veld in self.fields.values():
            # A table's row has its labels in the header only: name each field itself (the
            # admin wraps a foreign key's select in its add/change links).
            widget = getattr(veld.widget, "widget", veld.widget)
            widget.attrs.setdefault("aria-label", str(veld.label))

    def clean(self):
        cleaned = super().clean()
        vergadering = cleaned.get("vergadering") or self.instance.vergadering
        if vergadering is not None:
            self.instance.werkgroep_id = vergadering.werkgroep_id
            if not self.instance.vergadering_zoals_geschreven and vergadering.datum is not None:
                self.instance.vergadering_zoals_geschreven = str(vergadering.datum)
        return cleaned

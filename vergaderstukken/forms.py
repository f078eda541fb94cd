"""Forms of the minutes page and of the meeting files."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from kern.teksten import Tekstveld
from werkgroep.models import Deelnemer

from . import inhoud
from .models import Vergaderstuk


class NotulenForm(forms.Form):
    """The minutes' text, plus the version the writer started from.

    A plain form, not a model form: the minutes may not exist yet, and the one guarded
    save (``services.notulen_opslaan``) makes them.
    """

    tekst = Tekstveld(
        label=_("Tekst van de notulen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_(
            "Wat besproken werd, per agendapunt. Besluiten en acties voegt u hieronder toe."
        ),
    )
    gelezen_versie = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, notulen=None, alleen_lezen: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if notulen is not None and not self.is_bound:
            self.initial.update(tekst=notulen.tekst, gelezen_versie=notulen.versie)
        self.helper = FormHelper()
        if alleen_lezen:
            self.fields["tekst"].disabled = True
        else:
            self.helper.add_input(Submit("opslaan", _("Notulen opslaan")))


class StatusForm(forms.Form):
    """A step in the minutes' life cycle: the button pressed, and the version shown."""

    STAPPEN = ["ter_goedkeuring", "goedkeuren", "terugnemen"]

    stap = forms.ChoiceField(
        choices=[(s, s) for s in STAPPEN],
        error_messages={"required": _("Kies een stap."), "invalid_choice": _("Kies een stap.")},
    )
    gelezen_versie = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class BesluitForm(forms.Form):
    tekst = forms.CharField(
        label=_("Besluit"), widget=forms.Textarea(attrs={"rows": 2}), max_length=5000
    )


class ActieForm(forms.Form):
    omschrijving = forms.CharField(
        label=_("Actie"), widget=forms.Textarea(attrs={"rows": 2}), max_length=5000
    )
    eigenaar = forms.ModelChoiceField(
        label=_("Wie"), queryset=None, required=False, empty_label=_("(niemand in het bijzonder)")
    )
    deadline = forms.DateField(
        label=_("Tegen"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
    )

    def __init__(self, *args, kandidaten=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["eigenaar"].queryset = Deelnemer.objects.filter(
            pk__in=[d.pk for d in kandidaten]
        )
        self.fields["eigenaar"].choices = [("", self.fields["eigenaar"].empty_label)] + [
            (d.pk, d.naam) for d in kandidaten
        ]


class BestandControle:
    """Checks an uploaded file by its content (``inhoud.herkennen``) on the field; the kind
    found is kept in ``herkend`` and on the form's instance, when it has one."""

    herkend: inhoud.Inhoud | None = None

    def clean_bestand(self):
        bestand = self.cleaned_data.get("bestand")
        if isinstance(bestand, UploadedFile):
            self.herkend = inhoud.herkennen(bestand)
            instantie = getattr(self, "instance", None)
            if instantie is not None:
                instantie.inhoudstype = self.herkend.mimetype
                instantie.grootte = bestand.size
                instantie.bestandsnaam = bestand.name[:200]
        return bestand


class VergaderstukForm(BestandControle, forms.Form):
    """A file for a meeting, on the meeting page."""

    soort = forms.ChoiceField(label=_("Soort"), choices=Vergaderstuk.Soort.choices)
    titel = forms.CharField(label=_("Titel"), max_length=200)
    bestand = forms.FileField(
        label=_("Bestand"),
        help_text=_("PDF, PNG, JPEG, OpenDocument, Word, Excel, PowerPoint of platte tekst."),
    )
    bijlage_bij_jaarverslag = forms.BooleanField(
        label=Vergaderstuk._meta.get_field("bijlage_bij_jaarverslag").verbose_name, required=False
    )

"""Forms of the werkgroep app; site forms render with crispy forms."""

from collections.abc import Mapping

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from kern.datums import Datumaanduiding, OngeldigeDatum

from . import selectors
from .models import Aanwezigheid, Agendapunt, Deelnemer, Vergadering
from .services import Gast


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
        aanvang, einde = cleaned.get("aanvang"), cleaned.get("einde")
        if aanvang and einde and einde <= aanvang:
            # The model's constraint (vergadering_einde_na_aanvang), said at the field.
            self.add_error(
                "einde",
                _("Het einde (%(einde)s) moet na de aanvang (%(aanvang)s) liggen.")
                % {"einde": f"{einde:%H:%M}", "aanvang": f"{aanvang:%H:%M}"},
            )
        return cleaned


# ---- A meeting planned on the site ---------------------------------------------------------

_KLASSE = "form-control"


class PlanningDatumField(DatumaanduidingField):
    """The meeting's date on the site: a date it cannot read is named in the message."""

    def to_python(self, value):
        try:
            return super().to_python(value)
        except forms.ValidationError as fout:
            raise forms.ValidationError(
                _("Datum van de vergadering: %(fout)s"),
                code="invalid",
                params={"fout": " ".join(fout.messages)},
            ) from fout


class VergaderingPlannenForm(VergaderingForm):
    """A meeting as the secretariat plans it on the site: date as written, hours, place and
    (optionally) its kind. Group and status are not the form's: the page gives the group,
    a new meeting is planned, and the other steps (cancel, held) have their own pages."""

    datum = PlanningDatumField(
        label=_("Datum"),
        help_text=_("Zoals u hem schrijft: 25/09/2006, december 2006 of oktober/november 2006."),
        widget=forms.TextInput(attrs={"class": _KLASSE, "autocomplete": "off"}),
    )

    class Meta:
        model = Vergadering
        fields = ["datum", "aanvang", "einde", "plaats", "soort"]
        labels = {
            "aanvang": _("Aanvang"),
            "einde": _("Einde"),
            "plaats": _("Plaats"),
            "soort": _("Soort vergadering"),
        }
        widgets = {
            "aanvang": forms.TimeInput(format="%H:%M", attrs={"type": "time", "class": _KLASSE}),
            "einde": forms.TimeInput(format="%H:%M", attrs={"type": "time", "class": _KLASSE}),
            "plaats": forms.TextInput(attrs={"class": _KLASSE}),
            "soort": forms.Select(attrs={"class": "form-select"}),
        }

    def __init__(self, *args, leden=(), **kwargs):
        super().__init__(*args, **kwargs)
        # No kind is a fact of its own ("not recorded"), never a kind shown by default.
        self.fields["soort"].choices = [("", _("niet vermeld"))] + [
            (waarde, label) for waarde, label in Vergadering.Soort.choices if waarde
        ]
        self.fields["soort"].help_text = ""
        if leden:
            # A meeting recorded afterwards: who was there, ticked on the same page.
            self.fields["aanwezigen"] = forms.TypedMultipleChoiceField(
                label=_("Aanwezig (voor een vergadering van vandaag of eerder)"),
                help_text=_(
                    "Vink aan wie er was. Verontschuldigingen en gasten neemt u daarna op in "
                    "het aanwezigheidsscherm."
                ),
                choices=[(lid.pk, lid.naam) for lid in leden],
                coerce=int,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )

    def clean(self):
        cleaned = super().clean()
        # The one rule of the steps that follow a meeting: not before its day.
        if (
            cleaned.get("aanwezigen")
            and cleaned.get("datum") is not None
            and not selectors.vergadering_begonnen(self.instance)
        ):
            self.add_error(
                "aanwezigen",
                _(
                    "De vergadering is nog niet gehouden: duid de aanwezigen aan op of na de "
                    "dag van de vergadering."
                ),
            )
        return cleaned

    def aanwezig(self) -> dict[int, str]:
        """Participant id → "aanwezig" for each one ticked (none on an edit)."""
        return {pk: Aanwezigheid.Status.AANWEZIG for pk in self.cleaned_data.get("aanwezigen", ())}


class AgendapuntForm(forms.ModelForm):
    """One agenda item: title, kind, speaker (a participant from the list, or a name typed
    for someone from outside) and its number (empty: last, as on the screen)."""

    class Meta:
        model = Agendapunt
        fields = ["titel", "soort", "spreker", "spreker_naam", "volgorde"]
        labels = {
            "titel": _("Titel"),
            "soort": _("Soort"),
            "spreker": _("Spreker (deelnemer)"),
            "spreker_naam": _("Of spreker van buiten"),
            "volgorde": _("Volgorde"),
        }
        widgets = {
            "titel": forms.TextInput(attrs={"class": _KLASSE}),
            "soort": forms.Select(attrs={"class": "form-select"}),
            "spreker": forms.Select(attrs={"class": "form-select"}),
            "spreker_naam": forms.TextInput(attrs={"class": _KLASSE}),
            "volgorde": forms.NumberInput(attrs={"class": _KLASSE, "min": 1, "max": 999}),
        }

    #: What makes a new row a row: an empty one (its number or kind aside) is left out.
    INHOUD = ("titel", "spreker", "spreker_naam")

    def __init__(self, *args, sprekers=None, **kwargs):
        """``sprekers``: the participants to choose from, read once for the whole page."""
        super().__init__(*args, **kwargs)
        self.fields["volgorde"].required = False
        self.fields["volgorde"].help_text = _("Leeg: achteraan.")
        self.fields["spreker"].queryset = Deelnemer.objects.all()
        if sprekers is not None:
            self.fields["spreker"].widget.choices = [("", "—")] + [(d.pk, d.naam) for d in sprekers]

    def has_changed(self):
        if self.instance.pk is None and self.is_bound:
            return any(self.data.get(self.add_prefix(naam)) for naam in self.INHOUD)
        return super().has_changed()


class BaseAgendaFormSet(forms.BaseInlineFormSet):
    """The agenda in the meeting's form. Numbers may repeat or be left empty: the service
    orders the items by number (empty ones last), then as on the screen, and numbers them
    1, 2, 3…"""

    def __init__(self, *args, sprekers=(), **kwargs):
        self.sprekers = list(sprekers)
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "sprekers": self.sprekers}

    def validate_unique(self):
        """Two rows with one number are no error (the service numbers them anew)."""

    def bewaarde_rijen(self):
        """(form, number asked or None, place on the screen) of each row to keep."""
        rijen = []
        for plaats, form in enumerate(self.forms):
            if form in self.deleted_forms or not form.has_changed() and form.instance.pk is None:
                continue
            rijen.append((form, form.cleaned_data.get("volgorde"), plaats))
        return rijen


def kopie_van(vorige: Vergadering | None) -> tuple[dict, list[dict]]:
    """What "Kopie van de vorige" fills in from the group's last meeting: its hours, place
    and kind, and its agenda items' titles, kinds and speakers; never its date, status,
    attendance or costs (those belong to the meeting that was)."""
    if vorige is None:
        return {}, []
    vergadering = {
        "aanvang": vorige.aanvang,
        "einde": vorige.einde,
        "plaats": vorige.plaats,
        "soort": vorige.soort,
    }
    agenda = [
        {
            "titel": punt.titel,
            "soort": punt.soort,
            "spreker": punt.spreker_id,
            "spreker_naam": punt.spreker_naam,
        }
        for punt in vorige.agendapunten.all()
    ]
    return vergadering, agenda


AgendaFormSet = forms.inlineformset_factory(
    Vergadering,
    Agendapunt,
    form=AgendapuntForm,
    formset=BaseAgendaFormSet,
    extra=2,
    max_num=50,
    can_delete=True,
)


# ---- Attendance in one screen ----------------------------------------------------------------


def stand_tekst(stand: Mapping[int, str]) -> str:
    """The attendance a page showed, as the hidden field carries it: "12:aanwezig;15:afwezig"."""
    return ";".join(f"{pk}:{status}" for pk, status in sorted(stand.items()) if status)


class StandField(forms.CharField):
    """The attendance the page was opened with, sent back to catch a stale save.

    Read leniently: a part that is no "id:status" is left out, so a mangled field shows up
    as a change someone made, never as an error page."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return stand_tekst(value) if isinstance(value, Mapping) else value

    def to_python(self, value) -> dict[int, str]:
        stand = {}
        for deel in (super().to_python(value) or "").split(";"):
            pk, _dubbelpunt, status = deel.partition(":")
            if pk.strip().isdigit() and status.strip():
                stand[int(pk)] = status.strip()
        return stand


#: Reply to the invitation → the status the checklist proposes ("misschien": nothing).
UIT_ANTWOORD = {
    "aanwezig": Aanwezigheid.Status.AANWEZIG,
    "verontschuldigd": Aanwezigheid.Status.VERONTSCHULDIGD,
}
ANTWOORDLABELS = {
    "aanwezig": _("komt"),
    "verontschuldigd": _("verontschuldigd"),
    "misschien": _("misschien"),
}
NIETS = ""
KEUZES = [*Aanwezigheid.Status.choices, (NIETS, _("niet vermeld"))]


def statusveld(rij) -> str:
    return f"d{rij.deelnemer.pk}"


class AanwezigheidForm(forms.Form):
    """The checklist of a meeting: per person on the list a status, pre-filled with what is
    recorded, else with their reply to the invitation (``antwoorden``: participant id →
    "aanwezig", "verontschuldigd" or "misschien")."""

    gelezen = StandField()
    gehouden = forms.BooleanField(
        label=_("De vergadering is gehouden"),
        required=False,
        help_text=_("Zet de status van de vergadering op ‘gehouden’."),
    )

    def __init__(
        self, *args, vergadering, rijen, antwoorden: Mapping[int, str] | None = None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.rijen = rijen
        self.antwoorden = antwoorden or {}
        self.eigen_keuzes: dict[int, str] = {}  # after a stale save: what this person chose
        for rij in rijen:
            antwoord = self.antwoorden.get(rij.deelnemer.pk, "")
            self.fields[statusveld(rij)] = forms.ChoiceField(
                label=rij.deelnemer.naam,
                choices=KEUZES,
                required=False,
                widget=forms.RadioSelect,
                initial=rij.status or UIT_ANTWOORD.get(antwoord, NIETS),
            )
        self.initial.setdefault("gelezen", {r.deelnemer.pk: r.status for r in rijen if r.status})
        if vergadering.gepland and selectors.vergadering_begonnen(vergadering):
            # Not offered before the meeting's day: the service refuses it then.
            vandaag = timezone.localdate()
            self.initial.setdefault(
                "gehouden", vergadering.dag_bekend and vergadering.datum_tot <= vandaag
            )
        else:
            del self.fields["gehouden"]

    def lijst(self):
        """(row, its reply's label, its status field, what this person chose if it was
        overtaken) in the list's order, for the template's table."""
        for rij in self.rijen:
            pk = rij.deelnemer.pk
            eigen = self.eigen_keuzes.get(pk)
            yield (
                rij,
                ANTWOORDLABELS.get(self.antwoorden.get(pk, ""), ""),
                self[statusveld(rij)],
                None if eigen is None else dict(KEUZES).get(eigen, ""),
            )

    def statussen(self) -> dict[int, str]:
        return {rij.deelnemer.pk: self.cleaned_data[statusveld(rij)] for rij in self.rijen}

    @staticmethod
    def opnieuw(data, wijzigingen, huidig: Mapping[int, str]):
        """The sent form again after a stale save: every person someone else changed shows
        what is stored now (their own choice beside it), the rest keeps what was chosen,
        and the form now counts as opened at the stored attendance."""
        data = data.copy()
        eigen = {}
        for wijziging in wijzigingen:
            veld = f"d{wijziging.deelnemer.pk}"
            eigen[wijziging.deelnemer.pk] = data.get(veld, NIETS)
            data[veld] = huidig.get(wijziging.deelnemer.pk, NIETS)
        data["gelezen"] = stand_tekst(huidig)
        return data, eigen


_TEKST = forms.TextInput(attrs={"class": "form-control form-control-sm"})


class GastForm(forms.Form):
    """A guest: a participant from the list of participants, or a new person by name."""

    deelnemer = forms.ModelChoiceField(
        queryset=Deelnemer.objects.all(),
        required=False,
        label=_("Bestaande deelnemer"),
        empty_label="—",
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )
    voornaam = forms.CharField(
        label=_("Of nieuw: voornaam"), required=False, max_length=100, widget=_TEKST
    )
    achternaam = forms.CharField(
        label=_("Achternaam"), required=False, max_length=100, widget=_TEKST
    )
    organisatie = forms.CharField(
        label=_("Organisatie"),
        required=False,
        max_length=200,
        help_text=_("Kies uit de lijst of typ een nieuwe naam."),
        widget=forms.TextInput(
            attrs={"list": "organisaties", "autocomplete": "off", "class": _TEKST.attrs["class"]}
        ),
    )

    def __init__(self, *args, keuzes=(), op_lijst=frozenset(), **kwargs):
        """``keuzes``: the participants to choose from, read once for the whole page."""
        super().__init__(*args, **kwargs)
        self.op_lijst = op_lijst
        self.fields["deelnemer"].widget.choices = [("", "—")] + [
            (d.pk, f"{d.naam} ({d.organisatie})" if d.organisatie_id else d.naam) for d in keuzes
        ]

    def clean(self):
        cleaned = super().clean()
        deelnemer = cleaned.get("deelnemer")
        voornaam, achternaam = cleaned.get("voornaam", ""), cleaned.get("achternaam", "")
        if deelnemer is not None and (voornaam or achternaam):
            raise forms.ValidationError(
                _("Kies een bestaande deelnemer of typ een nieuwe naam, niet allebei.")
            )
        if deelnemer is not None and deelnemer.pk in self.op_lijst:
            self.add_error("deelnemer", _("%(naam)s staat al op de lijst.") % {"naam": deelnemer})
        if voornaam and not achternaam:
            self.add_error("achternaam", _("Vul ook de achternaam in."))
        if achternaam and not voornaam:
            self.add_error("voornaam", _("Vul ook de voornaam in."))
        if cleaned.get("organisatie") and deelnemer is None and not voornaam and not achternaam:
            self.add_error("voornaam", _("Van wie is deze organisatie? Vul de naam in."))
        return cleaned

    def gast(self):
        """The guest this row names, or ``None`` for an empty row."""
        data = self.cleaned_data
        if data.get("deelnemer") is not None:
            return Gast(deelnemer=data["deelnemer"])
        if data.get("voornaam"):
            return Gast(
                voornaam=data["voornaam"],
                achternaam=data["achternaam"],
                organisatie=data.get("organisatie", ""),
            )
        return None


GastenFormSet = forms.formset_factory(GastForm, extra=2, max_num=20)

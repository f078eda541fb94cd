"""The second step's forms: a code, confirming a new app, removing one."""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

TERUG = [("instellen", "instellen"), ("profiel", "profiel")]


class _Formulier(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class CodeForm(_Formulier):
    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        help_text=_(
            "De zes cijfers die uw authenticator-app nu toont, of een van uw herstelcodes."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "none", "autofocus": True}
        ),
    )


class AppBevestigenForm(_Formulier):
    app = forms.IntegerField(widget=forms.HiddenInput)
    terug = forms.ChoiceField(choices=TERUG, widget=forms.HiddenInput, required=False)
    code = forms.CharField(
        label=_("Eerste code uit de app"),
        max_length=16,
        help_text=_("De zes cijfers die de app toont na het scannen."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class AppVerwijderenForm(_Formulier):
    app = forms.IntegerField(widget=forms.HiddenInput)
    terug = forms.ChoiceField(choices=TERUG, widget=forms.HiddenInput, required=False)
    wachtwoord = forms.CharField(
        label=_("Uw wachtwoord"),
        strip=False,
        help_text=_("Ter bevestiging: zonder uw wachtwoord verwijdert niemand uw app."),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class PasskeyVerwijderenForm(_Formulier):
    passkey = forms.IntegerField(widget=forms.HiddenInput)
    terug = forms.ChoiceField(choices=TERUG, widget=forms.HiddenInput, required=False)
    wachtwoord = forms.CharField(
        label=_("Uw wachtwoord"),
        strip=False,
        help_text=_("Ter bevestiging: zonder uw wachtwoord verwijdert niemand uw passkey."),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

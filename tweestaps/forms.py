"""The second step's forms: a code, confirming a new app, removing one."""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _
from django_otp_webauthn.models import WebAuthnCredential

#: A passkey's name: django-otp's Device.name (64 characters).
NAAM_LENGTE = WebAuthnCredential._meta.get_field("name").max_length

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


class PasskeyNaamForm(_Formulier):
    """A passkey's name: on each passkey of the list (``gelezen`` is the name it showed, so
    a stale tab is refused), and beside "Passkey toevoegen" for the one being added (no
    ``gelezen``: it has just its default name)."""

    passkey = forms.IntegerField(
        widget=forms.HiddenInput,
        error_messages={"required": _("Voeg eerst de passkey toe; dan krijgt hij deze naam.")},
    )
    gelezen = forms.CharField(widget=forms.HiddenInput, required=False, strip=False)
    terug = forms.ChoiceField(choices=TERUG, widget=forms.HiddenInput, required=False)
    naam = forms.CharField(
        label=_("Naam"),
        max_length=NAAM_LENGTE,
        help_text=_("Bijvoorbeeld het toestel of de sleutel: “Laptop werk”, “Telefoon”."),
        error_messages={
            "required": _("Geef de passkey een naam."),
            "max_length": _("Een naam heeft hoogstens %(limit_value)d tekens (nu %(show_value)d)."),
        },
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


class NieuwePasskeyNaamForm(PasskeyNaamForm):
    """The name typed before "Passkey toevoegen": sent by passkey.js once the passkey is
    made, with its number (nothing was read, so nothing can be stale)."""

    gelezen = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["naam"].required = False
        self.fields["naam"].label = _("Naam van de nieuwe passkey")
        self.fields["naam"].help_text = _(
            "Optioneel. Zonder naam heet hij “Passkey van” en de datum van vandaag; u kunt "
            "de naam later wijzigen."
        )

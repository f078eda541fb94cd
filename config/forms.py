"""Forms of the account pages (profile, password reset), which belong to no app."""

import unicodedata

from crispy_forms.helper import FormHelper
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django.template import loader
from django.utils.translation import gettext_lazy as _

from kern import mail


class ProfielForm(forms.ModelForm):
    """One's own name and e-mail address."""

    class Meta:
        model = get_user_model()
        fields = ["first_name", "last_name", "email"]
        labels = {
            "first_name": _("Voornaam"),
            "last_name": _("Achternaam"),
            "email": _("E-mailadres"),
        }
        help_texts = {
            "email": _("Hier komt de mail om uw wachtwoord opnieuw te kiezen."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_email(self):
        """An address of one account only: a reset mail must not open someone else's."""
        email = self.cleaned_data["email"]
        anderen = self._meta.model._default_manager.exclude(pk=self.instance.pk)
        if anderen.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("Dit e-mailadres hoort al bij een ander account."))
        return email


class WachtwoordVergetenForm(PasswordResetForm):
    """Django's reset form, which also mails accounts that never had a password.

    A new member's account has none that works (``werkgroep.services.account_aanmaken``):
    "wachtwoord vergeten" is how they choose their first one. Django leaves such accounts
    out; only inactive accounts are left out here.
    """

    def get_users(self, email):
        veld = get_user_model().get_email_field_name()
        return (
            u
            for u in get_user_model()
            ._default_manager.filter(**{f"{veld}__iexact": email, "is_active": True})
            .iterator()
            if _gelijk(getattr(u, veld), email)
        )

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        """Into the outbox and the background task, like every mail (``kern.mail``), rather
        than straight to SMTP as Django does: no request waits on a slow mail server."""
        html = ""
        if html_email_template_name is not None:
            html = loader.render_to_string(html_email_template_name, context)
        mail.klaarzetten(
            {
                "aan": to_email,
                "onderwerp": "".join(
                    loader.render_to_string(subject_template_name, context).splitlines()
                ),
                "tekst": loader.render_to_string(email_template_name, context),
                "html": html,
            }
        )


def _gelijk(a: str, b: str) -> bool:
    """Two addresses the same but for case and Unicode form (as Django compares them)."""
    return _vorm(a) == _vorm(b)


def _vorm(adres: str) -> str:
    return unicodedata.normalize("NFKC", adres).casefold()

"""django-otp-webauthn's helper, with one change: a new passkey gets a name (the package
leaves it empty), so the profile's list can tell one passkey from the other."""

from django_otp_webauthn.helpers import WebAuthnHelper

from . import services


class Helper(WebAuthnHelper):
    def create_credential(self, user, response, parsed_credential, original_data):
        passkey = super().create_credential(user, response, parsed_credential, original_data)
        passkey.name = services.passkey_standaardnaam()
        return passkey

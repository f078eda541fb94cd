"""django-otp registers its devices in the admin; the site resets a lost device with
``manage.py tweestaps_herstellen`` instead, and nobody reads another's secret keys or passkeys."""

from django.contrib import admin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

for model in (TOTPDevice, StaticDevice, WebAuthnCredential):
    if admin.site.is_registered(model):
        admin.site.unregister(model)

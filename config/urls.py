"""Root URLs: the site, the shared admin, login and the language switch.

Every page of ours is in its app's namespace (``werkgroep:vergadering_detail``; the pages
of config in ``site:``); only Django's own names stay bare: the login and password views
Django's templates and ``LOGIN_URL`` reverse, and the language switch
(tests/test_naamruimten.py)."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from config.forms import WachtwoordVergetenForm
from config.views import Aanmelden, taal_kiezen
from werkgroep.forms import LoginForm

urlpatterns = [
    path("admin/", admin.site.urls),
    path(
        "accounts/login/",
        Aanmelden.as_view(authentication_form=LoginForm),
        name="login",
    ),
    # New members choose their first password here: their accounts have none that works.
    path(
        "accounts/password_reset/",
        auth_views.PasswordResetView.as_view(form_class=WachtwoordVergetenForm),
        name="password_reset",
    ),
    path("", include("config.site_urls")),
    path("", include("tweestaps.urls")),
    path("accounts/passkey/", include("django_otp_webauthn.urls")),  # namespace otp_webauthn
    path("accounts/", include("django.contrib.auth.urls")),
    # The language switch works before logging in too; a logged-in account keeps its choice.
    path("i18n/setlang/", taal_kiezen, name="set_language"),
    path("", include("werkgroep.urls")),
    path("", include("projecten.urls")),
    path("", include("validering.urls")),
    path("", include("financien.urls")),
    path("", include("vergaderstukken.urls")),
    path("", include("uitnodigingen.urls")),
    path("", include("rapportage.urls")),
    path("", include("persoonsgegevens.urls")),
    path("", include("kern.urls")),
]

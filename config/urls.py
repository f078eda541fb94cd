"""Root URLs: the site, the shared admin, login and the language switch."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from config.forms import WachtwoordVergetenForm
from config.views import (
    Aanmelden,
    home,
    kosten,
    profiel,
    taal_kiezen,
    verslagen,
    zoeken_pagina,
)
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
    path("accounts/profiel/", profiel, name="profiel"),
    path("accounts/", include("django.contrib.auth.urls")),
    # The language switch works before logging in too; a logged-in account keeps its choice.
    path("i18n/setlang/", taal_kiezen, name="set_language"),
    path("", home, name="home"),
    # Search and the navigation's ways into a group's ledger and reports span several apps.
    path("zoeken/", zoeken_pagina, name="zoeken"),
    path("kosten/", kosten, name="kosten"),
    path("verslagen/", verslagen, name="verslagen"),
    path("", include("werkgroep.urls")),
    path("", include("projecten.urls")),
    path("", include("validering.urls")),
    path("", include("financien.urls")),
    path("", include("vergaderstukken.urls")),
    path("", include("uitnodigingen.urls")),
    path("", include("rapportage.urls")),
]

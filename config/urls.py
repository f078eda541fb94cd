"""Root URLs: the site, the shared admin, login and the language switch."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from werkgroep.forms import LoginForm

urlpatterns = [
    path("admin/", admin.site.urls),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(authentication_form=LoginForm),
        name="login",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("werkgroep.urls")),
]

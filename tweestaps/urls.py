from django.urls import path

from . import views

app_name = "tweestaps"
urlpatterns = [
    path("accounts/bevestigen/", views.bevestigen, name="bevestigen"),
    path("accounts/tweestaps/", views.instellen, name="instellen"),
    path("accounts/tweestaps/app/", views.app_toevoegen, name="app_toevoegen"),
    path("accounts/tweestaps/app/bevestigen/", views.app_bevestigen, name="app_bevestigen"),
    path("accounts/tweestaps/app/verwijderen/", views.app_verwijderen, name="app_verwijderen"),
    path(
        "accounts/tweestaps/passkey/verwijderen/",
        views.passkey_verwijderen,
        name="passkey_verwijderen",
    ),
    path(
        "accounts/tweestaps/passkey/naam/",
        views.passkey_hernoemen,
        name="passkey_hernoemen",
    ),
    path("accounts/tweestaps/herstelcodes/", views.herstelcodes, name="herstelcodes"),
]

"""The site's own pages that span several apps (home, search, profile, the navigation's ways
into a group's ledger and reports), in the ``site`` namespace like every app's pages."""

from django.urls import path

from config.views import home, kosten, profiel, verslagen, zoeken_pagina

app_name = "site"

urlpatterns = [
    path("accounts/profiel/", profiel, name="profiel"),
    path("", home, name="home"),
    # Search and the navigation's ways into a group's ledger and reports span several apps.
    path("zoeken/", zoeken_pagina, name="zoeken"),
    path("kosten/", kosten, name="kosten"),
    path("verslagen/", verslagen, name="verslagen"),
]

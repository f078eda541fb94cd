from django.urls import path

from . import views

app_name = "rapportage"

urlpatterns = [
    path("werkgroepen/<slug:slug>/jaarverslag/", views.jaarverslag_jaren, name="jaarverslag_jaren"),
    path(
        "werkgroepen/<slug:slug>/jaarverslag/<periode:periode>/",
        views.jaarverslag,
        name="jaarverslag",
    ),
    path(
        "werkgroepen/<slug:slug>/jaarverslag/<periode:periode>.pdf",
        views.jaarverslag_pdf,
        name="jaarverslag_pdf",
    ),
    path(
        "werkgroepen/<slug:slug>/jaarverslag/<periode:periode>.xlsx",
        views.jaarverslag_xlsx,
        name="jaarverslag_xlsx",
    ),
    path(
        "themawerkingen/<slug:slug>/jaarverslag/<jaar:jaar>/",
        views.themaverslag,
        name="themaverslag",
    ),
    path(
        "themawerkingen/<slug:slug>/jaarverslag/<jaar:jaar>.pdf",
        views.themaverslag_pdf,
        name="themaverslag_pdf",
    ),
    path(
        "themawerkingen/<slug:slug>/jaarverslag/<jaar:jaar>.xlsx",
        views.themaverslag_xlsx,
        name="themaverslag_xlsx",
    ),
    path("verslagen/<id:pk>/", views.verslag_wachten, name="verslag_wachten"),
    path("verslagen/<id:pk>.pdf", views.verslag_bestand, name="verslag_bestand"),
]

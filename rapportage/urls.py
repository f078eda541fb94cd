from django.urls import path

from . import views

urlpatterns = [
    path("projecten/<slug:slug>/fiche.pdf", views.fiche_pdf, name="fiche_pdf"),
    path("validering/sessies/<id:pk>/rapport.pdf", views.sessie_pdf, name="validering_rapport"),
    path("vergadering/<id:pk>/notulen.pdf", views.notulen_pdf, name="notulen_pdf"),
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
    path(
        "vergadering/<id:pk>/aanwezigheidslijst.pdf",
        views.aanwezigheidslijst_pdf,
        name="aanwezigheidslijst_pdf",
    ),
]

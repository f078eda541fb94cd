from django.urls import path

from . import views

urlpatterns = [
    path("projecten/<slug:slug>/fiche.pdf", views.fiche_pdf, name="fiche_pdf"),
    path("validering/sessies/<int:pk>/rapport.pdf", views.sessie_pdf, name="validering_rapport"),
    path("werkgroepen/<slug:slug>/jaarverslag/", views.jaarverslag_jaren, name="jaarverslag_jaren"),
    path("werkgroepen/<slug:slug>/jaarverslag/<int:jaar>/", views.jaarverslag, name="jaarverslag"),
    path(
        "werkgroepen/<slug:slug>/jaarverslag/<int:jaar>.pdf",
        views.jaarverslag_pdf,
        name="jaarverslag_pdf",
    ),
]

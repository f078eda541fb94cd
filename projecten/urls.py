from django.urls import path

from . import views

app_name = "projecten"

urlpatterns = [
    path("projecten/", views.projecten, name="projecten"),
    path("projecten/<slug:slug>/fiche/", views.fiche, name="fiche"),
    path("projecten/<slug:slug>/fiche/indienen/", views.fiche_indienen, name="fiche_indienen"),
    path("projecten/<slug:slug>/fiche/versies/", views.fiche_versies, name="fiche_versies"),
    path("projecten/<slug:slug>/fiche.pdf", views.fiche_pdf, name="fiche_pdf"),
]

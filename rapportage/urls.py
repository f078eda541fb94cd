from django.urls import path

from . import views

urlpatterns = [
    path("projecten/<slug:slug>/fiche.pdf", views.fiche_pdf, name="fiche_pdf"),
    path("validering/sessies/<int:pk>/rapport.pdf", views.sessie_pdf, name="validering_rapport"),
]

from django.urls import path

from . import views

urlpatterns = [
    path("projecten/", views.projecten, name="projecten"),
    path("projecten/<slug:slug>/fiche/", views.fiche, name="fiche"),
]

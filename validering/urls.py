from django.urls import path

from . import views

app_name = "validering"

urlpatterns = [
    path("validering/sessies/", views.sessies, name="validering_sessies"),
    path("validering/sessies/<id:pk>/", views.sessie_detail, name="validering_sessie"),
    path("validering/subgroepen/<id:pk>/scores/", views.subgroep_scoren, name="validering_scoren"),
    path(
        "projecten/<slug:project_slug>/producten/<slug:product_slug>/",
        views.product_detail,
        name="product_detail",
    ),
    path(
        "validering/<slug:slug>/<jaar:jaar>/scores.<str:formaat>",
        views.scores_export,
        name="validering_scores_export",
    ),
    path(
        "validering/<slug:slug>/<jaar:jaar>/rondetafel/",
        views.rondetafel,
        name="validering_rondetafel",
    ),
    path("validering/sessies/<id:pk>/rapport.pdf", views.sessie_pdf, name="validering_rapport"),
]

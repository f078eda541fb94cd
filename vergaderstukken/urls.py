from django.urls import path

from . import views

app_name = "vergaderstukken"

urlpatterns = [
    path("vergadering/<id:pk>/notulen/", views.notulen, name="notulen"),
    path("vergadering/<id:pk>/notulen/status/", views.notulen_status, name="notulen_status"),
    path(
        "vergadering/<id:pk>/notulen/besluiten/", views.besluit_toevoegen, name="besluit_toevoegen"
    ),
    path("vergadering/<id:pk>/notulen/acties/", views.actie_toevoegen, name="actie_toevoegen"),
    path("acties/<id:pk>/afgehandeld/", views.actie_afhandelen, name="actie_afhandelen"),
    path(
        "vergadering/<id:pk>/stukken/", views.vergaderstuk_toevoegen, name="vergaderstuk_toevoegen"
    ),
    path("stukken/<id:pk>/", views.vergaderstuk, name="vergaderstuk"),
    path("vergadering/<id:pk>/notulen.pdf", views.notulen_pdf, name="notulen_pdf"),
]

from django.urls import path

from . import views

urlpatterns = [
    path("vergadering/<int:pk>/notulen/", views.notulen, name="notulen"),
    path("vergadering/<int:pk>/notulen/status/", views.notulen_status, name="notulen_status"),
    path(
        "vergadering/<int:pk>/notulen/besluiten/", views.besluit_toevoegen, name="besluit_toevoegen"
    ),
    path("vergadering/<int:pk>/notulen/acties/", views.actie_toevoegen, name="actie_toevoegen"),
    path("acties/<int:pk>/afgehandeld/", views.actie_afhandelen, name="actie_afhandelen"),
    path(
        "vergadering/<int:pk>/stukken/", views.vergaderstuk_toevoegen, name="vergaderstuk_toevoegen"
    ),
    path("stukken/<int:pk>/", views.vergaderstuk, name="vergaderstuk"),
]

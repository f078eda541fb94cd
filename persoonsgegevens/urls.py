from django.urls import path

from . import views

app_name = "persoonsgegevens"

urlpatterns = [
    # Public: an invitee with only a reply link reads it too (AVG art. 13).
    path("privacy/", views.privacy, name="privacy"),
    path("privacy/bewerken/", views.privacy_bewerken, name="privacy_bewerken"),
]

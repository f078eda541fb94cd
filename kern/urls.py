"""kern's own page: the access log, for the secretariat."""

from django.urls import path

from . import views

app_name = "kern"

urlpatterns = [
    path("inzagelogboek/", views.inzagelogboek, name="inzagelogboek"),
]

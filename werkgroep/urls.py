from django.urls import path

from . import views

app_name = "werkgroep"

urlpatterns = [
    path("werkgroepen/<slug:slug>/", views.werkgroep_detail, name="werkgroep_detail"),
    # The meeting's hub; the other apps add their sections through werkgroep.secties.
    path("vergadering/<id:pk>/", views.vergadering_detail, name="vergadering_detail"),
    # Planning a meeting on the site (the secretariat): new (or a copy of the last), edit.
    path(
        "werkgroepen/<slug:slug>/vergadering/nieuw/",
        views.vergadering_nieuw,
        name="vergadering_nieuw",
    ),
    path("vergadering/<id:pk>/bewerken/", views.vergadering_bewerken, name="vergadering_bewerken"),
    # Cancelled on the site, or going ahead after all: a page that says who is told, then POST.
    path(
        "vergadering/<id:pk>/afgelasten/",
        views.vergadering_afgelasten,
        name="vergadering_afgelasten",
    ),
    path(
        "vergadering/<id:pk>/gaat-toch-door/",
        views.vergadering_gaat_toch_door,
        name="vergadering_gaat_toch_door",
    ),
    path("vergaderingen/", views.vergaderingen, name="vergaderingen"),
    path("vergaderingen/<jaar:jaar>/", views.vergaderingen_jaar, name="vergaderingen_jaar"),
    path("deelnemers/", views.deelnemers, name="deelnemers"),
    # One row of a paged list (search links here): the page that holds it, at its anchor.
    path("deelnemers/<id:pk>/", views.deelnemer, name="deelnemer"),
    path("organisaties/", views.organisaties, name="organisaties"),
    path("organisaties/<id:pk>/", views.organisatie, name="organisatie"),
    path("kalender/", views.kalender, name="kalender"),
    path("kalender/<str:sleutel>/<slug:slug>.ics", views.kalender_feed, name="kalender_feed"),
]

from django.urls import path

from . import views

urlpatterns = [
    path("werkgroepen/<slug:slug>/kosten/<int:jaar>/", views.grootboek, name="kosten_grootboek"),
    path(
        "werkgroepen/<slug:slug>/kosten/<int:jaar>.xlsx", views.grootboek_xlsx, name="kosten_xlsx"
    ),
    path("kosten/controle/", views.controle, name="kosten_controle"),
    path("kosten/controle/<int:pk>/koppelen/", views.koppelen, name="kosten_koppelen"),
    path("vergadering/<int:pk>/kosten/", views.vergadering_kosten, name="vergadering_kosten"),
]

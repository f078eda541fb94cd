from django.urls import path

from . import views

app_name = "financien"

urlpatterns = [
    path("werkgroepen/<slug:slug>/kosten/<jaar:jaar>/", views.grootboek, name="kosten_grootboek"),
    path(
        "werkgroepen/<slug:slug>/kosten/<jaar:jaar>.xlsx", views.grootboek_xlsx, name="kosten_xlsx"
    ),
    path("kosten/controle/", views.controle, name="kosten_controle"),
    path("kosten/controle/<id:pk>/koppelen/", views.koppelen, name="kosten_koppelen"),
    path("vergadering/<id:pk>/kosten/", views.vergadering_kosten, name="vergadering_kosten"),
]

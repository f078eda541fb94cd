from django.urls import path

from . import aanwezigheid, views

app_name = "uitnodigingen"

urlpatterns = [
    path("vergadering/<id:pk>/uitnodigen/", views.uitnodigen, name="uitnodigen"),
    path(
        "vergadering/<id:pk>/uitnodigen/<id:uitnodiging>/opnieuw/",
        views.opnieuw_uitnodigen,
        name="opnieuw_uitnodigen",
    ),
    # The personal link in the mail: no login, the signature is the key.
    path("uitnodiging/<str:token>/", views.antwoord, name="uitnodiging_antwoord"),
    path("mail/mislukt/", views.mislukte_mails, name="mislukte_mails"),
    path("mail/mislukt/<id:bericht>/opnieuw/", views.opnieuw_sturen, name="mail_opnieuw"),
    # The checklist pre-filled from the invitations' replies, and the list to sign.
    path(
        "vergadering/<id:pk>/aanwezigheid/",
        aanwezigheid.aanwezigheid,
        name="vergadering_aanwezigheid",
    ),
    path(
        "vergadering/<id:pk>/aanwezigheidslijst.pdf",
        aanwezigheid.aanwezigheidslijst_pdf,
        name="aanwezigheidslijst_pdf",
    ),
]

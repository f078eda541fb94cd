from django.urls import path, register_converter

from . import views


class Periode:
    """A year ("2006") or a range of years ("2005-2006"); an int year reverses too."""

    regex = r"\d{4}(?:-\d{4})?"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value) -> str:
        return str(value)


class Jaar(Periode):
    regex = r"\d{4}"


register_converter(Periode, "periode")
register_converter(Jaar, "jaar")

urlpatterns = [
    path("projecten/<slug:slug>/fiche.pdf", views.fiche_pdf, name="fiche_pdf"),
    path("validering/sessies/<int:pk>/rapport.pdf", views.sessie_pdf, name="validering_rapport"),
    path("vergadering/<int:pk>/notulen.pdf", views.notulen_pdf, name="notulen_pdf"),
    path("werkgroepen/<slug:slug>/jaarverslag/", views.jaarverslag_jaren, name="jaarverslag_jaren"),
    path(
        "werkgroepen/<slug:slug>/jaarverslag/<periode:periode>/",
        views.jaarverslag,
        name="jaarverslag",
    ),
    path(
        "werkgroepen/<slug:slug>/jaarverslag/<periode:periode>.pdf",
        views.jaarverslag_pdf,
        name="jaarverslag_pdf",
    ),
    path(
        "themawerkingen/<slug:slug>/jaarverslag/<jaar:jaar>/",
        views.themaverslag,
        name="themaverslag",
    ),
    path(
        "themawerkingen/<slug:slug>/jaarverslag/<jaar:jaar>.pdf",
        views.themaverslag_pdf,
        name="themaverslag_pdf",
    ),
    path("verslagen/<int:pk>/", views.verslag_wachten, name="verslag_wachten"),
    path("verslagen/<int:pk>.pdf", views.verslag_bestand, name="verslag_bestand"),
    path(
        "vergadering/<int:pk>/aanwezigheidslijst.pdf",
        views.aanwezigheidslijst_pdf,
        name="aanwezigheidslijst_pdf",
    ),
]

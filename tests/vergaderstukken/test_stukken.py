"""Meeting files: checked by their content, limited in size, stored through the storage API,
and served only as a download to those who may see the meeting."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests import bouwers
from tests.vergaderstukken.conftest import tekstbestand_opladen
from vergaderstukken import inhoud
from vergaderstukken.models import Vergaderstuk

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


def _zip(delen: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archief:
        for naam, inhoud_ in delen.items():
            archief.writestr(naam, inhoud_)
    return buffer.getvalue()


DOCX = _zip(
    {
        "[Content_Types].xml": b'<Types><Override PartName="/word/document.xml" ContentType="'
        b'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        b"</Types>",
        "word/document.xml": b"<w:document/>",
    }
)
ODP = _zip({"mimetype": b"application/vnd.oasis.opendocument.presentation", "content.xml": b"<x/>"})


def _upload(naam: str, inhoud_: bytes, soort: str = "application/pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(naam, inhoud_, soort)


def _opladen(client, vergadering, naam, inhoud_, **velden):
    data = {"soort": "presentatie", "titel": "Slides", "bestand": _upload(naam, inhoud_), **velden}
    return client.post(
        reverse("vergaderstukken:vergaderstuk_toevoegen", args=[vergadering.pk]), data
    )


def _meldingen(client, antwoord) -> str:
    return client.get(antwoord["Location"]).content.decode()


# ---- what a file is, by its content


@pytest.mark.parametrize(
    ("naam", "inhoud_", "verwacht"),
    [
        ("slides.pdf", PDF, "application/pdf"),
        ("foto.png", PNG, "image/png"),
        ("foto.jpg", JPEG, "image/jpeg"),
        ("verslag.docx", DOCX, "application/vnd.openxmlformats-officedocument"
         ".wordprocessingml.document"),
        ("slides.odp", ODP, "application/vnd.oasis.opendocument.presentation"),
        ("notities.txt", "Agenda – één punt\n".encode(), "text/plain"),
        ("zonder-naam", PDF, "application/pdf"),  # the name says nothing
        ("slides.txt", PDF, "application/pdf"),  # nor does a wrong extension
    ],
)  # fmt: skip
def test_a_file_is_known_by_its_content(naam, inhoud_, verwacht):
    assert inhoud.herkennen(_upload(naam, inhoud_)).mimetype == verwacht


@pytest.mark.parametrize(
    ("naam", "inhoud_"),
    [
        ("slides.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>"),
        ("slides.pdf", b"  \n<html><body>hallo</body></html>"),
        ("logo.png", b'<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'),
        ("tekst.txt", b'Hallo\n<script src="x"></script>'),
        ("programma.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00"),  # a Windows program
        ("programma.txt", b"\x7fELF\x02\x01\x01\x00"),
        ("script.txt", b"#!/bin/sh\nrm -rf /\n"),
        ("archief.docx", _zip({"iets.txt": b"x"})),  # any ZIP is no document
        ("macro.docm", _zip({"[Content_Types].xml": b"application/vnd.ms-word.document."
                             b"macroEnabled.main+xml", "word/document.xml": b"<x/>"})),
        ("vals.odt", _zip({"mimetype": b"text/html"})),
        ("kapot.docx", b"PK\x03\x04 niet echt een zip"),
        ("latin1.txt", "café".encode("latin-1")),
    ],
)  # fmt: skip
def test_markup_programs_and_unknown_kinds_are_refused(naam, inhoud_):
    with pytest.raises(ValidationError, match="wordt niet aanvaard"):
        inhoud.herkennen(_upload(naam, inhoud_))


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError, match="leeg"):
        inhoud.herkennen(_upload("leeg.pdf", b""))


# ---- uploading on the meeting page


def test_the_secretariat_uploads_and_the_file_is_stored_under_a_name_of_its_own(
    client_van, secretariaat, vergadering
):
    client = client_van(secretariaat)
    antwoord = _opladen(client, vergadering, "../../Slides van juni.pdf", PDF)
    assert antwoord["Location"].endswith("#stukken")
    assert "Het bestand is opgeladen." in _meldingen(client, antwoord)
    stuk = Vergaderstuk.objects.get()
    assert (stuk.inhoudstype, stuk.grootte, stuk.geupload_door) == (
        "application/pdf", len(PDF), secretariaat,
    )  # fmt: skip
    assert stuk.bestandsnaam == "Slides van juni.pdf"
    assert stuk.bestand.name.startswith(f"vergaderstukken/{vergadering.pk}/")
    assert "Slides" not in stuk.bestand.name and stuk.bestand.name.endswith(".pdf")
    assert default_storage.open(stuk.bestand.name).read() == PDF
    pagina = client.get(
        reverse("werkgroep:vergadering_detail", args=[vergadering.pk])
    ).content.decode()
    assert (
        reverse("vergaderstukken:vergaderstuk", args=[stuk.pk]) in pagina
        and "Slides van juni.pdf" in pagina
    )


def test_an_html_file_named_pdf_is_refused_and_nothing_is_stored(
    client_van, secretariaat, vergadering, settings
):
    client = client_van(secretariaat)
    antwoord = _opladen(client, vergadering, "slides.pdf", b"<html><script>x</script></html>")
    pagina = _meldingen(client, antwoord)
    assert "Niet opgeladen" in pagina and "wordt niet aanvaard" in pagina
    assert not Vergaderstuk.objects.exists()
    assert not default_storage.exists("vergaderstukken")


def test_a_file_above_the_limit_is_refused(client_van, secretariaat, vergadering, settings):
    settings.VERGADERSTUK_MAX_BYTES = 1000
    client = client_van(secretariaat)
    antwoord = _opladen(client, vergadering, "groot.pdf", PDF + b"0" * 1000)
    pagina = _meldingen(client, antwoord)
    assert "mag hoogstens 1000" in pagina
    assert not Vergaderstuk.objects.exists()
    assert Vergaderstuk.objects.count() == 0
    _opladen(client, vergadering, "klein.pdf", PDF)
    assert Vergaderstuk.objects.count() == 1


def test_a_form_without_a_title_says_so(client_van, secretariaat, vergadering):
    client = client_van(secretariaat)
    antwoord = _opladen(client, vergadering, "slides.pdf", PDF, titel="")
    assert "Titel: Dit veld is verplicht." in _meldingen(client, antwoord)


@pytest.mark.parametrize("rol", ["lid", "coordinator"])
def test_only_the_secretariat_uploads(request, rol, vergadering):
    client = bouwers.aangemeld(request.getfixturevalue(rol))
    assert _opladen(client, vergadering, "slides.pdf", PDF).status_code == 403
    assert not Vergaderstuk.objects.exists()


def test_a_member_of_another_group_cannot_upload_to_this_meeting(lid_andere_werkgroep, vergadering):
    client = bouwers.aangemeld(lid_andere_werkgroep)
    assert _opladen(client, vergadering, "slides.pdf", PDF).status_code == 404


# ---- serving: a download, of the checked type, only to who may see the meeting


def test_a_file_is_served_as_a_download_of_its_checked_type(
    client_van, secretariaat, lid, vergadering
):
    _opladen(client_van(secretariaat), vergadering, "slides.pdf", PDF)
    stuk = Vergaderstuk.objects.get()
    antwoord = bouwers.aangemeld(lid).get(reverse("vergaderstukken:vergaderstuk", args=[stuk.pk]))
    assert antwoord.status_code == 200
    assert antwoord["Content-Type"] == "application/pdf"
    assert antwoord["Content-Disposition"] == 'attachment; filename="slides.pdf"'
    assert antwoord["X-Content-Type-Options"] == "nosniff"
    assert b"".join(antwoord.streaming_content) == PDF


def test_text_is_served_as_plain_text_never_as_a_page(secretariaat, lid, vergadering):
    stuk = tekstbestand_opladen(vergadering, secretariaat)
    antwoord = bouwers.aangemeld(lid).get(reverse("vergaderstukken:vergaderstuk", args=[stuk.pk]))
    assert antwoord["Content-Type"] == "text/plain; charset=utf-8"
    assert antwoord["Content-Disposition"].startswith("attachment;")


def test_a_file_is_refused_to_a_member_of_another_group_and_to_the_anonymous(
    client, secretariaat, lid_andere_werkgroep, vergadering
):
    stuk = tekstbestand_opladen(vergadering, secretariaat)
    url = reverse("vergaderstukken:vergaderstuk", args=[stuk.pk])
    assert bouwers.aangemeld(lid_andere_werkgroep).get(url).status_code == 404
    assert client.get(url)["Location"].startswith("/accounts/login/")


def test_no_public_address_serves_the_stored_file(
    client_van, coordinator, secretariaat, vergadering
):
    stuk = tekstbestand_opladen(vergadering, secretariaat)
    client = client_van(coordinator)
    for pad in [f"/{stuk.bestand.name}", f"/media/{stuk.bestand.name}"]:
        assert client.get(pad).status_code == 404


# ---- the admin checks the same way


def test_the_admin_refuses_a_file_by_its_content_too(client_van, secretariaat, vergadering):
    client = client_van(secretariaat)
    url = reverse("admin:vergaderstukken_vergaderstuk_add")
    data = {"vergadering": vergadering.pk, "soort": "document", "titel": "Vals"}
    antwoord = client.post(url, {**data, "bestand": _upload("x.pdf", b"<svg onload=x>")})
    assert antwoord.status_code == 200 and "wordt niet aanvaard" in antwoord.content.decode()
    assert not Vergaderstuk.objects.exists()
    antwoord = client.post(url, {**data, "bestand": _upload("echt.pdf", PDF)})
    assert antwoord.status_code == 302
    stuk = Vergaderstuk.objects.get()
    assert (stuk.inhoudstype, stuk.geupload_door) == ("application/pdf", secretariaat)
    wijzigen = client.get(reverse("admin:vergaderstukken_vergaderstuk_change", args=[stuk.pk]))
    assert reverse("vergaderstukken:vergaderstuk", args=[stuk.pk]) in wijzigen.content.decode()


def test_deleting_a_file_in_the_admin_removes_it_from_the_storage(
    client_van, secretariaat, vergadering, django_capture_on_commit_callbacks
):
    stuk = tekstbestand_opladen(vergadering, secretariaat)
    naam = stuk.bestand.name
    url = reverse("admin:vergaderstukken_vergaderstuk_delete", args=[stuk.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert client_van(secretariaat).post(url, {"post": "yes"}).status_code == 302
    assert not Vergaderstuk.objects.exists() and not default_storage.exists(naam)

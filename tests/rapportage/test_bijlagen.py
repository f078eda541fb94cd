"""The report's annexes: only the files the secretariat attached as annexes, listed by name
and embedded in the PDF; without any, no annex section and "(zie bijlage)" as written.

The source refers to two annexes it does not contain (the project fiche, the validation
method); the software's own fiche form and its drafted criteria are never printed as the
group's. Here the secretariat attaches the fiche to 12/12/2005 (where the text says it is
developed) and the method to 06/06/2006 (the first validation).
"""

from __future__ import annotations

import io

import pikepdf
import pypdf
import pytest
from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from kern.pdf import (
    BASIS_URL,
    GeweigerdeBron,
    IngeslotenBestand,
    StatischeBestandenFetcher,
    _unieke_namen,
)
from rapportage import taken
from rapportage.jaarverslag import jaarverslag_context
from tests.formulieren import formulier
from tests.rapportage.test_jaarverslag import SLUG, pdf_tekst
from vergaderstukken import services
from vergaderstukken.models import Vergaderstuk
from werkgroep.models import Vergadering

# A PDF the fiche could be (its bytes are what the report must embed, unchanged).
FICHE = b"%PDF-1.4\n% projectfiche van de werkgroep\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
METHODE = "Methode productvalidering, versie 1\nSubgroepen: …\n".encode()


def opladen(kenmerk, naam, inhoud, titel, *, bijlage=True, door=None) -> Vergaderstuk:
    return services.vergaderstuk_toevoegen(
        vergadering=Vergadering.objects.get(kenmerk=kenmerk),
        soort="document",
        titel=titel,
        bestand=SimpleUploadedFile(naam, inhoud),
        door=door,
        bijlage_bij_jaarverslag=bijlage,
    )


@pytest.fixture
def fiche(seed):
    return opladen("2005-12-12", "projectfiche.pdf", FICHE, "Projectfiche van de werkgroep")


@pytest.fixture
def methode(seed):
    return opladen("2006-06-06", "methode.txt", METHODE, "Methode productvalidering (ESF)")


def pdf_van(client, periode) -> bytes:
    antwoord = client.get(reverse("rapportage:jaarverslag_pdf", args=[SLUG, periode]))
    assert antwoord["Content-Type"] == "application/pdf"
    return b"".join(antwoord.streaming_content)


def ingesloten(pdf: bytes) -> dict[str, bytes]:
    """The files embedded in a PDF, by name, read back with pypdf."""
    bijlagen = pypdf.PdfReader(io.BytesIO(pdf)).attachments
    return {naam: inhoud for naam, (inhoud, *_rest) in bijlagen.items()}


def test_the_pdf_lists_and_embeds_the_annexes_of_its_years(client_van, coordinator, fiche, methode):
    # A file of the same meeting that is not marked as an annex stays out.
    opladen("2005-12-12", "agenda.txt", b"Agenda\n", "Agenda", bijlage=False)
    client = client_van(coordinator)
    pdf_2005 = pdf_van(client, 2005)
    tekst = pdf_tekst(pdf_2005)
    bijlagen = tekst[tekst.rindex("Bijlagen") :]
    assert "Projectfiche van de werkgroep: projectfiche.pdf (PDF, " in bijlagen
    assert "vergadering van 12/12/2005" in bijlagen
    assert "Agenda" not in bijlagen and "Methode" not in bijlagen
    # The contents name the section; the texts keep their "(zie bijlage)".
    assert tekst.count("Bijlagen") == 2 and "projectfiche ontwikkeld (zie bijlage)" in tekst
    assert ingesloten(pdf_2005) == {"projectfiche.pdf": FICHE}

    assert ingesloten(pdf_van(client, 2006)) == {"methode.txt": METHODE}
    assert ingesloten(pdf_van(client, "2005-2006")) == {
        "projectfiche.pdf": FICHE,
        "methode.txt": METHODE,
    }


def test_an_embedded_annex_keeps_the_pdf_accessible(client_van, coordinator, fiche, tmp_path):
    """PDF/UA-1 (7.11): an embedded file's specification has /F and /UF; the independent
    checker finds no error in the PDF that embeds it."""
    from pdfua import Severity, validate

    inhoud = pdf_van(client_van(coordinator), 2005)
    with pikepdf.open(io.BytesIO(inhoud)) as pdf:
        assert "/StructTreeRoot" in pdf.Root and pdf.Root.MarkInfo.Marked
        naam, spec = list(pdf.Root.Names.EmbeddedFiles.Names)
        assert str(naam) == str(spec.F) == str(spec.UF) == "projectfiche.pdf"
        assert str(spec.Desc) == "Projectfiche van de werkgroep"
        assert str(spec.EF.F.Subtype) == "/application/pdf"
        assert spec.EF.F.read_bytes() == FICHE
    assert b'pdfuaid:part="1"' in pypdf.PdfReader(io.BytesIO(inhoud)).xmp_metadata.stream.get_data()
    bestand = tmp_path / "verslag.pdf"
    bestand.write_bytes(inhoud)
    fouten = [f for f in validate(str(bestand)).findings if f.severity == Severity.ERROR]
    assert fouten == []


def test_without_an_annex_there_is_no_annex_section(client_van, coordinator, seed):
    """The seed: the texts refer to annexes nobody attached. No section, no entry in the
    contents, nothing embedded; the fiche form and the drafted criteria are not printed."""
    opladen("2005-12-12", "agenda.txt", b"Agenda\n", "Agenda", bijlage=False)
    client = client_van(coordinator)
    for periode in (2005, "2005-2006"):
        pdf = pdf_van(client, periode)
        tekst = pdf_tekst(pdf)
        assert "Bijlagen" not in tekst and "(zie bijlage)" in tekst
        assert "Projectfiche (sjabloon)" not in tekst and "Haalbaarheid" not in tekst
        assert ingesloten(pdf) == {}
    pagina = client.get(reverse("rapportage:jaarverslag", args=[SLUG, 2005])).content.decode()
    assert "-bijlagen" not in pagina


def test_marking_a_file_as_annex_or_changing_its_content_changes_the_reports_key(fiche):
    """The cache keys on the HTML, which lists the annexes, and on each annex's bytes."""
    html = "<html><body>Verslag</body></html>"
    bijlage = IngeslotenBestand.van("projectfiche.pdf", FICHE, "application/pdf", "Projectfiche")
    zonder = taken.inhoudssleutel(html, "nl-be")
    met = taken.inhoudssleutel(html, "nl-be", [bijlage])
    ander = IngeslotenBestand.van(
        "projectfiche.pdf", FICHE + b"\n", "application/pdf", "Projectfiche"
    )
    assert len({zonder, met, taken.inhoudssleutel(html, "nl-be", [ander])}) == 3
    assert taken.inhoudssleutel(html, "nl-be", [bijlage]) == met


def test_a_new_annex_renders_the_report_again(client_van, coordinator, seed):
    client = client_van(coordinator)
    assert ingesloten(pdf_van(client, 2005)) == {}
    opladen("2005-12-12", "projectfiche.pdf", FICHE, "Projectfiche van de werkgroep")
    assert ingesloten(pdf_van(client, 2005)) == {"projectfiche.pdf": FICHE}


def test_two_annexes_of_one_name_are_embedded_under_two_names():
    bijlagen = [
        IngeslotenBestand.van(n, b"x", "text/plain") for n in ("fiche.txt", "a.txt", "fiche.txt")
    ]
    assert [naam for naam, _b in _unieke_namen(bijlagen)] == ["a.txt", "fiche (2).txt", "fiche.txt"]


def test_the_fetcher_serves_a_file_handed_over_at_its_address_and_nothing_else():
    fetcher = StatischeBestandenFetcher(
        [IngeslotenBestand.van("fiche.pdf", FICHE, "application/pdf")]
    )
    antwoord = fetcher.fetch(f"{BASIS_URL}ingesloten/fiche.pdf")
    assert antwoord.read() == FICHE and antwoord.content_type == "application/pdf"
    with pytest.raises(GeweigerdeBron):
        fetcher.fetch(f"{BASIS_URL}ingesloten/andere.pdf")
    with pytest.raises(GeweigerdeBron):
        fetcher.fetch("file:///etc/passwd")
    with pytest.raises(GeweigerdeBron):
        fetcher.fetch("https://elders.invalid/ingesloten/fiche.pdf")


def test_the_management_command_embeds_the_annexes(fiche, tmp_path):
    uit = tmp_path / "verslag.pdf"
    call_command("jaarverslag", SLUG, "2005", "-o", str(uit), verbosity=0)
    assert ingesloten(uit.read_bytes()) == {"projectfiche.pdf": FICHE}


def test_the_english_report_lists_the_annex_in_english(fiche):
    from kern.pdf import render_pdf
    from rapportage.jaarverslag import pdf_bijlagen
    from rapportage.verslag import Verslag

    with translation.override("en"):
        template, context = Verslag.uit_periode("werkgroep", SLUG, "2005").document()
        tekst = pdf_tekst(render_pdf(template, context, pdf_bijlagen(context)))
    assert "Annexes" in tekst and "Projectfiche van de werkgroep: projectfiche.pdf" in tekst


# ---- the queries do not grow with the number of annexes


@pytest.mark.parametrize("aantal", [1, 4])
def test_the_context_reads_all_annexes_in_one_query(seed, aantal, django_assert_num_queries):
    for i in range(aantal):
        opladen("2006-06-06", f"methode-{i}.txt", METHODE, f"Methode {i}")
        opladen("2006-09-25", f"stuk-{i}.txt", METHODE, f"Stuk {i}", bijlage=False)
    # As test_jaarverslag.py counts it (22): the annexes are one of those queries.
    with django_assert_num_queries(22):
        verslag = jaarverslag_context(seed, 2006)["verslag"]
    assert [s.titel for s in verslag["bijlagen"]] == [f"Methode {i}" for i in range(aantal)]


@pytest.mark.parametrize("aantal", [1, 4])
def test_the_page_links_the_annexes_in_one_query(
    client_van, coordinator, seed, aantal, django_assert_num_queries
):
    stukken = [
        opladen("2006-06-06", f"methode-{i}.txt", METHODE, f"Methode {i}") for i in range(aantal)
    ]
    client = client_van(coordinator)
    # The session and its user (2), the request's transaction (2), the user's permissions
    # (2), the working group the URL names (1), the report's context (22, test_jaarverslag.py),
    # which annexes the reader may download (1), the session saved (3).
    with django_assert_num_queries(2 + 2 + 2 + 1 + 22 + 1 + 3):
        pagina = client.get(reverse("rapportage:jaarverslag", args=[SLUG, 2006])).content.decode()
    for stuk in stukken:
        assert f'href="{reverse("vergaderstukken:vergaderstuk", args=[stuk.pk])}"' in pagina


# ---- who may download an annex from the page


def test_the_coordinator_and_the_secretariat_download_the_annex_from_the_page(
    client_van, coordinator, secretariaat, fiche
):
    url = reverse("vergaderstukken:vergaderstuk", args=[fiche.pk])
    for wie in (coordinator, secretariaat):
        client = client_van(wie)
        pagina = client.get(reverse("rapportage:jaarverslag", args=[SLUG, 2005])).content.decode()
        assert f'href="{url}"' in pagina
        antwoord = client.get(url)
        assert antwoord.status_code == 200 and b"".join(antwoord.streaming_content) == FICHE


def test_a_reader_who_may_not_see_the_meeting_gets_no_link(client_van, fiche):
    """Someone given the report's permission alone reads the annex's name, not the file."""
    lezer = User.objects.create_user("lezer", password="x")
    lezer.user_permissions.add(
        Permission.objects.get(codename="export_jaarverslag", content_type__app_label="rapportage")
    )
    client = client_van(lezer)
    pagina = client.get(reverse("rapportage:jaarverslag", args=[SLUG, 2005])).content.decode()
    assert "projectfiche.pdf" in pagina
    url = reverse("vergaderstukken:vergaderstuk", args=[fiche.pk])
    assert url not in pagina
    assert client.get(url).status_code == 404


def test_a_member_of_another_group_gets_neither_the_report_nor_the_annex(
    client_van, lid_andere_werkgroep, fiche
):
    client = client_van(lid_andere_werkgroep)
    assert client.get(reverse("rapportage:jaarverslag", args=[SLUG, 2005])).status_code == 404
    assert client.get(reverse("vergaderstukken:vergaderstuk", args=[fiche.pk])).status_code == 404


# ---- the secretariat marks a file as annex: in the admin, or when uploading it


def test_the_secretariat_marks_a_file_as_annex_in_the_admin(client_van, secretariaat, seed):
    stuk = opladen("2005-12-12", "projectfiche.pdf", FICHE, "Projectfiche", bijlage=False)
    client = client_van(secretariaat)
    url = reverse("admin:vergaderstukken_vergaderstuk_change", args=[stuk.pk])
    data = formulier(client.get(url))
    assert "geopend" in data and "bijlage_bij_jaarverslag" not in data
    antwoord = client.post(url, {**data, "bijlage_bij_jaarverslag": "on"})
    assert antwoord.status_code == 302
    stuk.refresh_from_db()
    assert stuk.bijlage_bij_jaarverslag and stuk.bestand.read() == FICHE
    assert [s.pk for s in jaarverslag_context(seed, 2005)["verslag"]["bijlagen"]] == [stuk.pk]


def test_the_secretariat_marks_an_upload_as_annex_on_the_meeting_page(
    client_van, secretariaat, seed
):
    vergadering = Vergadering.objects.get(kenmerk="2005-12-12")
    client = client_van(secretariaat)
    pagina = client.get(
        reverse("werkgroep:vergadering_detail", args=[vergadering.pk])
    ).content.decode()
    assert 'name="bijlage_bij_jaarverslag"' in pagina
    client.post(
        reverse("vergaderstukken:vergaderstuk_toevoegen", args=[vergadering.pk]),
        {
            "soort": "document",
            "titel": "Projectfiche",
            "bestand": SimpleUploadedFile("fiche.pdf", FICHE),
            "bijlage_bij_jaarverslag": "on",
        },
    )
    stuk = Vergaderstuk.objects.get()
    assert stuk.bijlage_bij_jaarverslag
    pagina = client.get(
        reverse("werkgroep:vergadering_detail", args=[vergadering.pk])
    ).content.decode()
    assert "bijlage bij het jaarverslag" in pagina

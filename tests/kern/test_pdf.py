"""The one PDF renderer: it fetches the project's static files and nothing else."""

import io

import pypdf
import pytest

from kern.pdf import BASIS_URL, GeweigerdeBron, StatischeBestandenFetcher, render_pdf


def test_it_serves_the_projects_own_stylesheet():
    antwoord = StatischeBestandenFetcher().fetch(BASIS_URL + "static/pdf/pdf.css")
    assert b"@page" in antwoord.read()


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://example.com/x.css",
        "https://example.com/static/pdf/pdf.css",
        BASIS_URL + "static/../../../etc/passwd",
        BASIS_URL + "media/geheim.pdf",
    ],
)
def test_it_refuses_everything_else(url):
    with pytest.raises(GeweigerdeBron):
        StatischeBestandenFetcher().fetch(url)


def test_a_file_url_in_a_document_never_reaches_the_pdf(tmp_path, settings):
    geheim = tmp_path / "geheim.txt"
    geheim.write_text("GEHEIM-1234")
    import copy

    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [*templates[0]["DIRS"], tmp_path]
    settings.TEMPLATES = templates
    (tmp_path / "aanval.html").write_text(
        f'<html><head><link rel="attachment" href="file://{geheim}"></head>'
        f'<body><p>Hallo</p><img src="file://{geheim}"></body></html>'
    )
    pdf = render_pdf("aanval.html", {})
    assert b"GEHEIM-1234" not in pdf
    lezer = pypdf.PdfReader(io.BytesIO(pdf))
    assert "Hallo" in lezer.pages[0].extract_text()
    assert not lezer.attachments


def test_html_rendered_first_becomes_the_same_tagged_pdf():
    """The background task renders the HTML itself (to hash it) and hands it on."""
    from kern.pdf import html_naar_pdf

    pdf = html_naar_pdf(
        '<html lang="nl-BE"><head><title>T</title></head><body><p>Hallo</p></body></html>'
    )
    lezer = pypdf.PdfReader(io.BytesIO(pdf))
    assert "Hallo" in lezer.pages[0].extract_text()
    assert "/StructTreeRoot" in lezer.trailer["/Root"]
    assert b'pdfuaid:part="1"' in lezer.xmp_metadata.stream.get_data()

"""The key a report PDF is kept by changes with everything the PDF is made from: its HTML,
its language and the stylesheet it links to. A key that missed the stylesheet would serve
the PDF of the old layout after a deploy that changed only the CSS.

The stylesheet's hash is kept per process (static files change with a deploy, which
restarts the site and the worker); ``_bestand_hash.cache_clear()`` stands for that restart.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import weasyprint
from django.conf import settings as django_settings

from rapportage import taken
from tests.rapportage.test_achtergrond import PDF_URL, Teller

HTML = (
    '<html><head><meta name="dcterms.created" content="{gemaakt}">'
    '<link rel="stylesheet" href="/static/pdf/pdf.css"></head><body>{tekst}</body></html>'
)


@pytest.fixture
def stijl(settings, tmp_path):
    """The report's stylesheet from a folder of the test's own, found before the project's."""
    map_ = tmp_path / "statisch"
    (map_ / "pdf").mkdir(parents=True)
    bestand = map_ / "pdf" / "pdf.css"
    shutil.copy(Path(django_settings.BASE_DIR) / "static" / "pdf" / "pdf.css", bestand)
    settings.STATICFILES_DIRS = [map_, *settings.STATICFILES_DIRS]
    taken._bestand_hash.cache_clear()
    yield bestand
    taken._bestand_hash.cache_clear()


@pytest.fixture
def pdfs(monkeypatch):
    """WeasyPrint's PDF step counted, as in test_achtergrond.py."""
    teller = Teller()
    monkeypatch.setattr(weasyprint.HTML, "write_pdf", teller)
    return teller


def herstart():
    taken._bestand_hash.cache_clear()


def sleutel(tekst="Verslag", taal="nl-be", gemaakt="2026-01-01T10:00:00"):
    return taken.inhoudssleutel(HTML.format(tekst=tekst, gemaakt=gemaakt), taal)


def test_a_changed_stylesheet_changes_the_key(stijl):
    oud = sleutel()
    stijl.write_text(stijl.read_text() + "\nh1 { color: red; }\n")
    herstart()
    nieuw = sleutel()
    assert nieuw != oud
    stijl.write_text(stijl.read_text().replace("\nh1 { color: red; }\n", ""))
    herstart()
    assert sleutel() == oud  # the same stylesheet again: the same key


def test_the_text_and_the_language_change_the_key_the_creation_time_does_not(stijl):
    assert sleutel("Ander verslag") != sleutel()
    assert sleutel(taal="en") != sleutel()
    assert sleutel(gemaakt="2027-05-05T08:00:00") == sleutel()


def test_a_linked_file_that_is_gone_changes_the_key_too(stijl):
    extra = stijl.parent / "extra.css"
    extra.write_text("p { margin: 0; }")
    html = HTML.format(tekst='<link href="/static/pdf/extra.css">', gemaakt="")
    oud = taken.inhoudssleutel(html, "nl-be")
    extra.unlink()
    herstart()
    assert taken.inhoudssleutel(html, "nl-be") != oud


def test_after_a_deploy_that_changed_only_the_css_the_report_is_rendered_again(
    stijl,
    pdfs,
    client_van,
    coordinator,
    seed,
):
    client = client_van(coordinator)
    assert client.get(PDF_URL).getvalue() == b"%PDF-1.7 stub 1"
    assert client.get(PDF_URL).getvalue() == b"%PDF-1.7 stub 1"  # unchanged: kept
    stijl.write_text(stijl.read_text() + "\nbody { font-size: 11pt; }\n")
    herstart()
    assert client.get(PDF_URL).getvalue() == b"%PDF-1.7 stub 2"
    assert pdfs.aantal == 2


def test_another_renderer_or_pdf_variant_changes_the_key(stijl, monkeypatch):
    oud = sleutel()
    monkeypatch.setattr(taken, "PDF_VARIANT", "pdf/a-3b")
    assert sleutel() != oud
    monkeypatch.undo()
    monkeypatch.setattr(taken.weasyprint, "__version__", "0.0")
    assert sleutel() != oud

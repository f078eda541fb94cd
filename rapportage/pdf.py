"""The one PDF renderer: every PDF of the project goes through :func:`render_pdf`.

WeasyPrint's default fetcher reads any local file or URL a document names (an
``<link rel="attachment" href="file:///etc/passwd">`` would put that file into
the PDF). Ours serves the project's own static files (and ``data:`` URLs,
which carry their content inline) and refuses everything else: no ``file://``,
no ``http(s)://`` elsewhere, no redirects.

A file embedded in a PDF (an annex the secretariat attached) is never fetched by the
document: the caller reads it and hands its bytes over (:class:`Bijlage`), and each
becomes a document-level attachment (the PDF's ``/EmbeddedFiles``) through a fetcher of
its own that serves only those bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import mimetypes
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import HTML, Attachment
from weasyprint.urls import URLFetcher, URLFetcherResponse

# Documents are rendered against this base; only URLs under it are served.
BASIS_URL = "https://werkgroep.invalid/"


class GeweigerdeBron(ValueError):
    """A document asked for something outside the project's static files."""


def statisch_bestand(pad: str) -> Path | None:
    """The file behind a static path, from the finders (dev) or STATIC_ROOT."""
    gevonden = finders.find(pad)
    if gevonden:
        return Path(gevonden)
    kandidaat = Path(settings.STATIC_ROOT) / pad
    if kandidaat.is_file() and kandidaat.resolve().is_relative_to(
        Path(settings.STATIC_ROOT).resolve()
    ):
        return kandidaat
    return None


class StatischeBestandenFetcher(URLFetcher):
    """Serves ``<BASIS_URL><STATIC_URL>…`` from the project's static files and inline
    ``data:`` URLs; refuses everything else."""

    def __init__(self, **kwargs):
        super().__init__(allow_redirects=False, **kwargs)

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            # Inline data the document carries itself (a chart we drew); reads nothing.
            return super().fetch(url, headers)
        voorvoegsel = BASIS_URL + settings.STATIC_URL.lstrip("/")
        if not url.startswith(voorvoegsel):
            raise GeweigerdeBron(f"Refused to fetch {url!r}: only the project's static files.")
        pad = url[len(voorvoegsel) :].split("?")[0].split("#")[0]
        if ".." in Path(pad).parts:
            raise GeweigerdeBron(f"Refused to fetch {url!r}.")
        bestand = statisch_bestand(pad)
        if bestand is None:
            raise GeweigerdeBron(f"No static file {pad!r}.")
        soort = mimetypes.guess_type(bestand.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, bestand.read_bytes(), {"Content-Type": soort})


@dataclass(frozen=True)
class Bijlage:
    """A file to embed in a PDF: the name a reader saves it as, its bytes, its checked
    type, a description (its title) and when it was made."""

    naam: str
    inhoud: bytes
    mimetype: str
    beschrijving: str = ""
    gemaakt: dt.datetime | None = None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.inhoud).hexdigest()


class _BijlageFetcher(URLFetcher):
    """Serves one attachment's bytes at its one address, and nothing else."""

    ADRES = "bijlage:"

    def __init__(self, bijlage: Bijlage):
        super().__init__(allow_redirects=False)
        self.bijlage = bijlage

    def fetch(self, url, headers=None):
        if url != self.ADRES:
            raise GeweigerdeBron(f"Refused to fetch {url!r}: only the attachment handed over.")
        return URLFetcherResponse(url, self.bijlage.inhoud, {"Content-Type": self.bijlage.mimetype})


def _unieke_namen(bijlagen: Sequence[Bijlage]) -> list[tuple[str, Bijlage]]:
    """Each attachment under a name of its own ("naam (2).pdf" for a second "naam.pdf"),
    sorted as a PDF name tree wants its keys."""
    gezien: set[str] = set()
    benoemd = []
    for bijlage in bijlagen:
        naam, nummer = bijlage.naam, 1
        stam, punt, extensie = naam.rpartition(".")
        if not punt:
            stam, extensie = naam, ""
        while naam in gezien:
            nummer += 1
            naam = f"{stam} ({nummer}){punt}{extensie}"
        gezien.add(naam)
        benoemd.append((naam, bijlage))
    return sorted(benoemd, key=lambda paar: paar[0].encode())


def _attachments(bijlagen: Sequence[Bijlage]) -> list[Attachment]:
    return [
        Attachment(
            url=_BijlageFetcher.ADRES,
            url_fetcher=_BijlageFetcher(bijlage),
            name=naam,
            description=bijlage.beschrijving,
            created=bijlage.gemaakt,
            modified=bijlage.gemaakt,
        )
        for naam, bijlage in _unieke_namen(bijlagen)
    ]


# Tagged for accessibility (PDF/UA-1): a structure tree, the language and the title, so a
# screen reader can read the report the agency receives. It costs about a third more time.
PDF_VARIANT = "pdf/ua-1"


def render_pdf(template_name: str, context: dict, bijlagen: Sequence[Bijlage] = ()) -> bytes:
    """Render a template to PDF: A4, page numbers, running header (see templates/pdf/base.html),
    with ``bijlagen`` embedded as files.

    The template escapes every user text as usual; nothing is marked safe here.
    """
    return html_naar_pdf(render_to_string(template_name, context), bijlagen)


def html_naar_pdf(html: str, bijlagen: Sequence[Bijlage] = ()) -> bytes:
    """HTML already rendered from a PDF template (the background task hashes it first)."""
    return HTML(string=html, base_url=BASIS_URL, url_fetcher=StatischeBestandenFetcher()).write_pdf(
        pdf_variant=PDF_VARIANT, attachments=_attachments(bijlagen)
    )

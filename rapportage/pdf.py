"""The one PDF renderer: every PDF of the project goes through :func:`render_pdf`.

WeasyPrint's default fetcher reads any local file or URL a document names (an
``<link rel="attachment" href="file:///etc/passwd">`` would put that file into
the PDF). Ours serves the project's own static files (and ``data:`` URLs,
which carry their content inline) and the files a document embeds
(:class:`IngeslotenBestand`, handed to the renderer with the HTML), and refuses everything
else: no ``file://``, no ``http(s)://`` elsewhere, no redirects.

A file embedded in a PDF (an annex the secretariat attached) is never fetched by the
document: the caller reads it and hands its bytes over (:class:`Bijlage`), and each
becomes a document-level attachment (the PDF's ``/EmbeddedFiles``) through a fetcher of
its own that serves only those bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import mimetypes
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from urllib.parse import quote

import pydyf
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import HTML, Attachment
from weasyprint.pdf import tags as _weasyprint_tags
from weasyprint.urls import URLFetcher, URLFetcherResponse

# Documents are rendered against this base; only URLs under it are served.
BASIS_URL = "https://werkgroep.invalid/"
# Where a document finds the files it embeds (``<link rel="attachment" href="…">``).
INGESLOTEN_PAD = "ingesloten/"


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


@dataclass
class IngeslotenBestand:
    """A file a PDF carries inside it (a PDF attachment), made when first read: the
    template names it by :attr:`url` (``<link rel="attachment" href="{{ b.url }}"
    title="{{ b.titel }}">``), whose query holds its SHA-256, so a report's content key
    (rapportage.taken, which hashes the HTML) changes with the file; the renderer is given
    the file itself (:func:`render_pdf` takes them from the context's ``ingesloten``)."""

    naam: str
    titel: str
    maken: Callable[[], bytes] = field(repr=False)

    @cached_property
    def inhoud(self) -> bytes:
        return self.maken()

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.inhoud).hexdigest()

    @property
    def url(self) -> str:
        return f"/{INGESLOTEN_PAD}{quote(self.naam)}?sha256={self.sha256}"


class StatischeBestandenFetcher(URLFetcher):
    """Serves ``<BASIS_URL><STATIC_URL>…`` from the project's static files, inline
    ``data:`` URLs and ``<BASIS_URL>ingesloten/<naam>`` from the files given
    (:class:`IngeslotenBestand`); refuses everything else."""

    def __init__(self, ingesloten: Iterable[IngeslotenBestand] = (), **kwargs):
        super().__init__(allow_redirects=False, **kwargs)
        self.ingesloten = {BASIS_URL + INGESLOTEN_PAD + quote(b.naam): b for b in ingesloten}

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            # Inline data the document carries itself (a chart we drew); reads nothing.
            return super().fetch(url, headers)
        if (bestand := self.ingesloten.get(url.split("?")[0])) is not None:
            soort = mimetypes.guess_type(bestand.naam)[0] or "application/octet-stream"
            return URLFetcherResponse(url, bestand.inhoud, {"Content-Type": soort})
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

#: What this module adds to WeasyPrint's tags (below); part of a report's content key
#: (rapportage.taken), so a change here is not served from PDFs made before it.
TAGS_AANGEVULD = "lang+scope/1"

_bouw_tagboom = _weasyprint_tags._build_box_tree


def _met_taal(box, parent, *args):
    """WeasyPrint's structure elements of a box, with the language of an element whose
    ``lang`` differs from its surroundings (``/Lang``, PDF/UA-1 7.2): the Dutch texts of
    an English report (``class="tekst-bron" lang="nl-BE"``) are read as Dutch.

    WeasyPrint (70) writes only the document's language. This wraps its function that
    builds the structure element of each box (recursively, through its module), so the
    element made for a box with ``lang`` carries it; its descendants inherit it."""
    elementen = _bouw_tagboom(box, parent, *args)
    html = getattr(box, "element", None)
    taal = html.get("lang") if html is not None else None
    if not taal or getattr(box, "element_tag", None) in ("html", "body"):
        yield from elementen
        return
    for element in elementen:
        if getattr(parent.get("Lang"), "string", None) != taal:
            element["Lang"] = pydyf.String(taal)
        yield element


_weasyprint_tags._build_box_tree = _met_taal


def kopcellen_met_bereik(document, pdf) -> None:
    """Give every header cell (``/TH``) its ``/Scope``, which PDF/UA checkers ask for.

    WeasyPrint (70) ties each data cell to its headers (``/Headers``: a ``<th scope="row">``
    to the cells of its row, any other ``<th>`` to those of its column) but writes no
    scope on the header cells. Read back from those ties: a header named by a data cell of
    its own row heads that row (``/Row``), any other its column (``/Column``).
    A WeasyPrint ``finisher``: it runs on the PDF's objects before they are written."""

    def cellen(soort):
        for element in pdf.objects:
            if isinstance(element, pydyf.Dictionary) and element.get("S") == soort:
                rij = element["P"].split()[0]  # the reference of the cell's /TR
                yield element, rij

    rijkoppen = {
        (rij, kop.string)
        for cel, rij in cellen("/TD")
        for kop in cel.get("A", {}).get("Headers", ())
    }
    for kop, rij in cellen("/TH"):
        kenmerk = getattr(kop.get("ID"), "string", None)
        attributen = kop.setdefault("A", pydyf.Dictionary({"O": "/Table"}))
        attributen["Scope"] = "/Row" if (rij, kenmerk) in rijkoppen else "/Column"


def render_pdf(template_name: str, context: dict, bijlagen: Sequence[Bijlage] = ()) -> bytes:
    """Render a template to PDF: A4, page numbers, running header (see templates/pdf/base.html),
    with ``bijlagen`` embedded as files.

    The template escapes every user text as usual; nothing is marked safe here. The files
    the context's ``ingesloten`` lists are embedded where the template links them.
    """
    return html_naar_pdf(
        render_to_string(template_name, context), bijlagen, context.get("ingesloten", ())
    )


def html_naar_pdf(
    html: str, bijlagen: Sequence[Bijlage] = (), ingesloten: Iterable[IngeslotenBestand] = ()
) -> bytes:
    """HTML already rendered from a PDF template (the background task hashes it first),
    with the annexes handed over and the files the HTML links as embedded."""
    fetcher = StatischeBestandenFetcher(ingesloten)
    return HTML(string=html, base_url=BASIS_URL, url_fetcher=fetcher).write_pdf(
        pdf_variant=PDF_VARIANT, attachments=_attachments(bijlagen), finisher=kopcellen_met_bereik
    )

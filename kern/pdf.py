"""The one PDF renderer: every PDF of the project goes through :func:`render_pdf`.

WeasyPrint's default fetcher reads any local file or URL a document names (an
``<link rel="attachment" href="file:///etc/passwd">`` would put that file into
the PDF). Ours serves the project's own static files (and ``data:`` URLs,
which carry their content inline) and the files handed to the renderer to embed, and
refuses everything else: no ``file://``, no ``http(s)://`` elsewhere, no redirects.

A file a PDF carries inside it (an annex the secretariat attached, a large report's full
lists) is one :class:`IngeslotenBestand`, whatever it is: the caller hands it to the
renderer, never the document, and each becomes a document-level attachment (the PDF's
``/EmbeddedFiles``) under a name of its own, fetched through the document's own fetcher.
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
# Where the renderer fetches the files it embeds from (never a document's own link).
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


@dataclass(eq=False)
class IngeslotenBestand:
    """A file to embed in a PDF: the name a reader saves it as, its checked type, how its
    bytes are made (read once, when first needed: a report's page never makes the XLSX
    its PDF carries), a description (the reader's title for it) and when it was made.

    :meth:`van` wraps bytes already read (an annex from the storage)."""

    naam: str
    mimetype: str
    maken: Callable[[], bytes] = field(repr=False)
    beschrijving: str = ""
    gemaakt: dt.datetime | None = None

    @classmethod
    def van(
        cls,
        naam: str,
        inhoud: bytes,
        mimetype: str,
        beschrijving: str = "",
        gemaakt: dt.datetime | None = None,
    ) -> IngeslotenBestand:
        return cls(naam, mimetype, lambda: inhoud, beschrijving, gemaakt)

    @cached_property
    def inhoud(self) -> bytes:
        return self.maken()

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.inhoud).hexdigest()

    @property
    def kenmerk(self) -> str:
        """All the PDF takes of the file, its bytes by their hash: part of a report's content
        key (rapportage.taken), so a new or changed file renders the report again."""
        gemaakt = self.gemaakt.isoformat() if self.gemaakt else ""
        return f"{self.naam}|{self.mimetype}|{self.beschrijving}|{gemaakt}={self.sha256}"


def _unieke_namen(bestanden: Sequence[IngeslotenBestand]) -> list[tuple[str, IngeslotenBestand]]:
    """Each file under a name of its own ("naam (2).pdf" for a second "naam.pdf"), sorted
    as a PDF name tree wants its keys."""
    gezien: set[str] = set()
    benoemd = []
    for bestand in bestanden:
        naam, nummer = bestand.naam, 1
        stam, punt, extensie = naam.rpartition(".")
        if not punt:
            stam, extensie = naam, ""
        while naam in gezien:
            nummer += 1
            naam = f"{stam} ({nummer}){punt}{extensie}"
        gezien.add(naam)
        benoemd.append((naam, bestand))
    return sorted(benoemd, key=lambda paar: paar[0].encode())


def _adres(naam: str) -> str:
    return BASIS_URL + INGESLOTEN_PAD + quote(naam)


class StatischeBestandenFetcher(URLFetcher):
    """Serves ``<BASIS_URL><STATIC_URL>…`` from the project's static files, inline
    ``data:`` URLs and each file handed over to embed at its own address
    (``<BASIS_URL>ingesloten/<its name in the PDF>``); refuses everything else."""

    def __init__(self, ingesloten: Iterable[IngeslotenBestand] = (), **kwargs):
        super().__init__(allow_redirects=False, **kwargs)
        self.ingesloten = {_adres(naam): b for naam, b in _unieke_namen(list(ingesloten))}

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            # Inline data the document carries itself (a chart we drew); reads nothing.
            return super().fetch(url, headers)
        if (bestand := self.ingesloten.get(url)) is not None:
            return URLFetcherResponse(url, bestand.inhoud, {"Content-Type": bestand.mimetype})
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


def _attachments(
    ingesloten: Sequence[IngeslotenBestand], fetcher: StatischeBestandenFetcher
) -> list[Attachment]:
    return [
        Attachment(
            url=_adres(naam),
            url_fetcher=fetcher,
            name=naam,
            description=bestand.beschrijving,
            created=bestand.gemaakt,
            modified=bestand.gemaakt,
        )
        for naam, bestand in _unieke_namen(ingesloten)
    ]


# Tagged for accessibility (PDF/UA-1): a structure tree, the language and the title, so a
# screen reader can read the report the agency receives. It costs about a third more time.
PDF_VARIANT = "pdf/ua-1"

#: What this module adds to WeasyPrint's tags (below); part of a report's content key
#: (rapportage.taken), so a change here is not served from PDFs made before it.
TAGS_AANGEVULD = "lang+scope/1"

_bouw_tagboom = _weasyprint_tags._build_box_tree


class _VastePaginaverwijzingen:
    """The PDF as WeasyPrint's tagging sees it, with its pages' references read once.

    WeasyPrint (70) writes each structure element's page (``/Pg``) from
    ``pdf.page_references``, which pydyf builds anew from every page at every read: on a
    report of a hundred pages, a tenth of the whole render. The pages are all in the PDF
    before tagging starts, so the tuple is the same at every read; everything else is
    the PDF itself."""

    def __init__(self, pdf):
        self._pdf = pdf
        self.page_references = pdf.page_references

    def __getattr__(self, naam):
        return getattr(self._pdf, naam)


def _met_taal(box, parent, pdf, *args):
    """WeasyPrint's structure elements of a box, with the language of an element whose
    ``lang`` differs from its surroundings (``/Lang``, PDF/UA-1 7.2): the Dutch texts of
    an English report (``class="tekst-bron" lang="nl-BE"``) are read as Dutch.

    WeasyPrint (70) writes only the document's language. This wraps its function that
    builds the structure element of each box (recursively, through its module), so the
    element made for a box with ``lang`` carries it; its descendants inherit it. Each
    page's tree is built against :class:`_VastePaginaverwijzingen`, passed down with it."""
    if not isinstance(pdf, _VastePaginaverwijzingen):
        pdf = _VastePaginaverwijzingen(pdf)
    elementen = _bouw_tagboom(box, parent, pdf, *args)
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


def render_pdf(
    template_name: str, context: dict, bijlagen: Sequence[IngeslotenBestand] = ()
) -> bytes:
    """Render a template to PDF: A4, page numbers, running header (see templates/pdf/base.html),
    with the files the context's ``ingesloten`` lists and then ``bijlagen`` embedded.

    The template escapes every user text as usual; nothing is marked safe here.
    """
    return html_naar_pdf(
        render_to_string(template_name, context), [*context.get("ingesloten", ()), *bijlagen]
    )


def html_naar_pdf(html: str, ingesloten: Sequence[IngeslotenBestand] = ()) -> bytes:
    """HTML already rendered from a PDF template (the background task hashes it first),
    with ``ingesloten`` embedded as files."""
    ingesloten = list(ingesloten)
    fetcher = StatischeBestandenFetcher(ingesloten)
    return HTML(string=html, base_url=BASIS_URL, url_fetcher=fetcher).write_pdf(
        pdf_variant=PDF_VARIANT,
        attachments=_attachments(ingesloten, fetcher),
        finisher=kopcellen_met_bereik,
    )

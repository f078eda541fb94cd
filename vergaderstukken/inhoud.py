"""What an uploaded file is, read from its content, never from its name.

A meeting file may be a PDF, a PNG or JPEG image, an office document (OpenDocument or
Office Open XML, both ZIP archives that say what they hold) or plain UTF-8 text. Anything
else is refused: HTML and SVG (a browser would run their scripts), executables, and any
format we do not recognise. The check reads the first bytes and, for a ZIP archive, only
its directory and the one small part that names its kind (``mimetype`` in OpenDocument,
``[Content_Types].xml`` in Office Open XML), so a ZIP bomb is never unpacked.

Our own code rather than a library: the allowed kinds are few, and the libraries on
PyPI guess a type from a signature (``filetype``, ``puremagic``) without checking that an
office file is a document rather than any ZIP, or that text is not markup.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Inhoud:
    """A kind of file we accept: its MIME type, the extension it is stored with, a name."""

    mimetype: str
    extensie: str
    naam: str


PDF = Inhoud("application/pdf", ".pdf", "PDF")
PNG = Inhoud("image/png", ".png", "PNG")
JPEG = Inhoud("image/jpeg", ".jpg", "JPEG")
TEKST = Inhoud("text/plain", ".txt", _("tekst"))
ODF = {
    "application/vnd.oasis.opendocument.text": Inhoud(
        "application/vnd.oasis.opendocument.text", ".odt", "OpenDocument"
    ),
    "application/vnd.oasis.opendocument.spreadsheet": Inhoud(
        "application/vnd.oasis.opendocument.spreadsheet", ".ods", "OpenDocument"
    ),
    "application/vnd.oasis.opendocument.presentation": Inhoud(
        "application/vnd.oasis.opendocument.presentation", ".odp", "OpenDocument"
    ),
}
# Office Open XML: the main part each kind has, and the content type
# [Content_Types].xml gives it (a macro-enabled file names another one: refused).
OOXML = {
    "word/document.xml": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        Inhoud(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ".docx",
            "Word",
        ),
    ),
    "xl/workbook.xml": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        Inhoud(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx", "Excel"
        ),
    ),
    "ppt/presentation.xml": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
        Inhoud(
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            ".pptx",
            "PowerPoint",
        ),
    ),
}
TOEGELATEN = [PDF, PNG, JPEG, TEKST, *ODF.values(), *(i for _t, i in OOXML.values())]
MIMETYPES = [i.mimetype for i in TOEGELATEN]
PER_MIMETYPE = {i.mimetype: i for i in TOEGELATEN}

# The small parts a check reads from an archive; larger ones are not what they claim.
MAX_KLEIN_DEEL = 1024 * 1024
# Control characters other than tab, line ends and form feed: not text.
STUURTEKENS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# Markup a browser would render (and run) if it ever took the text for a page.
OPMAAK = (b"<!doctype", b"<html", b"<head", b"<body", b"<script", b"<svg", b"<?xml", b"<iframe")


def geweigerd() -> ValidationError:
    return ValidationError(
        _(
            "Dit soort bestand wordt niet aanvaard. Toegelaten zijn PDF, PNG, JPEG, "
            "OpenDocument- en Office-documenten (Word, Excel, PowerPoint) en platte tekst."
        ),
        code="soort",
    )


def grootte_nagaan(grootte: int) -> None:
    """Refuse a file larger than ``VERGADERSTUK_MAX_BYTES``."""
    maximum = settings.VERGADERSTUK_MAX_BYTES
    if grootte > maximum:
        raise ValidationError(
            _("Het bestand is %(grootte)s; het mag hoogstens %(maximum)s zijn.")
            % {"grootte": filesizeformat(grootte), "maximum": filesizeformat(maximum)},
            code="grootte",
        )


def herkennen(bestand) -> Inhoud:
    """What ``bestand`` (an open, seekable file) is, by its content; ``ValidationError``
    when it is too large, empty or not one of the accepted kinds."""
    grootte_nagaan(bestand.size)
    if not bestand.size:
        raise ValidationError(_("Het bestand is leeg."), code="leeg")
    bestand.seek(0)
    begin = bestand.read(4096)
    bestand.seek(0)
    try:
        if begin.startswith(b"%PDF-"):
            return PDF
        if begin.startswith(b"\x89PNG\r\n\x1a\n"):
            return PNG
        if begin.startswith(b"\xff\xd8\xff"):
            return JPEG
        if begin.startswith(b"PK\x03\x04"):
            return _archief(bestand)
        return _tekst(bestand)
    finally:
        bestand.seek(0)


def _archief(bestand) -> Inhoud:
    """An OpenDocument or Office Open XML file, by the part that names its kind."""
    try:
        with zipfile.ZipFile(bestand) as archief:
            delen = {info.filename: info for info in archief.infolist()}
            mimetype = delen.get("mimetype")
            if mimetype is not None and mimetype.file_size <= 100:
                soort = archief.read(mimetype).decode("ascii", "replace").strip()
                if soort in ODF:
                    return ODF[soort]
                raise geweigerd()
            typen = delen.get("[Content_Types].xml")
            if typen is not None and typen.file_size <= MAX_KLEIN_DEEL:
                beschrijving = archief.read(typen).decode("utf-8", "replace")
                for hoofddeel, (inhoudstype, inhoud) in OOXML.items():
                    if hoofddeel in delen and inhoudstype in beschrijving:
                        return inhoud
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError):
        pass  # damaged, encrypted or compressed in a way we cannot read: not accepted
    raise geweigerd()


def _tekst(bestand) -> Inhoud:
    """Plain UTF-8 text: no control characters but tabs, line ends and form feeds, and
    no markup."""
    inhoud = bestand.read()
    try:
        tekst = inhoud.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise geweigerd() from None
    if STUURTEKENS.search(tekst):
        raise geweigerd()
    begin = tekst[:1024].lstrip().lower().encode()
    if begin.startswith((b"<", b"#!")) or any(teken in begin for teken in OPMAAK):
        raise geweigerd()
    return TEKST

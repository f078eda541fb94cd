"""Every file the site hands out (PDF, spreadsheet, calendar) leaves through here.

One place decides the response: ``FileResponse`` sets the type, the length and a
``Content-Disposition`` whose name is quoted (and RFC 5987-encoded when it is not
ASCII), so no view writes that header by hand.

Each download also says whether it names people (``inzage``, no default): a
:class:`kern.inzage.Melding` writes the access log's record first, in the request's
transaction, so no file leaves without it; :class:`kern.inzage.Geen` says why it holds
no personal data of others.
"""

from __future__ import annotations

import io

from django.http import FileResponse
from import_export.formats.base_formats import Format

from .inzage import Geen, Melding, melden


def bestand(
    inhoud: bytes | str,
    naam: str,
    content_type: str,
    *,
    inzage: Melding | Geen,
    bijlage: bool = True,
) -> FileResponse:
    """``inhoud`` as a download called ``naam``; ``bijlage=False`` lets the browser show it."""
    if isinstance(inzage, Melding):
        melden(inzage)
    elif not isinstance(inzage, Geen):
        raise TypeError("inzage: a kern.inzage.Melding or kern.inzage.Geen")
    if isinstance(inhoud, str):
        inhoud = inhoud.encode("utf-8")
    return FileResponse(
        io.BytesIO(inhoud), as_attachment=bijlage, filename=naam, content_type=content_type
    )


def pdf(inhoud: bytes, naam: str, *, inzage: Melding | Geen, bijlage: bool = False) -> FileResponse:
    """A PDF shown in the browser (its viewer offers the download), or with ``bijlage``
    saved as a file: a link to it then needs no ``download`` attribute, which would also
    save a page the link may lead to instead (a report still being made)."""
    return bestand(inhoud, naam, "application/pdf", inzage=inzage, bijlage=bijlage)


def spreadsheet(formaat: Format, dataset, naam: str, *, inzage: Melding | Geen) -> FileResponse:
    """A tablib dataset written by one of our formats (Belgian CSV, safe XLSX)."""
    return bestand(formaat.export_data(dataset), naam, formaat.get_content_type(), inzage=inzage)

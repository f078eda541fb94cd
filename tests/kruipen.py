"""Walk the site as a user does: from the home page, by links alone.

A page is *reached* when a link (``<a href>``) on a page already reached leads to it, or a
redirect after following such a link does. Nothing is typed but the home page's address,
no form is sent. Used by tests/test_bereikbaarheid.py (every page of the permission matrix
that a role may open is reached) and by the accessibility checks in the browser
(tests/e2e/test_toegankelijkheid_axe.py, which visits what the walk found).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.urls import Resolver404, resolve

# Per page (a URL name) this many addresses are opened: enough to find what each links to
# (a second meeting, a second fiche), not every record of a 100-row changelist.
PER_NAAM = 2


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def links(html: str) -> list[str]:
    """The targets of the page's ``<a href>``, in order."""
    parser = _Links()
    parser.feed(html)
    return parser.hrefs


def naam_van(pad: str) -> str | None:
    """The URL name a path resolves to, ``admin:`` prefixed for the admin's pages."""
    try:
        match = resolve(pad)
    except Resolver404:
        return None
    if not match.url_name:
        return None
    return f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name


@dataclass
class Wandeling:
    """What one role reached: per URL name the addresses opened and their status."""

    bereikt: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    # Per address, the page whose link (or redirect) led there: to say where a dead end is.
    van: dict[str, str] = field(default_factory=dict)

    def namen(self, status: int = 200) -> set[str]:
        """The URL names of the pages that answered with ``status``."""
        return {n for n, bezocht in self.bereikt.items() if any(s == status for _, s in bezocht)}

    def html_paginas(self) -> dict[str, str]:
        """Per URL name, the first address that answered with an HTML page."""
        return {
            naam: adres
            for naam, bezocht in self.bereikt.items()
            for adres, status in bezocht[:1]
            if status == 200 and naam not in self._downloads
        }

    _downloads: set[str] = field(default_factory=set)


def _intern(adres: str) -> bool:
    delen = urlsplit(adres)
    if delen.scheme not in ("", "http") or delen.netloc not in ("", "testserver"):
        return False
    bestanden = tuple(u for u in (settings.STATIC_URL, settings.MEDIA_URL) if u and u != "/")
    return not delen.path.startswith(bestanden)


def wandel(client, begin: str = "/", *, per_naam: int = PER_NAAM) -> Wandeling:
    """Open ``begin`` and every page its links lead to, breadth first.

    Redirects are followed (the browser does too). Only HTML pages are read for links;
    downloads (PDF, XLSX, CSV, iCalendar) count as reached when they answer 200.
    """
    wandeling = Wandeling()
    gezien: set[str] = set()
    rij = deque([(begin, "")])
    while rij:
        adres, herkomst = rij.popleft()
        delen = urlsplit(adres)
        adres = delen.path + (f"?{delen.query}" if delen.query else "")
        if adres in gezien:
            continue
        naam = naam_van(delen.path)
        if naam is None or len(wandeling.bereikt.get(naam, [])) >= per_naam:
            continue
        gezien.add(adres)
        wandeling.van[adres] = herkomst
        antwoord = client.get(adres)
        wandeling.bereikt.setdefault(naam, []).append((adres, antwoord.status_code))
        if antwoord.status_code in (301, 302, 303, 307, 308):
            rij.appendleft((urljoin(adres, antwoord["Location"]), adres))
            continue
        if antwoord.status_code != 200:
            continue
        if not antwoord.get("Content-Type", "").startswith("text/html"):
            wandeling._downloads.add(naam)
            continue
        inhoud = b"".join(antwoord) if antwoord.streaming else antwoord.content
        for href in links(inhoud.decode()):
            doel = urljoin(adres, href)
            if _intern(doel):
                rij.append((doel.split("#")[0], adres))
    return wandeling

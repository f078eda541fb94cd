"""A page's form as the browser sends it back: read from the HTML, hidden fields included.

Tests of the admin post what the page really holds (the snapshot ``geopend`` of every
form and inline row, the management forms), so a field the page forgets to render fails.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from django.http import QueryDict

_NIET_VERSTUURD = {"submit", "button", "reset", "image", "file"}


class _Lezer(HTMLParser):
    def __init__(self, form_id: str | None):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.in_form = form_id is None
        self.data: list[tuple[str, str]] = []
        self._select: tuple[str, bool] | None = None
        self._opties: list[tuple[str, bool]] = []
        self._textarea: str | None = None
        self._tekst: list[str] = []
        self._optie: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and self.form_id is not None:
            self.in_form = a.get("id") == self.form_id
            return
        if not self.in_form:
            return
        naam = a.get("name")
        if tag == "input" and naam and "disabled" not in a:
            soort = (a.get("type") or "text").lower()
            if soort in _NIET_VERSTUURD:
                return
            if soort in {"checkbox", "radio"}:
                if "checked" in a:
                    self.data.append((naam, a.get("value", "on")))
                return
            self.data.append((naam, a.get("value", "")))
        elif tag == "textarea" and naam and "disabled" not in a:
            self._textarea, self._tekst = naam, []
        elif tag == "select" and naam and "disabled" not in a:
            self._select, self._opties = (naam, "multiple" in a), []
        elif tag == "option" and self._select is not None:
            self._optie = {"value": a.get("value"), "selected": "selected" in a, "tekst": ""}
            self._opties.append(self._optie)

    def handle_data(self, data):
        if self._textarea is not None:
            self._tekst.append(data)
        elif self._optie is not None:
            self._optie["tekst"] += data

    def handle_endtag(self, tag):
        if tag == "form" and self.form_id is not None:
            self.in_form = False
        elif tag == "textarea" and self._textarea is not None:
            tekst = "".join(self._tekst)
            self.data.append((self._textarea, tekst[1:] if tekst.startswith("\n") else tekst))
            self._textarea = None
        elif tag == "option":
            self._optie = None
        elif tag == "select" and self._select is not None:
            naam, meervoudig = self._select
            gekozen = [o for o in self._opties if o["selected"]]
            if not gekozen and not meervoudig and self._opties:
                gekozen = self._opties[:1]
            for optie in gekozen:
                waarde = optie["value"] if optie["value"] is not None else optie["tekst"]
                self.data.append((naam, waarde))
            self._select = None


def formulier(antwoord, form_id: str | None = None) -> dict[str, str | list[str]]:
    """The fields of the page's form ``form_id`` (the admin's: ``<model>_form``) as sent:
    one text per field, a list for a field sent more than once."""
    html = antwoord.content.decode() if hasattr(antwoord, "content") else antwoord
    if form_id is None and "_form" in html:
        gevonden = re.search(r'<form [^>]*id="(\w+_form)"', html)
        form_id = gevonden.group(1) if gevonden else None
    lezer = _Lezer(form_id)
    lezer.feed(html)
    data = QueryDict(mutable=True)
    for naam, waarde in lezer.data:
        if naam != "csrfmiddlewaretoken":
            data.appendlist(naam, waarde)
    return {k: (v[0] if len(v) == 1 else v) for k, v in data.lists()}

"""The admin in Dutch (issue 25, item 9): every changelist, add, change and history page the
secretariat and the coordinator open in nl-BE, without a known English phrase.

Django's own nl catalogue lags behind its templates ("Model name", the user add page's
note) and django-simple-history prints an empty change reason as "None"; the Dutch for
them is in ``locale_derden/`` and templates/simple_history/ (docs/design.md, "Forms")."""

from __future__ import annotations

import contextlib
from html.parser import HTMLParser

import pytest
from django.contrib import admin
from django.urls import NoReverseMatch, reverse

from tests import bouwers
from werkgroep.models import Vergadering

pytestmark = pytest.mark.django_db


_LEEG = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}


class _Tekst(HTMLParser):
    """What a reader sees: text and the names of buttons and images, without scripts and
    without what is hidden (``hidden``, class ``hidden``: the stale-save guard's field)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.delen: list[str] = []
        self._stapel: list[bool] = []  # per open element: hidden?

    def _verborgen(self) -> bool:
        return any(self._stapel)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        verborgen = (
            tag in {"script", "style", "template"}
            or "hidden" in a
            or "hidden" in (a.get("class") or "").split()
        )
        if tag not in _LEEG:
            self._stapel.append(verborgen)
        if verborgen or self._verborgen():
            return
        for naam in ("title", "aria-label", "placeholder", "alt"):
            if a.get(naam):
                self.delen.append(a[naam])
        if tag == "input" and a.get("type") in {"submit", "button"} and a.get("value"):
            self.delen.append(a["value"])

    def handle_endtag(self, tag):
        if tag not in _LEEG and self._stapel:
            self._stapel.pop()

    def handle_data(self, data):
        if not self._verborgen() and data.strip():
            self.delen.append(" ".join(data.split()))


def tekst_van(html: str) -> list[str]:
    lezer = _Tekst()
    lezer.feed(html)
    return lezer.delen


def _paginas():
    """(name, url) of every admin page of every registered model: list, add, a record's
    change and history page."""
    yield "index", reverse("admin:index")
    for model in admin.site._registry:
        info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        obj = model._default_manager.order_by("pk").first()
        for actie, args in [("changelist", []), ("add", [])] + (
            [("change", [obj.pk]), ("history", [obj.pk])] if obj is not None else []
        ):
            try:
                yield f"{info}_{actie}", reverse(f"{info}_{actie}", args=args)
            except NoReverseMatch:
                continue
        if obj is not None and hasattr(obj, "history"):
            obj.save()
            versie = obj.history.latest("history_date")
            with contextlib.suppress(NoReverseMatch):
                yield (
                    f"{info}_simple_history",
                    reverse(f"{info}_simple_history", args=[obj.pk, versie.history_id]),
                )


def _alle_teksten(client) -> dict[str, list[str]]:
    teksten = {}
    for naam, url in _paginas():
        antwoord = client.get(url, HTTP_ACCEPT_LANGUAGE="nl-be")
        if antwoord.status_code == 200:
            teksten[naam] = tekst_van(antwoord.content.decode())
    return teksten


# Exact texts (a heading, a cell, a label) and phrases within a text, in English.
ENGELS_EXACT = {"None", "Search", "Model name", "Add link", "Change or view list link", "Yes",
                "No", "Unknown", "History", "Save", "Delete", "Revert", "Close", "Home",
                "Changed by", "Change reason", "Changes", "Action:", "Go", "Add", "Change",
                "View", "Filter by", "Show counts", "Hide counts", "Clear all filters"}  # fmt: skip
ENGELS_ZINNEN = ["After you’ve created a user", "you’ll be able", "Select ", " to change",
                 "Change history", "No history", "Save and ", "Are you sure", "Log out",
                 "View site", "Welcome,", "Recent actions", "My actions", "0 of ", "selected",
                 "Documentation", "Change password"]  # fmt: skip


def _wie(rol):
    if rol == "superuser":
        from django.contrib.auth import get_user_model

        return get_user_model().objects.create_superuser("beheerder", "b@example.be", "x")
    return getattr(bouwers, rol)()


@pytest.mark.parametrize("rol", ["secretariaat", "coordinator", "superuser"])
def test_every_admin_page_speaks_dutch(seed, rol):
    """The index, and per model its list, add, change, history and a version's page, as
    each role of the admin sees them; simple-history's empty change reason is "–"."""
    Vergadering.objects.order_by("pk").first().save()  # a history row without a reason
    engels = {}
    teksten = _alle_teksten(bouwers.aangemeld(_wie(rol)))
    assert len(teksten) > 40
    for naam, delen in teksten.items():
        for deel in delen:
            if deel in ENGELS_EXACT or any(z in deel for z in ENGELS_ZINNEN):
                engels.setdefault(deel, naam)
    assert engels == {}


def test_a_coordinator_reads_a_subgroups_scores_and_points_not_none(seed, coordinator):
    """The scores, comments and points are the form's own fields, not the model's: read
    only, the admin shows what is saved, and "–" where nothing is."""
    from validering.models import Subgroep

    subgroep = Subgroep.objects.first()
    bouwers.score(subgroep)
    bouwers.punt(subgroep)
    inhoud = subgroep.scores_en_punten()
    html = bouwers.aangemeld(coordinator).get(
        reverse("admin:validering_subgroep_change", args=[subgroep.pk])
    )
    teksten = tekst_van(html.content.decode())
    assert "None" not in teksten
    gevuld = {naam: tekst for naam, tekst in inhoud.items() if tekst}
    assert gevuld and all(tekst in teksten for tekst in gevuld.values()), gevuld
    assert 'name="gelezen_versie"' not in html.content.decode()

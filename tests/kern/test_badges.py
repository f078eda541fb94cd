"""One badge mechanism (issue 24): every choice says a bare colour, one tag makes markup."""

from __future__ import annotations

import enum

from django.apps import apps
from django.db import models
from django.template import Context, Template

from kern.templatetags.badges import badge


def test_the_tag_makes_the_badge_or_plain_text_and_escapes_the_label():
    assert badge("info", "gepland") == '<span class="badge text-bg-info">gepland</span>'
    assert badge("", "gehouden") == "gehouden"
    assert badge("danger", "<b>mislukt</b>") == (
        '<span class="badge text-bg-danger">&lt;b&gt;mislukt&lt;/b&gt;</span>'
    )
    assert badge("warning", "onderbroken", verborgen="Laatste mail") == (
        '<span class="badge text-bg-warning">'
        '<span class="visually-hidden">Laatste mail: </span>onderbroken</span>'
    )
    html = Template("{% load badges %}{% badge kleur label %}").render(
        Context({"kleur": "success", "label": "verstuurd"})
    )
    assert html == '<span class="badge text-bg-success">verstuurd</span>'


def _keuzes_met_badge():
    """Every TextChoices of the project's models (nested or in their modules) with a badge."""
    gezien = set()
    for model in apps.get_models():
        if model.__module__.split(".")[0] not in {
            "kern", "werkgroep", "financien", "projecten", "validering", "uitnodigingen",
            "vergaderstukken", "rapportage",
        }:  # fmt: skip
            continue
        module = __import__(model.__module__, fromlist=["*"])
        for waarde in [*vars(model).values(), *vars(module).values()]:
            if (
                isinstance(waarde, enum.EnumMeta)
                and issubclass(waarde, models.Choices)
                and isinstance(getattr(waarde, "badge", None), property)
            ):
                gezien.add(waarde)
    return gezien


def test_every_choice_says_a_bare_colour():
    keuzes = _keuzes_met_badge()
    assert len(keuzes) >= 7, keuzes
    for keuze in keuzes:
        for lid in keuze:
            assert not lid.badge.startswith("text-bg-"), (keuze, lid)
            assert lid.badge in {"", "light", "info", "success", "warning", "danger", "secondary"}

"""One way to show a choice as a badge: ``{% badge keuze.badge label %}``.

Every choice with a colour (a meeting's or a fiche's status, a reply, a mail's state …)
says it as a bare Bootstrap colour in its ``badge`` property ("info", "success"; "" for
plain text); this tag alone turns it into markup, so a colour is never a class in one app
and a word in another.
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def badge(kleur: str, label, verborgen: str = ""):
    """``label`` in a badge of ``kleur``; plain text when the choice has no colour.
    ``verborgen``: words only a screen reader says before the label ("Laatste mail")."""
    voor = format_html('<span class="visually-hidden">{}: </span>', verborgen) if verborgen else ""
    if not kleur:
        return format_html("{}{}", voor, label)
    return format_html('<span class="badge text-bg-{}">{}{}</span>', kleur, voor, label)

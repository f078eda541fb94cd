"""No browser validation bubbles (issue 25): every site form says ``novalidate``, so the
browser's own messages (in the browser's language, English on many machines) never
appear and the server's Dutch errors take over. The admin's forms are Django's."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from tests import bouwers
from uitnodigingen import links
from uitnodigingen.models import Uitnodiging

FORMULIER = re.compile(r"<form\b[^>]*>")


def _sjablonen() -> list[Path]:
    mappen = [Path(m) for m in settings.TEMPLATES[0]["DIRS"]]
    return [
        pad
        for map_ in mappen
        for pad in sorted(map_.rglob("*.html"))
        if "admin" not in pad.relative_to(map_).parts
    ]


def test_every_form_tag_in_the_sites_templates_says_novalidate():
    zonder = [
        f"{pad.name}: {tag}"
        for pad in _sjablonen()
        for tag in FORMULIER.findall(pad.read_text(encoding="utf-8"))
        if "novalidate" not in tag
    ]
    assert _sjablonen() and not zonder, zonder


def _formulieren(antwoord) -> list[str]:
    assert antwoord.status_code == 200
    return FORMULIER.findall(antwoord.content.decode())


def test_the_answer_form_is_rendered_novalidate_and_answers_in_dutch(seed, client):
    """A crispy form with its own tag (``templates/bootstrap5/whole_uni_form.html``)."""
    dag = timezone.localdate() + dt.timedelta(days=10)
    vergadering = bouwers.maak_vergadering(seed, dag.strftime("%d/%m/%Y"))
    rij = Uitnodiging.objects.create(
        vergadering=vergadering, email="gast@elders.be", uitgenodigd_op=timezone.now()
    )
    formulieren = _formulieren(client.get(links.pad(rij)))
    assert formulieren and all("novalidate" in f for f in formulieren), formulieren
    fout = client.post(links.pad(rij), {"antwoord": ""})
    assert "Dit veld is verplicht." in fout.content.decode()


def test_the_profile_form_is_rendered_novalidate_and_answers_in_dutch(client_van, lid):
    client = client_van(lid)
    formulieren = _formulieren(client.get(reverse("site:profiel")))
    assert formulieren and all("novalidate" in f for f in formulieren), formulieren
    fout = client.post(reverse("site:profiel"), {"first_name": "Johan", "email": "geen adres"})
    assert "Voer een geldig e-mailadres in." in fout.content.decode()

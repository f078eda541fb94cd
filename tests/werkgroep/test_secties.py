"""The meeting page's extension point (werkgroep.secties): the other apps' sections, in order."""

import pytest
from django.urls import reverse

from werkgroep import secties
from werkgroep.models import Vergadering


@pytest.fixture
def eigen_sectie():
    """A section of a test's own, removed afterwards."""
    aangemeld = []

    def aanmelden(naam, volgorde, context):
        sectie = secties.Sectie(naam, volgorde, "tests/_sectie.html", context)
        secties.registreren(sectie)
        aangemeld.append(naam)
        return sectie

    yield aanmelden
    for naam in aangemeld:
        secties.afmelden(naam)


@pytest.fixture(autouse=True)
def _sectietemplate(settings, tmp_path):
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "_sectie.html").write_text(
        "<section>SECTIE {{ titel }} van {{ vergadering.kenmerk }}</section>"
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}
    ]


def test_the_apps_register_their_sections_in_page_order():
    assert [s.naam for s in secties.geregistreerd()] == [
        "uitnodigingen",
        "presentaties",
        "validering",
        "aanwezigheid",
        "vergaderstukken",
        "kosten",
    ]


def test_the_meeting_page_shows_a_registered_section_in_its_place(
    client_van, coordinator, seed, eigen_sectie
):
    eigen_sectie("proef", 45, lambda request, vergadering: {"titel": "proef"})
    vergadering = Vergadering.objects.get(kenmerk="2006-06-06")
    pagina = client_van(coordinator).get(
        reverse("werkgroep:vergadering_detail", args=[vergadering.pk])
    )
    tekst = pagina.content.decode()
    assert "SECTIE proef van 2006-06-06" in tekst
    # After the attendance (40), before the minutes and files (50).
    assert tekst.index('id="aanwezigheid"') < tekst.index("SECTIE proef")
    assert tekst.index("SECTIE proef") < tekst.index('id="notulen-titel"')


def test_a_section_whose_context_is_none_is_left_out(client_van, lid, seed, eigen_sectie):
    gezien = []

    def alleen_voor_coordinatoren(request, vergadering):
        gezien.append(request.user)  # and returns None: nothing to show this reader

    eigen_sectie("verborgen", 1, alleen_voor_coordinatoren)
    vergadering = Vergadering.objects.get(kenmerk="2006-06-06")
    pagina = client_van(lid).get(reverse("werkgroep:vergadering_detail", args=[vergadering.pk]))
    assert pagina.status_code == 200 and gezien == [lid]
    assert "SECTIE" not in pagina.content.decode()


def test_the_costs_section_is_only_for_who_reads_the_ledger(client_van, lid, coordinator, seed):
    vergadering = Vergadering.objects.get(kenmerk="2006-06-06")
    url = reverse("werkgroep:vergadering_detail", args=[vergadering.pk])
    assert 'id="kosten"' in client_van(coordinator).get(url).content.decode()
    assert 'id="kosten"' not in client_van(lid).get(url).content.decode()


def test_a_second_section_under_a_taken_name_is_refused(eigen_sectie):
    eerste = eigen_sectie("dubbel", 5, lambda request, vergadering: {})
    secties.registreren(eerste)  # the same one again (a reloaded ready()) is fine
    with pytest.raises(secties.DubbeleSectie):
        secties.registreren(secties.Sectie("dubbel", 6, "tests/_sectie.html", lambda r, v: {}))


def test_the_sections_are_registered_without_loading_views_or_weasyprint():
    """A command or the worker starts without the views and WeasyPrint's second and a half:
    a section names its context function by its dotted path."""
    import os
    import subprocess
    import sys

    from django.conf import settings

    zonder = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, django; django.setup(); "
            "print(sorted(m for m in sys.modules if m == 'weasyprint' or m.endswith('.views')"
            " and m.split('.')[0] in {'werkgroep', 'projecten', 'validering', 'financien',"
            " 'uitnodigingen', 'vergaderstukken', 'rapportage'}))",
        ],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"},
    )
    assert zonder.stdout.strip() == "[]"
    assert all(isinstance(s.context, str) for s in secties.geregistreerd())

"""The fiche's sections are declared once (``Projectfiche.SECTIES``); everything else follows.

Adding a text field to the fiche means the model (and its migration) and that one
declaration: these tests fail when a text field is missing from the sections, or when
the member's form, the admin, the confirmation page or the PDF lays out fields of its own.
"""

from __future__ import annotations

from collections import Counter

import pytest
from django.contrib.admin import site
from django.db import models
from django.test import RequestFactory

from projecten import selectors
from projecten.forms import ProjectficheForm
from projecten.models import Projectfiche
from tests.bouwers import FICHE_URL, aangemeld, werkwaardig

# The fiche's text fields that are not the members' texts.
NIET_VAN_HET_LID = {"opmerking_secretariaat"}


def tekstvelden() -> list[str]:
    """Every text field of the fiche the members fill in, read from the model itself."""
    return [
        veld.name
        for veld in Projectfiche._meta.get_fields()
        if isinstance(veld, models.TextField) and veld.name not in NIET_VAN_HET_LID
    ]


def eenmaal(namen) -> None:
    """Every text field of the fiche exactly once among ``namen``."""
    tellingen = Counter(n for n in namen if n in set(tekstvelden()))
    assert tellingen == Counter(tekstvelden()), tellingen


def test_every_text_field_is_in_exactly_one_section():
    eenmaal(veld for sectie in Projectfiche.SECTIES for veld in sectie.velden)
    assert [v for s in Projectfiche.SECTIES for v in s.velden] == Projectfiche.INHOUD


def test_the_members_form_is_laid_out_in_the_sections(seed):
    form = ProjectficheForm(instance=werkwaardig())
    gelegd = [pointer.name for pointer in form.helper.layout.get_field_names()]
    eenmaal(gelegd)
    assert set(form.fields) == {"gelezen_versie", *tekstvelden()}
    legends = [str(f.legend) for f in form.helper.layout.fields if hasattr(f, "legend")]
    assert legends == [str(s.titel) for s in Projectfiche.SECTIES]


def test_the_admin_fieldsets_are_the_sections(secretariaat, seed):
    admin = site._registry[Projectfiche]
    verzoek = RequestFactory().get("/")
    verzoek.user = secretariaat
    fieldsets = admin.get_fieldsets(verzoek, werkwaardig())
    eenmaal(veld for _titel, opties in fieldsets for veld in opties["fields"])
    titels = [str(titel) for titel, _opties in fieldsets if titel]
    assert titels[: len(Projectfiche.SECTIES)] == [str(s.titel) for s in Projectfiche.SECTIES]


def test_the_pdf_and_the_confirmation_page_read_the_sections(lid):
    fiche = werkwaardig()
    label = {
        str(Projectfiche._meta.get_field(v).verbose_name): v for v in tekstvelden()
    }  # label -> field
    document = selectors.fiche_document(lid, "werkwaardig", None)
    eenmaal(label[str(lbl)] for _titel, velden in document["secties"] for lbl, _ in velden)
    assert document["secties"] == selectors.fiche_secties(fiche)
    pagina = aangemeld(lid).get(FICHE_URL.replace("/fiche/", "/fiche/indienen/"))
    assert pagina.context["secties"] == selectors.fiche_secties(fiche)


def test_the_pdf_prints_every_section_and_text(client_van, lid):
    import io

    import pypdf

    from tests.bouwers import fiche_bewaard

    fiche_bewaard(lid, gelezen_versie=0, **{v: f"Tekst van {v}" for v in tekstvelden()})
    antwoord = client_van(lid).get("/projecten/werkwaardig/fiche.pdf")
    tekst = " ".join(
        p.extract_text() for p in pypdf.PdfReader(io.BytesIO(antwoord.getvalue())).pages
    )
    for sectie in Projectfiche.SECTIES:
        assert str(sectie.titel) in tekst
    for veld in tekstvelden():
        assert f"Tekst van {veld}" in tekst


@pytest.mark.parametrize(
    ("status", "badge"),
    [
        (Projectfiche.Status.CONCEPT, "secondary"),
        (Projectfiche.Status.INGEDIEND, "info"),
        (Projectfiche.Status.AANVAARD, "success"),
        (Projectfiche.Status.TERUGGESTUURD, "warning"),
    ],
)
def test_the_status_carries_its_badge_onto_the_page(client_van, coordinator, seed, status, badge):
    assert status.badge == badge
    Projectfiche.objects.filter(pk=werkwaardig().pk).update(
        status=status, opmerking_secretariaat="Vul aan."
    )
    pagina = client_van(coordinator).get(FICHE_URL).content.decode()
    assert f'<span class="badge text-bg-{badge}">{status.label}</span>' in pagina
    assert ("Vul aan." in pagina) is (status == Projectfiche.Status.TERUGGESTUURD)


def test_only_a_draft_or_a_returned_fiche_is_the_members_to_edit():
    assert [s for s in Projectfiche.Status if s.bewerkbaar_door_lid] == [
        Projectfiche.Status.CONCEPT,
        Projectfiche.Status.TERUGGESTUURD,
    ]


def test_one_answer_to_who_works_on_a_project(lid, viaene, bortels, coordinator, seed):
    from django.contrib.auth.models import AnonymousUser

    from projecten.models import Project

    werkwaardig_ = Project.objects.get(slug="werkwaardig")
    assert selectors.werkt_aan(lid, werkwaardig_) and selectors.werkt_aan(viaene, werkwaardig_)
    assert not selectors.werkt_aan(bortels, werkwaardig_)
    assert not selectors.werkt_aan(coordinator, werkwaardig_)
    assert not selectors.werkt_aan(AnonymousUser(), werkwaardig_)

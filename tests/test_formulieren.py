"""Forms done once (issue 25, item 9): on every site form a field in error says so
(aria-invalid), points to help and errors that exist (aria-describedby), and is linked from
the one summary at the top; one message per error.

The browser half (focus on the first error, the focus ring, axe) is
tests/e2e/test_formulieren.py.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from financien.models import Kostencategorie
from werkgroep.models import Vergadering

pytestmark = pytest.mark.django_db


class _Pagina(HTMLParser):
    """The ids of a page, its fields' aria attributes and the summary's links."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.velden: list[dict] = []
        self.links: list[str] = []
        self._in_overzicht = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if "foutenoverzicht" in (a.get("class") or "").split():
            self._in_overzicht += 1
        if tag == "a" and self._in_overzicht and a.get("href", "").startswith("#"):
            self.links.append(a["href"][1:])
        if tag in {"input", "select", "textarea", "fieldset"}:
            self.velden.append(a)


def lees(html: str) -> _Pagina:
    pagina = _Pagina()
    pagina.feed(html)
    return pagina


def controleer_velden(html: str) -> _Pagina:
    """Every aria-describedby names ids the page has; every field in error is linked from
    the summary, and every link of the summary leads to a field."""
    pagina = lees(html)
    for veld in pagina.velden:
        for doel in (veld.get("aria-describedby") or "").split():
            assert doel in pagina.ids, f"{veld.get('name')}: aria-describedby={doel} bestaat niet"
    ongeldig = [v["id"] for v in pagina.velden if v.get("aria-invalid") == "true"]
    assert ongeldig, "geen veld met aria-invalid"
    assert html.count('class="alert alert-danger foutenoverzicht"') == 1
    for link in pagina.links:
        assert link in pagina.ids, f"de samenvatting linkt naar #{link}, dat niet bestaat"
    for veld_id in ongeldig:
        assert veld_id in pagina.links or veld_id.rsplit("_", 1)[0] + "_0" in pagina.links
    return pagina


@pytest.fixture
def vergadering(seed):
    Vergadering.objects.filter(kenmerk="2006-06-06").update(status=Vergadering.Status.GEHOUDEN)
    return Vergadering.objects.get(kenmerk="2006-06-06")


def _kosten(vergadering, bedrag: str) -> dict:
    return {
        "kosten-TOTAL_FORMS": "1",
        "kosten-INITIAL_FORMS": "0",
        "kosten-MIN_NUM_FORMS": "0",
        "kosten-MAX_NUM_FORMS": "20",
        "kosten-0-categorie": str(Kostencategorie.objects.get(slug="catering").pk),
        "kosten-0-status": "gefactureerd",
        "kosten-0-bedrag": bedrag,
    }


def test_twelve_comma_345_gets_one_clear_message(client_van, secretariaat, vergadering):
    """Not also "Vul het bedrag in": the amount was filled in, it has a decimal too many."""
    url = reverse("financien:vergadering_kosten", args=[vergadering.pk])
    tekst = client_van(secretariaat).post(url, _kosten(vergadering, "12,345")).content.decode()
    assert "Een bedrag heeft hoogstens twee decimalen: “12,345”." in tekst
    assert "Vul het bedrag in" not in tekst


def test_an_empty_amount_still_asks_for_one(client_van, secretariaat, vergadering):
    url = reverse("financien:vergadering_kosten", args=[vergadering.pk])
    tekst = client_van(secretariaat).post(url, _kosten(vergadering, "")).content.decode()
    assert "Vul het bedrag in, of kies de status ‘nog te bepalen’." in tekst


def test_the_cost_rows_tie_their_errors_to_their_fields(client_van, secretariaat, vergadering):
    url = reverse("financien:vergadering_kosten", args=[vergadering.pk])
    tekst = client_van(secretariaat).post(url, _kosten(vergadering, "12,345")).content.decode()
    pagina = controleer_velden(tekst)
    bedrag = next(v for v in pagina.velden if v.get("name") == "kosten-0-bedrag")
    assert bedrag["aria-invalid"] == "true"
    assert bedrag["aria-describedby"].split() == [
        "id_kosten-0-bedrag_helptext",
        "id_kosten-0-bedrag_error",
    ]
    assert "id_kosten-0-bedrag" in pagina.links


def test_a_crispy_form_ties_its_errors_to_its_fields(client_van, secretariaat):
    """The password change: crispy's field templates (templates/bootstrap5/)."""
    tekst = (
        client_van(secretariaat)
        .post(
            reverse("password_change"),
            {"old_password": "fout", "new_password1": "a", "new_password2": "b"},
        )
        .content.decode()
    )
    pagina = controleer_velden(tekst)
    oud = next(v for v in pagina.velden if v.get("name") == "old_password")
    assert oud["aria-invalid"] == "true"
    assert "id_old_password_error" in oud["aria-describedby"].split()
    assert "id_old_password" in pagina.links


def test_a_page_without_errors_has_no_summary(client_van, secretariaat):
    tekst = client_van(secretariaat).get(reverse("password_change")).content.decode()
    assert "foutenoverzicht" not in tekst
    for veld in lees(tekst).velden:
        assert "aria-invalid" not in veld


def test_the_attendance_screens_guest_rows_tie_their_errors_to_their_fields(
    client_van, secretariaat, vergadering
):
    """A guest by last name only: refused on the first name (kern/_veld.html); the
    organisation's help text has its id too."""
    client = client_van(secretariaat)
    url = reverse("uitnodigingen:vergadering_aanwezigheid", args=[vergadering.pk])
    client.get(url)
    data = {
        "gelezen": "",
        "gast-TOTAL_FORMS": "1",
        "gast-INITIAL_FORMS": "0",
        "gast-MIN_NUM_FORMS": "0",
        "gast-MAX_NUM_FORMS": "20",
        "gast-0-achternaam": "Gast",
        "gast-0-organisatie": "VDAB",
    }
    pagina = lees(client.post(url, data).content.decode())
    velden = {v.get("name"): v for v in pagina.velden}
    assert velden["gast-0-voornaam"].get("aria-invalid") == "true"
    assert velden["gast-0-voornaam"]["aria-describedby"] == "id_gast-0-voornaam_error"
    assert velden["gast-0-organisatie"]["aria-describedby"] == "id_gast-0-organisatie_helptext"
    for veld in pagina.velden:
        for doel in (veld.get("aria-describedby") or "").split():
            assert doel in pagina.ids, (veld.get("name"), doel)

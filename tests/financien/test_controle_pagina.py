"""The check page holds a form per unlinked line: each with its own ids and button."""

import re
from collections import Counter

import pytest
from django.urls import reverse

from tests.bouwers import kostenpost


def test_each_line_has_its_own_form_ids_and_button(client_van, secretariaat, seed):
    kostenpost(seed, vergadering_zoals_geschreven="03/03/06")  # a second unlinked line
    pagina = client_van(secretariaat).get(reverse("financien:kosten_controle")).content.decode()
    ids = Counter(re.findall(r'\sid="([^"]+)"', pagina))
    assert [i for i, n in ids.items() if n > 1] == []
    formulieren = re.findall(r"<form\b.*?</form>", pagina, flags=re.S)
    koppel = [f for f in formulieren if "/koppelen" in f.split(">", 1)[0]]
    assert len(koppel) == 2
    for formulier in koppel:
        assert "<form" not in formulier[5:]  # no form inside a form
        assert formulier.count("csrfmiddlewaretoken") == 1
        assert re.search(
            r'type="submit"[^>]*value="Koppelen"|value="Koppelen"[^>]*type="submit"', formulier
        )
        label = re.search(r'<label\s+for="([^"]+)"', formulier)[1]
        assert f'id="{label}"' in formulier  # the label names its own select


def test_a_line_names_its_category_once(client_van, secretariaat, seed):
    """The seed's catering line is described "catering": the page says "catering", not
    "catering: catering" (financien.selectors.zegt_meer, as the ledger does)."""
    pagina = client_van(secretariaat).get(reverse("financien:kosten_controle")).content.decode()
    assert not re.search(r"(\w[\w/]*): \1\b", pagina)
    assert "spreker/experten: sprekers/experten" not in pagina


def _alle_soorten_losse_einden(seed):
    """At least one loose end of every kind the check page lists."""
    from financien.models import Kostenpost
    from werkgroep.models import Vergadering

    juni = Vergadering.objects.get(werkgroep=seed, kenmerk="2006-06-06")
    kostenpost(seed, vergadering_zoals_geschreven="03/03/06")  # no meeting that day
    kostenpost(seed, omschrijving="Voorzien", vergadering=juni)  # planned, meeting past
    kostenpost(seed, omschrijving="Open", status="nog_te_bepalen", bedrag=None, vergadering=juni)
    # One line written twice, once by a bulk write (an import's way).
    kostenpost(seed, omschrijving="Broodjes", vergadering_zoals_geschreven="06/06/2006")
    Kostenpost.objects.bulk_create(
        [Kostenpost(werkgroep=seed, vergadering_zoals_geschreven="06/06/06", jaar=2006,
                    categorie_id=Kostenpost.objects.first().categorie_id, omschrijving=" broodjes",
                    status="voorzien", bedrag=1)]
    )  # fmt: skip
    Kostenpost.objects.filter(omschrijving=" broodjes").update(
        categorie=Kostenpost.objects.get(omschrijving="Broodjes").categorie
    )
    Vergadering.objects.filter(pk=juni.pk).update(status=Vergadering.Status.GEHOUDEN)


def test_home_counts_the_loose_ends_the_check_page_lists(seed):
    import datetime as dt

    from financien import selectors

    vandaag = dt.date(2026, 12, 7)
    assert selectors.aantal_controles(vandaag) == selectors.controles(vandaag).aantal
    _alle_soorten_losse_einden(seed)
    controles = selectors.controles(vandaag)
    assert all(
        [controles.ongekoppeld, controles.voorzien_voorbij, controles.te_lang_te_bepalen,
         controles.dubbel, controles.spreker_niet_op_agenda]
    ), controles  # fmt: skip
    assert [sorted(p.omschrijving for p in groep) for groep in controles.dubbel] == [
        [" broodjes", "Broodjes"]
    ]
    assert selectors.aantal_controles(vandaag) == controles.aantal


@pytest.mark.parametrize("aantal", [10, 300])
def test_home_counts_the_loose_ends_in_three_queries_whatever_the_ledger(
    seed, aantal, django_assert_num_queries
):
    import datetime as dt

    from financien import selectors
    from tests.bouwers import groei_grootboek

    groei_grootboek(seed, aantal)
    with django_assert_num_queries(3):
        selectors.aantal_controles(dt.date(2026, 12, 7))

"""The check page holds a form per unlinked line: each with its own ids and button."""

import re
from collections import Counter

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

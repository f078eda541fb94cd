"""The check page holds a form per unlinked line: each with its own ids and button."""

import re
from collections import Counter

from django.urls import reverse

from tests.bouwers import kostenpost


def test_each_line_has_its_own_form_ids_and_button(client_van, secretariaat, seed):
    kostenpost(seed, vergadering_zoals_geschreven="03/03/06")  # a second unlinked line
    pagina = client_van(secretariaat).get(reverse("kosten_controle")).content.decode()
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

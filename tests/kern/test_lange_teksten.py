"""Long texts stay fast: one limit on every free text (stated on the form, refused above it
in Dutch, by the form and by the model), and a comparison whose work is bounded whatever
the texts. Timings are in ``make bench``; here the output: marks right, nothing lost,
escaped.
"""

from __future__ import annotations

import html
import random
import re

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse

from kern import versies
from kern.teksten import TEKST_MAX, VrijeTekst
from projecten.models import FICHE_SECTIE_MAX
from tests import bouwers
from tests.bouwers import (
    FICHE_URL,
    SEED,
    aangemeld,
    fiche_bewaard,
    fiche_posten,
    lange_tekst,
    werkwaardig,
)
from werkgroep.models import Vergadering

TE_LANG = "Deze tekst telt 1.000.000 tekens; er passen er hoogstens 100.000 in een veld."
FICHE_TE_LANG = "Deze tekst telt 1.000.000 tekens; er passen er hoogstens 10.000 in een veld."
MARK = re.compile(r'<(del|ins) class="bg-(?:danger|success)-subtle">(.*?)</\1>', re.S)


def zonder_markering(gemarkeerd: str) -> str:
    return html.unescape(MARK.sub(lambda m: m.group(2), str(gemarkeerd)))


def gemarkeerd(gemarkeerd: str) -> list[str]:
    return [html.unescape(m.group(2)) for m in MARK.finditer(str(gemarkeerd))]


# ---- The comparison ---------------------------------------------------------------------


def test_two_texts_at_the_limit_are_compared_to_the_word_and_nothing_is_lost():
    oud = lange_tekst(TEKST_MAX)
    midden = len(oud) // 2
    plek = oud.index(" ", midden) + 1
    nieuw = oud[:plek] + "<b>ingevoegd</b> & " + oud[plek:].replace("regie", "REGIE", 1)
    nieuw = "Vooraf. " + nieuw[: -len("werkgroep")]
    links, rechts = versies.verschil_html(oud, nieuw)
    # Each side, its marks taken off, is its text: nothing dropped, nothing added.
    assert zonder_markering(links) == oud
    assert zonder_markering(rechts) == nieuw
    # What only one side has is marked, to the word; the rest is not.
    assert "<b>" not in links + rechts and "&lt;b&gt;ingevoegd&lt;/b&gt; &amp;" in rechts
    assert "Vooraf." in gemarkeerd(rechts) and "<b>ingevoegd</b> &" in gemarkeerd(rechts)
    assert "REGIE" in gemarkeerd(rechts) and "regie" in gemarkeerd(links)
    assert sum(len(s) for s in gemarkeerd(rechts)) < 60
    assert sum(len(s) for s in gemarkeerd(links)) < 30


def test_a_changed_block_beyond_the_budget_is_marked_whole_and_loses_nothing():
    """One line, one sentence, every tenth word changed: word by word that is thousands of
    marks and a long search; beyond the budget the two stand side by side, marked whole."""
    kans = random.Random(5)
    woorden = [f"woord{kans.randrange(3_000)}" for _ in range(TEKST_MAX // 10)]
    oud = " ".join(woorden)[:TEKST_MAX]
    nieuw = " ".join(w if i % 10 else "ANDERS" for i, w in enumerate(woorden))[:TEKST_MAX]
    links, rechts = versies.verschil_html(oud, nieuw)
    assert zonder_markering(links) == oud and zonder_markering(rechts) == nieuw
    assert len(gemarkeerd(links)) == 1 and len(gemarkeerd(rechts)) == 1
    assert gemarkeerd(rechts)[0].startswith("ANDERS woord")


def test_a_text_of_few_distinct_words_is_compared_without_loss():
    """The texts that make difflib quadratic ("a a a …" against "a b a b …")."""
    for oud, nieuw in [
        ("a " * 5_000, "a b " * 2_500),
        ("\n" * TEKST_MAX, "\n" * 50_000 + "x" + "\n" * 49_999),
        (
            "".join(f"r{i % 100}\n" for i in range(20_000)),
            "".join(f"r{i * 7 % 100}\n" for i in range(20_000)),
        ),
    ]:
        links, rechts = versies.verschil_html(oud, nieuw)
        assert zonder_markering(links) == oud and zonder_markering(rechts) == nieuw


def test_a_small_change_in_one_long_line_is_marked_to_the_word():
    oud = lange_tekst(TEKST_MAX).replace("\n", " ")
    nieuw = oud.replace(" fiche ", " FICHE ", 1)
    links, rechts = versies.verschil_html(oud, nieuw)
    assert gemarkeerd(links) == ["fiche"] and gemarkeerd(rechts) == ["FICHE"]


# ---- The limit ------------------------------------------------------------------------------


DOMEIN = {"werkgroep", "projecten", "vergaderstukken", "validering", "financien"}


def test_every_free_text_of_the_domain_apps_has_the_one_limit():
    """A free text a person types is a VrijeTekst; a plain TextField is not user text."""
    vrij = []
    for model in apps.get_models():
        if model._meta.app_label not in DOMEIN:
            continue
        for veld in model._meta.concrete_fields:
            # simple-history's own reason for a change is not typed on our forms.
            if isinstance(veld, models.TextField) and veld.name != "history_change_reason":
                assert isinstance(veld, VrijeTekst), f"{model.__name__}.{veld.name}"
                vrij.append(veld)
    assert len(vrij) > 20


def test_the_fiche_form_states_its_own_limit(lid):
    """A fiche's section holds less than other free texts: its PDF is made on request."""
    pagina = aangemeld(lid).get(FICHE_URL).content.decode()
    assert "Hoogstens 10.000 tekens." in pagina and "100.000" not in pagina
    # No maxlength: a browser would cut a longer paste off without a word.
    assert f'maxlength="{FICHE_SECTIE_MAX}"' not in pagina


def test_a_megabyte_in_a_fiche_field_is_refused_in_dutch_and_nothing_saved(lid):
    antwoord = fiche_posten(aangemeld(lid), 0, doelgroep="x" * 1_000_000, aanpak="Kort.")
    assert antwoord.status_code == 200
    assert antwoord.context["form"].errors["doelgroep"][0].startswith(FICHE_TE_LANG)
    assert FICHE_TE_LANG in antwoord.content.decode()
    fiche = werkwaardig()
    assert (fiche.doelgroep, fiche.aanpak, fiche.versie) == ("", "", 0)


def test_a_text_at_the_limit_is_saved_and_one_character_more_is_not(lid):
    tekst = (lange_tekst(FICHE_SECTIE_MAX).strip() + "." * FICHE_SECTIE_MAX)[:FICHE_SECTIE_MAX]
    te_lang = fiche_posten(aangemeld(lid), 0, doelgroep=tekst + ".")
    assert te_lang.status_code == 200 and "doelgroep" in te_lang.context["form"].errors
    assert fiche_posten(aangemeld(lid), 0, doelgroep=tekst).status_code == 302
    assert werkwaardig().doelgroep == tekst


def test_the_minutes_form_states_the_limit_and_refuses_more(secretariaat, seed):
    client = aangemeld(secretariaat)
    vergadering = Vergadering.objects.get(kenmerk="2006-06-06")
    url = reverse("vergaderstukken:notulen", args=[vergadering.pk])
    pagina = client.get(url).content.decode()
    assert f'maxlength="{TEKST_MAX}"' not in pagina and "Hoogstens 100.000 tekens." in pagina
    antwoord = client.post(url, {"tekst": "x" * 1_000_000, "gelezen_versie": "0"})
    assert antwoord.status_code == 200 and TE_LANG in antwoord.content.decode()


def test_the_admin_states_the_limit_and_the_model_refuses_more(secretariaat, seed):
    client = aangemeld(secretariaat)
    fiche = werkwaardig()
    url = reverse("admin:projecten_projectfiche_change", args=[fiche.pk])
    pagina = client.get(url)
    assert "Hoogstens 10.000 tekens." in pagina.content.decode()
    form = pagina.context["adminform"].form
    data = {k: ("" if v is None else v) for k, v in form.initial.items() if k in form.fields}
    data.update(project=fiche.project_id, werkgroep=fiche.werkgroep_id)
    data["aanpak"] = "x" * 1_000_000
    antwoord = client.post(url, data)
    assert antwoord.status_code == 200
    assert antwoord.context["adminform"].form.errors["aanpak"][0].startswith(FICHE_TE_LANG)
    # The model says the same to a script or an import.
    fiche.aanpak = "x" * 1_000_000
    with pytest.raises(Exception, match="hoogstens 10.000"):
        fiche.full_clean()


# ---- The pages with the longest texts -------------------------------------------------------


def test_the_versions_page_and_the_conflict_page_show_two_texts_at_the_limit(lid):
    viaene = bouwers.lid("Jean-Marie", "Viaene", gebruikersnaam="jmviaene")
    oud, nieuw = lange_tekst(FICHE_SECTIE_MAX, zaad=3), lange_tekst(FICHE_SECTIE_MAX, zaad=4)
    fiche_bewaard(lid, gelezen_versie=0, doelgroep=oud)
    fiche_bewaard(viaene, gelezen_versie=1, doelgroep=nieuw)
    pagina = aangemeld(lid).get(f"/projecten/werkwaardig/fiche/versies/?werkgroep={SEED}")
    assert pagina.status_code == 200
    # The stale save of a second tab: the conflict page, with both texts, nothing lost.
    mijn = oud.replace("werkgroep", "Werkgroep", 3)
    conflict = fiche_posten(aangemeld(lid), 1, doelgroep=mijn)
    assert conflict.status_code == 200
    voorstel = conflict.context["form"]["doelgroep"].value()
    assert mijn.strip() in voorstel and nieuw.strip() in voorstel
    assert werkwaardig().doelgroep == nieuw  # the stale save stored nothing


def test_a_stale_save_of_minutes_at_the_limit_shows_both_texts(secretariaat, seed):
    """Minutes keep the larger limit: their conflict page with two texts of 100,000."""
    from vergaderstukken import services

    vergadering = Vergadering.objects.get(kenmerk="2006-06-06")
    oud, nieuw = lange_tekst(TEKST_MAX, zaad=5), lange_tekst(TEKST_MAX, zaad=6)
    services.notulen_opslaan(
        vergadering=vergadering, gelezen_versie=0, tekst=oud, door=secretariaat
    )
    services.notulen_opslaan(
        vergadering=vergadering, gelezen_versie=1, tekst=nieuw, door=secretariaat
    )
    mijn = oud.replace("werkgroep", "Werkgroep", 3)
    url = reverse("vergaderstukken:notulen", args=[vergadering.pk])
    conflict = aangemeld(secretariaat).post(url, {"tekst": mijn, "gelezen_versie": "1"})
    assert conflict.status_code == 200
    voorstel = conflict.context["form"]["tekst"].value()
    assert mijn.strip() in voorstel and nieuw.strip() in voorstel

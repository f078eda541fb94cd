"""The retention policy names every field of every model, so a new field that holds personal
data cannot be added without saying how long it is kept and what erasure does to it."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from persoonsgegevens import beleid as bewaarbeleid
from persoonsgegevens.beleid import BESTAND, lezen, verschillen
from projecten.models import Projectfiche
from werkgroep.models import Deelnemer

ROOT = Path(__file__).resolve().parents[2]
TEKST = BESTAND.read_text(encoding="utf-8")


def test_the_policy_names_every_field_of_every_model():
    assert verschillen() == []


def test_a_field_left_out_is_named():
    zonder = TEKST.replace("      telefoon: contact\n", "", 1)
    assert zonder != TEKST
    assert verschillen(lezen(zonder)) == [
        "werkgroep.Deelnemer.telefoon: veld ontbreekt in het bewaarbeleid"
    ]


def test_a_model_left_out_and_a_field_that_no_longer_exists_are_named():
    zonder = re.sub(r"  werkgroep\.Thema:\n    overige: \[[^\]]*\]\n", "", TEKST)
    assert zonder != TEKST
    extra = zonder.replace(
        "      telefoon: contact\n", "      telefoon: contact\n      fax: contact\n"
    )
    assert verschillen(lezen(extra)) == [
        "werkgroep.Deelnemer.fax: veld bestaat niet (meer)",
        "werkgroep.Thema: model ontbreekt in het bewaarbeleid",
    ]


def test_a_field_named_twice_is_named():
    blok = "      telefoon: contact\n      account: account\n    overige: [id]\n"
    assert blok in TEKST
    dubbel = TEKST.replace(blok, blok.replace("[id]", "[id, telefoon]"), 1)
    assert verschillen(lezen(dubbel)) == [
        "werkgroep.Deelnemer.telefoon: veld staat er twee keer in"
    ]


def test_a_model_with_personal_data_says_how_a_row_belongs_to_a_person():
    blok = "  werkgroep.Aanwezigheid:\n    persoon:\n      deelnemer: [deelnemer]\n"
    assert blok in TEKST
    zonder = TEKST.replace(blok, "  werkgroep.Aanwezigheid:\n", 1)
    assert verschillen(lezen(zonder)) == [
        "werkgroep.Aanwezigheid: zeg hoe een rij bij een persoon hoort (persoon of zonder_persoon)"
    ]
    # and a model without personal data has no link to say
    thema = "  werkgroep.Thema:\n"
    met = TEKST.replace(thema, thema + "    zonder_persoon: geen\n", 1)
    assert verschillen(lezen(met)) == [
        "werkgroep.Thema: geen persoonsgegevens, dus geen persoon of zonder_persoon"
    ]


@pytest.mark.parametrize(
    ("vervang", "fout"),
    [
        ("      telefoon: contact\n", "onbekende soort 'telefoonnummer'"),
        ("    termijn: antwoorden\n", "onbekende termijn 'nooit'"),
        ("    wissen: leegmaken\n", "onbekend wissen 'vergeten'"),
        ("    eenheid: dag\n", "onbekende eenheid 'week'"),
    ],
)
def test_an_unknown_kind_period_action_or_unit_is_refused(vervang, fout):
    nieuw = {
        "      telefoon: contact\n": "      telefoon: telefoonnummer\n",
        "    termijn: antwoorden\n": "    termijn: nooit\n",
        "    wissen: leegmaken\n": "    wissen: vergeten\n",
        "    eenheid: dag\n": "    eenheid: week\n",
    }[vervang]
    with pytest.raises(ValueError, match=fout):
        lezen(TEKST.replace(vervang, nieuw, 1))


def test_a_history_row_copies_the_kind_of_the_field_it_copies():
    b = bewaarbeleid.beleid()
    historiek = Projectfiche.history.model
    assert b.soort_van(historiek, "contact").naam == "contact"
    assert b.soort_van(historiek, "history_user").naam == "auteur"
    assert b.soort_van(historiek, "doelstellingen") is None
    assert b.soort_van(Deelnemer, "email").naam == "contact"
    assert b.soort_van(Deelnemer, "id") is None


def test_each_period_is_a_setting_with_the_default_the_policy_states():
    for termijn in bewaarbeleid.beleid().termijnen.values():
        assert termijn.waarde == termijn.standaard, termijn.instelling


def test_each_period_setting_is_documented():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    handleiding = (ROOT / "docs" / "operations.md").read_text(encoding="utf-8")
    for termijn in bewaarbeleid.beleid().termijnen.values():
        assert f"`{termijn.instelling}`" in readme, termijn.instelling
        assert f"`{termijn.instelling}`" in handleiding, termijn.instelling


def test_esf_evidence_is_kept_at_least_the_esf_period_and_never_erased():
    b = bewaarbeleid.beleid()
    assert settings.BEWAREN_ESF_JAREN >= 5
    for naam in ("bewijs", "lidmaatschap"):
        assert b.soorten[naam].termijn.naam == "esf"
        assert b.soorten[naam].wissen == "behouden"

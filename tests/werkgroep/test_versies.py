"""The one guarded save (kern.versies): of two claims on the same version exactly one wins."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections, transaction

from kern import versies
from kern.versies import bewaring, samenvoeging
from projecten.models import Projectfiche
from tests.bouwers import werkwaardig


def test_a_second_claim_on_the_same_version_is_refused(seed):
    eerste, tweede = werkwaardig(), werkwaardig()
    versies.versie_ophogen(eerste, van=0)
    with pytest.raises(versies.VersieVerouderd):
        versies.versie_ophogen(tweede, van=0)
    assert (eerste.versie, werkwaardig().versie) == (1, 1)


def test_a_claim_bumps_only_its_own_row(seed):
    """Every fiche starts at version 0: claiming one must leave the others where they are
    (else their next save would be refused as stale)."""
    fiche = werkwaardig()
    andere = list(Projectfiche.objects.exclude(pk=fiche.pk).values_list("pk", "versie"))
    assert andere and {versie for _pk, versie in andere} == {0}
    versies.versie_ophogen(fiche, van=0)
    assert list(Projectfiche.objects.exclude(pk=fiche.pk).values_list("pk", "versie")) == andere


@pytest.mark.django_db(transaction=True)
def test_two_claims_at_the_same_moment_one_wins(seed):
    """Two connections, both transactions open before either claims (on PostgreSQL)."""
    postgres = connection.vendor == "postgresql"
    samen = threading.Barrier(2, timeout=20)
    uitslagen = []

    def claim():
        try:
            with transaction.atomic():
                fiche = werkwaardig()  # both read version 0
                if postgres:
                    samen.wait()
                try:
                    versies.versie_ophogen(fiche, van=0)
                    uitslagen.append("gewonnen")
                except versies.VersieVerouderd:
                    uitslagen.append("geweigerd")
        finally:
            connections.close_all()

    draden = [threading.Thread(target=claim) for _ in range(2)]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join(60)
    assert sorted(uitslagen) == ["geweigerd", "gewonnen"]
    assert werkwaardig().versie == 1


def test_the_comparison_escapes_both_texts_and_marks_the_words_that_differ():
    hun, mijn = versies.verschil_html("<b>oud</b> en & gelijk", "<i>nieuw</i> en & gelijk")
    assert hun == '<del class="bg-danger-subtle">&lt;b&gt;oud&lt;/b&gt;</del> en &amp; gelijk'
    assert mijn == '<ins class="bg-success-subtle">&lt;i&gt;nieuw&lt;/i&gt;</ins> en &amp; gelijk'


def test_a_conflict_in_lines_proposes_the_lines_of_both_once():
    voorstel = samenvoeging._voorstel(versies.Soort.REGELS, "Tijd\r\nRegie", "Regie\nGeld", None)
    assert voorstel == "Regie\nGeld\nTijd"


def test_a_conflict_in_a_text_proposes_both_between_marker_lines():
    voorstel = samenvoeging._voorstel(versies.Soort.TEKST, "mijn tekst", "hun tekst", None)
    assert voorstel.splitlines() == [
        "===== Uw tekst =====",
        "mijn tekst",
        "===== Opgeslagen door iemand anders =====",
        "hun tekst",
        "===== Einde: hou wat u wilt bewaren en wis deze lijnen =====",
    ]


# ---- the one guarded save: every versioned save claims its version through versie_ophogen


def _claims(stap) -> list[int]:
    """The versions ``stap()`` claimed through versie_ophogen (the only bump)."""
    from unittest import mock

    with mock.patch.object(bewaring, "versie_ophogen", wraps=bewaring.versie_ophogen) as claim:
        stap()
    return [aanroep.kwargs["van"] for aanroep in claim.call_args_list]


def test_every_save_of_a_fiche_claims_one_version_through_the_one_bump(seed, lid, secretariaat):
    from projecten import services
    from tests.bouwers import fiche_bewaard

    assert _claims(lambda: fiche_bewaard(lid, gelezen_versie=0, doelgroep="een")) == [0]
    fiche = werkwaardig()
    assert _claims(
        lambda: services.fiche_indienen(
            project=fiche.project, werkgroep=fiche.werkgroep, gelezen_versie=1, door=lid
        )
    ) == [1]
    assert _claims(
        lambda: services.fiche_beoordelen(
            fiche=fiche, status=Projectfiche.Status.AANVAARD, opmerking="", door=secretariaat
        )
    ) == [2]
    assert (werkwaardig().versie, werkwaardig().status) == (3, Projectfiche.Status.AANVAARD)


def test_the_subgroups_save_claims_one_version_through_the_one_bump(seed, secretariaat):
    from tests import bouwers
    from validering import services

    subgroep = bouwers.sessie_van_werkwaardig().subgroepen.first()
    assert _claims(
        lambda: services.subgroep_scoren(
            subgroep=subgroep, gelezen_versie=0, inhoud={"sterktes": "Helder"}, door=secretariaat
        )
    ) == [0]
    subgroep.refresh_from_db()
    assert (subgroep.versie, subgroep.sterktes) == (1, "Helder")


def test_a_refused_save_claims_nothing(seed, lid):
    from django.core.exceptions import ValidationError

    from projecten.services import FICHE

    def weigeren(fiche):
        raise ValidationError("nee")

    with pytest.raises(ValidationError):
        versies.bewaren(
            FICHE, werkwaardig().pk, gelezen_versie=0, mijn={"doelgroep": "x"}, door=lid,
            voorwaarde=weigeren,
        )  # fmt: skip
    assert (werkwaardig().versie, werkwaardig().doelgroep) == (0, "")


def test_a_step_that_cannot_be_undone_is_refused_on_an_older_version_naming_who(seed, lid):
    from projecten.services import FICHE
    from tests import bouwers

    viaene = bouwers.lid("Jean-Marie", "Viaene", gebruikersnaam="jmviaene")
    bouwers.fiche_bewaard(viaene, gelezen_versie=0, doelgroep="van Jean-Marie")
    with pytest.raises(versies.VersieVerouderd) as fout:
        versies.bewaren(
            FICHE, werkwaardig().pk, gelezen_versie=0, door=lid,
            overige={"status": Projectfiche.Status.INGEDIEND}, alleen_ongewijzigd=True,
        )  # fmt: skip
    assert [o.naam for o in fout.value.tussen] == ["Jean-Marie Viaene"]
    assert (werkwaardig().versie, werkwaardig().status) == (1, Projectfiche.Status.CONCEPT)


def test_a_save_from_an_older_version_merges_and_says_it_was_you_in_another_window(seed, lid):
    """By default a save made from an older version merges; who saved in between is named,
    as "you, in another window" when it was the one saving now."""
    from projecten.services import FICHE
    from tests import bouwers

    bouwers.fiche_bewaard(lid, gelezen_versie=0, doelgroep="eerste venster")
    fiche, samenvoeging = versies.bewaren(
        FICHE, werkwaardig().pk, gelezen_versie=0, mijn={"doelgroep": "", "aanpak": "tweede"},
        door=lid,
    )  # fmt: skip
    assert (fiche.versie, fiche.doelgroep, fiche.aanpak) == (2, "eerste venster", "tweede")
    assert [o.zelf for o in samenvoeging.tussen] == [True]


def test_a_step_that_cannot_be_undone_says_when_it_was_you_in_another_window(seed, lid):
    from projecten.services import FICHE
    from tests import bouwers

    bouwers.fiche_bewaard(lid, gelezen_versie=0, doelgroep="eerste venster")
    with pytest.raises(versies.VersieVerouderd) as fout:
        versies.bewaren(
            FICHE, werkwaardig().pk, gelezen_versie=0, door=lid,
            overige={"status": Projectfiche.Status.INGEDIEND}, alleen_ongewijzigd=True,
        )  # fmt: skip
    assert [o.zelf for o in fout.value.tussen] == [True]

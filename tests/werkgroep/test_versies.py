"""The one guarded save (kern.versies): of two claims on the same version exactly one wins."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections, transaction

from kern import versies
from projecten.models import Projectfiche


def werkwaardig() -> Projectfiche:
    return Projectfiche.objects.get(project__slug="werkwaardig")


def test_a_second_claim_on_the_same_version_is_refused(seed):
    eerste, tweede = werkwaardig(), werkwaardig()
    versies.versie_ophogen(eerste, van=0)
    with pytest.raises(versies.VersieVerouderd):
        versies.versie_ophogen(tweede, van=0)
    assert (eerste.versie, werkwaardig().versie) == (1, 1)


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
    voorstel = versies._voorstel(versies.Soort.REGELS, "Tijd\r\nRegie", "Regie\nGeld", None)
    assert voorstel == "Regie\nGeld\nTijd"


def test_a_conflict_in_a_text_proposes_both_between_marker_lines():
    voorstel = versies._voorstel(versies.Soort.TEKST, "mijn tekst", "hun tekst", None)
    assert voorstel.splitlines() == [
        "===== Uw tekst =====",
        "mijn tekst",
        "===== Opgeslagen door iemand anders =====",
        "hun tekst",
        "===== Einde: hou wat u wilt bewaren en wis deze lijnen =====",
    ]

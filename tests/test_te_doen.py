"""Home's "Te doen": each role sees what is theirs to act on, each item saying what and
linking to the place to do it (a page that opens for that user), and the page reads the
same number of queries with one item of each kind as with twenty."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from projecten.models import Projectfiche
from tests import bouwers
from uitnodigingen import links
from uitnodigingen.models import Uitnodiging
from validering.models import Subgroep
from vergaderstukken.models import Actie, Notulen
from werkgroep.models import Vergadering

HOME = "/"


def _te_doen(client) -> str:
    pagina = client.get(reverse("site:home")).content.decode()
    return pagina[pagina.index("Te doen") : pagina.index("Volgende vergaderingen")]


def _vergadering(werkgroep, datum: str, **velden) -> Vergadering:
    return bouwers.maak_vergadering(werkgroep, datum, **velden)


def _uitnodiging(vergadering, deelnemer, **velden) -> Uitnodiging:
    velden.setdefault("uitgenodigd_op", timezone.now())
    return Uitnodiging.objects.create(
        vergadering=vergadering,
        deelnemer=deelnemer,
        email=f"d{deelnemer.pk}@voorbeeld.be",
        **velden,
    )


def _actie(vergadering, deelnemer, omschrijving: str, *, status=Notulen.Status.VASTGELEGD, **v):
    notulen, _ = Notulen.objects.get_or_create(vergadering=vergadering, defaults={"status": status})
    return Actie.objects.create(notulen=notulen, omschrijving=omschrijving, eigenaar=deelnemer, **v)


@pytest.fixture
def plenaire(seed):
    """A planned plenary meeting in 2027, with its hours and place."""
    return _vergadering(
        seed,
        "15/01/2027",
        soort=Vergadering.Soort.PLENAIR,
        aanvang=dt.time(14, 0),
        einde=dt.time(16, 30),
        plaats="Vlaams Huis, zaal Breughel",
    )


@pytest.fixture
def ann(seed):
    """Another member of the seed's group."""
    return bouwers.lid("Ann", "Jughmans")


# ---- A member: invitations, actions, fiches, scores -------------------------------------------


def test_a_member_sees_the_invitation_to_answer_with_its_hour_and_place(client_van, lid, plenaire):
    uitnodiging = _uitnodiging(plenaire, lid.deelnemer)
    client = client_van(lid)
    taken = _te_doen(client)
    assert "Uitnodiging beantwoorden: plenaire vergadering 15/01/2027" in taken
    assert "nog te beantwoorden" in taken
    assert "14:00–16:30" in taken and "Vlaams Huis, zaal Breughel" in taken
    # The link is the personal answer page, and it opens for the member.
    assert bouwers.antwoordlinks(taken) == [uitnodiging.pk]
    assert client.get(links.pad(uitnodiging)).status_code == 200


def test_an_answered_invitation_leaves_the_to_do(client_van, lid, plenaire):
    _uitnodiging(plenaire, lid.deelnemer, antwoord="aanwezig", beantwoord_op=timezone.now())
    assert "Uitnodiging beantwoorden" not in _te_doen(client_van(lid))


def test_a_meeting_without_hour_or_place_says_they_are_not_known_yet(client_van, lid, seed):
    _uitnodiging(_vergadering(seed, "20/01/2027"), lid.deelnemer)
    taken = _te_doen(client_van(lid))
    assert "Uitnodiging beantwoorden: vergadering 20/01/2027" in taken
    assert "uur nog niet bekend" in taken and "plaats nog niet bekend" in taken


def test_invitations_whose_link_no_longer_opens_are_not_listed(client_van, lid, seed):
    """Only announced (no link yet), cancelled, or past: the link would open nothing."""
    _uitnodiging(_vergadering(seed, "21/01/2027"), lid.deelnemer, uitgenodigd_op=None)
    geannuleerd = _vergadering(seed, "22/01/2027", status=Vergadering.Status.GEANNULEERD)
    _uitnodiging(geannuleerd, lid.deelnemer)
    _uitnodiging(_vergadering(seed, "02/02/2026"), lid.deelnemer)
    assert "Uitnodiging beantwoorden" not in _te_doen(client_van(lid))


def test_a_member_never_sees_another_members_invitation(client_van, lid, ann, plenaire):
    _uitnodiging(plenaire, ann.deelnemer)
    assert "Uitnodiging beantwoorden" not in _te_doen(client_van(lid))
    assert "Uitnodiging beantwoorden" in _te_doen(client_van(ann))


def test_a_member_sees_the_actions_assigned_to_them_with_deadline_and_minutes(
    client_van, lid, ann, seed
):
    juni = Vergadering.objects.get(kenmerk="2006-06-06")
    _actie(juni, lid.deelnemer, "Fiche van Werk.waardig nalezen", deadline=dt.date(2006, 8, 1))
    _actie(juni, ann.deelnemer, "Zaal reserveren voor september")
    _actie(juni, lid.deelnemer, "Al gedaan", afgehandeld_op=dt.date(2006, 7, 1))
    client = client_van(lid)
    taken = _te_doen(client)
    assert "Actie: Fiche van Werk.waardig nalezen" in taken
    assert "tegen 01/08/2006, te laat" in taken
    assert "Uit de notulen van de vergadering 06/06/2006" in taken
    assert "Zaal reserveren" not in taken  # another member's
    assert "Al gedaan" not in taken  # done
    notulen = reverse("vergaderstukken:notulen", args=[juni.pk])
    assert f'href="{notulen}"' in taken
    antwoord = client.get(notulen)
    assert antwoord.status_code == 200 and "Fiche van Werk.waardig nalezen" in (
        antwoord.content.decode()
    )


def test_actions_in_minutes_the_member_may_not_read_are_not_listed(client_van, lid, seed):
    """A draft is the secretariat's; minutes sent for approval are the attendees' (and the
    member was not there): the link would open nothing."""
    juni = Vergadering.objects.get(kenmerk="2006-06-06")
    _actie(juni, lid.deelnemer, "Uit een concept", status=Notulen.Status.CONCEPT)
    september = Vergadering.objects.get(kenmerk="2006-09-25")
    Notulen.objects.create(
        vergadering=september, status=Notulen.Status.TER_GOEDKEURING, verstuurd_op=timezone.now()
    )
    _actie(september, lid.deelnemer, "Ter goedkeuring, niet aanwezig")
    taken = _te_doen(client_van(lid))
    assert "Uit een concept" not in taken and "niet aanwezig" not in taken


def test_a_member_sees_their_projects_fiche_to_fill_in_and_it_opens(client_van, lid, seed):
    fiche = Projectfiche.objects.get(project__slug="werkwaardig")
    client = client_van(lid)
    url = reverse("projecten:fiche", args=["werkwaardig"]) + f"?werkgroep={seed.slug}"
    for status, tekst in [
        (Projectfiche.Status.CONCEPT, "Projectfiche van Werk.waardig aanvullen en indienen"),
        (Projectfiche.Status.TERUGGESTUURD, "Projectfiche van Werk.waardig aanpassen"),
    ]:
        Projectfiche.objects.filter(pk=fiche.pk).update(status=status)
        taken = _te_doen(client)
        assert tekst in taken and f'href="{url}"' in taken
        assert client.get(url).status_code == 200
    for status in [Projectfiche.Status.INGEDIEND, Projectfiche.Status.AANVAARD]:
        Projectfiche.objects.filter(pk=fiche.pk).update(status=status)
        assert "Projectfiche van Werk.waardig" not in _te_doen(client)


def test_a_project_without_fiche_asks_to_fill_one_in(client_van, lid, seed):
    Projectfiche.objects.filter(project__slug="werkwaardig").delete()
    client = client_van(lid)
    taken = _te_doen(client)
    url = reverse("projecten:fiche", args=["werkwaardig"])
    assert "Projectfiche van Werk.waardig invullen" in taken and f'href="{url}"' in taken
    assert client.get(url).status_code == 200


def test_a_rapporteur_sees_the_scores_to_give_and_another_member_does_not(
    client_van, lid, ann, seed
):
    subgroep = Subgroep.objects.filter(sessie__vergadering__kenmerk="2006-06-06").first()
    bouwers.rapporteur(subgroep, lid)
    client = client_van(lid)
    taken = _te_doen(client)
    url = reverse("validering:validering_scoren", args=[subgroep.pk])
    assert f"Scores van de subgroep {subgroep.soort} invullen" in taken
    assert f'href="{url}"' in taken
    assert client.get(url).status_code == 200
    assert url not in _te_doen(client_van(ann))


def test_a_member_with_nothing_to_do_is_told_so(client_van, lid, seed):
    Projectfiche.objects.filter(project__slug="werkwaardig").update(
        status=Projectfiche.Status.AANVAARD
    )
    assert "U hebt op dit moment niets te doen." in _te_doen(client_van(lid))


# ---- The coordinator and the secretariat ------------------------------------------------------


def _zonder_scores_en_aanwezigheid(seed):
    """A held meeting without attendance and a session's subgroup without scores."""
    vergadering = _vergadering(
        seed, "15/01/2026", soort=Vergadering.Soort.PLENAIR, status=Vergadering.Status.GEHOUDEN
    )
    subgroep = Subgroep.objects.filter(sessie__vergadering__kenmerk="2006-06-06").first()
    subgroep.scores.update(score=None)
    return vergadering, subgroep


def test_the_coordinator_sees_only_what_they_can_act_on(client_van, coordinator, seed):
    """Not the missing scores (they cannot name a rapporteur), not the attendance."""
    _zonder_scores_en_aanwezigheid(seed)
    taken = _te_doen(client_van(coordinator))
    assert "Scores ontbreken" not in taken
    assert "Aanwezigheid invullen" not in taken
    assert "U hebt op dit moment niets te doen." in taken


def test_the_secretariats_links_say_what_and_open(client_van, secretariaat, seed):
    vergadering, subgroep = _zonder_scores_en_aanwezigheid(seed)
    client = client_van(secretariaat)
    taken = _te_doen(client)
    aanwezigheid = reverse("uitnodigingen:vergadering_aanwezigheid", args=[vergadering.pk])
    assert (
        f'<a href="{aanwezigheid}">Aanwezigheid invullen: plenaire vergadering 15/01/2026</a>'
        in taken
    )
    sessie = reverse("validering:validering_sessie", args=[subgroep.sessie.pk])
    assert f'<a href="{sessie}">Scores ontbreken: subgroep {subgroep.soort}, ' in taken
    for url in [aanwezigheid, sessie]:
        assert client.get(url).status_code == 200


# ---- Query counts: one query a list, whatever the number of items ------------------------------


def _veel(seed, lid, aantal: int, *, vanaf: int = 1) -> None:
    """``aantal`` of each item: invitations and actions of the member, projects with a draft
    fiche they write, subgroups they score; submitted fiches, held meetings without
    attendance and subgroups without scores for the secretariat."""
    bouwers.groei_projecten(aantal, medewerker=lid.deelnemer)
    bouwers.groei_sessies(aantal)
    nieuw = list(
        Subgroep.objects.filter(sessie__product__slug__startswith="product-", rapporteur=None)
    )
    for subgroep in nieuw:
        Subgroep.objects.filter(pk=subgroep.pk).update(rapporteur=lid.deelnemer)
        subgroep.scores.update(score=None)
    Projectfiche.objects.filter(project__producten__validatiesessies__isnull=False).exclude(
        project__slug="werkwaardig"
    ).update(status=Projectfiche.Status.INGEDIEND)
    for dag in range(vanaf, vanaf + aantal):
        komend = _vergadering(seed, f"{dag:02d}/03/2027", aanvang=dt.time(10, 0))
        _uitnodiging(komend, lid.deelnemer)
        gehouden = _vergadering(seed, f"{dag:02d}/03/2026", status=Vergadering.Status.GEHOUDEN)
        _actie(gehouden, lid.deelnemer, f"Actie {dag}", deadline=dt.date(2027, 1, dag))


@pytest.mark.parametrize(
    ("rol", "vragen", "te_zien"),
    [
        # Home's reads, with "Te doen": invitations (1) and actions (1); fiches come with
        # "Mijn projecten", scores to give with "Te scoren" (1).
        ("lid", 18, ["Uitnodiging beantwoorden", "Actie: ", "aanvullen en indienen", "Te scoren"]),
        # No participant, nothing of the secretariat's: no query for "Te doen".
        ("coordinator", 13, []),
        # Submitted fiches (1), loose ends (3), without attendance (1), without all scores
        # (1), failed mail (1).
        ("secretariaat", 20, ["beoordelen", "Aanwezigheid invullen", "Scores ontbreken"]),
    ],
)
def test_home_reads_as_many_queries_for_one_item_as_for_twenty(
    client_van, request, seed, lid, rol, vragen, te_zien, django_assert_num_queries
):
    client = client_van(request.getfixturevalue(rol))
    aantallen = []
    for groei, vanaf in [(1, 1), (19, 2)]:
        _veel(seed, lid, groei, vanaf=vanaf)
        with django_assert_num_queries(vragen):
            taken = _te_doen(client)
        aantallen.append([taken.count(tekst) for tekst in te_zien])
    for een, twintig in zip(*aantallen, strict=True):
        assert een >= 1 and twintig >= een + 19  # the items grew, the queries did not


# ---- Only while the meeting is still ahead --------------------------------------------------


def _vandaag(seed, **velden) -> Vergadering:
    return _vergadering(seed, timezone.localdate().strftime("%d/%m/%Y"), **velden)


def _nergens_te_beantwoorden(client, uitnodiging) -> None:
    """Not in the to-do, no reply link on the meeting page, and the reply page says the
    meeting took place, with the answer given (read-only: a POST changes nothing)."""
    assert "Uitnodiging beantwoorden" not in _te_doen(client)
    pagina = client.get(reverse("werkgroep:vergadering_detail", args=[uitnodiging.vergadering_id]))
    assert pagina.status_code == 200
    assert uitnodiging.pk not in bouwers.antwoordlinks(pagina.content.decode())
    antwoord = client.get(links.pad(uitnodiging))
    assert antwoord.status_code == 410
    assert "heeft plaatsgevonden: u kunt niet meer antwoorden" in antwoord.content.decode()
    assert client.post(links.pad(uitnodiging), {"antwoord": "aanwezig"}).status_code == 410
    uitnodiging.refresh_from_db()
    assert uitnodiging.antwoord == ""


def test_a_meeting_later_today_is_still_to_answer_everywhere(client_van, lid, seed):
    uitnodiging = _uitnodiging(_vandaag(seed), lid.deelnemer)
    client = client_van(lid)
    assert "Uitnodiging beantwoorden" in _te_doen(client)
    pagina = client.get(reverse("werkgroep:vergadering_detail", args=[uitnodiging.vergadering_id]))
    assert bouwers.antwoordlinks(pagina.content.decode()) == [uitnodiging.pk]
    assert client.get(links.pad(uitnodiging)).status_code == 200


def test_a_meeting_marked_held_today_asks_no_answer(client_van, lid, seed):
    uitnodiging = _uitnodiging(_vandaag(seed, status=Vergadering.Status.GEHOUDEN), lid.deelnemer)
    _nergens_te_beantwoorden(client_van(lid), uitnodiging)


def test_a_meeting_whose_attendance_was_recorded_today_asks_no_answer(client_van, lid, ann, seed):
    vergadering = _vandaag(seed)
    uitnodiging = _uitnodiging(vergadering, lid.deelnemer)
    bouwers.aanwezigheid(vergadering, ann.deelnemer, status="aanwezig")
    _nergens_te_beantwoorden(client_van(lid), uitnodiging)


def test_a_meeting_over_by_its_end_hour_today_asks_no_answer(client_van, lid, seed):
    if timezone.localtime().time() < dt.time(0, 2):
        pytest.skip("the meeting of 00:00–00:01 is not over yet in the first minute")
    vergadering = _vandaag(seed, aanvang=dt.time(0, 0), einde=dt.time(0, 1))
    _nergens_te_beantwoorden(client_van(lid), _uitnodiging(vergadering, lid.deelnemer))


def test_the_reply_page_of_a_held_meeting_shows_the_answer_given(client_van, lid, seed):
    uitnodiging = _uitnodiging(
        _vandaag(seed), lid.deelnemer, antwoord="verontschuldigd", beantwoord_op=timezone.now()
    )
    Vergadering.objects.filter(pk=uitnodiging.vergadering_id).update(
        status=Vergadering.Status.GEHOUDEN
    )
    pagina = client_van(lid).get(links.pad(uitnodiging)).content.decode()
    assert "Uw antwoord was" in pagina and "verontschuldigd" in pagina

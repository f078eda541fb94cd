"""Who may invite and who sees the replies, and what the meeting page's section costs."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests import bouwers
from tests.bouwers import aangemeld
from uitnodigingen.models import Uitnodiging

DAG = timezone.localdate() + dt.timedelta(days=20)


@pytest.fixture
def vergadering(seed):
    return bouwers.maak_vergadering(seed, DAG.strftime("%d/%m/%Y"))


def test_only_the_secretariat_opens_the_invite_page_and_sends(
    secretariaat, coordinator, lid, lid_andere_werkgroep, vergadering, smtp_server,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    url = reverse("uitnodigingen:uitnodigen", args=[vergadering.pk])
    gast = {"gasten": "an@elders.be"}
    for wie in (coordinator, lid, lid_andere_werkgroep):
        client = aangemeld(wie)
        assert client.get(url).status_code == 404
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(url, gast).status_code == 404
    assert smtp_server == [] and not Uitnodiging.objects.exists()
    client = aangemeld(secretariaat)
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {**gast, "leden": []}).status_code == 302
    assert [b["To"].addresses[0].addr_spec for b in smtp_server] == ["an@elders.be"]


def test_the_invite_button_is_on_the_meeting_page_for_the_secretariat_only(
    secretariaat, coordinator, lid, vergadering
):
    url = reverse("uitnodigingen:uitnodigen", args=[vergadering.pk])
    detail = reverse("werkgroep:vergadering_detail", args=[vergadering.pk])
    assert url in aangemeld(secretariaat).get(detail).content.decode()
    for wie in (coordinator, lid):
        pagina = aangemeld(wie).get(detail).content.decode()
        assert url not in pagina and 'id="uitnodigingen-titel"' not in pagina


def test_nothing_to_invite_asks_for_someone(secretariaat, vergadering):
    antwoord = aangemeld(secretariaat).post(
        reverse("uitnodigingen:uitnodigen", args=[vergadering.pk]), {}
    )
    assert "Kies minstens één lid of geef een gast op." in antwoord.content.decode()


def test_members_without_an_address_are_named_with_the_way_to_fill_it_in(secretariaat, vergadering):
    """The seed knows no member's address: the page says so and links each member to their
    participant in the admin, where the secretariat fills it in."""
    from werkgroep.models import Deelnemer

    Deelnemer.objects.update(email="")
    pagina = aangemeld(secretariaat).get(reverse("uitnodigingen:uitnodigen", args=[vergadering.pk]))
    tekst = pagina.content.decode()
    assert "Geen enkel lid van de werkgroep heeft een e-mailadres" in tekst
    # The box below is for guests: the page does not send members' addresses there.
    assert "vul de adressen hieronder in" not in tekst
    assert "Vul het adres van elk lid in bij de deelnemer in het beheer" in tekst
    assert "is alleen voor gasten van buiten de werkgroep" in tekst
    johan = Deelnemer.objects.get_by_natural_key("Johan", "Dejonckheere")
    assert reverse("admin:werkgroep_deelnemer_change", args=[johan.pk]) in tekst


@pytest.mark.parametrize("rol", ["coordinator", "secretariaat", "lid"])
def test_the_meeting_pages_invitations_keep_their_query_count(request, seed, vergadering, rol):
    """The section costs two queries (the invitations with their participants, and what
    was sent), however many were invited; the page's other sections are other apps'."""
    user = bouwers.lid("Johan", "Dejonckheere") if rol == "lid" else request.getfixturevalue(rol)
    client = aangemeld(user)
    url = reverse("werkgroep:vergadering_detail", args=[vergadering.pk])

    def uitnodigen(aantal):
        nu = timezone.now()
        for _ in range(aantal):
            deelnemer = bouwers.lidmaatschap(seed).deelnemer
            Uitnodiging.objects.create(
                vergadering=vergadering, deelnemer=deelnemer, email=f"d{deelnemer.pk}@x.be",
                uitgenodigd_op=nu, antwoord="aanwezig", beantwoord_op=nu, opmerking="ok",
            )  # fmt: skip

    def vragen():
        with CaptureQueriesContext(connection) as gevangen:
            pagina = client.get(url).content.decode()
        return [q["sql"] for q in gevangen.captured_queries], pagina

    uitnodigen(3)
    client.get(url)
    klein, _pagina = vragen()
    uitnodigen(40)
    groot, pagina = vragen()
    assert len(groot) == len(klein)
    # The invitations, what was sent, and the guests with a recorded attendance (issue 25).
    assert len([sql for sql in groot if 'FROM "uitnodigingen_' in sql]) == 3
    assert "Aanwezig: 43" in pagina

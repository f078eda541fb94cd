# ruff: noqa: F811 - the fixtures of test_uitnodigen, imported by name
"""Cancelled on the site, or going ahead after all (issue 25): the secretariat's buttons on
the meeting page, a page that says the invited will be told, then one POST through
werkgroep's service, which saves as the admin does, so the invitations app sends the same
notices (cancellation with the calendar CANCEL, "gaat toch door" with the REQUEST again),
through a real SMTP server. A second tab that already did it is refused and sends nothing.

Who may open the pages: tests/test_toegangsmatrix.py (rule werkgroep.vergadering_plannen).
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.bouwers import aangemeld
from tests.uitnodigingen.test_uitnodigen import (  # noqa: F401 - fixtures
    event_van,
    ics_van,
    leden,
    per_adres,
    secretaris,
    tekst,
    uitnodigen,
    vergadering,
)
from werkgroep.models import Vergadering

pytestmark = pytest.mark.django_db


def _afgelasten(vergadering) -> str:
    return reverse("werkgroep:vergadering_afgelasten", args=[vergadering.pk])


def _toch_door(vergadering) -> str:
    return reverse("werkgroep:vergadering_gaat_toch_door", args=[vergadering.pk])


def _detail(vergadering) -> str:
    return reverse("werkgroep:vergadering_detail", args=[vergadering.pk])


def _post(client, url, capture):
    with capture(execute=True):
        return client.post(url, follow=True)


def test_the_secretariat_cancels_and_the_invited_are_told_once_with_a_calendar_cancel(
    secretaris, leden, vergadering, smtp_server, django_capture_on_commit_callbacks
):
    client = aangemeld(secretaris)
    uitnodigen(client, vergadering, [leden["michel"]], capture=django_capture_on_commit_callbacks)
    smtp_server.clear()
    pagina = client.get(_detail(vergadering)).content.decode()
    assert f'href="{_afgelasten(vergadering)}"' in pagina
    assert _toch_door(vergadering) not in pagina
    bevestiging = client.get(_afgelasten(vergadering)).content.decode()
    assert "krijgt meteen een bericht dat de vergadering niet doorgaat" in bevestiging
    assert smtp_server == []  # the confirmation page changes nothing

    antwoord = _post(client, _afgelasten(vergadering), django_capture_on_commit_callbacks)
    assert antwoord.redirect_chain[-1][0] == _detail(vergadering)
    assert "De vergadering is afgelast" in antwoord.content.decode()
    vergadering.refresh_from_db()
    assert vergadering.status == Vergadering.Status.GEANNULEERD
    (bericht,) = smtp_server
    assert list(per_adres(smtp_server)) == ["michel@lmw.be"]
    assert str(ics_van(bericht)["method"]) == "CANCEL"
    assert f'href="{_toch_door(vergadering)}"' in antwoord.content.decode()

    # A second tab, still showing the planned meeting, cancels again: refused, no mail.
    smtp_server.clear()
    antwoord = _post(client, _afgelasten(vergadering), django_capture_on_commit_callbacks)
    assert "De vergadering is intussen geannuleerd" in antwoord.content.decode()
    assert smtp_server == []


def test_gaat_toch_door_tells_the_invited_once_with_the_calendar_request_again(
    secretaris, leden, vergadering, smtp_server, django_capture_on_commit_callbacks
):
    client = aangemeld(secretaris)
    uitnodigen(client, vergadering, [leden["michel"]], capture=django_capture_on_commit_callbacks)
    _post(client, _afgelasten(vergadering), django_capture_on_commit_callbacks)
    smtp_server.clear()
    assert "toch doorgaat" in client.get(_toch_door(vergadering)).content.decode()

    antwoord = _post(client, _toch_door(vergadering), django_capture_on_commit_callbacks)
    assert "De vergadering gaat toch door" in antwoord.content.decode()
    vergadering.refresh_from_db()
    assert vergadering.status == Vergadering.Status.GEPLAND
    (bericht,) = smtp_server
    assert str(bericht["Subject"]).startswith("Gaat toch door: ")
    assert "gaat toch door" in tekst(bericht)
    assert str(ics_van(bericht)["method"]) == "REQUEST"
    assert int(event_van(bericht)["sequence"]) == 2  # above the cancellation's 1

    # The same step from a stale tab: refused, nothing sent, still planned.
    smtp_server.clear()
    antwoord = _post(client, _toch_door(vergadering), django_capture_on_commit_callbacks)
    assert "De vergadering is intussen gepland" in antwoord.content.decode()
    assert smtp_server == []
    vergadering.refresh_from_db()
    assert vergadering.status == Vergadering.Status.GEPLAND


def test_a_held_meeting_offers_neither_step(secretaris, vergadering):
    Vergadering.objects.filter(pk=vergadering.pk).update(status=Vergadering.Status.GEHOUDEN)
    client = aangemeld(secretaris)
    pagina = client.get(_detail(vergadering)).content.decode()
    assert _afgelasten(vergadering) not in pagina and _toch_door(vergadering) not in pagina
    stap = client.get(_afgelasten(vergadering)).content.decode()
    assert "er is niets te doen" in stap and "Afgelasten en de genodigden" not in stap
    client.post(_afgelasten(vergadering))
    vergadering.refresh_from_db()
    assert vergadering.status == Vergadering.Status.GEHOUDEN


@pytest.mark.parametrize("rol", ["coordinator", "lid"])
def test_other_roles_see_no_button_and_cannot_cancel(
    rol, coordinator, lid, vergadering, smtp_server, django_capture_on_commit_callbacks
):
    client = aangemeld({"coordinator": coordinator, "lid": lid}[rol])
    assert _afgelasten(vergadering) not in client.get(_detail(vergadering)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(_afgelasten(vergadering)).status_code == 404
        assert client.post(_toch_door(vergadering)).status_code == 404
    vergadering.refresh_from_db()
    assert vergadering.status == Vergadering.Status.GEPLAND
    assert smtp_server == []

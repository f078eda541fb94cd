"""Two factors (issue 26 item 5): the second step at login, enrolment, the duty for staff
after its grace period, recovery codes and throttling, through the site's own pages."""

from __future__ import annotations

import base64
import datetime as dt
import time

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.bouwers import WACHTWOORD
from tweestaps.models import Tweestapsplicht

BEVESTIGEN = reverse("tweestaps:bevestigen")
INSTELLEN = reverse("tweestaps:instellen")


def code(apparaat: TOTPDevice, stappen_verder: int = 0) -> str:
    """The code the app shows now (or that many 30-second steps later)."""
    generator = TOTP(apparaat.bin_key, apparaat.step, apparaat.t0, apparaat.digits, apparaat.drift)
    generator.time = time.time() + stappen_verder * apparaat.step
    return f"{generator.token():06d}"


def aanmelden(client, user, wachtwoord=WACHTWOORD):
    return client.post(
        reverse("login"),
        {"username": user.username, "password": wachtwoord},
        REMOTE_ADDR="10.9.9.9",
    )


def app(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="App", confirmed=True)


def test_a_member_without_an_app_logs_in_with_the_password_alone(client, lid):
    assert aanmelden(client, lid).status_code == 302
    home = client.get("/")
    assert home.status_code == 200
    assert "tweede stap" not in home.content.decode()


def test_an_account_with_an_app_is_asked_for_a_code_and_reaches_nothing_before(
    client, secretariaat
):
    apparaat = app(secretariaat)
    assert aanmelden(client, secretariaat).status_code == 302
    for pad in ["/", "/admin/", reverse("site:profiel")]:
        antwoord = client.get(pad)
        assert antwoord.status_code == 302
        assert antwoord.url.startswith(BEVESTIGEN), pad
    pagina = client.get(BEVESTIGEN + "?next=/admin/")
    assert "Bevestig uw aanmelding" in pagina.content.decode()

    fout = client.post(BEVESTIGEN, {"code": "000000", "next": "/admin/"})
    assert "Deze code klopt niet" in fout.content.decode()
    assert client.get("/admin/").status_code == 302

    apparaat.throttle_reset()  # the wrong code's wait is the next test's
    goed = client.post(BEVESTIGEN, {"code": code(apparaat), "next": "/admin/"})
    assert goed.status_code == 302 and goed.url == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert client.get("/").status_code == 200


def test_a_wrong_code_makes_even_the_right_one_wait(client, lid):
    apparaat = app(lid)
    aanmelden(client, lid)
    client.post(BEVESTIGEN, {"code": "123456"})
    te_vroeg = client.post(BEVESTIGEN, {"code": code(apparaat)})
    assert "Te veel foute codes na elkaar" in te_vroeg.content.decode()
    assert client.get("/").status_code == 302  # still not in
    apparaat.refresh_from_db()
    assert apparaat.throttling_failure_count == 1  # the early try did not count

    # The wait over (its start moved back, as the clock would): the code is taken.
    TOTPDevice.objects.filter(pk=apparaat.pk).update(
        throttling_failure_timestamp=timezone.now() - dt.timedelta(hours=1)
    )
    assert client.post(BEVESTIGEN, {"code": code(apparaat)}).status_code == 302
    assert client.get("/").status_code == 200


def test_a_recovery_code_works_once(client, lid):
    apparaat = app(lid)
    aanmelden(client, lid)
    client.post(BEVESTIGEN, {"code": code(apparaat)})
    codes = client.post(reverse("tweestaps:herstelcodes"), {"terug": "instellen"})
    lijst = codes.context["codes"]
    assert len(lijst) == 10 and StaticToken.objects.count() == 10
    assert "herstelcodes.txt" in codes.content.decode()

    client.post(reverse("logout"))
    aanmelden(client, lid)
    antwoord = client.post(BEVESTIGEN, {"code": lijst[0].upper()}, follow=True)
    assert "nog 9 over" in antwoord.content.decode()
    assert client.get("/").status_code == 200

    client.post(reverse("logout"))
    aanmelden(client, lid)
    opnieuw = client.post(BEVESTIGEN, {"code": lijst[0]})
    assert "Deze code klopt niet" in opnieuw.content.decode()
    assert client.get("/").status_code == 302


def test_an_app_is_added_on_the_profile_page_with_its_first_code(client, lid):
    aanmelden(client, lid)
    client.post(reverse("tweestaps:app_toevoegen"), {"terug": "profiel"})
    pagina = client.get(reverse("site:profiel")).content.decode()
    apparaat = TOTPDevice.objects.get(user=lid)
    assert not apparaat.confirmed
    assert "<svg" in pagina and "QR-code" in pagina
    assert (
        base64.b32encode(apparaat.bin_key).decode()[:4] in pagina
    )  # the key to type, in groups of four

    fout = client.post(
        reverse("tweestaps:app_bevestigen"),
        {"app": apparaat.pk, "code": "000000", "terug": "profiel"},
        follow=True,
    )
    assert "Deze code klopt niet" in fout.content.decode()
    apparaat.refresh_from_db()
    assert not apparaat.confirmed
    apparaat.throttle_reset()

    client.post(
        reverse("tweestaps:app_bevestigen"),
        {"app": apparaat.pk, "code": code(apparaat), "terug": "profiel"},
    )
    apparaat.refresh_from_db()
    assert apparaat.confirmed
    assert client.get("/").status_code == 200  # this session is confirmed by that code

    client.post(reverse("logout"))
    aanmelden(client, lid)  # the member opted in: asked from now on
    assert client.get("/").url.startswith(BEVESTIGEN)


def test_confirming_an_app_replaced_in_another_tab_says_so(client, lid):
    aanmelden(client, lid)
    client.post(reverse("tweestaps:app_toevoegen"))
    eerste = TOTPDevice.objects.get(user=lid)
    client.post(reverse("tweestaps:app_toevoegen"))  # the other tab
    antwoord = client.post(
        reverse("tweestaps:app_bevestigen"),
        {"app": eerste.pk, "code": code(eerste)},
        follow=True,
    )
    assert "wacht niet meer op bevestiging" in antwoord.content.decode()
    assert not TOTPDevice.objects.filter(confirmed=True).exists()


def test_an_app_is_removed_only_with_the_password(client, lid):
    apparaat = app(lid)
    aanmelden(client, lid)
    client.post(BEVESTIGEN, {"code": code(apparaat)})
    client.post(reverse("tweestaps:herstelcodes"))
    verwijderen = reverse("tweestaps:app_verwijderen")
    fout = client.post(verwijderen, {"app": apparaat.pk, "wachtwoord": "fout"}, follow=True)
    assert "Dit wachtwoord klopt niet" in fout.content.decode()
    assert TOTPDevice.objects.filter(pk=apparaat.pk).exists()

    client.post(verwijderen, {"app": apparaat.pk, "wachtwoord": WACHTWOORD})
    assert not TOTPDevice.objects.exists()
    assert not StaticToken.objects.exists()  # the spare codes went with the last app
    assert client.get("/").status_code == 200  # a member: no duty


def test_staff_during_the_grace_period_see_how_many_days_remain(client, coordinator, settings):
    settings.TWEESTAPS_GRACE_DAGEN = 14
    aanmelden(client, coordinator)
    home = client.get("/")
    assert home.status_code == 200
    assert "binnen 14 dagen een tweede stap" in home.content.decode()
    assert client.get("/admin/").status_code == 200
    plicht = Tweestapsplicht.objects.get(account=coordinator)
    assert plicht.begonnen_op == timezone.localdate()

    # Ten days later, a new login does not restart the count.
    Tweestapsplicht.objects.filter(pk=plicht.pk).update(
        begonnen_op=timezone.localdate() - dt.timedelta(days=10)
    )
    client.post(reverse("logout"))
    aanmelden(client, coordinator)
    assert "binnen 4 dagen" in client.get("/").content.decode()


@pytest.mark.parametrize("pad", ["/", "/admin/", "/admin/werkgroep/deelnemer/"])
def test_staff_past_the_grace_period_are_sent_to_add_an_app(client, secretariaat, pad):
    Tweestapsplicht.objects.create(
        account=secretariaat, begonnen_op=timezone.localdate() - dt.timedelta(days=14)
    )
    aanmelden(client, secretariaat)
    antwoord = client.get(pad)
    assert antwoord.status_code == 302 and antwoord.url == INSTELLEN
    pagina = client.get(INSTELLEN).content.decode()
    assert "koppel eerst een authenticator-app" in pagina

    client.post(reverse("tweestaps:app_toevoegen"))
    apparaat = TOTPDevice.objects.get(user=secretariaat)
    client.post(reverse("tweestaps:app_bevestigen"), {"app": apparaat.pk, "code": code(apparaat)})
    assert client.get(pad).status_code == 200


def test_a_member_is_never_forced(client, lid, settings):
    settings.TWEESTAPS_GRACE_DAGEN = 0
    aanmelden(client, lid)
    assert client.get("/").status_code == 200
    assert not Tweestapsplicht.objects.exists()


def test_a_coordinator_without_staff_access_has_the_duty_too(client, coordinator, settings):
    settings.TWEESTAPS_GRACE_DAGEN = 0
    coordinator.is_staff = False
    coordinator.save(update_fields=["is_staff"])
    aanmelden(client, coordinator)
    assert client.get("/").url == INSTELLEN


def test_the_secretariat_resets_a_lost_phone(client, lid, capsys):
    app(lid)
    call_command("tweestaps_herstellen", lid.username)
    assert not TOTPDevice.objects.exists()
    assert "verwijderd" in capsys.readouterr().out
    aanmelden(client, lid)
    assert client.get("/").status_code == 200


def test_a_wrong_code_is_tied_to_its_field_and_the_summary(client, lid):
    from tests.test_formulieren import controleer_velden

    app(lid)
    aanmelden(client, lid)
    tekst = client.post(BEVESTIGEN, {"code": "000000"}).content.decode()
    pagina = controleer_velden(tekst)
    veld = next(v for v in pagina.velden if v.get("name") == "code")
    assert veld["aria-invalid"] == "true"

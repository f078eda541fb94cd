"""Production hardening: deploy checks, CSP on every response, login protection."""

import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from tests.bouwers import WACHTWOORD
from tests.conftest import omgeving_zonder

ROOT = Path(__file__).resolve().parent.parent


def test_the_deploy_check_is_clean_with_production_settings():
    omgeving = omgeving_zonder("DATABASE_URL")
    omgeving.update(
        DEBUG="false", SECRET_KEY=secrets.token_urlsafe(60), ALLOWED_HOSTS="werkgroep.example.be"
    )
    uit = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=omgeving, capture_output=True, text=True,
    )  # fmt: skip
    assert uit.returncode == 0, uit.stdout + uit.stderr


def test_every_response_carries_a_strict_content_security_policy(client, seed):
    for url in [reverse("login"), "/"]:
        csp = client.get(url)["Content-Security-Policy"]
        regels = {r.split()[0]: r.split()[1:] for r in csp.split("; ")}
        assert regels["default-src"] == ["'self'"]
        assert regels["script-src"] == ["'self'"]  # no inline script
        assert regels["object-src"] == ["'none'"] and regels["base-uri"] == ["'none'"]
        assert regels["frame-ancestors"] == ["'none'"]


def test_pages_use_no_inline_script(client_van, coordinator, seed):
    import re

    for url in ["/", reverse("werkgroep:vergaderingen_jaar", args=[2006]), reverse("login")]:
        pagina = client_van(coordinator).get(url).content.decode()
        assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", pagina) == []


def _aanmelden(client, gebruiker, wachtwoord=WACHTWOORD, ip="10.1.1.1", **extra):
    return client.post(
        reverse("login"), {"username": gebruiker, "password": wachtwoord}, REMOTE_ADDR=ip, **extra
    )


def _mislukt(client, gebruiker, ip="10.1.1.1", **extra):
    return _aanmelden(client, gebruiker, "fout", ip, **extra)


def test_repeated_failures_lock_the_account_from_that_address(client, lid, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _mislukt(client, "jdejonckheere")
    geweigerd = _aanmelden(client, "jdejonckheere", ip="10.1.1.1")
    assert geweigerd.status_code == 429
    assert "tijdelijk geblokkeerd" in geweigerd.content.decode()
    elders = _aanmelden(client, "jdejonckheere", ip="10.2.2.2")
    assert elders.status_code == 302  # another address is not locked


def test_fewer_failures_do_not_lock(client, lid, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _mislukt(client, "jdejonckheere")
    antwoord = _aanmelden(client, "jdejonckheere", ip="10.1.1.1")
    assert antwoord.status_code == 302


def test_the_secretariat_unlocks_in_the_admin(client, client_van, lid, secretariaat, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _mislukt(client, "jdejonckheere")
    poging = AccessAttempt.objects.get(username="jdejonckheere")
    beheer = client_van(secretariaat)
    assert beheer.get(reverse("admin:axes_accessattempt_changelist")).status_code == 200
    antwoord = beheer.post(
        reverse("admin:axes_accessattempt_delete", args=[poging.pk]), {"post": "yes"}
    )
    assert antwoord.status_code == 302
    client.logout()
    antwoord = _aanmelden(client, "jdejonckheere", ip="10.1.1.1")
    assert antwoord.status_code == 302


def test_a_member_cannot_unlock(client_van, lid):
    assert client_van(lid).get(reverse("admin:axes_accessattempt_changelist")).status_code == 302


def test_without_a_trusted_proxy_a_forwarded_address_is_ignored(client, lid):
    _mislukt(client, "jdejonckheere", ip="10.9.9.9", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert AccessAttempt.objects.get().ip_address == "10.9.9.9"


@pytest.mark.parametrize(
    ("afzender", "verwacht"), [("10.0.0.1", "1.2.3.4"), ("10.9.9.9", "10.9.9.9")]
)
def test_behind_the_trusted_proxy_the_real_client_address_counts(
    client, lid, settings, afzender, verwacht
):
    settings.VERTROUWDE_PROXIES = ["10.0.0.1"]
    _mislukt(client, "jdejonckheere", ip=afzender, HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert AccessAttempt.objects.get().ip_address == verwacht


def test_sessions_end_after_inactivity(settings):
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert 0 < settings.SESSION_COOKIE_AGE <= 8 * 60 * 60

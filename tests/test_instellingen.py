"""Renamed environment variables are still read under their old name for one release, and
``manage.py check`` says which to rename; the new name wins when both are set."""

import subprocess
import sys

from django.conf import settings

from tests.conftest import omgeving_zonder

LEZEN = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.SESSION_COOKIE_AGE, s.AXES_COOLOFF_TIME, s.SITE_ADRES, s.VERTROUWDE_PROXIES, "
    "s.LOGGING['root']['level'])"
)


def _starten(*args, **omgeving) -> subprocess.CompletedProcess:
    env = omgeving_zonder(*settings.OMGEVING_OUDE_NAMEN, *settings.OMGEVING_OUDE_NAMEN.values())
    env.update(DJANGO_SETTINGS_MODULE="config.settings", **omgeving)
    return subprocess.run(
        [sys.executable, *args], env=env, cwd=settings.BASE_DIR, capture_output=True, text=True
    )


OUD = {
    "SESSION_IDLE_SECONDS": "600",
    "AXES_COOLOFF_HOURS": "2.5",
    "SITE_URL": "https://oud.example.be",
    "TRUSTED_PROXIES": "10.0.0.1",
    "LOG_LEVEL": "ERROR",
}


def test_the_old_names_are_still_read_and_the_check_names_each():
    gelezen = _starten("-c", LEZEN, **OUD)
    assert gelezen.stdout.split() == [
        "600",
        "2.5",
        "https://oud.example.be",
        "['10.0.0.1']",
        "ERROR",
    ]
    check = _starten("manage.py", "check", **OUD)
    assert check.returncode == 0
    for oud, nieuw in [
        ("SESSION_IDLE_SECONDS", "SESSION_COOKIE_AGE"),
        ("AXES_COOLOFF_HOURS", "AXES_COOLOFF_TIME"),
        ("SITE_URL", "SITE_ADRES"),
        ("TRUSTED_PROXIES", "VERTROUWDE_PROXIES"),
        ("LOG_LEVEL", "LOGNIVEAU"),
    ]:
        assert f"The environment variable {oud} is now called {nieuw}" in check.stderr


def test_the_new_name_wins_and_the_check_is_quiet():
    nieuw = {
        "SESSION_COOKIE_AGE": "900",
        "AXES_COOLOFF_TIME": "3",
        "SITE_ADRES": "https://nieuw.example.be",
        "VERTROUWDE_PROXIES": "10.0.0.2",
        "LOGNIVEAU": "INFO",
    }
    gelezen = _starten("-c", LEZEN, **OUD, **nieuw)
    assert gelezen.stdout.split() == [
        "900",
        "3.0",
        "https://nieuw.example.be",
        "['10.0.0.2']",
        "INFO",
    ]
    check = _starten("manage.py", "check", **nieuw)
    assert "kern.W001" not in check.stderr, check.stderr

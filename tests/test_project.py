"""Project-wide promises: settings refuse to start unsafely, the demo, the translations."""

import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.conftest import omgeving_zonder
from tests.po import mo_klopt_met_po, po_entries
from werkgroep.models import Deelnemer

ROOT = Path(__file__).resolve().parent.parent


def _django(code: str, **env):
    omgeving = omgeving_zonder("DEBUG", "SECRET_KEY", "DATABASE_URL")
    omgeving.update(env, DJANGO_SETTINGS_MODULE="config.settings")
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT, env=omgeving, capture_output=True, text=True,
    )  # fmt: skip


def test_debug_off_without_secret_key_refuses_to_start_with_a_clear_message():
    uit = _django("pass", DEBUG="false")
    assert uit.returncode != 0
    assert "SECRET_KEY is not set" in uit.stderr


@pytest.mark.parametrize(
    ("sleutel", "reden"),
    [
        ("x", "SECRET_KEY is only 1 characters long (50 at least)"),
        (secrets.token_urlsafe(50)[:49], "SECRET_KEY is only 49 characters long (50 at least)"),
        ("abcd" * 20, "SECRET_KEY uses only 4 different characters (5 at least)"),
        ("insecure-demo-key-only-for-local-debug-use", "SECRET_KEY is a demo key"),
        ("django-insecure-" + secrets.token_urlsafe(50), "SECRET_KEY is a demo key"),
    ],
    ids=["one-character", "49-characters", "4-different", "the-demo-key", "django-insecure"],
)
def test_debug_off_refuses_a_short_or_demo_secret_key_naming_the_variable(sleutel, reden):
    uit = _django("pass", DEBUG="false", SECRET_KEY=sleutel)
    assert uit.returncode != 0
    assert "ImproperlyConfigured" in uit.stderr and reden in uit.stderr
    assert "at least 50 random characters" in uit.stderr


def test_debug_on_keeps_any_key_for_the_demo():
    uit = _django("from django.conf import settings; print(settings.SECRET_KEY)", SECRET_KEY="x")
    assert uit.returncode == 0, uit.stderr
    assert uit.stdout.strip() == "x"


def test_debug_off_with_a_secret_key_starts():
    uit = _django(
        "from django.conf import settings; print(settings.DEBUG)",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
    )
    assert uit.returncode == 0, uit.stderr
    assert uit.stdout.strip() == "False"


def test_nothing_set_means_the_sqlite_demo_in_dutch():
    uit = _django(
        "from django.conf import settings as s; "
        "print(s.DEBUG, s.DATABASES['default']['ENGINE'], s.LANGUAGE_CODE, s.TIME_ZONE)"
    )
    assert uit.returncode == 0, uit.stderr
    assert uit.stdout.split()[0] == "True"
    assert uit.stdout.split()[1:] == ["django.db.backends.sqlite3", "nl-be", "Europe/Brussels"]


def test_the_roles_are_made_by_a_migration(db):
    assert sorted(Group.objects.values_list("name", flat=True)) == [
        "Coördinator",
        "Lid",
        "Secretariaat",
    ]


@pytest.mark.django_db(transaction=True)
def test_demo_creates_the_three_accounts_with_the_seed(settings):
    settings.DEBUG = True
    call_command("demo")
    call_command("demo")  # twice is harmless
    from django.contrib.auth import get_user_model

    accounts = {a.username: a for a in get_user_model().objects.all()}
    for naam in ["secretariaat", "coordinator", "jdejonckheere"]:
        assert accounts[naam].check_password("demo")
    johan = Deelnemer.objects.get_by_natural_key("Johan", "Dejonckheere")
    assert johan.account.username == "jdejonckheere"
    assert accounts["secretariaat"].is_staff and not accounts["jdejonckheere"].is_staff


def test_demo_refuses_when_debug_is_off(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("demo")


@pytest.mark.parametrize("taal", ["nl_BE", "en"])
def test_the_translation_has_no_empty_or_fuzzy_entry(taal):
    pad = ROOT / "locale" / taal / "LC_MESSAGES" / "django.po"
    entries = po_entries(pad)
    assert len(entries) > 100
    assert [e["msgid"] for e in entries if not all(e["msgstr"])] == []
    assert [e["msgid"] for e in entries if e["fuzzy"]] == []


@pytest.mark.parametrize("taal", ["nl_BE", "en"])
def test_the_compiled_translation_is_current(taal):
    gecompileerd, verwacht = mo_klopt_met_po(ROOT / "locale" / taal / "LC_MESSAGES")
    assert gecompileerd == verwacht


@pytest.mark.parametrize("taal", ["nl_BE", "en"])
def test_the_catalogue_holds_every_string_of_the_code(taal, tmp_path, settings, monkeypatch):
    """A string added to the code without `make messages` would show untranslated.

    makemessages writes into the `locale` folder it finds, so it runs on a copy.
    """
    import shutil

    kopie = tmp_path / "site"
    shutil.copytree(
        ROOT, kopie,
        ignore=shutil.ignore_patterns(".*", "tests", "build", "staticfiles", "*.sqlite3", "*.mo"),
    )  # fmt: skip
    settings.LOCALE_PATHS = [kopie / "locale"]
    monkeypatch.chdir(kopie)
    call_command("makemessages", locale=[taal], no_location=True, no_obsolete=True, verbosity=0)
    pad = Path(taal) / "LC_MESSAGES" / "django.po"
    in_code = {e["msgid"] for e in po_entries(kopie / "locale" / pad)}
    in_catalogus = {e["msgid"] for e in po_entries(ROOT / "locale" / pad)}
    assert in_code - in_catalogus == set(), "run `make messages` and translate"
    assert in_catalogus - in_code == set(), "obsolete entries: run `make messages`"


def test_the_wsgi_entry_point_freezes_what_it_loaded():
    """config/wsgi.py loads the views and moves the loaded site out of the collector's scans
    (gc.freeze): a large import or report in a worker then does not rescan it each time."""
    import gc
    import importlib

    gc.unfreeze()
    import config.wsgi

    importlib.reload(config.wsgi)
    try:
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()

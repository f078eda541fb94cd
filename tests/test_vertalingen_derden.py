"""Dutch for the third-party apps in the admin: django-axes and django-simple-history.

Neither ships an nl catalogue, so ``locale_derden/nl`` holds ours. It is not managed by
``make messages``: its msgids come from the installed apps, and these tests fail when an
upgrade of either app brings a string we do not translate yet.
"""

import ast
import gettext
import re
import shutil
import subprocess
from pathlib import Path

import axes
import django
import pytest
import simple_history
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation.template import templatize

from tests.po import mo_klopt_met_po, po_entries
from werkgroep.models import Vergadering

ROOT = Path(__file__).resolve().parent.parent
MAP = ROOT / "locale_derden" / "nl" / "LC_MESSAGES"
PO = MAP / "django.po"
APPS = {"axes": Path(axes.__file__).parent, "simple_history": Path(simple_history.__file__).parent}


def _sleutel(entry: dict) -> tuple:
    return entry["msgctxt"], entry["msgid"], entry["msgid_plural"]


def _onze() -> dict[tuple, list[str]]:
    return {_sleutel(e): e["msgstr"] for e in po_entries(PO)}


# Argument positions of the gettext family: (context, singular, plural).
_GETTEXT = {
    **dict.fromkeys(["_", "gettext", "gettext_lazy", "gettext_noop"], (None, 0, None)),
    **dict.fromkeys(["ngettext", "ngettext_lazy"], (None, 0, 1)),
    **dict.fromkeys(["pgettext", "pgettext_lazy"], (0, 1, None)),
    **dict.fromkeys(["npgettext", "npgettext_lazy"], (0, 1, 2)),
}


def _tekst(knoop: ast.expr) -> str | None:
    """The literal text of an argument; an f-string as xgettext reads it ("{count}")."""
    if isinstance(knoop, ast.Constant) and isinstance(knoop.value, str):
        return knoop.value
    if isinstance(knoop, ast.JoinedStr):
        return "".join(
            d.value if isinstance(d, ast.Constant) else "{" + ast.unparse(d.value) + "}"
            for d in knoop.values
        )
    return None


def _sleutel_uit(posities: tuple, args: list) -> tuple | None:
    teksten = [None if p is None or p >= len(args) else args[p] for p in posities]
    if any(t is None for p, t in zip(posities, teksten, strict=True) if p is not None):
        return None  # a variable, e.g. {% trans column %}: nothing to translate in advance
    return tuple(teksten)


def _msgids_in_python(pad: Path) -> set[tuple]:
    gevonden = set()
    for knoop in ast.walk(ast.parse(pad.read_text(encoding="utf-8"))):
        if not isinstance(knoop, ast.Call):
            continue
        naam = getattr(knoop.func, "id", None) or getattr(knoop.func, "attr", None)
        if naam in _GETTEXT:
            sleutel = _sleutel_uit(_GETTEXT[naam], [_tekst(a) for a in knoop.args])
            if sleutel:
                gevonden.add(sleutel)
    return gevonden


_LITERAAL = r"""u?(?:'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")"""
_OPROEP = re.compile(rf"\b(n?p?gettext)\(\s*((?:{_LITERAAL}\s*,\s*)*{_LITERAAL})")


def _msgids_in_sjabloon(pad: Path) -> set[tuple]:
    """Django's own makemessages step: templatize, then read the gettext calls it writes."""
    gevonden = set()
    for naam, args in _OPROEP.findall(templatize(pad.read_text(encoding="utf-8"), origin=pad)):
        teksten = [ast.literal_eval(a) for a in re.findall(_LITERAAL, args)]
        sleutel = _sleutel_uit(_GETTEXT[naam], teksten)
        if sleutel:
            gevonden.add(sleutel)
    return gevonden


# (a) the catalogue itself


def test_the_catalogue_has_no_empty_or_fuzzy_entry():
    entries = po_entries(PO)
    assert len(entries) >= 60
    assert [e["msgid"] for e in entries if not e["msgstr"] or not all(e["msgstr"])] == []
    assert [e["msgid"] for e in entries if e["fuzzy"]] == []
    assert [e["msgid"] for e in entries if e["msgid_plural"] and len(e["msgstr"]) != 2] == []


def test_the_header_declares_utf8_and_dutch_plurals():
    kop = PO.read_text(encoding="utf-8").split("\n\n")
    kop = next(blok for blok in kop if 'msgid ""\nmsgstr ""' in blok)
    assert "charset=UTF-8" in kop
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in kop
    assert "#, fuzzy" not in kop


_PLAATSHOUDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")


def test_every_translation_keeps_the_placeholders():
    fout = []
    for e in po_entries(PO):
        bronnen = [e["msgid"]] if e["msgid_plural"] is None else [e["msgid"], e["msgid_plural"]]
        for bron, vertaling in zip(bronnen, e["msgstr"], strict=True):
            if sorted(_PLAATSHOUDER.findall(bron)) != sorted(_PLAATSHOUDER.findall(vertaling)):
                fout.append((bron, vertaling))
    assert fout == []


@pytest.mark.skipif(not shutil.which("msgfmt"), reason="gettext's msgfmt is not installed")
def test_msgfmt_accepts_the_catalogue():
    uit = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(PO)], capture_output=True, text=True
    )
    assert uit.returncode == 0, uit.stderr


def test_the_compiled_translation_is_current():
    gecompileerd, verwacht = mo_klopt_met_po(MAP)
    assert gecompileerd == verwacht


# (b) nothing of the installed apps is missing


@pytest.mark.parametrize("app", sorted(APPS))
def test_every_msgid_of_the_apps_own_catalogues_is_ours_too(app):
    catalogi = sorted(APPS[app].glob("locale/*/LC_MESSAGES/django.po"))
    assert catalogi, f"{app} ships no .po files any more: compare with its source only"
    hunne = {_sleutel(e) for pad in catalogi for e in po_entries(pad)}
    assert sorted(hunne - set(_onze()), key=str) == []


@pytest.mark.parametrize("app", sorted(APPS))
def test_every_msgid_in_the_apps_source_is_ours_too(app):
    bron = set()
    for pad in APPS[app].rglob("*.py"):
        bron |= _msgids_in_python(pad)
    for pad in [*APPS[app].rglob("templates/**/*.html"), *APPS[app].rglob("templates/**/*.txt")]:
        bron |= _msgids_in_sjabloon(pad)
    assert len(bron) > 10
    assert sorted(bron - set(_onze()), key=str) == []


def test_strings_shared_with_other_catalogues_keep_their_current_dutch():
    """LOCALE_PATHS outranks every app, so a msgid such as "Home" or "Yes" that Django's admin
    already translates must read the same here, or we would change the admin's wording."""
    catalogi = []  # in Django's order of precedence: INSTALLED_APPS first to last, then Django
    mappen = [Path(a.path) for a in apps.get_app_configs()]
    mappen.append(Path(django.__file__).parent / "conf")
    for pad in mappen:
        for taal in ["nl_BE", "nl"]:
            mo = pad / "locale" / taal / "LC_MESSAGES" / "django.mo"
            if mo.exists():
                with open(mo, "rb") as bestand:
                    catalogi.append(gettext.GNUTranslations(bestand)._catalog)
    verschillen = []
    for (context, msgid, meervoud), vertalingen in _onze().items():
        sleutel = msgid if context is None else f"{context}\x04{msgid}"
        for catalogus in catalogi:
            if meervoud is None and sleutel in catalogus:
                if catalogus[sleutel] != vertalingen[0]:
                    verschillen.append((msgid, catalogus[sleutel], vertalingen[0]))
                break
            if meervoud is not None and (sleutel, 0) in catalogus:
                hunne = [catalogus[(sleutel, i)] for i in range(len(vertalingen))]
                if hunne != vertalingen:
                    verschillen.append((msgid, hunne, vertalingen))
                break
    assert verschillen == []


# (c) the admin really speaks Dutch — needs locale_derden in settings.LOCALE_PATHS


def test_the_settings_include_the_third_party_catalogue():
    paden = [Path(p).resolve() for p in settings.LOCALE_PATHS]
    eigen, derden = (ROOT / "locale").resolve(), (ROOT / "locale_derden").resolve()
    assert derden in paden
    assert paden.index(eigen) < paden.index(derden)  # our own catalogue keeps the last word


def test_the_axes_models_speak_dutch_in_nl_be():
    with translation.override("nl-be"):
        assert str(AccessAttempt._meta.verbose_name_plural) == "toegangspogingen"
        assert str(AccessLog._meta.verbose_name_plural) == "toegangslogboeken"
        assert str(AccessFailureLog._meta.verbose_name_plural) == "mislukte toegangspogingen"
        assert str(AccessAttempt._meta.get_field("username").verbose_name) == "Gebruikersnaam"
        assert str(AccessAttempt._meta.get_field("attempt_time").verbose_name) == (
            "Tijdstip van poging"
        )


def test_the_history_strings_speak_dutch_in_nl_be():
    with translation.override("nl-be"):
        assert translation.gettext("History") == "Geschiedenis"
        assert translation.gettext("Change history: %s") == "Wijzigingsgeschiedenis: %s"
        assert translation.gettext("Revert") == "Terugzetten"
        assert translation.gettext("Change reason") == "Reden van wijziging"
        assert translation.ngettext("entry", "entries", 2) == "vermeldingen"
        assert translation.gettext("Te scoren") == "Te scoren"  # our own catalogue still wins


def test_english_is_untouched():
    with translation.override("en"):
        assert str(AccessAttempt._meta.verbose_name_plural) == "access attempts"
        assert translation.gettext("Revert") == "Revert"
        assert translation.gettext("Te scoren") == "To score"


def test_the_secretariat_sees_dutch_in_the_axes_and_history_pages(client_van, secretariaat, seed):
    client = client_van(secretariaat)

    index = client.get(reverse("admin:index")).content.decode()
    assert "Toegangspogingen" in index and "Access attempts" not in index

    AccessAttempt.objects.create(
        username="jdejonckheere", ip_address="10.0.0.1", user_agent="test", http_accept="*/*",
        path_info="/", get_data="", post_data="", failures_since_start=1,
    )  # fmt: skip
    pogingen = client.get(reverse("admin:axes_accessattempt_changelist")).content.decode()
    assert "Selecteer toegangspoging om te wijzigen" in pogingen
    assert "Verlopen pogingen opruimen" in pogingen  # the action
    assert "Tijdstip van poging" in pogingen and "poging(en) over" in pogingen  # the columns

    vergadering = Vergadering.objects.first()
    vergadering.save()  # one history record to list
    historiek = client.get(reverse("admin:werkgroep_vergadering_history", args=[vergadering.pk]))
    inhoud = historiek.content.decode()
    assert "Gewijzigd door" in inhoud and "Reden van wijziging" in inhoud
    assert "Changed by" not in inhoud

    versie = vergadering.history.first()
    url = reverse("admin:werkgroep_vergadering_simple_history", args=[vergadering.pk, versie.pk])
    inhoud = client.get(url).content.decode()
    assert 'value="Terugzetten"' in inhoud and 'value="Revert"' not in inhoud


@pytest.mark.django_db
def test_the_passkey_scripts_say_every_message_in_the_sites_dutch(client, lid):
    """django-otp-webauthn's scripts show their own messages (adding a passkey, confirming
    with one). Its nl catalogue says "je"; ``djangojs.po`` here says each one with "u", and
    the catalogue the scripts load serves ours. An upgrade with a new message fails here."""
    import json

    import django_otp_webauthn

    bron = Path(django_otp_webauthn.__file__).parent / "locale" / "nl" / "LC_MESSAGES"
    onze = {e["msgid"]: e["msgstr"][0] for e in po_entries(MAP / "djangojs.po")}
    assert {e["msgid"] for e in po_entries(bron / "djangojs.po")} <= set(onze)
    with open(MAP / "djangojs.mo", "rb") as mo:  # compiled: msgfmt --check -o djangojs.mo
        gecompileerd = gettext.GNUTranslations(mo)
    assert {m: gecompileerd.gettext(m) for m in onze} == onze
    client.force_login(lid)
    catalogus = client.get(
        reverse("otp_webauthn:js-i18n-catalog"), HTTP_ACCEPT_LANGUAGE="nl-be"
    ).content.decode()
    for msgid, tekst in onze.items():
        assert tekst and not re.search(r"\bje\b", tekst, re.IGNORECASE), msgid
        assert json.dumps(tekst) in catalogus, msgid

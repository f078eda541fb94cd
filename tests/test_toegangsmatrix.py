"""Every URL of the site and the admin, for every role, with the answer each must get.

A URL that is added without an entry here fails the test: decide who may see it.

An answer is a status (200, 403, 404, 405), ``AANMELDEN`` — a redirect to the login page
(the site's or the admin's) that comes back here (``?next=`` this URL) —, or ``Naar(path)``,
a redirect anywhere else. A login redirect is never mistaken for another 302, and every page
is requested for real: an exception fails the test, no URL is skipped.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.http import HttpResponseRedirect
from django.shortcuts import resolve_url
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from projecten.models import Product
from rapportage import lijsten
from tests import bouwers
from validering.models import Subgroep
from werkgroep import rollen
from werkgroep.models import Organisatie, Vergadering
from werkgroep.services import kalendersleutel_geven

ROLLEN = ["anoniem", "lid_a", "lid_b", "coordinator", "secretariaat"]


@dataclass(frozen=True)
class Naar:
    """A redirect (302) elsewhere than the login page, to ``pad``."""

    pad: str


AANMELDEN = "aanmelden"  # a redirect to the login page, which returns here after
L, N, D, F, M = AANMELDEN, 404, 403, 200, 405  # log in, not found, denied, fine, method
GEWEIGERD = {L, N, D}
NAAR_2006 = Naar("/vergaderingen/2006/")  # the meetings of the seed's last year
NAAR_ADMIN = Naar("/admin/")
NAAR_DEELNEMERS = Naar("/deelnemers/")
NAAR_KOSTEN_2006 = Naar("/werkgroepen/regierol-van-de-lokale-besturen/kosten/2006/")
NAAR_JAARVERSLAGEN = Naar("/werkgroepen/regierol-van-de-lokale-besturen/jaarverslag/")


def _alle(uitkomst):
    return dict.fromkeys(ROLLEN, uitkomst)


def _rollen(anoniem, lid_a, lid_b, coordinator, secretariaat):
    return dict(zip(ROLLEN, [anoniem, lid_a, lid_b, coordinator, secretariaat], strict=True))


# name -> expected answer per role. lid_a: Johan Dejonckheere (Werk.waardig);
# lid_b: Michel Bortels (Local Mobility Works); both members of the seed's group.
SITE = {
    "login": _alle(F),
    "logout": _rollen(L, M, M, M, M),
    "password_change": _rollen(L, F, F, F, F),
    "password_change_done": _rollen(L, F, F, F, F),
    "password_reset": _alle(F),
    "password_reset_done": _alle(F),
    "password_reset_confirm": _alle(F),
    "password_reset_complete": _alle(F),
    "site:profiel": _rollen(L, F, F, F, F),  # one's own account: every logged-in user
    "set_language": _alle(Naar("/")),  # GET changes nothing and goes home
    "site:home": _rollen(L, F, F, F, F),
    "site:zoeken": _rollen(L, F, F, F, F),  # each finds only what it may see (tests/test_zoeken.py)
    # The navigation's ways into the one group's ledger (latest year with costs) and reports.
    "site:kosten": _rollen(L, N, N, NAAR_KOSTEN_2006, NAAR_KOSTEN_2006),
    "site:verslagen": _rollen(L, N, N, NAAR_JAARVERSLAGEN, NAAR_JAARVERSLAGEN),
    "werkgroep:werkgroep_detail": _rollen(L, F, F, F, F),
    "validering:validering_sessies": _rollen(L, F, F, F, F),
    "werkgroep:vergaderingen": _rollen(L, NAAR_2006, NAAR_2006, NAAR_2006, NAAR_2006),
    "werkgroep:vergaderingen_jaar": _rollen(L, F, F, F, F),
    "werkgroep:vergadering_detail": _rollen(L, F, F, F, F),
    # issue 25: planning a meeting on the site, the secretariat's (its form, the copy of
    # the last one, the guard: tests/werkgroep/test_vergadering_plannen.py).
    "werkgroep:vergadering_nieuw": _rollen(L, N, N, N, F),
    "werkgroep:vergadering_bewerken": _rollen(L, N, N, N, F),
    # Cancelled, or going ahead after all (tests/werkgroep/test_vergadering_afgelasten.py).
    "werkgroep:vergadering_afgelasten": _rollen(L, N, N, N, F),
    "werkgroep:vergadering_gaat_toch_door": _rollen(L, N, N, N, F),
    "werkgroep:deelnemers": _rollen(L, F, F, F, F),
    "werkgroep:organisaties": _rollen(L, F, F, F, F),
    # One row of those lists: the page holding it. A participant of no group of theirs: 404.
    "werkgroep:deelnemer": _rollen(L, N, N, NAAR_DEELNEMERS, NAAR_DEELNEMERS),
    "werkgroep:organisatie": _rollen(L, *[Naar("/organisaties/")] * 4),
    "werkgroep:kalender": _rollen(L, F, F, F, F),
    "werkgroep:kalender_feed": _alle(F),  # the secret in the URL is the key
    "projecten:projecten": _rollen(L, F, F, F, F),
    "projecten:fiche": _rollen(L, F, N, F, F),
    "projecten:fiche_indienen": _rollen(L, F, N, D, D),  # only who edits the fiche submits it
    "projecten:fiche_pdf": _rollen(L, F, N, F, F),
    "projecten:fiche_versies": _rollen(L, F, N, F, F),  # who reads the fiche compares its versions
    "validering:product_detail": _rollen(L, F, N, F, F),
    "validering:validering_sessie": _rollen(L, F, N, F, F),
    "validering:validering_rapport": _rollen(L, F, N, F, F),
    "validering:validering_scoren": _rollen(L, F, N, N, N),  # lid_a is the rapporteur here
    "validering:validering_scores_export": _rollen(L, N, N, F, F),
    "validering:validering_rondetafel": _rollen(L, N, N, F, F),
    "financien:kosten_grootboek": _rollen(L, N, N, F, F),
    "financien:kosten_xlsx": _rollen(L, N, N, F, F),
    "financien:kosten_controle": _rollen(L, N, N, N, F),
    "financien:kosten_koppelen": _rollen(L, M, M, M, M),
    "rapportage:jaarverslag_jaren": _rollen(L, N, N, F, F),
    "rapportage:jaarverslag": _rollen(L, N, N, F, F),
    "rapportage:jaarverslag_pdf": _rollen(L, N, N, F, F),
    "rapportage:jaarverslag_xlsx": _rollen(
        L, N, N, F, F
    ),  # a large report's full lists (the world's)
    "rapportage:themaverslag": _rollen(L, N, N, F, F),
    "rapportage:themaverslag_pdf": _rollen(L, N, N, F, F),
    "rapportage:themaverslag_xlsx": _rollen(L, N, N, F, F),
    "rapportage:verslag_wachten": _rollen(L, N, N, F, F),
    "rapportage:verslag_bestand": _rollen(L, N, N, F, F),
    # issue 15 C: attendance in one screen (the coordinator reads it, the secretariat
    # records; tests/werkgroep/test_aanwezigheid_scherm.py), the list to sign, and the
    # meeting's costs (tests/financien/test_kosten_vanuit_vergadering.py).
    "uitnodigingen:vergadering_aanwezigheid": _rollen(L, N, N, F, F),
    "uitnodigingen:aanwezigheidslijst_pdf": _rollen(L, N, N, F, F),
    "financien:vergadering_kosten": _rollen(L, N, N, F, F),
    # issue 15 A: inviting from the meeting page and the failed mail are the secretariat's
    # (tests/uitnodigingen); the reply link needs no login: the world's invitation is to a
    # past meeting, so its link has expired (410; a valid one: tests/uitnodigingen).
    "uitnodigingen:uitnodigen": _rollen(L, N, N, N, F),
    "uitnodigingen:uitnodiging_antwoord": _alle(410),
    "uitnodigingen:mislukte_mails": _rollen(L, N, N, N, F),
    "uitnodigingen:mail_opnieuw": _rollen(L, M, M, M, M),
    # issue 21: one invited person's mail sent again (the secretariat, tests/uitnodigingen).
    "uitnodigingen:opnieuw_uitnodigen": _rollen(L, M, M, M, M),
    # issue 15 B: minutes sent for approval (december 2006) are read by lid_b, who was
    # present, by the coordinator and the secretariat; approved ones (October/November) as
    # a PDF by all who see the meeting; a meeting's file likewise (tests/vergaderstukken).
    "vergaderstukken:notulen": _rollen(L, N, F, F, F),
    "vergaderstukken:notulen_status": _rollen(L, M, M, M, M),
    "vergaderstukken:besluit_toevoegen": _rollen(L, M, M, M, M),
    "vergaderstukken:actie_toevoegen": _rollen(L, M, M, M, M),
    "vergaderstukken:actie_afhandelen": _rollen(L, M, M, M, M),
    "vergaderstukken:vergaderstuk_toevoegen": _rollen(L, M, M, M, M),
    "vergaderstukken:vergaderstuk": _rollen(L, F, F, F, F),
    "vergaderstukken:notulen_pdf": _rollen(L, F, F, F, F),
    # issue 26: the privacy statement is everyone's to read, also without an account (an
    # invitee with only a reply link); the secretariat edits it (tests/persoonsgegevens).
    "persoonsgegevens:privacy": _alle(F),
    "persoonsgegevens:privacy_bewerken": _rollen(L, N, N, N, F),
    # issue 26 item 5: one's own second factors (tests/tweestaps). The world's accounts have
    # none, so the second step has nothing to ask and goes on to the home page.
    "tweestaps:bevestigen": _rollen(L, *[Naar("/")] * 4),
    "tweestaps:instellen": _rollen(L, F, F, F, F),
    "tweestaps:app_toevoegen": _rollen(L, M, M, M, M),
    "tweestaps:app_bevestigen": _rollen(L, M, M, M, M),
    "tweestaps:app_verwijderen": _rollen(L, M, M, M, M),
    "tweestaps:herstelcodes": _rollen(L, M, M, M, M),
    "tweestaps:passkey_verwijderen": _rollen(L, M, M, M, M),
    "tweestaps:passkey_hernoemen": _rollen(L, M, M, M, M),
    # Passkeys (django-otp-webauthn's views): one's own, every account; the script's texts.
    "otp_webauthn:credential-registration-begin": _rollen(L, M, M, M, M),
    "otp_webauthn:credential-registration-complete": _rollen(L, M, M, M, M),
    "otp_webauthn:credential-authentication-begin": _rollen(L, M, M, M, M),
    "otp_webauthn:credential-authentication-complete": _rollen(L, M, M, M, M),
    "otp_webauthn:js-i18n-catalog": _rollen(L, F, F, F, F),
    # issue 26: the access log, the secretariat's (tests/kern/test_inzage.py).
    "kern:inzagelogboek": _rollen(L, N, N, N, F),
}

# The rule (``<app>/rules.py``) that answers each page, and the object it is asked about (a
# key of the wereld's "objecten"): the matrix above must say for each role what the rule
# says (let in, or refused). A page that only composes what one sees has no entry.
JAARVERSLAG = ("rapportage.jaarverslag_maken", None)
REGEL_PER_URL = {
    "site:kosten": ("financien.kosten_lezen", None),
    "site:verslagen": JAARVERSLAG,
    "werkgroep:werkgroep_detail": ("werkgroep.werkgroep_zien", "werkgroep"),
    "werkgroep:vergadering_detail": ("werkgroep.vergadering_zien", "vergadering"),
    "werkgroep:vergadering_nieuw": ("werkgroep.vergadering_plannen", None),
    "werkgroep:vergadering_bewerken": ("werkgroep.vergadering_plannen", None),
    "werkgroep:vergadering_afgelasten": ("werkgroep.vergadering_plannen", None),
    "werkgroep:vergadering_gaat_toch_door": ("werkgroep.vergadering_plannen", None),
    "werkgroep:deelnemer": ("werkgroep.deelnemer_zien", "deelnemer_buiten"),
    "projecten:fiche": ("projecten.fiche_lezen", "project"),
    "projecten:fiche_indienen": ("projecten.fiche_bewerken", "project"),
    "projecten:fiche_pdf": ("projecten.fiche_lezen", "project"),
    "projecten:fiche_versies": ("projecten.fiche_lezen", "project"),
    "validering:product_detail": ("validering.product_zien", "product"),
    "validering:validering_sessie": ("validering.sessie_zien", "sessie"),
    "validering:validering_rapport": ("validering.sessie_zien", "sessie"),
    "validering:validering_scoren": ("validering.subgroep_scoren", "subgroep"),
    "validering:validering_scores_export": ("validering.alle_sessies_zien", None),
    "validering:validering_rondetafel": ("validering.alle_sessies_zien", None),
    "financien:kosten_grootboek": ("financien.kosten_lezen", None),
    "financien:kosten_xlsx": ("financien.kosten_lezen", None),
    "financien:kosten_controle": ("financien.kosten_beheren", None),
    **dict.fromkeys(
        [
            "rapportage:jaarverslag_jaren",
            "rapportage:jaarverslag",
            "rapportage:jaarverslag_pdf",
            "rapportage:jaarverslag_xlsx",
            "rapportage:themaverslag",
            "rapportage:themaverslag_pdf",
            "rapportage:themaverslag_xlsx",
            "rapportage:verslag_wachten",
            "rapportage:verslag_bestand",
        ],
        JAARVERSLAG,
    ),  # fmt: skip
    "uitnodigingen:vergadering_aanwezigheid": ("werkgroep.aanwezigheid_zien", None),
    "uitnodigingen:aanwezigheidslijst_pdf": ("werkgroep.aanwezigheid_zien", None),
    "financien:vergadering_kosten": ("financien.kosten_lezen", None),
    "uitnodigingen:uitnodigen": ("uitnodigingen.uitnodigingen_sturen", None),
    "uitnodigingen:mislukte_mails": ("uitnodigingen.mislukte_mail_opvolgen", None),
    "vergaderstukken:notulen": ("vergaderstukken.notulen_lezen", "notulen_ter_goedkeuring"),
    "vergaderstukken:notulen_pdf": ("vergaderstukken.notulen_lezen", "notulen_goedgekeurd"),
    "vergaderstukken:vergaderstuk": ("werkgroep.vergadering_zien", "vergadering_december"),
    "persoonsgegevens:privacy_bewerken": ("persoonsgegevens.privacy_bewerken", None),
    "tweestaps:bevestigen": ("tweestaps.eigen_factoren_beheren", None),
    "tweestaps:instellen": ("tweestaps.eigen_factoren_beheren", None),
    "kern:inzagelogboek": ("kern.inzage_bekijken", None),
}
# Rules that answer no GET of their own: a POST, or a part of a page; where they are tested
# (each rule's allowed and refused case for every role: tests/test_regels.py).
REGELS_ELDERS = {
    "werkgroep.alles_zien": "home's list of every group; the wide querysets (test_regels.py)",
    "werkgroep.aanwezigheid_opnemen": "POST: tests/werkgroep/test_aanwezigheid_scherm.py",
    "werkgroep.deelnemers_beheren": "a link on the invite page (tests/test_regels.py)",
    "projecten.fiches_lezen": "part of projecten.fiche_lezen (the fiche's pages above)",
    "projecten.fiches_beoordelen": "POST: tests/projecten/test_beoordelen.py",
    "validering.rapporteur_kiezen": "POST: tests/validering/test_sessie.py",
    "financien.kosten_toevoegen": "POST: tests/financien/test_kosten_vanuit_vergadering.py",
    "uitnodigingen.antwoorden_zien": "the meeting page's replies: tests/uitnodigingen",
    "vergaderstukken.notulen_schrijven": "POST (ALLEEN_POST): tests/vergaderstukken",
    "vergaderstukken.stukken_opladen": "POST (ALLEEN_POST): tests/vergaderstukken",
    "validering.scores_zien": "a part of the session page and its report: tests/test_regels.py",
    "vergaderstukken.alle_notulen_lezen": (
        "the search's minutes (tests/vergaderstukken/test_verslag_in_notulen.py)"
    ),
    "persoonsgegevens.uitvoeren": "an admin action: tests/persoonsgegevens/test_export.py",
    "persoonsgegevens.wissen": "admin actions and pages: tests/persoonsgegevens/test_wissen.py",
    "tweestaps.factoren_herstellen": (
        "an admin action and page (ADMIN above): tests/tweestaps/test_herstellen.py"
    ),
}

# Pages open to everyone: no permission to test, only that they answer.
OPENBAAR = {
    "login",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "set_language",
    # the secret in the URL is the key (tests/werkgroep/test_kalender.py)
    "werkgroep:kalender_feed",
    # the signature in the URL is the key (tests/uitnodigingen)
    "uitnodigingen:uitnodiging_antwoord",
    # the privacy statement (AVG art. 13): tests/persoonsgegevens/test_privacy.py
    "persoonsgegevens:privacy",
}
# POST only: a GET proves the login and that nothing happens; who may POST is tested where
# the POST is.
ALLEEN_POST = {
    "logout": "any logged-in account logs out",
    "financien:kosten_koppelen": "tests/financien/test_grootboek.py",
    "uitnodigingen:mail_opnieuw": "tests/uitnodigingen/test_mail.py",
    "uitnodigingen:opnieuw_uitnodigen": "tests/uitnodigingen/test_uitnodigen.py",
    # issue 15 B
    "vergaderstukken:notulen_status": "tests/vergaderstukken/test_notulen.py",
    "vergaderstukken:besluit_toevoegen": "tests/vergaderstukken/test_notulen.py",
    "vergaderstukken:actie_toevoegen": "tests/vergaderstukken/test_notulen.py",
    "vergaderstukken:actie_afhandelen": "tests/vergaderstukken/test_notulen.py",
    "vergaderstukken:vergaderstuk_toevoegen": "tests/vergaderstukken/test_stukken.py",
    # issue 26 item 5: one's own second factors, every account (tests/tweestaps).
    "tweestaps:app_toevoegen": "tests/tweestaps/test_tweestaps.py",
    "tweestaps:app_bevestigen": "tests/tweestaps/test_tweestaps.py",
    "tweestaps:app_verwijderen": "tests/tweestaps/test_tweestaps.py",
    "tweestaps:herstelcodes": "tests/tweestaps/test_tweestaps.py",
    "tweestaps:passkey_verwijderen": "tests/tweestaps/test_passkeys.py",
    "tweestaps:passkey_hernoemen": "tests/tweestaps/test_passkey_naam.py",
    "otp_webauthn:credential-registration-begin": "tests/tweestaps/test_passkeys.py",
    "otp_webauthn:credential-registration-complete": "tests/tweestaps/test_passkeys.py",
    "otp_webauthn:credential-authentication-begin": "tests/tweestaps/test_passkeys.py",
    "otp_webauthn:credential-authentication-complete": "tests/tweestaps/test_passkeys.py",
    "process_import": (
        "the import's confirm step, posted by every role: "
        "tests/werkgroep/test_import_export.py::test_only_who_may_import_confirms_a_previewed_import"
    ),
}

# Admin pages other than the per-model ones.
ADMIN = {
    "index": _rollen(L, L, L, F, F),
    "login": _rollen(F, F, F, NAAR_ADMIN, NAAR_ADMIN),  # staff already in
    "logout": _rollen(L, NAAR_ADMIN, NAAR_ADMIN, M, M),  # a member: to the index, then login
    "auth_user_password_change": _rollen(L, L, L, D, F),
    "password_change": _rollen(L, L, L, F, F),
    "password_change_done": _rollen(L, L, L, F, F),
    "jsi18n": _rollen(L, L, L, F, F),
    "autocomplete": _rollen(L, L, L, F, F),  # a meeting's speaker, as the agenda form asks
    "view_on_site": _rollen(L, L, L, N, N),  # no model has a page of its own on the site
    "app_list": _rollen(L, L, L, F, F),
    # issue 26 item 2: forgetting a person, asked and confirmed by the secretariat (rule
    # persoonsgegevens.wissen; the second member: tests/persoonsgegevens/test_wissen.py).
    "persoonsgegevens_wisverzoek_aanvragen": _rollen(L, L, L, D, F),
    "persoonsgegevens_wisverzoek_bevestigen": _rollen(L, L, L, D, F),
    # issue 26 item 5: another account's lost second factor, the secretariat's (rule
    # tweestaps.factoren_herstellen; its POST, one's own and a superuser's:
    # tests/tweestaps/test_herstellen.py).
    "auth_user_tweestaps_herstellen": _rollen(L, L, L, D, F),
}
ADMIN_OPENBAAR = {"login"}

# The matrix GETs each page; the export's POST (the file itself) by every role is in
# tests/werkgroep/test_import_export.py (test_only_who_may_export_gets_the_file_…).
MODEL_ACTIES = ["changelist", "add", "change", "delete", "history", "import", "export"]
MODEL_ACTIES += ["process_import", "importtaak"]
MET_OBJECT = {"change", "delete", "history"}
MODELLEN = list(admin.site._registry)


def _patronen(patronen, voorvoegsel="", naamruimte=""):
    """Every named URL as (path pattern, name with its namespace: ``werkgroep:kalender``)."""
    for p in patronen:
        if isinstance(p, URLResolver):
            ruimte = f"{naamruimte}{p.namespace}:" if p.namespace else naamruimte
            yield from _patronen(p.url_patterns, voorvoegsel + str(p.pattern), ruimte)
        elif isinstance(p, URLPattern) and p.name:
            yield voorvoegsel + str(p.pattern), naamruimte + p.name


def _admin_namen() -> set[str]:
    return {
        n.removeprefix("admin:")
        for p, n in _patronen(get_resolver().url_patterns)
        if p.startswith("admin/")
    }


def _acties(model) -> list[str]:
    """The admin pages this model has (import and export only where the admin offers them)."""
    namen = _admin_namen()
    voorvoegsel = f"{model._meta.app_label}_{model._meta.model_name}_"
    return [actie for actie in MODEL_ACTIES if voorvoegsel + actie in namen]


# Exports of a person's data and requests to forget them: made by those steps, never by hand.
VERZOEKEN = {"persoonsgegevens.Uitvoer", "persoonsgegevens.Wisverzoek"}


def _admin_model_verwachting(model, actie):
    """Per-model admin pages by rule: the coordinator reads and exports, the secretariat all."""
    label = model._meta.app_label
    eigen = label in rollen.PROJECT_APPS
    if model._meta.label in VERZOEKEN:  # records, read by the secretariat's rule
        return _rollen(L, L, L, D, F if actie in {"changelist", "change", "history"} else D)
    if actie == "process_import":
        return _rollen(L, L, L, M, M)  # POST only
    if actie == "importtaak":
        return _rollen(L, L, L, D, N)  # a background import's page: its importer's alone
    if label == "axes" and actie == "add":
        return _rollen(L, L, L, D, D)  # lockouts are made by failed logins, not by hand
    # Groups: only a superuser.
    secretariaat = D if not eigen and label != "axes" and model._meta.label != "auth.User" else F
    if model._meta.label == "werkgroep.Adresconflict" and actie == "add":
        secretariaat = D  # reported by the migration or a link, never typed in
    if model._meta.label == "kern.Inzage":
        # The access log: the secretariat reads it, nobody writes it by hand.
        return _rollen(L, L, L, D, F if actie in {"changelist", "change", "history"} else D)
    if model._meta.label in {"validering.Score", "validering.Punt"} and actie in {"add", "delete"}:
        secretariaat = D  # scores and points change on their subgroup: one versioned save
    if not eigen:
        coordinator = D
    elif actie in {"changelist", "change", "history", "export"}:
        coordinator = F
    else:
        coordinator = D
    return _rollen(L, L, L, coordinator, secretariaat)


@pytest.fixture
def wereld(seed, coordinator, secretariaat, monkeypatch):
    """The seed, the five roles, and one record of every model the admin shows.

    PDFs are laid out by a stub: who may download them is the question here (their HTML is
    still rendered); the PDFs themselves are tested in tests/rapportage.
    """
    import weasyprint

    monkeypatch.setattr(weasyprint.HTML, "write_pdf", lambda *_a, **_k: b"%PDF-1.7 matrix")
    # Reports large enough to carry their full lists as a spreadsheet (rapportage.lijsten).
    monkeypatch.setattr(lijsten, "MAX_DEELNEMERS", 5)
    lid_a = bouwers.lid("Johan", "Dejonckheere")
    lid_b = bouwers.lid("Michel", "Bortels")
    sessie = bouwers.sessie_van_werkwaardig()
    subgroep = Subgroep.objects.filter(sessie=sessie).first()
    bouwers.rapporteur(subgroep, lid_a)
    bouwers.score(subgroep)
    bouwers.punt(subgroep)
    bouwers.budget(seed)
    bouwers.bedragplafond(seed)
    vergadering = Vergadering.objects.get(kenmerk="2006-06-06")
    bouwers.aanwezigheid(vergadering, lid_b.deelnemer)
    kalendersleutel_geven(account=secretariaat)
    bouwers.aanmeldsporen(lid_b.username)
    buiten = bouwers.maak_deelnemer(voornaam="Buiten", achternaam="Elke Groep")  # no member
    # issue 25: an address conflict the secretariat checks (read-only in the admin).
    from werkgroep.models import Adresconflict

    Adresconflict.objects.create(
        deelnemer=lid_b.deelnemer, account=lid_b, soort=Adresconflict.Soort.VERSCHILLEND,
        adres_deelnemer="michel@voorbeeld.be", adres_account="michel@oud.be",
    )  # fmt: skip
    # issue 15 A: an invitation (its reply link, its admin) and a mail that failed.
    from django.utils import timezone

    from tests.uitnodigingen.test_mail import mislukte_mail
    from uitnodigingen import links
    from uitnodigingen.models import Uitnodiging

    uitnodiging = Uitnodiging.objects.create(
        vergadering=vergadering, deelnemer=lid_a.deelnemer, email="johan@werkwaardig.be",
        uitgenodigd_op=timezone.now(),
    )  # fmt: skip
    mislukt = mislukte_mail()
    # issue 26: a record of the access log (its admin).
    from kern.models import Inzage

    Inzage.objects.create(
        account=coordinator, gebruikersnaam=coordinator.username, wat="Jaarverslag 2006 (PDF)",
        bron="rapportage:jaarverslag_pdf",
    )  # fmt: skip
    # issue 15 B: minutes sent for approval (a decision, an action) where lid_b was present,
    # approved minutes, a file; on the two meetings home lists first, which the walk of
    # tests/test_bereikbaarheid.py opens.
    from tests.vergaderstukken.conftest import tekstbestand_opladen
    from vergaderstukken import services as vergaderstukken_services

    december = Vergadering.objects.get(kenmerk="2006-12")
    najaar = Vergadering.objects.get(kenmerk="2006-10/2006-11")
    bouwers.aanwezigheid(december, lid_b.deelnemer)
    notulen, _ = vergaderstukken_services.notulen_opslaan(
        vergadering=december, gelezen_versie=0, tekst="Verslag.", door=secretariaat
    )
    vergaderstukken_services.besluit_toevoegen(vergadering=december, tekst="Een besluit")
    actie = vergaderstukken_services.actie_toevoegen(vergadering=december, omschrijving="Doen")
    vergaderstukken_services.notulen_ter_goedkeuring(notulen=notulen, door=secretariaat)
    # Approved minutes also on the first meeting of the secretariat's to-do list, which its
    # walk opens instead.
    for goed_te_keuren in (najaar, Vergadering.objects.get(kenmerk="2005-09-16")):
        goed, _ = vergaderstukken_services.notulen_opslaan(
            vergadering=goed_te_keuren, gelezen_versie=0, tekst="Verslag.", door=secretariaat
        )
        goed, _ = vergaderstukken_services.notulen_ter_goedkeuring(notulen=goed, door=secretariaat)
        vergaderstukken_services.notulen_goedkeuren(notulen=goed, door=secretariaat)
    stuk = tekstbestand_opladen(december, secretariaat)
    product = Product.objects.get(project__slug="werkwaardig", niet_genoemd_in_bron=True)
    from financien.models import Kostenpost
    from rapportage.taken import verslag_aanvragen
    from rapportage.verslag import Verslag

    # A report made (the immediate backend of the tests makes it at once): its waiting
    # page and its file.
    verslagbestand = verslag_aanvragen(Verslag.uit_periode("werkgroep", seed.slug, "2006"), "nl-be")
    # issue 26 item 2: an export of lid_b's data and a request to forget him.
    wisverzoek = bouwers.wisverzoek(lid_b.deelnemer, secretariaat)

    from vergaderstukken.models import Notulen

    return {
        "objecten": {
            "werkgroep": seed,
            "vergadering": vergadering,
            "vergadering_december": december,
            "deelnemer_buiten": buiten,
            "project": product.project,
            "product": product,
            "sessie": sessie,
            "subgroep": subgroep,
            "notulen_ter_goedkeuring": Notulen.objects.get(vergadering=december),
            "notulen_goedgekeurd": Notulen.objects.get(vergadering=najaar),
        },
        "users": {
            "anoniem": None,
            "lid_a": lid_a,
            "lid_b": lid_b,
            "coordinator": coordinator,
            "secretariaat": secretariaat,
        },
        "site_args": {
            "password_reset_confirm": ["MQ", "set-password"],
            "werkgroep:werkgroep_detail": [seed.slug],
            "werkgroep:vergaderingen_jaar": [2006],
            "werkgroep:vergadering_detail": [vergadering.pk],
            "werkgroep:vergadering_nieuw": [seed.slug],
            "werkgroep:vergadering_bewerken": [vergadering.pk],
            "werkgroep:vergadering_afgelasten": [vergadering.pk],
            "werkgroep:vergadering_gaat_toch_door": [vergadering.pk],
            "werkgroep:deelnemer": [buiten.pk],
            "werkgroep:organisatie": [Organisatie.objects.get(naam="HIVA").pk],
            "werkgroep:kalender_feed": [kalendersleutel_geven(account=lid_a).sleutel, seed.slug],
            "projecten:fiche": ["werkwaardig"],
            "projecten:fiche_indienen": ["werkwaardig"],
            "projecten:fiche_pdf": ["werkwaardig"],
            "projecten:fiche_versies": ["werkwaardig"],
            "validering:product_detail": ["werkwaardig", product.slug],
            "validering:validering_sessie": [sessie.pk],
            "validering:validering_rapport": [sessie.pk],
            "validering:validering_scoren": [subgroep.pk],
            "validering:validering_scores_export": [seed.slug, 2006, "csv"],
            "validering:validering_rondetafel": [seed.slug, 2006],
            "financien:kosten_grootboek": [seed.slug, 2006],
            "financien:kosten_xlsx": [seed.slug, 2006],
            "financien:kosten_koppelen": [
                Kostenpost.objects.get(vergadering_zoals_geschreven="27/01/06").pk
            ],
            "rapportage:jaarverslag_jaren": [seed.slug],
            "rapportage:jaarverslag": [seed.slug, 2006],
            "rapportage:jaarverslag_pdf": [seed.slug, 2006],
            "rapportage:jaarverslag_xlsx": [seed.slug, 2006],
            "rapportage:themaverslag": [seed.thema.slug, 2006],
            "rapportage:themaverslag_pdf": [seed.thema.slug, 2006],
            "rapportage:themaverslag_xlsx": [seed.thema.slug, 2006],
            "rapportage:verslag_wachten": [verslagbestand.pk],
            "rapportage:verslag_bestand": [verslagbestand.pk],
            # issue 15 C
            "uitnodigingen:vergadering_aanwezigheid": [vergadering.pk],
            "uitnodigingen:aanwezigheidslijst_pdf": [vergadering.pk],
            "financien:vergadering_kosten": [vergadering.pk],
            # issue 15 A
            "uitnodigingen:uitnodigen": [vergadering.pk],
            "uitnodigingen:uitnodiging_antwoord": [links.token(uitnodiging)],
            "uitnodigingen:mail_opnieuw": [mislukt.id],
            "uitnodigingen:opnieuw_uitnodigen": [vergadering.pk, uitnodiging.pk],
            # issue 15 B
            "vergaderstukken:notulen": [december.pk],
            "vergaderstukken:notulen_status": [december.pk],
            "vergaderstukken:besluit_toevoegen": [december.pk],
            "vergaderstukken:actie_toevoegen": [december.pk],
            "vergaderstukken:actie_afhandelen": [actie.pk],
            "vergaderstukken:vergaderstuk_toevoegen": [december.pk],
            "vergaderstukken:vergaderstuk": [stuk.pk],
            "vergaderstukken:notulen_pdf": [najaar.pk],
        },
        "admin_urls": {
            "app_list": reverse("admin:app_list", args=["werkgroep"]),
            "view_on_site": reverse(
                "admin:view_on_site",
                args=[ContentType.objects.get_for_model(Vergadering).pk, vergadering.pk],
            ),
            "auth_user_password_change": reverse(
                "admin:auth_user_password_change", args=[lid_a.pk]
            ),
            "persoonsgegevens_wisverzoek_aanvragen": reverse(
                "admin:persoonsgegevens_wisverzoek_aanvragen", args=[lid_b.deelnemer.pk]
            ),
            "persoonsgegevens_wisverzoek_bevestigen": reverse(
                "admin:persoonsgegevens_wisverzoek_bevestigen", args=[wisverzoek.pk]
            ),
            "auth_user_tweestaps_herstellen": reverse(
                "admin:auth_user_tweestaps_herstellen", args=[lid_a.pk]
            ),
            "autocomplete": reverse("admin:autocomplete")
            + "?app_label=werkgroep&model_name=agendapunt&field_name=spreker&term=De",
        },
    }


def _clients(wereld):
    return {rol: bouwers.aangemeld(user) for rol, user in wereld["users"].items()}


def _uitkomst(client, url):
    """The answer to a GET of ``url``: its status, AANMELDEN or Naar(path)."""
    antwoord = client.get(url)
    if antwoord.status_code != 302:
        return antwoord.status_code
    doel = urlsplit(antwoord["Location"])
    aanmeldpaginas = {resolve_url(settings.LOGIN_URL), reverse("admin:login")}
    if doel.path in aanmeldpaginas and parse_qs(doel.query).get("next") == [url]:
        return AANMELDEN
    return Naar(doel.path)


def _verschillen(clients, url, verwacht):
    gekregen = {rol: _uitkomst(clients[rol], url) for rol in ROLLEN}
    return {rol: (verwacht[rol], gekregen[rol]) for rol in ROLLEN if gekregen[rol] != verwacht[rol]}


def test_every_site_url_has_an_entry():
    namen = {
        naam
        for patroon, naam in _patronen(get_resolver().url_patterns)
        if not patroon.startswith("admin/")
    }
    assert namen - set(SITE) == set(), "new URLs: add them to SITE with the answer of each role"


def test_every_admin_url_has_a_rule():
    bekend = set(ADMIN)
    for model in MODELLEN:
        for actie in MODEL_ACTIES:
            bekend.add(f"{model._meta.app_label}_{model._meta.model_name}_{actie}")
    onbekend = {n for n in _admin_namen() - bekend if not n.endswith("_simple_history")}
    assert onbekend == set(), "new admin URLs: add a rule"


def _regels() -> dict[str, dict]:
    """Every rule of the matrix by name, the open and the POST-only pages left out."""
    regels = {f"site {n}": v for n, v in SITE.items() if n not in OPENBAAR | set(ALLEEN_POST)}
    regels |= {
        f"admin {n}": v for n, v in ADMIN.items() if n not in ADMIN_OPENBAAR | set(ALLEEN_POST)
    }
    for model in MODELLEN:
        for actie in _acties(model):
            if actie not in ALLEEN_POST:
                regels[f"admin {model._meta.label} {actie}"] = _admin_model_verwachting(
                    model, actie
                )
    return regels


# Rules that let none of the five roles in, and why (a refusal is all there is to test).
NIEMAND = {
    "admin view_on_site": "no model has a page of its own on the site",
    "admin werkgroep.Adresconflict add": "reported by the migration or a link, never typed in",
    **{
        f"admin auth.Group {actie}": "the roles are made by a migration; only a superuser"
        for actie in ["changelist", "add", "change", "delete", "history"]
    },
    **{
        f"admin {label} add": "made by failed logins, never by hand"
        for label in ["axes.AccessAttempt", "axes.AccessLog", "axes.AccessFailureLog"]
    },
    **{
        f"admin {label} {actie}": "a record of a person's request, made by the request itself"
        for label in VERZOEKEN
        for actie in ["add", "delete"]
    },
    **{
        f"admin validering.{model} {actie}": "changed on their subgroup, in one versioned save"
        for model in ["Score", "Punt"]
        for actie in ["add", "delete"]
    },
    **{
        f"admin kern.Inzage {actie}": "the access log is written by downloads, never by hand"
        for actie in ["add", "delete"]
    },
    **{
        f"admin {model._meta.label} importtaak": (
            "the matrix opens nobody's background import; its importer's own, and another "
            "account's refused: tests/kern/test_import_achtergrond.py"
        )
        for model in MODELLEN
        if "importtaak" in _acties(model)
    },
}


def test_every_rule_has_an_allowed_and_a_refused_case():
    """A rule that lets nobody in, or nobody out, says nothing about who may."""
    regels = _regels()
    assert {n for n, v in regels.items() if not GEWEIGERD & set(v.values())} == set()
    niemand = {n for n, v in regels.items() if all(u in GEWEIGERD or u == M for u in v.values())}
    assert niemand == set(NIEMAND)


def test_every_rule_answers_a_url_of_the_matrix_or_says_where_it_is_tested():
    import rules

    # persoonsgegevens, tweestaps: own pages, not project apps whose records the roles keep;
    # kern: the access log's page.
    apps = [*rollen.PROJECT_APPS, "persoonsgegevens", "tweestaps", "kern"]
    eigen = {naam for naam in rules.permissions.permissions if naam.split(".")[0] in apps}
    achter_een_url = {regel for regel, _obj in REGEL_PER_URL.values()}
    assert achter_een_url & set(REGELS_ELDERS) == set()
    assert eigen == achter_een_url | set(REGELS_ELDERS)
    assert set(REGEL_PER_URL) <= set(SITE)


def test_the_matrix_says_for_each_role_what_the_rule_of_the_url_says(wereld):
    """Let in by the rule is let in by the page, and refused is refused (404, 403 or the
    login page): the matrix's expectations are the rules', role by role."""
    from django.contrib.auth.models import AnonymousUser

    users = {rol: user or AnonymousUser() for rol, user in wereld["users"].items()}
    verschillen = {}
    for naam, (regel, sleutel) in REGEL_PER_URL.items():
        obj = wereld["objecten"][sleutel] if sleutel else None
        for rol in ROLLEN:
            mag = users[rol].has_perm(regel, obj)
            if mag != (SITE[naam][rol] not in GEWEIGERD):
                verschillen[(naam, rol)] = (regel, mag, SITE[naam][rol])
    assert verschillen == {}


def test_the_answer_tells_a_login_redirect_from_any_other_redirect(wereld):
    clients = _clients(wereld)
    assert _uitkomst(clients["anoniem"], "/") == AANMELDEN
    assert _uitkomst(clients["lid_a"], reverse("admin:index")) == AANMELDEN
    assert _uitkomst(clients["lid_a"], reverse("werkgroep:vergaderingen")) == NAAR_2006

    class NaarElders:
        """A login redirect that would not come back here is just another redirect."""

        def get(self, url):
            return HttpResponseRedirect(resolve_url(settings.LOGIN_URL) + "?next=/elders/")

    assert _uitkomst(NaarElders(), "/hier/") == Naar(resolve_url(settings.LOGIN_URL))


@pytest.mark.parametrize("naam", SITE)
def test_the_site_answers_each_role_as_the_matrix_says(wereld, naam):
    url = reverse(naam, args=wereld["site_args"].get(naam, []))
    assert _verschillen(_clients(wereld), url, SITE[naam]) == {}


@pytest.mark.parametrize("naam", ADMIN)
def test_the_admin_pages_answer_each_role_as_the_matrix_says(wereld, naam):
    url = wereld["admin_urls"].get(naam) or reverse(f"admin:{naam}")
    assert _verschillen(_clients(wereld), url, ADMIN[naam]) == {}


@pytest.mark.parametrize("model", MODELLEN, ids=lambda m: m._meta.label)
def test_each_model_admin_answers_each_role_as_the_rule_says(wereld, model):
    obj = model._default_manager.first()
    assert obj is not None, f"no {model._meta.label} to open: build one in the wereld fixture"
    clients = _clients(wereld)
    verschillen = {}
    for actie in _acties(model):
        args = [obj.pk] if actie in MET_OBJECT else []
        if actie == "importtaak":
            args = [0]  # nobody's; its owner: tests/kern/test_import_achtergrond.py
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{actie}", args=args)
        if fout := _verschillen(clients, url, _admin_model_verwachting(model, actie)):
            verschillen[actie] = fout
    assert verschillen == {}


@pytest.mark.parametrize("rol", ROLLEN)
def test_each_version_in_the_history_answers_each_role_as_the_history_does(wereld, rol):
    """The per-record pages of django-simple-history (view, and revert for the secretariat)."""
    from simple_history.admin import SimpleHistoryAdmin

    client = bouwers.aangemeld(wereld["users"][rol])
    verschillen, gezien = {}, 0
    for model, model_admin in admin.site._registry.items():
        if not isinstance(model_admin, SimpleHistoryAdmin):
            continue
        obj = model._default_manager.first()
        obj.save()  # a version to look at (the fixture loads without history)
        versie = obj.history.latest("history_date")
        naam = f"admin:{model._meta.app_label}_{model._meta.model_name}_simple_history"
        verwacht = _admin_model_verwachting(model, "history")[rol]
        gekregen = _uitkomst(client, reverse(naam, args=[obj.pk, versie.history_id]))
        gezien += 1
        if gekregen != verwacht:
            verschillen[naam] = (verwacht, gekregen)
    assert gezien == 4  # meetings, fiches, cost lines, subgroups
    assert verschillen == {}


def test_only_the_secretariat_may_revert_to_an_old_version(wereld):
    vergadering = Vergadering.objects.get(kenmerk="2006-06-06")
    oude_plaats = vergadering.plaats
    vergadering.save()
    oud = vergadering.history.latest("history_date")
    vergadering.plaats = "Elders"
    vergadering.save()
    url = reverse(
        "admin:werkgroep_vergadering_simple_history", args=[vergadering.pk, oud.history_id]
    )
    secretariaat = bouwers.aangemeld(wereld["users"]["secretariaat"])
    formulier = secretariaat.get(url).context["adminform"].form
    data = {k: v for k, v in formulier.initial.items() if v is not None}
    data["datum"] = str(vergadering.datum)
    for prefix in ("agendapunten", "aanwezigheden", "presentaties", "kostenposten"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})

    # The coordinator reads every version but may not restore one (simple-history would).
    assert bouwers.aangemeld(wereld["users"]["coordinator"]).post(url, data).status_code == 403
    vergadering.refresh_from_db()
    assert vergadering.plaats == "Elders"

    assert secretariaat.post(url, data).status_code == 302
    vergadering.refresh_from_db()
    assert vergadering.plaats == oude_plaats

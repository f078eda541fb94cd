"""Every URL of the site and the admin, for every role, with the answer each must get.

A URL that is added without an entry here fails the test: decide who may see it.
"""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from projecten.models import Product
from validering.models import Subgroep, Validatiesessie
from werkgroep import rollen
from werkgroep.models import Deelnemer, Vergadering
from werkgroep.services import account_aanmaken, kalendersleutel_geven

ROLLEN = ["anoniem", "lid_a", "lid_b", "coordinator", "secretariaat"]
L, N, D, F, M = (
    302,
    404,
    403,
    200,
    405,
)  # login redirect, not found, denied, fine, method not allowed


def _alle(status):
    return dict.fromkeys(ROLLEN, status)


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
    "set_language": _alle(302),
    "home": _rollen(L, F, F, F, F),
    "werkgroep_detail": _rollen(L, F, F, F, F),
    "vergaderingen": _rollen(L, 302, 302, 302, 302),
    "vergaderingen_jaar": _rollen(L, F, F, F, F),
    "vergadering_detail": _rollen(L, F, F, F, F),
    "deelnemers": _rollen(L, F, F, F, F),
    "organisaties": _rollen(L, F, F, F, F),
    "kalender": _rollen(L, F, F, F, F),
    "kalender_feed": _alle(F),  # the secret in the URL is the key
    "projecten": _rollen(L, F, F, F, F),
    "fiche": _rollen(L, F, N, F, F),
    "fiche_indienen": _rollen(L, F, N, D, D),  # only who edits the fiche submits it
    "fiche_pdf": _rollen(L, F, N, F, F),
    "product_detail": _rollen(L, F, N, F, F),
    "validering_sessie": _rollen(L, F, N, F, F),
    "validering_rapport": _rollen(L, F, N, F, F),
    "validering_scoren": _rollen(L, F, N, N, N),  # lid_a is the rapporteur here
    "validering_scores_export": _rollen(L, N, N, F, F),
    "validering_rondetafel": _rollen(L, N, N, F, F),
    "kosten_grootboek": _rollen(L, N, N, F, F),
    "kosten_xlsx": _rollen(L, N, N, F, F),
    "kosten_controle": _rollen(L, N, N, N, F),
    "kosten_koppelen": _rollen(L, M, M, M, M),  # POST only; POST is tested in test_grootboek
    "jaarverslag_jaren": _rollen(L, N, N, F, F),
    "jaarverslag": _rollen(L, N, N, F, F),
    "jaarverslag_pdf": _rollen(L, N, N, F, F),
}

# Admin pages other than the per-model ones.
ADMIN = {
    "index": _rollen(L, L, L, F, F),
    "login": _rollen(F, F, F, 302, 302),  # staff already in: on to the index
    "logout": _rollen(L, L, L, M, M),
    "auth_user_password_change": _rollen(L, L, L, D, F),
    "password_change": _rollen(L, L, L, F, F),
    "password_change_done": _rollen(L, L, L, F, F),
    "jsi18n": _rollen(L, L, L, F, F),
    "autocomplete": _rollen(L, L, L, 403, 403),  # needs its query parameters
    "view_on_site": _rollen(L, L, L, 404, 404),
    "app_list": _rollen(L, L, L, F, F),
}

MODEL_ACTIES = [
    "changelist",
    "add",
    "change",
    "delete",
    "history",
    "import",
    "export",
    "process_import",
]


def _patronen(patronen, voorvoegsel=""):
    for p in patronen:
        if isinstance(p, URLResolver):
            yield from _patronen(p.url_patterns, voorvoegsel + str(p.pattern))
        elif isinstance(p, URLPattern) and p.name:
            yield voorvoegsel + str(p.pattern), p.name


def _admin_model_verwachting(model, actie):
    """Per-model admin pages by rule: the coordinator reads and exports, the secretariat all."""
    label = model._meta.app_label
    eigen = label in rollen.PROJECT_APPS
    if actie == "process_import":
        return _rollen(L, L, L, M, M)  # POST only
    if label == "axes" and actie == "add":
        return _rollen(L, L, L, D, D)  # lockouts are made by failed logins, not by hand
    if not eigen and label != "axes" and model._meta.label != "auth.User":
        secretariaat = D  # groups: only a superuser
    else:
        secretariaat = F
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
def wereld(seed, coordinator, secretariaat):
    lid_a = account_aanmaken(
        gebruikersnaam="jdejonckheere", wachtwoord="x", rol=rollen.LID,
        deelnemer=Deelnemer.objects.get_by_natural_key("Johan", "Dejonckheere"),
    )  # fmt: skip
    lid_b = account_aanmaken(
        gebruikersnaam="mbortels", wachtwoord="x", rol=rollen.LID,
        deelnemer=Deelnemer.objects.get_by_natural_key("Michel", "Bortels"),
    )  # fmt: skip
    sessie = Validatiesessie.objects.get(vergadering__kenmerk="2006-06-06")
    subgroep = Subgroep.objects.filter(sessie=sessie).first()
    subgroep.rapporteur = lid_a.deelnemer
    subgroep.save()
    from financien.models import Kostenpost
    from validering.models import Punt, Score

    Score.objects.create(
        subgroep=subgroep, criterium=sessie.methodeversie.criteria.first(), score=3
    )
    Punt.objects.create(subgroep=subgroep, soort="knelpunt", tekst="Regie")
    from financien.models import Budget

    Budget.objects.create(werkgroep=seed, jaar=2006, bedrag="500.00")
    from werkgroep.models import Aanwezigheid, Kalendersleutel

    Aanwezigheid.objects.create(
        vergadering=Vergadering.objects.get(kenmerk="2006-06-06"), deelnemer=lid_b.deelnemer
    )
    Kalendersleutel.objects.get_or_create(account=secretariaat)
    product = Product.objects.get(project__slug="werkwaardig", niet_genoemd_in_bron=True)
    return {
        "users": {
            "anoniem": None,
            "lid_a": lid_a,
            "lid_b": lid_b,
            "coordinator": coordinator,
            "secretariaat": secretariaat,
        },
        "site_args": {
            "password_reset_confirm": ["MQ", "set-password"],
            "werkgroep_detail": [seed.slug],
            "vergaderingen_jaar": [2006],
            "vergadering_detail": [Vergadering.objects.get(kenmerk="2006-06-06").pk],
            "kalender_feed": [kalendersleutel_geven(account=lid_a).sleutel, seed.slug],
            "fiche": ["werkwaardig"],
            "fiche_indienen": ["werkwaardig"],
            "fiche_pdf": ["werkwaardig"],
            "product_detail": ["werkwaardig", product.slug],
            "validering_sessie": [sessie.pk],
            "validering_rapport": [sessie.pk],
            "validering_scoren": [subgroep.pk],
            "validering_scores_export": [seed.slug, 2006, "csv"],
            "validering_rondetafel": [seed.slug, 2006],
            "kosten_grootboek": [seed.slug, 2006],
            "kosten_xlsx": [seed.slug, 2006],
            "kosten_koppelen": [Kostenpost.objects.get(vergadering_zoals_geschreven="27/01/06").pk],
            "jaarverslag_jaren": [seed.slug],
            "jaarverslag": [seed.slug, 2006],
            "jaarverslag_pdf": [seed.slug, 2006],
        },
    }


def _client(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _status(client, url):
    antwoord = client.get(url)
    if antwoord.status_code == 302 and "login" in antwoord["Location"]:
        return L
    return antwoord.status_code


def test_every_site_url_has_an_entry():
    namen = {
        naam
        for patroon, naam in _patronen(get_resolver().url_patterns)
        if not patroon.startswith("admin/")
    }
    assert namen - set(SITE) == set(), "new URLs: add them to SITE with the answer of each role"


def test_every_admin_url_has_a_rule():
    bekend = set(ADMIN)
    for model in admin.site._registry:
        for actie in MODEL_ACTIES:
            bekend.add(f"{model._meta.app_label}_{model._meta.model_name}_{actie}")
    namen = {
        naam
        for patroon, naam in _patronen(get_resolver().url_patterns)
        if patroon.startswith("admin/")
    }
    onbekend = {n for n in namen - bekend if not n.endswith("_simple_history")}
    assert onbekend == set(), "new admin URLs: add a rule"


@pytest.mark.parametrize("rol", ROLLEN)
def test_the_site_answers_each_role_as_the_matrix_says(wereld, rol):
    client = _client(wereld["users"][rol])
    verschillen = {}
    for naam, verwacht in SITE.items():
        url = reverse(naam, args=wereld["site_args"].get(naam, []))
        gekregen = _status(client, url)
        if gekregen != verwacht[rol]:
            verschillen[naam] = (verwacht[rol], gekregen)
    assert verschillen == {}


@pytest.mark.parametrize("rol", ROLLEN)
def test_the_admin_answers_each_role_as_the_matrix_says(wereld, rol):
    client = _client(wereld["users"][rol])
    verschillen = {}
    for naam, verwacht in ADMIN.items():
        args = {
            "app_list": ["werkgroep"],
            "view_on_site": [1, 1],
            "auth_user_password_change": [wereld["users"]["lid_a"].pk],
        }.get(naam, [])
        gekregen = _status(client, reverse(f"admin:{naam}", args=args))
        if gekregen != verwacht[rol]:
            verschillen[naam] = (verwacht[rol], gekregen)
    for model in admin.site._registry:
        obj = model._default_manager.first()
        for actie in MODEL_ACTIES:
            naam = f"admin:{model._meta.app_label}_{model._meta.model_name}_{actie}"
            try:
                url = reverse(
                    naam, args=[obj.pk] if actie in {"change", "delete", "history"} and obj else []
                )
            except Exception:  # noqa: BLE001 - the model has no such page (no import, no object)
                continue
            verwacht = _admin_model_verwachting(model, actie)[rol]
            gekregen = _status(client, url)
            if gekregen != verwacht:
                verschillen[naam] = (verwacht, gekregen)
    assert verschillen == {}


@pytest.mark.parametrize("rol", ROLLEN)
def test_each_version_in_the_history_answers_each_role_as_the_history_does(wereld, rol):
    """The per-record pages of django-simple-history (view, and revert for the secretariat)."""
    from simple_history.admin import SimpleHistoryAdmin

    client = _client(wereld["users"][rol])
    verschillen, gezien = {}, 0
    for model, model_admin in admin.site._registry.items():
        if not isinstance(model_admin, SimpleHistoryAdmin):
            continue
        obj = model._default_manager.first()
        obj.save()  # a version to look at (the fixture loads without history)
        versie = obj.history.latest("history_date")
        naam = f"admin:{model._meta.app_label}_{model._meta.model_name}_simple_history"
        verwacht = _admin_model_verwachting(model, "history")[rol]
        gekregen = _status(client, reverse(naam, args=[obj.pk, versie.history_id]))
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
    formulier = _client(wereld["users"]["secretariaat"]).get(url).context["adminform"].form
    data = {k: v for k, v in formulier.initial.items() if v is not None}
    data["datum"] = str(vergadering.datum)
    for prefix in ("agendapunten", "aanwezigheden", "presentaties"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})

    # The coordinator reads every version but may not restore one (simple-history would).
    assert _client(wereld["users"]["coordinator"]).post(url, data).status_code == 403
    vergadering.refresh_from_db()
    assert vergadering.plaats == "Elders"

    assert _client(wereld["users"]["secretariaat"]).post(url, data).status_code == 302
    vergadering.refresh_from_db()
    assert vergadering.plaats == oude_plaats

"""Every admin change form refuses a stale save (kern/verouderd.py): two tabs, the site's
attendance screen beside the admin, and every admin of the registry guarded.

Each test opens the real change page, reads its form from the HTML (hidden snapshot and
inline rows included), changes what a person would, and posts it back.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib import admin
from django.contrib.messages import get_messages
from django.urls import reverse

from financien.models import Kostenpost
from kern.verouderd import VELD, BewaakteAdmin, BewaakteForm, BewaakteInline
from tests import bouwers
from tests.formulieren import formulier
from werkgroep import services
from werkgroep.models import (
    Aanwezigheid,
    Agendapunt,
    Deelnemer,
    Organisatie,
    Vergadering,
    Werkgroep,
)


def _url(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def _openen(client, obj) -> dict:
    antwoord = client.get(_url(obj))
    assert antwoord.status_code == 200
    return formulier(antwoord)


def _meldingen(antwoord) -> str:
    return " ".join(str(m) for m in get_messages(antwoord.wsgi_request))


def _fouten(antwoord) -> str:
    if antwoord.context is None:
        return str(antwoord)
    fouten = [antwoord.context["adminform"].form.errors]
    for inline in antwoord.context.get("inline_admin_formsets", []):
        fouten += [f.errors for f in inline.formset.forms] + [inline.formset.non_form_errors()]
    return str(fouten)


@pytest.fixture
def an(db):
    """A second secretariat account, whose saves come "in between"."""
    an = bouwers.secretariaat(gebruikersnaam="avermeulen")
    an.first_name, an.last_name = "An", "Vermeulen"
    an.save()
    return an


@pytest.fixture
def tabs(seed, secretariaat, an):
    """Two browser tabs: An's, and the secretariat's (the one that saves late)."""
    return bouwers.aangemeld(an), bouwers.aangemeld(secretariaat)


@pytest.fixture
def vergadering(seed) -> Vergadering:
    vergadering = Vergadering.objects.get(kenmerk="2006-06-06")  # a day: an hour fits
    Agendapunt.objects.create(vergadering=vergadering, volgorde=90, titel="Verwelkoming")
    for deelnemer in Deelnemer.objects.filter(lidmaatschappen__werkgroep=seed)[:2]:
        bouwers.aanwezigheid(vergadering, deelnemer, status=Aanwezigheid.Status.AANWEZIG)
    return vergadering


# ---- A meeting: two tabs -------------------------------------------------------------------


def test_two_tabs_changing_different_fields_of_a_meeting_both_keep_their_change(tabs, vergadering):
    tab1, tab2 = tabs
    eerst, later = _openen(tab1, vergadering), _openen(tab2, vergadering)
    eerst["plaats"] = "Leuven, Provinciehuis"
    assert tab1.post(_url(vergadering), eerst).status_code == 302
    later["aanvang"] = "14:30"
    antwoord = tab2.post(_url(vergadering), later)
    assert antwoord.status_code == 302, _fouten(antwoord)
    vergadering.refresh_from_db()
    assert vergadering.plaats == "Leuven, Provinciehuis"
    assert vergadering.aanvang == dt.time(14, 30)
    melding = _meldingen(antwoord)
    assert "Overgenomen van An Vermeulen" in melding and "plaats" in melding
    assert "Van u: aanvang." in melding


def test_two_tabs_changing_the_same_field_the_later_is_refused_and_keeps_its_text(
    tabs, vergadering
):
    tab1, tab2 = tabs
    eerst, later = _openen(tab1, vergadering), _openen(tab2, vergadering)
    eerst["plaats"] = "Leuven"
    assert tab1.post(_url(vergadering), eerst).status_code == 302
    later["plaats"] = "Gent, Sint-Pietersabdij"
    later["aanvang"] = "14:30"
    antwoord = tab2.post(_url(vergadering), later)
    assert antwoord.status_code == 200
    pagina = antwoord.content.decode()
    assert "Intussen opgeslagen door An Vermeulen" in pagina
    assert "Niets is bewaard" in pagina
    assert 'value="Gent, Sint-Pietersabdij"' in pagina  # what was typed stays in the field
    assert 'value="14:30"' in pagina
    assert "Opgeslagen door An Vermeulen" in pagina  # the field shows the stored value
    vergadering.refresh_from_db()
    assert (vergadering.plaats, vergadering.aanvang) == ("Leuven", None)
    # Saving the page again now saves the typed text: the stored value has been seen.
    opnieuw = tab2.post(_url(vergadering), formulier(antwoord))
    assert opnieuw.status_code == 302, _fouten(opnieuw)
    vergadering.refresh_from_db()
    assert (vergadering.plaats, vergadering.aanvang) == ("Gent, Sint-Pietersabdij", dt.time(14, 30))


def test_a_refused_page_shows_what_others_changed_and_saving_it_keeps_that(tabs, vergadering):
    tab1, tab2 = tabs
    eerst, later = _openen(tab1, vergadering), _openen(tab2, vergadering)
    eerst.update(plaats="Leuven", aanvang="09:15")
    assert tab1.post(_url(vergadering), eerst).status_code == 302
    later["plaats"] = "Gent"
    antwoord = tab2.post(_url(vergadering), later)
    assert antwoord.status_code == 200
    assert formulier(antwoord)["aanvang"].startswith("09:15")  # theirs, in the field
    assert tab2.post(_url(vergadering), formulier(antwoord)).status_code == 302
    vergadering.refresh_from_db()
    assert (vergadering.plaats, vergadering.aanvang) == ("Gent", dt.time(9, 15))


def test_a_page_without_its_snapshot_is_refused_in_dutch(tabs, vergadering):
    _tab1, tab2 = tabs
    data = _openen(tab2, vergadering)
    del data[VELD]
    data["plaats"] = "Gent"
    antwoord = tab2.post(_url(vergadering), data)
    assert antwoord.status_code == 200
    assert "Open het formulier opnieuw" in antwoord.content.decode()
    vergadering.refresh_from_db()
    assert vergadering.plaats != "Gent"


def test_a_forged_snapshot_is_refused(tabs, vergadering):
    _tab1, tab2 = tabs
    data = _openen(tab2, vergadering)
    data[VELD] = data[VELD][:-3] + "abc"
    assert "Open het formulier opnieuw" in tab2.post(_url(vergadering), data).content.decode()


# ---- The attendance screen beside the admin --------------------------------------------------


def _rij(data: dict, prefix: str, deelnemer_id: int) -> str:
    for sleutel, waarde in data.items():
        if re.fullmatch(rf"{prefix}-\d+-deelnemer", sleutel) and waarde == str(deelnemer_id):
            return sleutel.rsplit("-", 1)[0]
    raise AssertionError(f"no row of {deelnemer_id}")


def test_attendance_taken_on_the_site_survives_an_admin_page_opened_before(tabs, vergadering):
    _tab1, tab2 = tabs
    data = _openen(tab2, vergadering)
    rijen = list(vergadering.aanwezigheden.all())
    gelezen = {a.deelnemer_id: a.status for a in rijen}
    services.aanwezigheid_opnemen(
        vergadering=vergadering,
        statussen={rijen[0].deelnemer_id: Aanwezigheid.Status.VERONTSCHULDIGD},
        gelezen=gelezen,
    )
    data["plaats"] = "Gent"
    antwoord = tab2.post(_url(vergadering), data)
    assert antwoord.status_code == 302, _fouten(antwoord)
    assert vergadering.aanwezigheden.get(pk=rijen[0].pk).status == "verontschuldigd"
    vergadering.refresh_from_db()
    assert vergadering.plaats == "Gent"


def test_attendance_changed_on_the_site_and_in_the_admin_differently_is_refused(tabs, vergadering):
    _tab1, tab2 = tabs
    data = _openen(tab2, vergadering)
    rij = vergadering.aanwezigheden.first()
    services.aanwezigheid_opnemen(
        vergadering=vergadering,
        statussen={rij.deelnemer_id: Aanwezigheid.Status.VERONTSCHULDIGD},
        gelezen={a.deelnemer_id: a.status for a in vergadering.aanwezigheden.all()},
    )
    data[_rij(data, "aanwezigheden", rij.deelnemer_id) + "-status"] = "afwezig"
    antwoord = tab2.post(_url(vergadering), data)
    assert antwoord.status_code == 200
    assert "Niets is bewaard" in antwoord.content.decode()
    assert Aanwezigheid.objects.get(pk=rij.pk).status == "verontschuldigd"


def test_an_agenda_item_deleted_in_between_gives_a_dutch_error_not_a_crash(tabs, vergadering):
    tab1, tab2 = tabs
    data = _openen(tab2, vergadering)
    Agendapunt.objects.filter(vergadering=vergadering, volgorde=90).delete()
    data["plaats"] = "Gent"
    antwoord = tab2.post(_url(vergadering), data)
    assert antwoord.status_code == 200
    assert "intussen verwijderd" in antwoord.content.decode(), _fouten(antwoord)
    vergadering.refresh_from_db()
    assert vergadering.plaats != "Gent"


def test_an_agenda_item_both_tabs_changed_names_who_saved_the_meeting_in_between(tabs, vergadering):
    """A row keeps no log of its own: who saved its meeting in between is named."""
    tab1, tab2 = tabs
    eerst, later = _openen(tab1, vergadering), _openen(tab2, vergadering)
    punt = vergadering.agendapunten.get(volgorde=90)
    for data, titel in ((eerst, "Verwelkoming door de voorzitter"), (later, "Welkom")):
        sleutel = next(k for k, v in data.items() if k.endswith("-id") and v == str(punt.pk))
        data[sleutel.removesuffix("-id") + "-titel"] = titel
    assert tab1.post(_url(vergadering), eerst).status_code == 302
    antwoord = tab2.post(_url(vergadering), later)
    assert antwoord.status_code == 200
    assert "Intussen opgeslagen door An Vermeulen" in antwoord.content.decode(), _fouten(antwoord)
    assert Agendapunt.objects.get(pk=punt.pk).titel == "Verwelkoming door de voorzitter"


def test_rows_added_by_others_stay(tabs, vergadering):
    tab1, tab2 = tabs
    data = _openen(tab2, vergadering)
    Agendapunt.objects.create(vergadering=vergadering, volgorde=91, titel="Rondvraag")
    data["plaats"] = "Gent"
    assert tab2.post(_url(vergadering), data).status_code == 302
    assert vergadering.agendapunten.filter(titel="Rondvraag").exists()


# ---- Other records -------------------------------------------------------------------------


def test_a_cost_line_names_who_changed_it_in_between(tabs, seed):
    tab1, tab2 = tabs
    post = bouwers.kostenpost(seed, omschrijving="Broodjes")
    eerst, later = _openen(tab1, post), _openen(tab2, post)
    eerst["omschrijving"] = "Broodjeslunch"
    assert tab1.post(_url(post), eerst).status_code == 302
    later["omschrijving"] = "Koffie"
    antwoord = tab2.post(_url(post), later)
    assert antwoord.status_code == 200
    assert "Intussen opgeslagen door An Vermeulen" in antwoord.content.decode()
    assert Kostenpost.objects.get(pk=post.pk).omschrijving == "Broodjeslunch"


@pytest.mark.parametrize(
    ("model", "veld", "hun", "mijn", "ander_veld", "andere_waarde"),
    [
        (Deelnemer, "telefoon", "09 123 45 67", "02 765 43 21", "email", "nieuw@example.be"),
        (Organisatie, "naam", "Stad Gent", "Gent", None, None),
        (Werkgroep, "titel", "Regie", "Lokale regie", None, None),
    ],
    ids=["deelnemer", "organisatie", "werkgroep"],
)
def test_a_participant_an_organisation_and_a_group_refuse_a_stale_save(
    tabs, model, veld, hun, mijn, ander_veld, andere_waarde
):
    tab1, tab2 = tabs
    obj = model.objects.order_by("pk").first()
    eerst, later = _openen(tab1, obj), _openen(tab2, obj)
    eerst[veld] = hun
    assert tab1.post(_url(obj), eerst).status_code == 302, "first save"
    later[veld] = mijn
    antwoord = tab2.post(_url(obj), later)
    assert antwoord.status_code == 200
    pagina = antwoord.content.decode()
    # No history here: the admin's log names who saved in between.
    assert "Intussen opgeslagen door An Vermeulen" in pagina
    assert mijn in pagina
    assert getattr(model.objects.get(pk=obj.pk), veld) == hun
    if ander_veld:  # a field only this tab changed is saved, theirs kept
        later = _openen(tab2, obj)
        eerst = _openen(tab1, obj)
        eerst[veld] = mijn
        assert tab1.post(_url(obj), eerst).status_code == 302
        later[ander_veld] = andere_waarde
        assert tab2.post(_url(obj), later).status_code == 302
        obj = model.objects.get(pk=obj.pk)
        assert (getattr(obj, veld), getattr(obj, ander_veld)) == (mijn, andere_waarde)


# ---- simple-history's revert page -----------------------------------------------------------


def test_reverting_a_meeting_to_an_older_version_saves_that_version(tabs, vergadering):
    tab1, _tab2 = tabs
    data = _openen(tab1, vergadering)
    data["plaats"] = "Leuven"
    assert tab1.post(_url(vergadering), data).status_code == 302
    oud = vergadering.history.order_by("history_date").first()
    url = reverse(
        "admin:werkgroep_vergadering_simple_history", args=[vergadering.pk, oud.history_id]
    )
    herstel = tab1.get(url)
    assert herstel.status_code == 200
    antwoord = tab1.post(url, formulier(herstel))
    assert antwoord.status_code == 302, _fouten(antwoord)
    vergadering.refresh_from_db()
    assert vergadering.plaats == oud.plaats


# ---- The registry: every admin guarded --------------------------------------------------------


def test_every_registered_admin_and_inline_is_guarded(rf, secretariaat):
    verzoek = rf.get("/")
    verzoek.user = secretariaat
    niet = []
    for model, beheer in admin.site._registry.items():
        if not isinstance(beheer, BewaakteAdmin) or not issubclass(beheer.form, BewaakteForm):
            niet.append(model._meta.label)
        for inline in beheer.get_inline_instances(verzoek, None):
            formset = inline.get_formset(verzoek, None)
            if not isinstance(inline, BewaakteInline) or not issubclass(formset.form, BewaakteForm):
                niet.append(f"{model._meta.label}: {type(inline).__name__}")
    assert niet == []


MODELLEN = [m for m, b in admin.site._registry.items() if b.has_change_permission]


@pytest.mark.parametrize("model", MODELLEN, ids=lambda m: m._meta.label)
def test_every_change_page_renders_its_snapshots_and_saves_unchanged(seed, secretariaat, model):
    """The snapshot is on the page for the form and for every inline row, so an unchanged
    save goes through; an admin whose layout leaves it out fails here."""
    bouwers.een_van_elk(seed, secretariaat)
    obj = model._default_manager.order_by("pk").first()
    if obj is None:
        pytest.skip(f"no {model.__name__}")
    superuser = bouwers.secretariaat(gebruikersnaam="beheerder")
    superuser.is_superuser = True
    superuser.save()
    client = bouwers.aangemeld(superuser)
    antwoord = client.get(_url(obj))
    if antwoord.status_code != 200 or 'name="_save"' not in antwoord.content.decode():
        pytest.skip("no change form")
    data = formulier(antwoord)
    form = antwoord.context["adminform"].form
    assert data.get(form.add_prefix(VELD)), "the form's snapshot is not on the page"
    for inline in antwoord.context["inline_admin_formsets"]:
        for rij in inline.formset.initial_forms:
            if inline.has_change_permission and VELD in rij.fields:
                assert data.get(rij.add_prefix(VELD)), f"{rij.prefix} without snapshot"
    data["_save"] = "Opslaan"
    opgeslagen = client.post(_url(obj), data)
    assert opgeslagen.status_code == 302, _fouten(opgeslagen)


# ---- A versioned record: its merge for the text, the guard for the rest --------------------


def test_a_fiche_keeps_the_group_another_tab_set_and_merges_its_text(tabs, andere_werkgroep):
    tab1, tab2 = tabs
    fiche = bouwers.werkwaardig()
    eerst, later = _openen(tab1, fiche), _openen(tab2, fiche)
    eerst["werkgroep"] = str(andere_werkgroep.pk)
    assert tab1.post(_url(fiche), eerst).status_code == 302
    later["doelgroep"] = "Doelgroep van het secretariaat"
    antwoord = tab2.post(_url(fiche), later)
    assert antwoord.status_code == 302, _fouten(antwoord)
    fiche = bouwers.werkwaardig()
    assert (fiche.werkgroep_id, fiche.doelgroep) == (
        andere_werkgroep.pk,
        "Doelgroep van het secretariaat",
    )

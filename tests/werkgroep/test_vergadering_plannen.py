"""Meetings planned on the site (issue 25, item 1): new, edited and copied by the
secretariat on one page with its agenda, guarded against a stale save like every edit.

Who may open the pages: tests/test_toegangsmatrix.py (the rule werkgroep.vergadering_plannen,
tests/test_regels.py). The browser's walk and its interaction count:
tests/e2e/test_vergadering_plannen.py.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from tests import bouwers
from tests.formulieren import formulier
from werkgroep.models import Agendapunt, Deelnemer, Vergadering

pytestmark = pytest.mark.django_db

FORM = "vergadering-plannen"


@pytest.fixture
def client(client_van, secretariaat):
    return client_van(secretariaat)


@pytest.fixture
def vergadering(seed):
    """A planned meeting with three agenda items."""
    vergadering = Vergadering.objects.create(
        werkgroep=seed,
        datum_van=dt.date(2027, 3, 4),
        datum_tot=dt.date(2027, 3, 4),
        kenmerk="2027-03-04",
        aanvang=dt.time(10),
        einde=dt.time(12),
        plaats="Brussel",
    )
    for nummer, titel in enumerate(["Eerste", "Tweede", "Derde"], start=1):
        Agendapunt.objects.create(vergadering=vergadering, volgorde=nummer, titel=titel)
    return vergadering


def _nieuw(seed, kopie=False):
    url = reverse("werkgroep:vergadering_nieuw", args=[seed.slug])
    return url + "?kopie=vorige" if kopie else url


def _bewerken(vergadering):
    return reverse("werkgroep:vergadering_bewerken", args=[vergadering.pk])


def _agenda(vergadering) -> list[str]:
    return list(vergadering.agendapunten.order_by("volgorde").values_list("titel", flat=True))


def _nummers(vergadering) -> list[int]:
    return list(vergadering.agendapunten.order_by("volgorde").values_list("volgorde", flat=True))


def test_a_new_meeting_with_two_agenda_items_lands_on_its_page_with_a_message(client, seed):
    pagina = client.get(_nieuw(seed))
    data = formulier(pagina, FORM)
    # Empty rows are ready to type, numbered on.
    assert data["agenda-0-volgorde"] == "1" and data["agenda-1-volgorde"] == "2"
    assert data["soort"] == ""  # no kind shown as a fact
    spreker = Deelnemer.objects.get_by_natural_key("Johan", "Dejonckheere")
    data.update(
        {
            "datum": "6 juni 2027",
            "aanvang": "14:00",
            "plaats": "Gent",
            "agenda-0-titel": "Verwelkoming",
            "agenda-1-titel": "Voorstelling",
            "agenda-1-soort": "projectvoorstelling",
            "agenda-1-spreker": str(spreker.pk),
        }
    )
    antwoord = client.post(_nieuw(seed), data, follow=True)
    vergadering = Vergadering.objects.get(werkgroep=seed, datum_van=dt.date(2027, 6, 6))
    assert antwoord.redirect_chain[-1][0] == reverse(
        "werkgroep:vergadering_detail", args=[vergadering.pk]
    )
    assert "De vergadering is gepland." in antwoord.content.decode()
    assert vergadering.soort == "" and vergadering.status == "gepland"
    assert vergadering.aanvang == dt.time(14) and vergadering.plaats == "Gent"
    assert vergadering.oorspronkelijke_datum == "06/06/2027"
    assert _agenda(vergadering) == ["Verwelkoming", "Voorstelling"]
    assert _nummers(vergadering) == [1, 2]
    assert vergadering.agendapunten.get(volgorde=2).spreker == spreker


@pytest.mark.parametrize(
    ("tekst", "melding"),
    [
        ("32/13/2027", "Datum van de vergadering: “32/13/2027” is geen bestaande datum"),
        ("juno 2027", "Datum van de vergadering: Onbekende maand: “juno”."),
        ("volgende week", "Datum van de vergadering: “volgende week” is geen datum die we kennen"),
        ("", "Dit veld is verplicht."),
    ],
)
def test_a_date_it_cannot_read_is_refused_in_dutch_naming_the_field(client, seed, tekst, melding):
    data = {**formulier(client.get(_nieuw(seed)), FORM), "datum": tekst, "agenda-0-titel": "X"}
    antwoord = client.post(_nieuw(seed), data)
    assert antwoord.status_code == 200
    assert melding in antwoord.context["form"].errors["datum"][0]
    assert not Vergadering.objects.filter(agendapunten__titel="X").exists()


def test_an_hour_needs_a_known_day(client, seed):
    data = {**formulier(client.get(_nieuw(seed)), FORM), "datum": "juni 2027", "aanvang": "10:00"}
    antwoord = client.post(_nieuw(seed), data)
    assert "Een uur past alleen bij een gekende dag." in antwoord.context["form"].errors["aanvang"]


def test_an_end_before_the_start_is_said_at_the_end_hour_not_as_a_database_rule(client, seed):
    data = {**formulier(client.get(_nieuw(seed)), FORM), "datum": "14/12/2027"}
    antwoord = client.post(_nieuw(seed), {**data, "aanvang": "15:00", "einde": "14:00"})
    form = antwoord.context["form"]
    assert form.errors["einde"] == ["Het einde (14:00) moet na de aanvang (15:00) liggen."]
    assert "__all__" not in form.errors  # not "Beperking … is geschonden"
    assert "vergadering_einde_na_aanvang" not in antwoord.content.decode()


def test_a_speaker_is_a_participant_or_a_typed_name_not_both(client, vergadering):
    data = formulier(client.get(_bewerken(vergadering)), FORM)
    spreker = Deelnemer.objects.get_by_natural_key("Johan", "Dejonckheere")
    data.update({"agenda-0-spreker": str(spreker.pk), "agenda-0-spreker_naam": "Iemand Buiten"})
    antwoord = client.post(_bewerken(vergadering), data)
    assert antwoord.status_code == 200
    assert "niet allebei" in str(antwoord.context["agenda"].forms[0].errors)
    data["agenda-0-spreker"] = ""
    client.post(_bewerken(vergadering), data)
    assert vergadering.agendapunten.get(titel="Eerste").spreker_naam == "Iemand Buiten"


def test_items_are_reordered_by_their_numbers(client, vergadering):
    data = formulier(client.get(_bewerken(vergadering)), FORM)
    assert [data[f"agenda-{i}-volgorde"] for i in range(5)] == ["1", "2", "3", "4", "5"]
    data.update({"agenda-0-volgorde": "3", "agenda-2-volgorde": "1"})
    assert client.post(_bewerken(vergadering), data).status_code == 302
    assert _agenda(vergadering) == ["Derde", "Tweede", "Eerste"]
    assert _nummers(vergadering) == [1, 2, 3]


def test_a_number_typed_goes_before_the_item_that_had_it_and_no_number_goes_last(
    client, vergadering
):
    data = formulier(client.get(_bewerken(vergadering)), FORM)
    data.update(
        {
            "agenda-3-titel": "Nieuw vooraan",
            "agenda-3-volgorde": "1",
            "agenda-4-titel": "Zonder nummer",
            "agenda-4-volgorde": "",
            "agenda-1-volgorde": "",
        }
    )
    assert client.post(_bewerken(vergadering), data).status_code == 302
    assert _agenda(vergadering) == ["Nieuw vooraan", "Eerste", "Derde", "Tweede", "Zonder nummer"]
    assert _nummers(vergadering) == [1, 2, 3, 4, 5]


def test_one_more_agenda_row_without_script_keeps_what_was_typed_and_saves_nothing(
    client, vergadering
):
    data = formulier(client.get(_bewerken(vergadering)), FORM)
    data.update({"agenda-3-titel": "Vierde", "agenda-4-titel": "Vijfde", "meer": "1"})
    antwoord = client.post(_bewerken(vergadering), data)
    assert antwoord.status_code == 200
    assert _agenda(vergadering) == ["Eerste", "Tweede", "Derde"]  # nothing saved yet
    meer = formulier(antwoord, FORM)
    assert meer["agenda-TOTAL_FORMS"] == "6"
    assert (meer["agenda-4-titel"], meer["agenda-5-titel"]) == ("Vijfde", "")
    meer["agenda-5-titel"] = "Zesde"
    assert client.post(_bewerken(vergadering), meer).status_code == 302
    assert _agenda(vergadering) == ["Eerste", "Tweede", "Derde", "Vierde", "Vijfde", "Zesde"]


def test_an_item_is_removed_and_the_rest_numbered_anew(client, vergadering):
    data = formulier(client.get(_bewerken(vergadering)), FORM)
    data["agenda-1-DELETE"] = "on"
    assert client.post(_bewerken(vergadering), data).status_code == 302
    assert _agenda(vergadering) == ["Eerste", "Derde"]
    assert _nummers(vergadering) == [1, 2]


def test_the_copy_of_the_last_meeting_takes_hour_place_kind_and_agenda_not_the_date(
    client, seed, vergadering
):
    vergadering.soort = Vergadering.Soort.PLENAIR
    vergadering.status = Vergadering.Status.GEHOUDEN
    vergadering.save()
    spreker = Deelnemer.objects.get_by_natural_key("Johan", "Dejonckheere")
    Agendapunt.objects.filter(vergadering=vergadering, titel="Tweede").update(
        spreker=spreker, soort="uiteenzetting"
    )
    bouwers.aanwezigheid(vergadering, spreker, status="aanwezig")
    pagina = client.get(_nieuw(seed, kopie=True))
    data = formulier(pagina, FORM)
    assert data["datum"] == ""
    assert (data["aanvang"], data["einde"], data["plaats"], data["soort"]) == (
        "10:00",
        "12:00",
        "Brussel",
        "plenair",
    )
    assert [data[f"agenda-{i}-titel"] for i in range(5)] == ["Eerste", "Tweede", "Derde", "", ""]
    assert data["agenda-1-spreker"] == str(spreker.pk)
    assert data["agenda-1-soort"] == "uiteenzetting"
    data["datum"] = "11/03/2027"
    assert client.post(_nieuw(seed), data).status_code == 302
    kopie = Vergadering.objects.get(werkgroep=seed, datum_van=dt.date(2027, 3, 11))
    assert kopie.status == "gepland" and kopie.soort == "plenair"
    assert _agenda(kopie) == ["Eerste", "Tweede", "Derde"]
    assert kopie.agendapunten.get(titel="Tweede").spreker == spreker
    assert not kopie.aanwezigheden.exists()
    assert _agenda(vergadering) == ["Eerste", "Tweede", "Derde"]  # the original untouched


# ---- Two tabs on one meeting: the guard of kern.verouderd ------------------------------------


def test_a_second_tab_saving_another_field_merges(client, vergadering):
    eerste = formulier(client.get(_bewerken(vergadering)), FORM)
    tweede = formulier(client.get(_bewerken(vergadering)), FORM)
    assert client.post(_bewerken(vergadering), {**eerste, "plaats": "Antwerpen"}).status_code == 302
    antwoord = client.post(_bewerken(vergadering), {**tweede, "einde": "13:00"}, follow=True)
    assert antwoord.redirect_chain
    vergadering.refresh_from_db()
    assert (vergadering.plaats, vergadering.einde) == ("Antwerpen", dt.time(13))
    assert "Plaats" in antwoord.content.decode()  # the merge is told


def test_a_second_tab_saving_the_same_field_shows_both_values_and_saves_nothing(
    client, vergadering
):
    eerste = formulier(client.get(_bewerken(vergadering)), FORM)
    tweede = formulier(client.get(_bewerken(vergadering)), FORM)
    client.post(_bewerken(vergadering), {**eerste, "plaats": "Antwerpen"})
    antwoord = client.post(
        _bewerken(vergadering), {**tweede, "plaats": "Leuven", "agenda-0-titel": "Gewijzigd"}
    )
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "Antwerpen" in html and "Leuven" in html
    vergadering.refresh_from_db()
    assert vergadering.plaats == "Antwerpen"
    assert _agenda(vergadering) == ["Eerste", "Tweede", "Derde"]
    # Sent again as shown, the form now counts as opened at what is stored: it saves.
    opnieuw = formulier(antwoord, FORM)
    assert opnieuw["plaats"] == "Leuven"
    assert client.post(_bewerken(vergadering), opnieuw).status_code == 302
    vergadering.refresh_from_db()
    assert vergadering.plaats == "Leuven"
    assert _agenda(vergadering)[0] == "Gewijzigd"


def test_two_tabs_changing_one_agenda_item_conflict_and_another_item_merges(client, vergadering):
    eerste = formulier(client.get(_bewerken(vergadering)), FORM)
    tweede = formulier(client.get(_bewerken(vergadering)), FORM)
    client.post(_bewerken(vergadering), {**eerste, "agenda-0-titel": "Van tab één"})
    antwoord = client.post(_bewerken(vergadering), {**tweede, "agenda-0-titel": "Van tab twee"})
    assert antwoord.status_code == 200
    assert "Van tab één" in antwoord.content.decode()
    assert _agenda(vergadering)[0] == "Van tab één"
    derde = formulier(client.get(_bewerken(vergadering)), FORM)
    client.post(_bewerken(vergadering), {**eerste, **derde, "agenda-1-titel": "Tweede bis"})
    assert (
        client.post(_bewerken(vergadering), {**derde, "agenda-2-titel": "Derde bis"}).status_code
        == 302
    )
    assert _agenda(vergadering) == ["Van tab één", "Tweede bis", "Derde bis"]


def test_a_form_without_its_snapshot_is_refused(client, vergadering):
    data = formulier(client.get(_bewerken(vergadering)), FORM)
    data.pop("geopend")
    antwoord = client.post(_bewerken(vergadering), {**data, "plaats": "Elders"})
    assert antwoord.status_code == 200
    vergadering.refresh_from_db()
    assert vergadering.plaats == "Brussel"


@pytest.mark.parametrize("extra", [0, 20])
def test_the_form_page_keeps_its_query_count(client, vergadering, extra, django_assert_num_queries):
    """Session and account (2), the role's permissions (2), the meeting, the speakers to
    choose from, the agenda (3), the session saved (1), in savepoints (4): whatever the
    length of the agenda."""
    for nummer in range(4, 4 + extra):
        Agendapunt.objects.create(vergadering=vergadering, volgorde=nummer, titel=f"Punt {nummer}")
    with django_assert_num_queries(12):
        assert client.get(_bewerken(vergadering)).status_code == 200


# ---- The admin: its first save succeeds, and it leads back to the site -------------------------


def _admin_nieuw(client, seed) -> dict:
    data = formulier(client.get(reverse("admin:werkgroep_vergadering_add")))
    data.update({"werkgroep": str(seed.pk), "datum": "20/04/2027", "plaats": "Gent"})
    return data


def test_the_admins_first_save_with_an_agenda_item_and_a_cost_line_succeeds(client, seed):
    """No number for the agenda item (the next one), no description for the cost line
    (the category's name): the first save of the admin's form succeeds."""
    from financien.models import Kostencategorie

    catering = Kostencategorie.objects.get(slug="catering")
    data = _admin_nieuw(client, seed)
    data.update(
        {
            "agendapunten-TOTAL_FORMS": "2",
            "agendapunten-0-titel": "Verwelkoming",
            "agendapunten-0-soort": "andere",
            "agendapunten-1-titel": "Voorstelling",
            "agendapunten-1-soort": "andere",
            "kostenposten-0-categorie": str(catering.pk),
            "kostenposten-0-status": "voorzien",
            "kostenposten-0-bedrag": "36,30",
        }
    )
    antwoord = client.post(reverse("admin:werkgroep_vergadering_add"), data, follow=True)
    vergadering = Vergadering.objects.get(werkgroep=seed, datum_van=dt.date(2027, 4, 20))
    assert _agenda(vergadering) == ["Verwelkoming", "Voorstelling"]
    assert _nummers(vergadering) == [1, 2]
    assert vergadering.kostenposten.get().omschrijving == catering.naam
    # The message after saving links to the meeting's page on the site.
    pagina = reverse("werkgroep:vergadering_detail", args=[vergadering.pk])
    assert f'<a href="{pagina}">' in antwoord.content.decode()


def test_an_agenda_item_added_in_the_admin_gets_the_next_number(client, seed):
    vergadering = Vergadering.objects.get(kenmerk="2006-12")
    url = reverse("admin:werkgroep_vergadering_change", args=[vergadering.pk])
    voor = _nummers(vergadering)
    data = formulier(client.get(url))
    totaal = int(data["agendapunten-TOTAL_FORMS"])
    data.update(
        {
            "agendapunten-TOTAL_FORMS": str(totaal + 1),
            f"agendapunten-{totaal}-titel": "Erbij",
            f"agendapunten-{totaal}-soort": "andere",
        }
    )
    assert client.post(url, data).status_code == 302
    assert _nummers(vergadering) == [*voor, max(voor, default=0) + 1]
    assert _agenda(vergadering)[-1] == "Erbij"


def test_the_meetings_admin_page_links_to_the_site(client, seed):
    vergadering = Vergadering.objects.get(kenmerk="2006-12")
    html = client.get(
        reverse("admin:werkgroep_vergadering_change", args=[vergadering.pk])
    ).content.decode()
    pagina = reverse("werkgroep:vergadering_detail", args=[vergadering.pk])
    # Django's own link, in its Dutch ("Weergeven op website", locale_derden/ words it).
    assert f'<a href="{pagina}" class="viewsitelink">' in html


def test_only_the_secretariat_sees_the_buttons(seed, secretariaat, coordinator, lid):
    vergadering = Vergadering.objects.get(kenmerk="2006-12")
    groep = reverse("werkgroep:werkgroep_detail", args=[seed.slug])
    pagina = reverse("werkgroep:vergadering_detail", args=[vergadering.pk])
    for user, ziet in [(secretariaat, True), (coordinator, False), (lid, False)]:
        client = Client()
        client.force_login(user)
        html = client.get(groep).content.decode() + client.get(pagina).content.decode()
        assert (_nieuw(seed) in html) is ziet
        assert (_nieuw(seed, kopie=True) in html) is ziet
        assert (_bewerken(vergadering) in html) is ziet

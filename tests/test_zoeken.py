"""The search (config/zoeken.py): each role finds only what it may see, words match across
case and accents on both databases, a date ranks the meetings on it first, odd input gets a
Dutch message, never a 500, and the page keeps its number of queries however much there is
to find."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import translation

from config import zoeken
from tests import bouwers
from werkgroep.models import Organisatie

GENT = "Gent, stad in werking"


@pytest.fixture
def rollen(seed, coordinator, secretariaat, lid_andere_werkgroep):
    """The permission matrix's roles (tests/test_toegangsmatrix.py), and a member of
    another working group."""
    return {
        "lid_a": bouwers.lid("Johan", "Dejonckheere"),  # Werk.waardig
        "lid_b": bouwers.lid("Michel", "Bortels"),  # Local Mobility Works
        "coordinator": coordinator,
        "secretariaat": secretariaat,
        "buiten": lid_andere_werkgroep,  # Greta Buiten, of another group only
    }


def gevonden(user, vraag: str) -> dict[str, list[str]]:
    """Per kind, the texts of the results."""
    return {
        groep.sleutel: [t.tekst for t in groep.treffers]
        for groep in zoeken.zoeken(user, vraag).groepen
    }


def pagina(client, vraag: str):
    antwoord = client.get(reverse("site:zoeken"), {"q": vraag})
    assert antwoord.status_code == 200
    return antwoord.content.decode()


# ---- The search box ------------------------------------------------------------------------


def test_every_page_has_a_labelled_search_box_in_the_navigation(client_van, lid):
    html = client_van(lid).get(reverse("site:home")).content.decode()
    formulier = re.search(r'<form[^>]*role="search"[^>]*>.*?</form>', html, re.S)[0]
    assert f'action="{reverse("site:zoeken")}"' in formulier and 'method="get"' in formulier
    veld = re.search(r"<input[^>]*>", formulier)[0]
    assert 'type="search"' in veld and 'name="q"' in veld and 'id="zoekvak"' in veld
    assert '<label for="zoekvak"' in formulier


def test_anonymous_visitors_are_sent_to_the_login_page(client, seed):
    antwoord = client.get(reverse("site:zoeken"), {"q": "Gent"})
    assert antwoord.status_code == 302 and antwoord["Location"].startswith("/accounts/login/")


# ---- What matches --------------------------------------------------------------------------


@pytest.mark.parametrize("vraag", ["Gent", "gent", "GENT", "  gent  "])
def test_a_word_finds_the_organisation_in_any_case(rollen, vraag):
    assert GENT in gevonden(rollen["lid_a"], vraag)["organisaties"]


def test_a_part_of_a_name_finds_it(rollen):
    """The start of a word, and a word inside a name written with a dot."""
    assert gevonden(rollen["lid_a"], "werk")["projecten"] == ["Werk.waardig"]
    assert gevonden(rollen["lid_a"], "waardig")["projecten"] == ["Werk.waardig"]


def test_all_words_must_match(rollen):
    assert gevonden(rollen["coordinator"], "Johan Dejonckheere")["deelnemers"] == [
        "Johan Dejonckheere"
    ]
    assert "deelnemers" not in gevonden(rollen["coordinator"], "Johan Bortels")


def test_a_meeting_is_found_by_its_date_as_written(rollen):
    assert gevonden(rollen["lid_a"], "25/09/2006")["vergaderingen"] == ["vergadering 25/09/2006"]


def test_a_meeting_is_found_by_its_agenda(rollen, seed):
    vergadering = bouwers.maak_vergadering(seed, "14/12/2006", plaats="Brussel")
    vergadering.agendapunten.create(volgorde=1, titel="Stand van zaken Zuurstofproject")
    assert gevonden(rollen["lid_a"], "zuurstofproject")["vergaderingen"] == [
        "vergadering 14/12/2006"
    ]


def test_a_word_with_its_accent_finds_it(rollen):
    Organisatie.objects.create(naam="Coördinatiecentrum Sint-Niklaas")
    assert gevonden(rollen["lid_a"], "Coördinatiecentrum")["organisaties"] == [
        "Coördinatiecentrum Sint-Niklaas"
    ]


@pytest.mark.parametrize(
    "vraag", ["Coordinatie", "coordinatiecentrum", "COÖRDINATIE", "sint niklaas"]
)
def test_accents_and_case_do_not_count(rollen, vraag):
    """On SQLite too (kern.zoekvorm, registered on the connection), as on PostgreSQL."""
    Organisatie.objects.create(naam="Coördinatiecentrum Sint-Niklaas")
    assert gevonden(rollen["lid_a"], vraag)["organisaties"] == ["Coördinatiecentrum Sint-Niklaas"]


def test_an_accent_in_the_query_finds_the_name_written_without(rollen):
    Organisatie.objects.create(naam="Cooperatie Leuven")
    assert gevonden(rollen["lid_a"], "coöperatie")["organisaties"] == ["Cooperatie Leuven"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="Dutch stems: PostgreSQL only")
def test_on_postgresql_dutch_endings_do_not_count(rollen):
    # A Dutch stem: the plural finds the singular.
    assert GENT in gevonden(rollen["lid_a"], "werkingen")["organisaties"]


# ---- Dates, speakers and kinds ---------------------------------------------------------------


@pytest.mark.parametrize("vraag", ["06/06/2006", "6/6/06", "6-6-2006", "2006-06-06"])
def test_a_date_ranks_the_meeting_on_it_first(rollen, vraag):
    assert gevonden(rollen["lid_a"], vraag)["vergaderingen"][0] == "vergadering 06/06/2006"


def test_a_month_ranks_the_meetings_in_it_first_then_those_it_overlaps(rollen, seed):
    """Within the month first, though a window that also covers July starts on the same day."""
    for datum in ["20/06/2006", "01/06/2006", "juni/juli 2006"]:
        bouwers.maak_vergadering(seed, datum)
    vergaderingen = gevonden(rollen["lid_a"], "juni 2006")["vergaderingen"]
    assert set(vergaderingen[:3]) == {
        "vergadering 20/06/2006",
        "vergadering 06/06/2006",
        "vergadering 01/06/2006",
    }
    assert vergaderingen[3] == "vergadering juni/juli 2006"


def test_a_date_without_a_meeting_finds_none(rollen):
    assert "vergaderingen" not in gevonden(rollen["lid_a"], "07/07/2007")


def test_a_date_finds_only_the_meetings_the_user_may_see(rollen):
    assert "vergaderingen" not in gevonden(rollen["buiten"], "6/6/06")


@pytest.mark.parametrize("vraag", ["de rynck", "De Rynck", "professor rynck"])
def test_a_meeting_is_found_by_its_speaker_from_outside(rollen, vraag):
    assert gevonden(rollen["lid_a"], vraag)["vergaderingen"] == ["vergadering 02/12/2005"]


def test_a_meeting_is_found_by_its_speaker_among_the_participants(rollen, seed):
    vergadering = bouwers.maak_vergadering(seed, "14/12/2006")
    vergadering.agendapunten.create(
        volgorde=1, titel="Stand van zaken", spreker=rollen["lid_a"].deelnemer
    )
    assert gevonden(rollen["lid_b"], "dejonckheere")["vergaderingen"] == ["vergadering 14/12/2006"]


def test_a_meeting_is_found_by_its_kind_as_the_page_names_it(rollen):
    assert gevonden(rollen["lid_a"], "rondetafelgesprek")["vergaderingen"] == [
        "rondetafelgesprek december 2006"
    ]
    assert gevonden(rollen["lid_a"], "voorbereidende")["vergaderingen"] == [
        "voorbereidende vergadering 21/08/2006",
        "voorbereidende vergadering 14/04/2006",
    ]


def test_a_kind_is_searched_in_the_readers_language(rollen):
    with translation.override("en"):
        naam = str(zoeken.Vergadering.Soort.RONDETAFEL.label)
        assert naam != "rondetafelgesprek"
        rondetafel = zoeken.Vergadering.objects.get(soort="rondetafel")
        assert gevonden(rollen["lid_a"], naam)["vergaderingen"] == [str(rondetafel)]


# ---- Only what the user may see ------------------------------------------------------------

# A query, the kind, a result, and per role whether it is found (True) or not (False).
ZICHTBAARHEID = [
    # Meetings of the groups one belongs to (everything for coordinator and secretariat).
    ("25/09/2006", "vergaderingen", "vergadering 25/09/2006",
     {"lid_a": True, "lid_b": True, "coordinator": True, "secretariaat": True, "buiten": False}),
    # Projects one works on.
    ("waardig", "projecten", "Werk.waardig",
     {"lid_a": True, "lid_b": False, "coordinator": True, "secretariaat": True, "buiten": False}),
    ("mobility", "projecten", "Local Mobility Works",
     {"lid_a": False, "lid_b": True, "coordinator": True, "secretariaat": True, "buiten": False}),
    # Products whose page one may open.
    ("waardig", "producten", "Gevalideerd product van Werk.waardig (niet genoemd in de bron)",
     {"lid_a": True, "lid_b": False, "coordinator": True, "secretariaat": True, "buiten": False}),
    # Participants of one's groups.
    ("Dejonckheere", "deelnemers", "Johan Dejonckheere",
     {"lid_a": True, "lid_b": True, "coordinator": True, "secretariaat": True, "buiten": False}),
    ("Buiten", "deelnemers", "Greta Buiten",
     {"lid_a": False, "lid_b": False, "coordinator": True, "secretariaat": True, "buiten": True}),
    # Organisations: every logged-in user (no personal data).
    ("Gent", "organisaties", GENT,
     {"lid_a": True, "lid_b": True, "coordinator": True, "secretariaat": True, "buiten": True}),
]  # fmt: skip


@pytest.mark.parametrize(("vraag", "soort", "resultaat", "per_rol"), ZICHTBAARHEID)
def test_each_role_finds_only_what_it_may_see(rollen, vraag, soort, resultaat, per_rol):
    gekregen = {
        rol: resultaat in gevonden(user, vraag).get(soort, []) for rol, user in rollen.items()
    }
    assert gekregen == per_rol


def test_a_product_of_a_published_session_is_found_by_the_groups_members(rollen):
    sessie = bouwers.sessie_van_werkwaardig()
    product = sessie.product.titel
    assert product not in gevonden(rollen["lid_b"], "waardig").get("producten", [])
    sessie.gesloten = sessie.gepubliceerd = True
    sessie.save()
    assert product in gevonden(rollen["lid_b"], "waardig")["producten"]


@pytest.mark.parametrize("rol", ["lid_a", "lid_b", "coordinator", "buiten"])
def test_every_result_opens_for_the_one_who_found_it(rollen, rol):
    """The search and the pages apply the same rules: nothing found leads to a 404."""
    client = bouwers.aangemeld(rollen[rol])
    for vraag in ["werk", "mobility", "2006", "Gent", "HIVA"]:
        for groep in zoeken.zoeken(rollen[rol], vraag).groepen:
            for treffer in groep.treffers:
                # A row of a paged list is linked through a redirect to the page holding it.
                antwoord = client.get(urlsplit(treffer.url).path, follow=True)
                assert antwoord.status_code == 200, treffer
                adres = urlsplit(
                    antwoord.redirect_chain[-1][0] if antwoord.redirect_chain else treffer.url
                )
                if adres.fragment:  # a row of a list page: the row is there
                    assert f'id="{adres.fragment}"' in antwoord.content.decode(), treffer


def test_the_page_links_each_result_grouped_by_kind_with_a_count(client_van, rollen):
    html = pagina(client_van(rollen["lid_a"]), "waardig")
    assert "resultaten voor ‘waardig’" in html
    projecten = html.split('id="soort-projecten"')[1].split("</section>")[0]
    assert '<span class="badge text-bg-secondary">1</span>' in projecten
    assert (
        f'<a href="{reverse("projecten:fiche", args=["werkwaardig"])}">Werk.waardig</a>'
        in projecten
    )
    gent = Organisatie.objects.get(naam=GENT)
    html = pagina(client_van(rollen["lid_a"]), "Gent")
    assert f'<a href="/organisaties/{gent.pk}/">{GENT}</a>' in html


# ---- Odd input -----------------------------------------------------------------------------


def test_no_result_says_so(client_van, lid):
    assert "Geen resultaten voor ‘xyzzyq’." in pagina(client_van(lid), "xyzzyq")


def test_an_empty_query_explains_what_to_type(client_van, lid):
    html = pagina(client_van(lid), "")
    assert "Zoek op een deel van een naam" in html and "resultaten" not in html


@pytest.mark.parametrize("vraag", ["a", "&", "!!", "' \" & | :* ()", "-"])
def test_a_query_without_two_letters_or_digits_is_refused_in_dutch(client_van, lid, vraag):
    html = pagina(client_van(lid), vraag)
    assert "Geef minstens 2 letters of cijfers om te zoeken." in html
    assert 'aria-invalid="true"' in html


def test_a_query_too_long_is_refused_in_dutch(client_van, lid):
    html = pagina(client_van(lid), "Gent " * 2000)
    assert "Uw zoekvraag is te lang: zoek met hoogstens 100 tekens." in html


@pytest.mark.parametrize(
    "vraag",
    [
        "'Gent'",
        '"Gent, stad"',
        "Gent & werking",
        "Gent | werking",
        "Gent:* !werking",
        "Gent\\' OR 1=1 --",
        "Gent%_",
        # A NUL byte never reaches the search: 400 for every page (tests/test_vreemde_invoer.py).
        "<script>Gent</script>",
        "‘Gent’",
        "Gent " * 20,
        "½ ﬁ İstanbul ŉ",
    ],
)
def test_odd_input_is_searched_as_words_without_an_error(client_van, lid, vraag):
    html = pagina(client_van(lid), vraag)
    assert "Geef minstens" not in html and "te lang" not in html
    assert "<script>Gent" not in html


def test_quotes_and_operators_find_what_the_words_find(rollen):
    for vraag in ["'Gent'", "Gent & werking", "(Gent)", "‘Gent, stad in werking’"]:
        assert GENT in gevonden(rollen["lid_a"], vraag)["organisaties"], vraag


def test_at_most_twenty_results_per_kind(client_van, rollen, seed):
    bouwers.groei(seed, zoeken.PER_SOORT + 5)  # "Organisatie n", each with a "Dienst n"
    groepen = {g.sleutel: g for g in zoeken.zoeken(rollen["lid_a"], "dienst").groepen}
    assert len(groepen["organisaties"].treffers) == 20 and groepen["organisaties"].meer
    html = pagina(client_van(rollen["lid_a"]), "dienst")
    assert "De eerste 20 resultaten" in html


# ---- Queries -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rol", "vragen"),
    [
        # What every page costs (session and user, the navigation's permissions (2), the
        # request's savepoint and the session saved: 9), one query per kind (5), and for a
        # member their participant.
        ("lid_a", 15),
        ("coordinator", 14),  # sees everything: no participant needed
        ("buiten", 15),
    ],
)
def test_the_page_keeps_its_query_count_as_data_grows(
    rollen, seed, rol, vragen, django_assert_num_queries
):
    client = bouwers.aangemeld(rollen[rol])
    url = reverse("site:zoeken") + "?q=organisatie"
    bouwers.groei(seed, 5)
    with django_assert_num_queries(vragen):
        assert client.get(url).status_code == 200
    bouwers.groei(seed, 60)
    with django_assert_num_queries(vragen):
        assert client.get(url).status_code == 200


def test_a_refused_query_searches_nothing(client_van, lid, django_assert_num_queries):
    client = client_van(lid)
    client.get(reverse("site:home"))
    with django_assert_num_queries(9):  # what every page costs, and no search
        assert client.get(reverse("site:zoeken"), {"q": "a"}).status_code == 200

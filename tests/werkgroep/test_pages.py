"""Site pages: who sees what, and the query count of each list page."""

import pytest
from django.urls import reverse

from tests.bouwers import groei
from werkgroep.models import Vergadering


def test_every_page_but_login_requires_login(client, seed):
    vergadering = Vergadering.objects.first()
    for url in [
        reverse("site:home"),
        reverse("werkgroep:werkgroep_detail", args=[seed.slug]),
        reverse("werkgroep:vergaderingen"),
        reverse("werkgroep:vergaderingen_jaar", args=[2006]),
        reverse("werkgroep:vergadering_detail", args=[vergadering.pk]),
        reverse("werkgroep:deelnemers"),
        reverse("werkgroep:organisaties"),
        reverse("werkgroep:kalender"),
    ]:
        antwoord = client.get(url)
        assert antwoord.status_code == 302 and antwoord["Location"].startswith("/accounts/login/")
    assert client.get(reverse("login")).status_code == 200


def test_login_uses_the_standard_fields_and_lands_on_home(client, lid):
    from tests.bouwers import WACHTWOORD

    antwoord = client.post(reverse("login"), {"username": "jdejonckheere", "password": WACHTWOORD})
    assert antwoord.status_code == 302 and antwoord["Location"] == reverse("site:home")


def test_home_shows_the_next_meetings_and_my_working_groups(client_van, lid, seed, settings):
    import datetime as dt
    from unittest import mock

    with mock.patch("django.utils.timezone.localdate", return_value=dt.date(2006, 9, 1)):
        pagina = client_van(lid).get(reverse("site:home")).content.decode()
    assert "Regierol van de lokale besturen" in pagina
    assert "25/09/2006" in pagina and "oktober/november 2006" in pagina
    komend, recent = pagina.split("Recente vergaderingen")
    assert "27/02/2006" not in komend and "27/02/2006" in recent  # already past
    # A past meeting shows a status only where one was recorded: 12/12/2005 was held, the
    # 2006 ones past by then have none, and none of them is "gepland" any more.
    assert "gepland" not in recent and "voorzien" not in recent
    assert recent.count("gehouden") == 1 and "12/12/2005" in recent


def test_a_member_sees_their_own_group_and_meetings(client_van, lid, seed):
    client = client_van(lid)
    vergadering = Vergadering.objects.get(kenmerk="2006-10/2006-11")
    assert client.get(reverse("werkgroep:werkgroep_detail", args=[seed.slug])).status_code == 200
    detail = client.get(reverse("werkgroep:vergadering_detail", args=[vergadering.pk]))
    assert "Regie Diensteneconomie" in detail.content.decode()
    jaar = client.get(reverse("werkgroep:vergaderingen_jaar", args=[2006])).content.decode()
    assert "oktober/november 2006" in jaar


def test_a_member_of_another_group_sees_none_of_this_one(client_van, lid_andere_werkgroep, seed):
    client = client_van(lid_andere_werkgroep)
    vergadering = Vergadering.objects.get(kenmerk="2006-10/2006-11")
    assert client.get(reverse("werkgroep:werkgroep_detail", args=[seed.slug])).status_code == 404
    assert (
        client.get(reverse("werkgroep:vergadering_detail", args=[vergadering.pk])).status_code
        == 404
    )
    assert (
        "oktober/november"
        not in client.get(reverse("werkgroep:vergaderingen_jaar", args=[2006])).content.decode()
    )
    deelnemers = client.get(reverse("werkgroep:deelnemers")).content.decode()
    assert "Dejonckheere" not in deelnemers and "Buiten" in deelnemers


def test_an_account_without_participant_sees_no_group(client_van, seed, django_user_model):
    los = django_user_model.objects.create_user("los", password="x")
    client = client_van(los)
    assert client.get(reverse("werkgroep:werkgroep_detail", args=[seed.slug])).status_code == 404
    assert "Dejonckheere" not in client.get(reverse("werkgroep:deelnemers")).content.decode()


@pytest.mark.parametrize("rol", ["coordinator", "secretariaat"])
def test_coordinator_and_secretariat_see_every_group(client_van, request, rol, andere_werkgroep):
    client = client_van(request.getfixturevalue(rol))
    assert (
        client.get(reverse("werkgroep:werkgroep_detail", args=["andere-groep"])).status_code == 200
    )
    assert (
        client.get(reverse("werkgroep:werkgroep_detail", args=[andere_werkgroep.slug])).status_code
        == 200
    )
    assert "Dejonckheere" in client.get(reverse("werkgroep:deelnemers")).content.decode()


def test_the_meeting_list_shows_dates_as_written_and_sorted(client_van, coordinator, seed):
    pagina = (
        client_van(coordinator)
        .get(reverse("werkgroep:vergaderingen_jaar", args=[2006]))
        .content.decode()
    )
    volgorde = ["27/02/2006", "14/04/2006", "06/06/2006", "21/08/2006", "25/09/2006",
                "oktober/november 2006", "december 2006"]  # fmt: skip
    posities = [pagina.index(d) for d in volgorde]
    assert posities == sorted(posities)


def test_the_meetings_page_goes_to_a_year_with_meetings(client_van, coordinator, seed):
    antwoord = client_van(coordinator).get(reverse("werkgroep:vergaderingen"))
    assert antwoord.status_code == 302 and antwoord["Location"] == "/vergaderingen/2006/"


def test_pages_switch_to_english(client_van, coordinator, seed):
    client = client_van(coordinator)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    pagina = client.get(reverse("werkgroep:vergaderingen_jaar", args=[2006])).content.decode()
    assert "October/November 2006" in pagina
    assert 'lang="en"' in pagina


# Each page's exact query count per role: a new query shows up here.
LIJSTEN = [
    # A member's "Te doen" adds their invitations to answer (1) and their open actions (1);
    # the coordinator's none (the subgroups without all scores are the secretariat's now).
    ("site:home", [], {"lid": 18, "coordinator": 13}),
    # The year's meetings are paged: a COUNT beside the page's slice (kern.paginering).
    ("werkgroep:vergaderingen_jaar", [2006], {"lid": 13, "coordinator": 12}),
    # Participants and organisations are paged too: the COUNT is one more.
    ("werkgroep:deelnemers", [], {"lid": 13, "coordinator": 12}),
    ("werkgroep:organisaties", [], {"lid": 11, "coordinator": 11}),
    # The hub adds one query: the years of the group's meetings (collaborations' organisations
    # name their parents by their stored path: no query for those).
    (
        "werkgroep:werkgroep_detail",
        ["regierol-van-de-lokale-besturen"],
        {"lid": 19, "coordinator": 18},
    ),
    ("werkgroep:kalender", [], {"lid": 12, "coordinator": 11}),
]


@pytest.mark.parametrize(("naam", "args", "vragen"), LIJSTEN)
@pytest.mark.parametrize("rol", ["lid", "coordinator"])
def test_list_pages_keep_their_query_count_as_rows_grow(
    client_van, request, seed, naam, args, vragen, rol, django_assert_num_queries
):
    client = client_van(request.getfixturevalue(rol))
    url = reverse(naam, args=args)
    client.get(url)  # a first visit may set things up (the calendar key): not measured
    groei(seed, 10)
    with django_assert_num_queries(vragen[rol]):
        assert client.get(url).status_code == 200
    groei(seed, 190)
    with django_assert_num_queries(vragen[rol]):
        assert client.get(url).status_code == 200


def test_the_meeting_page_keeps_its_query_count(
    client_van, coordinator, seed, django_assert_num_queries
):
    from projecten.models import Presentatie
    from tests.bouwers import maak_deelnemer
    from werkgroep.models import Aanwezigheid, Agendapunt, Organisatie

    vergadering = Vergadering.objects.get(kenmerk="2006-06-06")
    client = client_van(coordinator)
    for n in range(4, 60):
        deelnemer = maak_deelnemer()
        Agendapunt.objects.create(
            vergadering=vergadering, volgorde=n, titel=f"punt {n}", spreker=deelnemer
        )
        Aanwezigheid.objects.create(vergadering=vergadering, deelnemer=deelnemer)
        Presentatie.objects.create(
            vergadering=vergadering, volgorde=n, organisatie=Organisatie.objects.first(),
            onderwerp=f"onderwerp {n}",
        )  # fmt: skip
    # The invitations' section adds one: the invitations (none here, so not what was sent).
    # The minutes and files section adds three: the minutes, the open actions of earlier
    # meetings, the files (issue 15 B; tests/vergaderstukken).
    # The costs add two: the year's cost lines and its budget (the ledger's one read; issue
    # 15 C, tests/financien/test_kosten_vanuit_vergadering.py). The attendance adds one: the
    # invited guests whose attendance was recorded (issue 25).
    with django_assert_num_queries(15 + 3 + 2 + 1):
        assert (
            client.get(reverse("werkgroep:vergadering_detail", args=[vergadering.pk])).status_code
            == 200
        )


def test_the_login_page_switches_language_before_logging_in(client, db):
    antwoord = client.post(reverse("set_language"), {"language": "en", "next": "/accounts/login/"})
    assert antwoord.status_code == 302
    assert "Log in" in client.get(reverse("login")).content.decode()


def test_the_group_page_is_the_hub_of_its_years(client_van, coordinator, lid, seed):
    """Per year its meetings; costs, validation and reports for those who may see them."""
    url = reverse("werkgroep:werkgroep_detail", args=[seed.slug])
    hub = client_van(coordinator).get(url).content.decode()
    for doel in [
        reverse("werkgroep:vergaderingen_jaar", args=[2006]),
        reverse("werkgroep:vergaderingen_jaar", args=[2005]),
        reverse("financien:kosten_grootboek", args=[seed.slug, 2006]),
        reverse("validering:validering_rondetafel", args=[seed.slug, 2006]),
        reverse("validering:validering_scores_export", args=[seed.slug, 2006, "xlsx"]),
        reverse("rapportage:jaarverslag", args=[seed.slug, 2006]),
        reverse("rapportage:jaarverslag_jaren", args=[seed.slug]),
        reverse("projecten:projecten"),
        f"{reverse('validering:validering_sessies')}?werkgroep={seed.slug}&amp;jaar=2006",
    ]:
        assert f'href="{doel}"' in hub, doel
    assert hub.index(">2006<") < hub.index(">2005<")  # the latest year first
    lid_pagina = client_van(lid).get(url).content.decode()
    assert f'href="{reverse("werkgroep:vergaderingen_jaar", args=[2006])}"' in lid_pagina
    for verboden in [
        "financien:kosten_grootboek",
        "validering:validering_rondetafel",
        "rapportage:jaarverslag",
    ]:
        assert f'href="{reverse(verboden, args=[seed.slug, 2006])}"' not in lid_pagina


def test_the_secretariats_home_says_what_needs_doing(
    client_van, secretariaat, lid, seed, django_assert_num_queries
):
    from projecten.models import Projectfiche

    fiche = Projectfiche.objects.get(project__slug="werkwaardig")
    fiche.status = Projectfiche.Status.INGEDIEND
    fiche.save()
    client = client_van(secretariaat)
    client.get(reverse("site:home"))
    # Home's own reads, plus: submitted fiches (1), the ledger's loose ends counted (3: the
    # line checks, held meetings without lines, lines written twice), meetings without
    # attendance (1), subgroups without all scores (1), mail that failed (1).
    with django_assert_num_queries(20):
        pagina = client.get(reverse("site:home")).content.decode()
    taken = pagina[pagina.index("Te doen") : pagina.index("Volgende vergaderingen")]
    assert "Projectfiche van Werk.waardig" in taken
    # Reviewed on the site, on the fiche itself (its review form).
    fiche_url = (
        reverse("projecten:fiche", args=[fiche.project.slug]) + f"?werkgroep={fiche.werkgroep.slug}"
    )
    assert fiche_url in taken
    assert reverse("financien:kosten_controle") in taken and "losse eindjes in de kosten" in taken
    # Each link says what: "Aanwezigheid invullen: <kind> <date>", to the attendance screen.
    assert "Aanwezigheid invullen: vergadering 16/09/2005" in taken  # held, none noted
    assert "Scores ontbreken: subgroep experten" in taken
    # A member has nothing of the secretariat's to do.
    pagina = client_van(lid).get(reverse("site:home")).content.decode()
    taken = pagina[pagina.index("Te doen") : pagina.index("Volgende vergaderingen")]
    for iets in ["beoordelen", "losse eindjes", "Aanwezigheid invullen", "Scores ontbreken"]:
        assert iets not in taken


def test_a_years_meetings_come_in_pages_of_fifty(client_van, coordinator, seed):
    """120 meetings more in 2006: three pages, in date order across them; a page past the
    end is the last one, a page that is no number the first (never an error)."""
    from kern.paginering import PER_PAGINA
    from tests.bouwers import maak_vergadering

    for n in range(120):
        maak_vergadering(seed, f"{1 + n % 28:02d}/{1 + n % 12:02d}/2006", kenmerk=f"extra-{n}")
    client = client_van(coordinator)
    url = reverse("werkgroep:vergaderingen_jaar", args=[2006])
    totaal = Vergadering.objects.filter(datum_van__year=2006).count()
    eerste = client.get(url).context["vergaderingen"]
    assert len(eerste) == PER_PAGINA and eerste.paginator.num_pages == 3
    laatste = client.get(url, {"pagina": 999})
    assert laatste.context["vergaderingen"].number == 3
    assert len(laatste.context["vergaderingen"]) == totaal - 2 * PER_PAGINA
    assert client.get(url, {"pagina": "x"}).context["vergaderingen"].number == 1
    gezien = [
        v.pk for p in (1, 2, 3) for v in client.get(url, {"pagina": p}).context["vergaderingen"]
    ]
    assert gezien == list(
        Vergadering.objects.filter(datum_van__year=2006)
        .chronologisch()
        .values_list("pk", flat=True)
    )
    html = client.get(url, {"pagina": 2}).content.decode()
    assert 'href="?pagina=1" rel="prev">Vorige</a>' in html
    assert 'href="?pagina=3" rel="next">Volgende</a>' in html
    assert '<span class="page-link" aria-current="page">2</span>' in html
    assert f"51 tot 100 van {totaal}" in html
    # The seed's year fits one page: no page links.
    assert (
        "?pagina="
        not in client.get(reverse("werkgroep:vergaderingen_jaar", args=[2005])).content.decode()
    )

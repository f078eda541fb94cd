"""The ledger: the seed's lines, exact totals, the 27/01 mismatch, pages and permissions."""

import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from financien.models import Budget, Kostencategorie, Kostenpost
from financien.selectors import controles, jaartotalen
from werkgroep.models import Vergadering

GROEP = "regierol-van-de-lokale-besturen"


def test_an_amount_is_empty_exactly_when_still_to_be_determined(seed):
    catering = Kostencategorie.objects.get(slug="catering")
    basis = {
        "werkgroep": seed,
        "vergadering_zoals_geschreven": "01/01/2007",
        "jaar": 2007,
        "categorie": catering,
    }
    with pytest.raises(IntegrityError), transaction.atomic():
        Kostenpost.objects.create(
            **basis, omschrijving="a", status="nog_te_bepalen", bedrag=Decimal("1.00")
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Kostenpost.objects.create(**basis, omschrijving="b", status="voorzien", bedrag=None)
    post = Kostenpost(**basis, omschrijving="c", status="gefactureerd", bedrag=None)
    with pytest.raises(ValidationError) as fout:
        post.full_clean()
    assert "nog te bepalen" in str(fout.value)


def test_the_seed_has_its_eight_lines_as_written(seed):
    rijen = list(
        Kostenpost.objects.order_by("pk").values_list(
            "vergadering_zoals_geschreven", "status", "bedrag"
        )
    )
    assert rijen == [
        ("02/12/05", "gefactureerd", Decimal("40.00")),
        ("12/12/05", "voorzien", Decimal("150.00")),
        ("27/01/06", "voorzien", Decimal("50.00")),
        ("06/06/06", "intern_gefactureerd", Decimal("36.30")),
        ("25/09/06", "nog_te_bepalen", None),
        ("okt/nov ’06", "nog_te_bepalen", None),
        ("dec ’06", "nog_te_bepalen", None),
        ("dec ’06", "nog_te_bepalen", None),
    ]
    assert (
        Kostenpost.objects.get(vergadering_zoals_geschreven="12/12/05").vergadering.kenmerk
        == "2005-12-12"
    )


def test_exact_year_totals_for_the_seed(seed):
    t2005, t2006 = jaartotalen(seed, 2005), jaartotalen(seed, 2006)
    assert (t2005.per_status["gefactureerd"], t2005.per_status["voorzien"]) == (
        Decimal("40.00"),
        Decimal("150.00"),
    )
    assert t2005.vastgelegd == Decimal("190.00") and t2005.nog_te_bepalen == 0
    assert t2006.per_status["voorzien"] == Decimal("50.00")
    assert t2006.per_status["intern_gefactureerd"] == Decimal("36.30")
    assert t2006.nog_te_bepalen == 4
    assert t2006.vastgelegd == Decimal("86.30")
    assert str(t2006.vastgelegd) == "86.30"  # exact, no float residue


def test_sums_stay_exact_over_many_lines(seed):
    catering = Kostencategorie.objects.get(slug="catering")
    basis = {"werkgroep": seed, "vergadering_zoals_geschreven": "01/01/2007", "jaar": 2007}
    Kostenpost.objects.bulk_create(
        Kostenpost(
            **basis,
            categorie=catering,
            omschrijving=f"lijn {n}",
            status="gefactureerd",
            bedrag=Decimal("0.10") if n % 2 else Decimal("0.20"),
        )
        for n in range(3000)
    )
    assert jaartotalen(seed, 2007).per_status["gefactureerd"] == Decimal("450.00")


def test_budget_and_what_is_left(seed):
    Budget.objects.create(werkgroep=seed, jaar=2006, bedrag=Decimal("500.00"))
    Budget.objects.create(
        werkgroep=seed,
        jaar=2006,
        categorie=Kostencategorie.objects.get(slug="catering"),
        bedrag=Decimal("300.00"),
    )
    totalen = jaartotalen(seed, 2006)
    assert (totalen.budget, totalen.rest) == (Decimal("500.00"), Decimal("413.70"))
    assert ("catering", Decimal("86.30"), Decimal("300.00")) in totalen.per_categorie


def test_one_year_budget_per_group(seed):
    Budget.objects.create(werkgroep=seed, jaar=2006, bedrag=Decimal("500.00"))
    with pytest.raises(IntegrityError), transaction.atomic():
        Budget.objects.create(werkgroep=seed, jaar=2006, bedrag=Decimal("600.00"))


def test_the_27_01_line_is_on_the_check_page_until_a_person_links_it(
    client_van, secretariaat, seed
):
    post = Kostenpost.objects.get(vergadering_zoals_geschreven="27/01/06")
    assert post.vergadering is None
    assert [p.pk for p in controles(dt.date(2026, 11, 26)).ongekoppeld] == [post.pk]
    client = client_van(secretariaat)
    pagina = client.get(reverse("kosten_controle")).content.decode()
    assert "27/01/06" in pagina
    februari = Vergadering.objects.get(kenmerk="2006-02-27")
    antwoord = client.post(reverse("kosten_koppelen", args=[post.pk]), {"vergadering": februari.pk})
    assert antwoord.status_code == 302
    post.refresh_from_db()
    assert post.vergadering == februari and post.vergadering_zoals_geschreven == "27/01/06"
    laatste = post.history.order_by("-history_date").first()
    assert laatste.history_user == secretariaat and laatste.vergadering_id == februari.pk
    assert controles(dt.date(2026, 11, 26)).ongekoppeld == []


def test_the_check_page_lists_the_other_loose_ends(seed):
    gevonden = controles(dt.date(2026, 11, 26))
    assert {p.vergadering_zoals_geschreven for p in gevonden.voorzien_voorbij} == {"12/12/05"}
    assert len(gevonden.te_lang_te_bepalen) == 4
    assert {v.kenmerk for v in gevonden.zonder_kosten} == {"2005-09-16", "2006-02-27"}


def test_the_check_page_is_for_the_secretariat(client_van, coordinator, lid, seed):
    assert client_van(coordinator).get(reverse("kosten_controle")).status_code == 404
    assert client_van(lid).get(reverse("kosten_controle")).status_code == 404
    post = Kostenpost.objects.get(vergadering_zoals_geschreven="27/01/06")
    assert (
        client_van(lid)
        .post(reverse("kosten_koppelen", args=[post.pk]), {"vergadering": 1})
        .status_code
        == 404
    )


def test_the_coordinator_reads_the_ledger_with_belgian_amounts(client_van, coordinator, seed):
    pagina = (
        client_van(coordinator)
        .get(reverse("kosten_grootboek", args=[GROEP, 2006]))
        .content.decode()
    )
    assert "€\u00a036,30" in pagina and "€\u00a086,30" in pagina
    assert "27/01/06: geen vergadering op die datum" in pagina
    assert "4 bedragen zijn nog te bepalen" in pagina
    assert 'src="data:image/svg+xml;base64,' in pagina


def test_members_do_not_see_the_ledger(client_van, lid, seed):
    assert client_van(lid).get(reverse("kosten_grootboek", args=[GROEP, 2006])).status_code == 404
    assert client_van(lid).get(reverse("kosten_xlsx", args=[GROEP, 2006])).status_code == 404


def test_the_year_ledger_downloads_as_xlsx_with_numbers(client_van, coordinator, seed):
    antwoord = client_van(coordinator).get(reverse("kosten_xlsx", args=[GROEP, 2006]))
    blad = openpyxl.load_workbook(io.BytesIO(antwoord.getvalue())).active
    rijen = list(blad.iter_rows(values_only=True))
    assert rijen[0] == ("werkgroep", "vergadering", "categorie", "omschrijving", "status", "bedrag")
    assert (
        "regierol-van-de-lokale-besturen",
        "06/06/06",
        "catering",
        "broodjeslunch",
        "intern gefactureerd",
        36.3,
    ) in rijen
    assert [r[1] for r in rijen[1:]] == [
        "27/01/06", "06/06/06", "25/09/06", "okt/nov ’06", "dec ’06", "dec ’06",
    ]  # fmt: skip
    assert rijen[-1][-1] is None  # "nog te bepalen" stays empty


@pytest.mark.parametrize("aantal", [10, 200])
def test_ledger_pages_keep_their_query_count(
    client_van, coordinator, secretariaat, seed, aantal, django_assert_max_num_queries
):
    catering = Kostencategorie.objects.get(slug="catering")
    juni = Vergadering.objects.get(kenmerk="2006-06-06")
    basis = {"werkgroep": seed, "vergadering_zoals_geschreven": "06/06/06", "vergadering": juni}
    Kostenpost.objects.bulk_create(
        Kostenpost(
            **basis,
            jaar=2006,
            categorie=catering,
            omschrijving=f"lijn {n}",
            status="voorzien",
            bedrag=Decimal("1.00"),
        )
        for n in range(aantal)
    )
    from django.test import Client

    coord, secr = Client(), Client()
    coord.force_login(coordinator)
    secr.force_login(secretariaat)
    with django_assert_max_num_queries(17):
        assert coord.get(reverse("kosten_grootboek", args=[GROEP, 2006])).status_code == 200
    with django_assert_max_num_queries(13):
        assert coord.get(reverse("kosten_xlsx", args=[GROEP, 2006])).status_code == 200
    with django_assert_max_num_queries(19):
        assert secr.get(reverse("kosten_controle")).status_code == 200


@pytest.mark.parametrize(
    ("geschreven", "gekoppeld"), [("06/06/06", "2006-06-06"), ("27/01/06", None)]
)
def test_a_line_added_in_the_admin_is_linked_only_to_the_one_exact_date(
    client_van, secretariaat, seed, geschreven, gekoppeld
):
    antwoord = client_van(secretariaat).post(
        reverse("admin:financien_kostenpost_add"),
        {
            "werkgroep": seed.pk,
            "vergadering_zoals_geschreven": geschreven,
            "categorie": Kostencategorie.objects.get(slug="zaal").pk,
            "omschrijving": "Zaalhuur",
            "status": "voorzien",
            "bedrag": "120,00",
        },
    )
    assert antwoord.status_code == 302
    post = Kostenpost.objects.get(omschrijving="Zaalhuur")
    assert post.bedrag == Decimal("120.00")
    assert (post.vergadering.kenmerk if post.vergadering else None) == gekoppeld

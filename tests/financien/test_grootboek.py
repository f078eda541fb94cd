"""The ledger: the seed's lines, exact totals, the 27/01 mismatch, pages and permissions."""

import datetime as dt
import io
import re
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from financien.bedragen import euro
from financien.models import Kostencategorie, Kostenpost
from financien.resources import KostenpostResource
from financien.selectors import controles, grootboek
from financien.services import kostenpost_koppelen
from kern.spreadsheets import VeiligeXLSX
from tests import bouwers
from werkgroep.models import Vergadering

GROEP = "regierol-van-de-lokale-besturen"


def xlsx_rijen(inhoud: bytes, *, totaal: bool = False) -> list[dict]:
    """The sheet's rows by column name: a test reads a column, not a position.

    The ledger's lines; with ``totaal`` only its totals row (the bold row under them).
    """
    rijen = openpyxl.load_workbook(io.BytesIO(inhoud)).active.iter_rows()
    koppen = [cel.value for cel in next(rijen)]
    return [
        dict(zip(koppen, [cel.value for cel in rij], strict=True))
        for rij in rijen
        if rij[0].font.bold == totaal
    ]


def jaartotalen(werkgroep, jaar):
    return grootboek(werkgroep, jaar).totalen


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
    assert (t2005.gefactureerd, t2005.voorzien, t2005.nog_te_bepalen) == (
        Decimal("40.00"),
        Decimal("150.00"),
        0,
    )
    assert t2006.per_status["voorzien"] == t2006.voorzien == Decimal("50.00")
    assert t2006.per_status["intern_gefactureerd"] == Decimal("36.30")
    assert t2006.nog_te_bepalen == 4
    # Invoiced includes the internal invoicing, and shows it; planned stays apart.
    assert (t2006.gefactureerd, t2006.intern) == (Decimal("36.30"), Decimal("36.30"))
    assert (t2006.aantal_gefactureerd, t2006.aantal_intern, t2006.aantal_voorzien) == (1, 1, 1)
    assert str(t2006.gefactureerd) == "36.30"  # exact, no float residue


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
    bouwers.budget(seed, jaar=2006, bedrag="500.00")
    bouwers.budget(
        seed, jaar=2006, bedrag="300.00", categorie=Kostencategorie.objects.get(slug="catering")
    )
    totalen = jaartotalen(seed, 2006)
    assert (totalen.budget, totalen.rest_na_gefactureerd, totalen.rest) == (
        Decimal("500.00"),
        Decimal("463.70"),
        Decimal("413.70"),
    )
    assert ("catering", Decimal("36.30"), Decimal("50.00"), Decimal("300.00")) in (
        totalen.per_categorie
    )


def test_one_year_budget_per_group(seed):
    bouwers.budget(seed, jaar=2006, bedrag="500.00")
    with pytest.raises(IntegrityError), transaction.atomic():
        bouwers.budget(seed, jaar=2006, bedrag="600.00")


def test_the_27_01_line_is_on_the_check_page_until_a_person_links_it(
    client_van, secretariaat, seed
):
    post = Kostenpost.objects.get(vergadering_zoals_geschreven="27/01/06")
    assert post.vergadering is None
    assert [p.pk for p in controles(dt.date(2026, 11, 26)).ongekoppeld] == [post.pk]
    client = client_van(secretariaat)
    pagina = client.get(reverse("financien:kosten_controle")).content.decode()
    assert "27/01/06" in pagina
    februari = Vergadering.objects.get(kenmerk="2006-02-27")
    antwoord = client.post(
        reverse("financien:kosten_koppelen", args=[post.pk]), {"vergadering": februari.pk}
    )
    assert antwoord.status_code == 302
    post.refresh_from_db()
    assert post.vergadering == februari and post.vergadering_zoals_geschreven == "27/01/06"
    laatste = post.history.order_by("-history_date").first()
    assert laatste.history_user == secretariaat and laatste.vergadering_id == februari.pk
    assert controles(dt.date(2026, 11, 26)).ongekoppeld == []


@pytest.mark.parametrize("gekozen", ["", "999999"], ids=["none", "not-of-the-group"])
def test_a_link_form_without_a_meeting_of_the_group_shows_the_page_again_with_its_error(
    client_van, secretariaat, seed, gekozen
):
    """An invalid form is the writer's mistake, answered as the site answers forms: the page
    again (200) with the form's error, nothing linked; not a 403."""
    post = Kostenpost.objects.get(vergadering_zoals_geschreven="27/01/06")
    antwoord = client_van(secretariaat).post(
        reverse("financien:kosten_koppelen", args=[post.pk]), {"vergadering": gekozen}
    )
    assert antwoord.status_code == 200
    (form,) = [f for p, f in antwoord.context["koppelformulieren"] if p.pk == post.pk]
    assert form.is_bound and form.errors["vergadering"]
    assert form.errors["vergadering"][0] in antwoord.content.decode()
    post.refresh_from_db()
    assert post.vergadering is None


def test_the_check_page_lists_the_other_loose_ends(seed):
    gevonden = controles(dt.date(2026, 11, 26))
    assert {p.vergadering_zoals_geschreven for p in gevonden.voorzien_voorbij} == {"12/12/05"}
    assert len(gevonden.te_lang_te_bepalen) == 4
    assert "2005-09-16" in {v.kenmerk for v in gevonden.zonder_kosten}
    assert not any(v.kostenposten.exists() for v in gevonden.zonder_kosten)
    # Speaker fees on a meeting whose agenda names no speaker: the rule of the ledger's flags.
    assert [p.vergadering_zoals_geschreven for p in gevonden.spreker_niet_op_agenda] == [
        "12/12/05",
        "dec ’06",
    ]


def test_which_category_asks_for_a_speaker_is_the_categorys_flag_not_its_slug(seed):
    """A category the secretariat adds for fees (here "lesgever") asks for a speaker when
    marked so; the seed's spreker/experten stops asking once unmarked."""
    from financien.models import Kostencategorie

    sprekers = Kostencategorie.objects.get(slug="spreker-experten")
    assert sprekers.vraagt_spreker
    lesgever = Kostencategorie.objects.create(naam="lesgever", slug="lesgever", vraagt_spreker=True)
    Kostenpost.objects.filter(vergadering_zoals_geschreven="12/12/05").update(categorie=lesgever)
    sprekers.vraagt_spreker = False
    sprekers.save()
    gevonden = controles(dt.date(2026, 11, 26))
    assert [p.categorie.naam for p in gevonden.spreker_niet_op_agenda] == ["lesgever"]


def test_the_check_page_is_for_the_secretariat(client_van, coordinator, lid, seed):
    assert client_van(coordinator).get(reverse("financien:kosten_controle")).status_code == 404
    assert client_van(lid).get(reverse("financien:kosten_controle")).status_code == 404
    post = Kostenpost.objects.get(vergadering_zoals_geschreven="27/01/06")
    assert (
        client_van(lid)
        .post(reverse("financien:kosten_koppelen", args=[post.pk]), {"vergadering": 1})
        .status_code
        == 404
    )


def test_the_coordinator_reads_the_ledger_with_belgian_amounts(client_van, coordinator, seed):
    pagina = (
        client_van(coordinator)
        .get(reverse("financien:kosten_grootboek", args=[GROEP, 2006]))
        .content.decode()
    )
    assert "€\u00a036,30" in pagina and "€\u00a050,00" in pagina
    assert "€\u00a086,30" not in pagina  # planned is never added to invoiced
    assert "27/01/06 (zonder vergadering)" in pagina
    assert "4 bedragen zijn nog te bepalen" in pagina
    assert "geen budget ingegeven" in pagina  # the page asks for one; the report does not
    assert 'src="data:image/svg+xml;base64,' in pagina


def test_members_do_not_see_the_ledger(client_van, lid, seed):
    assert (
        client_van(lid).get(reverse("financien:kosten_grootboek", args=[GROEP, 2006])).status_code
        == 404
    )
    assert (
        client_van(lid).get(reverse("financien:kosten_xlsx", args=[GROEP, 2006])).status_code == 404
    )


def test_the_year_ledger_downloads_as_xlsx_with_numbers(client_van, coordinator, seed):
    antwoord = client_van(coordinator).get(reverse("financien:kosten_xlsx", args=[GROEP, 2006]))
    rijen = xlsx_rijen(antwoord.getvalue())
    # The columns of the import (docs/import-formats.md), so the file can come back.
    assert list(rijen[0])[:6] == [
        "werkgroep", "vergadering", "categorie", "omschrijving", "status", "bedrag",
    ]  # fmt: skip
    assert {
        "werkgroep": "regierol-van-de-lokale-besturen",
        "vergadering": "06/06/06",
        "categorie": "catering",
        "omschrijving": "broodjeslunch",
        "status": "intern gefactureerd",
        "bedrag": 36.3,
    }.items() <= next(r for r in rijen if r["omschrijving"] == "broodjeslunch").items()
    assert [r["vergadering"] for r in rijen] == [
        "27/01/06", "06/06/06", "25/09/06", "okt/nov ’06", "dec ’06", "dec ’06",
    ]  # fmt: skip
    assert rijen[-1]["bedrag"] is None  # "nog te bepalen" stays empty


def test_the_ledger_xlsx_opens_as_a_ledger_with_its_total(client_van, coordinator, seed):
    inhoud = (
        client_van(coordinator).get(reverse("financien:kosten_xlsx", args=[GROEP, 2006])).getvalue()
    )
    blad = openpyxl.load_workbook(io.BytesIO(inhoud)).active
    assert blad.title == "Grootboek 2006"
    assert [c.value for c in blad[1] if c.font.bold][:6] == [
        "werkgroep", "vergadering", "categorie", "omschrijving", "status", "bedrag",
    ]  # fmt: skip
    assert blad.freeze_panes == "A2"
    assert blad.column_dimensions["A"].width == len("regierol-van-de-lokale-besturen") + 2
    # An amount is a number cell in euro; the date as written stays text (the import's key).
    bedrag = next(rij[5] for rij in blad.iter_rows(min_row=2) if rij[3].value == "broodjeslunch")
    assert bedrag.data_type == "n" and bedrag.value == pytest.approx(36.30)
    assert bedrag.number_format == '"€" #,##0.00;-"€" #,##0.00'
    # The totals row: bold, the sum of the lines with an amount ("nog te bepalen" has none).
    posten = Kostenpost.objects.filter(werkgroep=seed, jaar=2006)
    met_bedrag = [p.bedrag for p in posten if p.bedrag is not None]
    assert 0 < len(met_bedrag) < len(posten)
    (totaal,) = xlsx_rijen(inhoud, totaal=True)
    assert totaal["werkgroep"] == "Totaal"
    assert Decimal(str(totaal["bedrag"])) == sum(met_bedrag)
    assert sum(met_bedrag) == sum(jaartotalen(seed, 2006).per_status.values())
    assert (len(met_bedrag), len(posten)) == (2, 6)
    assert totaal["omschrijving"] == (
        "som van 2 regels met een bedrag; 4 regels nog te bepalen tellen niet mee"
    )
    assert blad.cell(blad.max_row, 6).number_format == bedrag.number_format
    assert len(xlsx_rijen(inhoud)) == len(posten)


def test_the_ledger_xlsx_with_its_total_reimports_unchanged(client_van, coordinator, seed):
    inhoud = (
        client_van(coordinator).get(reverse("financien:kosten_xlsx", args=[GROEP, 2006])).getvalue()
    )
    voor = list(Kostenpost.objects.order_by("pk").values())
    resultaat = KostenpostResource().import_data(
        VeiligeXLSX().create_dataset(inhoud), dry_run=False
    )
    assert not resultaat.has_errors() and not resultaat.has_validation_errors()
    assert (resultaat.totals["new"], resultaat.totals["update"]) == (0, 0)
    assert resultaat.totals["skip"] == len(xlsx_rijen(inhoud))
    assert list(Kostenpost.objects.order_by("pk").values()) == voor


@pytest.mark.parametrize("aantal", [10, 200])
def test_ledger_pages_keep_their_query_count(
    coordinator, secretariaat, seed, aantal, django_assert_num_queries
):
    bouwers.groei_grootboek(seed, aantal)
    coord, secr = bouwers.aangemeld(coordinator), bouwers.aangemeld(secretariaat)
    # Every request: 9 (session, user, two permission reads, the request's savepoint and its
    # release, the session update with its savepoint and release). The page: the group,
    # the year's lines (with their meetings), its budget, the years with costs.
    with django_assert_num_queries(13):
        assert (
            coord.get(reverse("financien:kosten_grootboek", args=[GROEP, 2006])).status_code == 200
        )
    # The XLSX: the group, the year's lines (no budget: no totals), the access log's record.
    with django_assert_num_queries(12):
        assert coord.get(reverse("financien:kosten_xlsx", args=[GROEP, 2006])).status_code == 200
    # The check page: the lines of each of its four line checks, held meetings without
    # lines, lines written twice, the choices of meetings.
    with django_assert_num_queries(16):
        assert secr.get(reverse("financien:kosten_controle")).status_code == 200
    # The admin's export of the whole ledger (XLSX): the categories and the groups, each read
    # once, and every line with its group and category; the access log's record.
    kolommen = ["werkgroep", "vergadering", "categorie", "omschrijving", "status", "bedrag"]
    with django_assert_num_queries(13):
        antwoord = secr.post(
            reverse("admin:financien_kostenpost_export"),
            {"format": "1", "resource": "0", **{f"kostenpostresource_{k}": "on" for k in kolommen}},
        )
        assert antwoord.status_code == 200


def _groepen_op_de_pagina(html: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """(the group's header, [(date as written, amount) per line]) per group, in order."""
    groepen = []
    for blok in re.findall(r'<tbody class="kostengroep">(.*?)</tbody>', html, re.S):
        kop = _tekst(re.search(r"<th[^>]*>(.*?)</th>", blok, re.S)[1])
        regels = [
            (_tekst(cellen[0]), _tekst(cellen[-1]))
            for cellen in (
                re.findall(r"<td[^>]*>(.*?)</td>", rij, re.S)
                for rij in re.findall(r"<tr[^>]*>(.*?)</tr>", blok, re.S)
            )
            if cellen
        ]
        groepen.append((kop, regels))
    return groepen


def _tekst(html: str) -> str:
    """The text, spaces folded; the non-breaking space of "€ 36,30" stays."""
    return re.sub(r"[ \t\r\n]+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def _jaartotalen_op_de_pagina(html: str) -> str:
    """The year's totals as the shared include shows them."""
    return _tekst(re.search(r'<table class="jaartotalen[^"]*">(.*?)</table>', html, re.S)[1])


def _de_27_01_gekoppeld_aan_februari(seed):
    """A line whose written date (27/01/06) is not its linked meeting's (2006-02-27), and an
    unlinked line written between the two (14/02/06)."""
    post = Kostenpost.objects.get(vergadering_zoals_geschreven="27/01/06")
    kostenpost_koppelen(post=post, vergadering=Vergadering.objects.get(kenmerk="2006-02-27"))
    bouwers.kostenpost(seed, vergadering_zoals_geschreven="14/02/06", omschrijving="Zaal")


@pytest.mark.parametrize("gekoppeld", [False, True], ids=["seed", "27-01-bij-februari"])
@pytest.mark.parametrize("jaar", [2005, 2006])
def test_the_page_the_xlsx_and_the_report_agree_on_meetings_lines_and_totals(
    coordinator, seed, jaar, gekoppeld
):
    if gekoppeld:
        _de_27_01_gekoppeld_aan_februari(seed)
    boek = grootboek(seed, jaar)
    client = bouwers.aangemeld(coordinator)
    pagina = client.get(reverse("financien:kosten_grootboek", args=[GROEP, jaar])).content.decode()
    verslag = client.get(reverse("rapportage:jaarverslag", args=[GROEP, jaar])).content.decode()
    rijen = xlsx_rijen(client.get(reverse("financien:kosten_xlsx", args=[GROEP, jaar])).getvalue())

    def bedrag(waarde) -> str:
        return "n.t.b." if waarde is None else euro(Decimal(str(waarde)))

    verwacht = [
        [(p.vergadering_zoals_geschreven, bedrag(p.bedrag)) for p in g.posten]
        for g in boek.vergaderingen
    ]
    op_de_pagina, in_het_verslag = _groepen_op_de_pagina(pagina), _groepen_op_de_pagina(verslag)
    assert [regels for _kop, regels in op_de_pagina] == verwacht
    assert [regels for _kop, regels in in_het_verslag] == verwacht
    xlsx = [(r["vergadering"], bedrag(r["bedrag"])) for r in rijen]
    assert xlsx == [regel for regels in verwacht for regel in regels]
    # The same meetings, named alike: a linked group by its meeting's date, an unlinked one
    # by the date as written, marked on the page only (the report carries no check).
    for groep, (kop_pagina, _), (kop_verslag, _) in zip(
        boek.vergaderingen, op_de_pagina, in_het_verslag, strict=True
    ):
        if groep.gekoppeld:
            assert kop_pagina == kop_verslag == str(groep.vergadering.datum)
        else:
            assert kop_pagina == f"{groep.geschreven} (zonder vergadering)"
            assert kop_verslag == groep.geschreven
    # One set of totals: the year's is the sum of its meetings', shown the same way twice
    # (the page alone says that no budget was entered).
    for status, totaal in boek.totalen.per_status.items():
        assert totaal == sum((g.per_status[status] for g in boek.vergaderingen), Decimal(0))
    zonder_budgetvraag = _jaartotalen_op_de_pagina(pagina).replace(
        " Budget geen budget ingegeven", ""
    )
    assert zonder_budgetvraag == _jaartotalen_op_de_pagina(verslag)
    assert euro(boek.totalen.gefactureerd) in _jaartotalen_op_de_pagina(pagina)


def test_a_line_belongs_to_the_meeting_it_is_linked_to_whatever_its_written_date(seed):
    _de_27_01_gekoppeld_aan_februari(seed)
    boek = grootboek(seed, 2006)
    assert [(str(g), g.gekoppeld) for g in boek.vergaderingen] == [
        ("14/02/06", False), ("27/02/2006", True), ("06/06/2006", True), ("25/09/2006", True),
        ("oktober/november 2006", True), ("december 2006", True),
    ]  # fmt: skip
    februari = boek.vergaderingen[1]
    assert [p.vergadering_zoals_geschreven for p in februari.posten] == ["27/01/06"]
    assert februari.per_status["voorzien"] == Decimal("50.00")
    assert boek.vergaderingen[0].per_status["voorzien"] == Decimal("120.00")
    assert boek.totalen.per_status["voorzien"] == Decimal("170.00")
    assert boek.totalen.ongekoppeld == 1
    assert [str(g) for g in grootboek(seed, 2005).vergaderingen] == ["02/12/2005", "12/12/2005"]


def test_an_unlinked_line_on_a_meetings_date_is_not_linked_on_the_way(seed):
    """Saved without a link (as a bulk load would): it stands apart, marked, after the
    meeting of that date; nothing links it but the import, the admin or a person."""
    bouwers.kostenpost(seed, vergadering_zoals_geschreven="06/06/2006", omschrijving="Zaal")
    boek = grootboek(seed, 2006)
    assert [(str(g), g.gekoppeld) for g in boek.vergaderingen][1:3] == [
        ("06/06/2006", True),
        ("06/06/2006", False),
    ]
    assert [p.omschrijving for p in boek.vergaderingen[1].posten] == ["broodjeslunch"]
    assert Kostenpost.objects.get(omschrijving="Zaal").vergadering is None


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


def test_a_date_two_meetings_share_links_neither_in_the_admin_nor_in_an_import(
    client_van, secretariaat, seed
):
    from tablib import Dataset

    from financien.resources import KostenpostResource

    for soort in ["plenair", "voorbereidend"]:
        bouwers.maak_vergadering(seed, "14/03/2007", soort=soort)
    client_van(secretariaat).post(
        reverse("admin:financien_kostenpost_add"),
        {
            "werkgroep": seed.pk, "vergadering_zoals_geschreven": "14/03/2007",
            "categorie": Kostencategorie.objects.get(slug="zaal").pk, "omschrijving": "Zaalhuur",
            "status": "voorzien", "bedrag": "120,00",
        },
    )  # fmt: skip
    data = Dataset(headers=["werkgroep", "vergadering", "categorie", "omschrijving", "status",
                            "bedrag"])  # fmt: skip
    data.append([GROEP, "14/03/07", "catering", "koffie", "voorzien", "12,00"])
    data.append([GROEP, "06/06/06", "catering", "thee", "voorzien", "3,00"])
    resultaat = KostenpostResource().import_data(data, dry_run=False)
    assert not resultaat.has_errors() and not resultaat.has_validation_errors()
    gekoppeld = dict(
        Kostenpost.objects.filter(omschrijving__in=["Zaalhuur", "koffie", "thee"]).values_list(
            "omschrijving", "vergadering__kenmerk"
        )
    )
    assert gekoppeld == {"Zaalhuur": None, "koffie": None, "thee": "2006-06-06"}


@pytest.mark.parametrize("aantal", [10, 200])
def test_the_ledger_with_its_flags_and_totals_is_two_queries(
    seed, aantal, django_assert_num_queries
):
    """Whether a meeting's agenda names a speaker is read in the lines' own query."""
    bouwers.groei_grootboek(seed, aantal)
    # The lines (with their meetings and the agenda's speaker), the budget.
    with django_assert_num_queries(2):
        boek = grootboek(seed, 2006)
        assert [regel.post.vergadering_zoals_geschreven for _g, regel in boek.losse_einden][
            -1
        ] == "dec ’06"
        assert boek.totalen.spreker_niet_op_agenda == 1


@pytest.mark.parametrize(
    ("omschrijving", "categorie", "zegt_meer"),
    [
        ("catering", "catering", False),
        ("Catering", "catering", False),
        ("sprekers/experten", "spreker/experten", False),
        ("spreker", "spreker/experten", False),
        ("broodjeslunch", "catering", True),
        ("Zaalhuur", "zaal", True),
    ],
)
def test_a_description_is_shown_only_when_it_says_more_than_its_category(
    omschrijving, categorie, zegt_meer
):
    from financien.selectors import zegt_meer as rule

    assert rule(omschrijving, categorie) is zegt_meer

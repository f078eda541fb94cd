"""The ledger from files that LibreOffice Calc wrote: one line written twice, amounts out of
bounds, and doubles already in the ledger shown on the check page."""

from decimal import Decimal
from pathlib import Path

from django.urls import reverse

from financien.models import Kostenpost
from tests import bouwers
from tests.werkgroep.test_echte_bestanden import XLSX, calc, oplaad, tekst_van, zonder_lek

BESTANDEN = Path(__file__).resolve().parent.parent / "bestanden"


def test_one_line_written_twice_in_a_calc_file_is_refused_naming_both_lines(
    client_van, secretariaat, seed
):
    voor = Kostenpost.objects.count()
    antwoord = oplaad(
        client_van(secretariaat), "kostenpost", calc("grootboek_dubbel_calc.xlsx"), "d.xlsx", XLSX
    )
    fouten = antwoord.context["fouten"]
    assert [(f.regel, f.kolom) for f in fouten] == [(3, "")]
    assert "dezelfde regel als regel 2" in fouten[0].reden
    assert "Dit is dezelfde regel als regel 2" in tekst_van(antwoord)
    assert not antwoord.context.get("confirm_form")
    assert Kostenpost.objects.count() == voor


def test_a_negative_amount_and_one_above_the_ceiling_are_refused_with_row_and_column(
    client_van, secretariaat, seed
):
    voor = list(Kostenpost.objects.values())
    antwoord = oplaad(
        client_van(secretariaat), "kostenpost", calc("grootboek_bedragen_calc.xlsx"), "b.xlsx", XLSX
    )
    fouten = {(f.regel, f.kolom, f.waarde) for f in antwoord.context["fouten"]}
    assert fouten == {(3, "bedrag", "-40"), (4, "bedrag", "100000000000")}
    pagina = tekst_van(antwoord)
    assert "Een bedrag is nooit negatief" in pagina
    assert "€ 100.000.000.000,00 is meer dan het plafond van € 100.000,00" in pagina
    zonder_lek(pagina)
    assert list(Kostenpost.objects.values()) == voor


def test_the_secretariat_sets_a_groups_ceiling(client_van, secretariaat, seed):
    bouwers.bedragplafond(seed, bedrag="10.00")
    antwoord = oplaad(
        client_van(secretariaat), "kostenpost", calc("grootboek_bedragen_calc.xlsx"), "b.xlsx", XLSX
    )
    # 12,50 on line 2 is above this group's € 10,00 too.
    assert {(f.regel, f.kolom) for f in antwoord.context["fouten"]} == {
        (2, "bedrag"),
        (3, "bedrag"),
        (4, "bedrag"),
    }
    pagina = client_van(secretariaat).get(reverse("admin:financien_bedragplafond_changelist"))
    assert pagina.status_code == 200 and "€ 10,00" in tekst_van(pagina)


def test_the_database_refuses_a_negative_amount_whatever_the_path(seed):
    import pytest
    from django.db import IntegrityError, transaction

    post = Kostenpost.objects.exclude(bedrag=None).first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Kostenpost.objects.filter(pk=post.pk).update(bedrag=Decimal("-1.00"))


def test_doubles_already_in_the_ledger_are_shown_on_the_check_page(
    client_van, secretariaat, seed, django_assert_num_queries
):
    eerste = Kostenpost.objects.get(vergadering_zoals_geschreven="06/06/06")
    Kostenpost.objects.create(
        werkgroep=seed, vergadering_zoals_geschreven="06/06/2006", jaar=2006,
        vergadering=eerste.vergadering,  # linked by its date, as the admin and import link it
        categorie=eerste.categorie, omschrijving=" Broodjeslunch", status="voorzien",
        bedrag=Decimal("36.30"),
    )  # fmt: skip
    client = client_van(secretariaat)
    client.get(reverse("financien:kosten_controle"))
    # Session, user, 2 permission reads, the ledger read once (grouped per meeting as the
    # ledger page groups it: unlinked, past, undetermined and doubles all come from it),
    # 2 meeting reads (without costs; the choices for every unlinked line), session update
    # and its savepoints: whatever the number of lines, here two of them unlinked.
    with django_assert_num_queries(16):
        antwoord = client.get(reverse("financien:kosten_controle"))
    pagina = tekst_van(antwoord)
    assert "Dezelfde kostenpost meer dan eens" in pagina
    assert "06/06/06" in pagina and "06/06/2006" in pagina
    dubbel = antwoord.context["controles"].dubbel
    assert [sorted(p.vergadering_zoals_geschreven for p in groep) for groep in dubbel] == [
        ["06/06/06", "06/06/2006"]
    ]

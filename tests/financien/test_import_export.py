"""The ledger in spreadsheets: werkgroep;vergadering;categorie;omschrijving;status;bedrag."""

import io
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from financien.models import Kostenpost
from financien.resources import KostenpostResource
from kern.spreadsheets import BelgischeCSV, VeiligeXLSX
from tests.financien.test_grootboek import xlsx_rijen

KOP = "werkgroep;vergadering;categorie;omschrijving;status;bedrag"


def belgisch_bestand(*regels, encoding="cp1252"):
    return ("\r\n".join([KOP, *regels]) + "\r\n").encode(encoding)


def importeer(client, inhoud, naam="grootboek.csv", formaat="0"):
    antwoord = client.post(
        reverse("admin:financien_kostenpost_import"),
        {"resource": "0", "format": formaat, "import_file": SimpleUploadedFile(naam, inhoud)},
    )
    if antwoord.status_code == 200 and antwoord.context.get("confirm_form"):
        bevestig = antwoord.context["confirm_form"]
        antwoord = client.post(
            reverse("admin:financien_kostenpost_process_import"),
            {k: bevestig.initial[k] for k in bevestig.fields},
        )
    return antwoord


def test_a_belgian_excel_file_imports_and_links_its_meetings(client_van, secretariaat, seed):
    inhoud = belgisch_bestand(
        "regierol-van-de-lokale-besturen;06/06/2006;Catering;koffie en thee;Gefactureerd;1.234,56",
        "regierol-van-de-lokale-besturen;oktober/november 2006;CATERING;broodjes;nog te bepalen;",
        "regierol-van-de-lokale-besturen;14/03/07;zaal;zaalhuur café ’t Hoekske;voorzien;36,30",
    )
    antwoord = importeer(client_van(secretariaat), inhoud)
    assert antwoord.status_code == 302, antwoord.content.decode()[-2000:]
    koffie = Kostenpost.objects.get(omschrijving="koffie en thee")
    assert (koffie.bedrag, koffie.status, koffie.vergadering.kenmerk) == (
        Decimal("1234.56"),
        "gefactureerd",
        "2006-06-06",
    )
    broodjes = Kostenpost.objects.get(omschrijving="broodjes")
    assert broodjes.bedrag is None and broodjes.vergadering.kenmerk == "2006-10/2006-11"
    zaal = Kostenpost.objects.get(omschrijving="zaalhuur café ’t Hoekske")
    assert zaal.bedrag == Decimal("36.30") and zaal.vergadering is None and zaal.jaar == 2007


def test_a_file_with_one_bad_row_imports_nothing_and_names_it(client_van, secretariaat, seed):
    voor = Kostenpost.objects.count()
    inhoud = belgisch_bestand(
        "regierol-van-de-lokale-besturen;06/06/2006;catering;goed;voorzien;10,00",
        "regierol-van-de-lokale-besturen;06/06/2006;catering;fout bedrag;voorzien;10,005",
        "regierol-van-de-lokale-besturen;06/06/2006;catering;leeg bedrag;gefactureerd;",
        "regierol-van-de-lokale-besturen;31/02/2006;koffie;fout;voorzien;1",
    )
    antwoord = importeer(client_van(secretariaat), inhoud)
    assert antwoord.status_code == 200
    fouten = {r.number: r for r in antwoord.context["result"].invalid_rows}
    assert sorted(fouten) == [3, 4, 5]
    assert "bedrag" in fouten[3].field_specific_errors
    assert "nog te bepalen" in " ".join(fouten[4].non_field_specific_errors)
    assert "Onbekende categorie “koffie”" in fouten[5].field_specific_errors["categorie"][0]
    assert "geen bestaande datum" in fouten[5].field_specific_errors["vergadering"][0]
    assert Kostenpost.objects.count() == voor


@pytest.mark.parametrize("formaat", [BelgischeCSV, VeiligeXLSX])
def test_reimporting_an_export_changes_nothing(seed, formaat):
    voor = list(Kostenpost.objects.order_by("pk").values())
    bestand = formaat().export_data(KostenpostResource().export(force_native_type=True))
    bestand = bestand.encode("utf-8") if isinstance(bestand, str) else bestand
    resultaat = KostenpostResource().import_data(formaat().create_dataset(bestand), dry_run=False)
    assert not resultaat.has_errors() and not resultaat.has_validation_errors()
    assert (resultaat.totals["new"], resultaat.totals["update"]) == (0, 0)
    assert list(Kostenpost.objects.order_by("pk").values()) == voor


def test_a_date_written_differently_is_the_same_line(seed):
    from tablib import Dataset

    data = Dataset(headers=KOP.split(";"))
    data.append(
        [
            "regierol-van-de-lokale-besturen",
            "02/12/2005",
            "catering",
            "catering",
            "gefactureerd",
            "40,00",
        ]
    )
    resultaat = KostenpostResource().import_data(data, dry_run=False)
    assert resultaat.totals["new"] == 0
    assert Kostenpost.objects.filter(omschrijving="catering", jaar=2005).count() == 1


def test_formula_cells_are_neutralised_while_numbers_and_empty_cells_survive(seed):
    catering = Kostenpost.objects.first().categorie
    Kostenpost.objects.create(
        werkgroep=seed, vergadering_zoals_geschreven="06/06/06", jaar=2006, categorie=catering,
        omschrijving='=HYPERLINK("http://x")', status="gefactureerd", bedrag=Decimal("5.00"),
    )  # fmt: skip
    Kostenpost.objects.create(
        werkgroep=seed, vergadering_zoals_geschreven="06/06/06", jaar=2006, categorie=catering,
        omschrijving="@SUM(A1)\tx", status="gefactureerd", bedrag=Decimal("7.00"),
    )  # fmt: skip
    data = KostenpostResource().export(force_native_type=True)
    xlsx = VeiligeXLSX().export_data(data)
    rijen = {r["omschrijving"]: r for r in xlsx_rijen(xlsx)}
    # In an XLSX a text is a text cell, shown as written: no apostrophe, no formula.
    assert rijen['=HYPERLINK("http://x")']["bedrag"] == 5
    assert "@SUM(A1)\tx" in rijen
    blad = openpyxl.load_workbook(io.BytesIO(xlsx)).active
    assert {c.data_type for rij in blad.iter_rows() for c in rij if isinstance(c.value, str)} == {
        "s"
    }
    assert b"<f>" not in zipfile.ZipFile(io.BytesIO(xlsx)).read("xl/worksheets/sheet1.xml")
    terug = KostenpostResource().import_data(VeiligeXLSX().create_dataset(xlsx), dry_run=False)
    assert terug.totals["new"] == terug.totals["update"] == 0
    assert rijen["broodjeslunch"]["bedrag"] == 36.3  # a number cell
    assert rijen["sprekers/experten"]["bedrag"] is None  # empty, not "None"
    csv = BelgischeCSV().export_data(data)
    assert "'=HYPERLINK" in csv and ";=" not in csv and ';"=' not in csv
    assert ";5,00\r\n" in csv and ";36,30\r\n" in csv  # numbers stay numbers
    assert ";nog te bepalen;\r\n" in csv
    resultaat = KostenpostResource().import_data(
        BelgischeCSV().create_dataset(csv.encode()), dry_run=False
    )
    assert resultaat.totals["new"] == 0 and resultaat.totals["update"] == 0


def test_the_admin_export_gives_number_cells(client_van, secretariaat, seed):
    antwoord = client_van(secretariaat).post(
        reverse("admin:financien_kostenpost_export"),
        {
            "format": "1",
            "resource": "0",
            **{
                f"kostenpostresource_{f}": "on"
                for f in [
                    "werkgroep",
                    "vergadering",
                    "categorie",
                    "omschrijving",
                    "status",
                    "bedrag",
                ]
            },
        },
    )
    assert antwoord.status_code == 200, antwoord.content.decode()[:500]
    bedragen = [r["bedrag"] for r in xlsx_rijen(antwoord.content)]
    assert 36.3 in bedragen and None in bedragen


def test_import_and_export_need_their_own_permission(client_van, secretariaat, coordinator, seed):
    client = client_van(coordinator)
    assert client.get(reverse("admin:financien_kostenpost_export")).status_code == 200
    assert client.get(reverse("admin:financien_kostenpost_import")).status_code == 403
    secretariaat.groups.clear()
    secretariaat.user_permissions.set(
        Permission.objects.filter(
            codename__in=["view_kostenpost", "change_kostenpost", "add_kostenpost"]
        )
    )
    client = client_van(secretariaat)
    assert client.get(reverse("admin:financien_kostenpost_import")).status_code == 403
    assert client.get(reverse("admin:financien_kostenpost_export")).status_code == 403
    secretariaat.user_permissions.add(
        *Permission.objects.filter(codename__in=["import_kostenpost", "export_kostenpost"])
    )
    client = client_van(secretariaat)
    assert client.get(reverse("admin:financien_kostenpost_import")).status_code == 200
    assert client.get(reverse("admin:financien_kostenpost_export")).status_code == 200


def test_the_same_line_twice_in_one_file_is_named_and_nothing_imported(seed):
    from tablib import Dataset

    data = Dataset(headers=KOP.split(";"))
    for _ in range(2):
        data.append(
            ["regierol-van-de-lokale-besturen", "14/03/2007", "zaal", "huur", "voorzien", "80"]
        )
    resultaat = KostenpostResource().import_data(data, dry_run=False)
    assert [r.number for r in resultaat.invalid_rows] == [3]
    assert "dezelfde regel als regel 2" in " ".join(
        resultaat.invalid_rows[0].non_field_specific_errors
    )
    assert not Kostenpost.objects.filter(omschrijving="huur").exists()

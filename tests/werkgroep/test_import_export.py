"""Spreadsheets in and out: Belgian files, all or nothing, round trips and permissions."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kern.spreadsheets import BelgischeCSV, VeiligeXLSX
from werkgroep.models import Deelnemer, Lidmaatschap, Organisatie, Vergadering
from werkgroep.resources import (
    DeelnemerResource,
    LidmaatschapResource,
    OrganisatieResource,
    VergaderingResource,
)

CSV, XLSX = "0", "1"  # positions of the formats in the import form


def importeer(client, model: str, inhoud: bytes, naam="bestand.csv", formaat=CSV):
    """Upload through the admin's import page and confirm when it offers to."""
    url = reverse(f"admin:werkgroep_{model}_import")
    antwoord = client.post(
        url,
        {"resource": "0", "format": formaat, "import_file": SimpleUploadedFile(naam, inhoud)},
    )
    if antwoord.status_code != 200 or "confirm_form" not in (antwoord.context or {}):
        return antwoord
    bevestig = antwoord.context["confirm_form"]
    return client.post(
        reverse(f"admin:werkgroep_{model}_process_import"),
        {k: bevestig.initial[k] for k in bevestig.fields},
    )


def csv_bytes(regels: list[str], encoding="cp1252", bom=False) -> bytes:
    tekst = "\r\n".join(regels) + "\r\n"
    return (b"\xef\xbb\xbf" if bom else b"") + tekst.encode(encoding)


def test_a_windows_1252_semicolon_file_with_short_dates_imports_right(
    client_van, secretariaat, seed
):
    client = client_van(secretariaat)
    antwoord = importeer(
        client,
        "vergadering",
        csv_bytes(
            [
                "werkgroep;datum;soort;status;plaats",
                "regierol-van-de-lokale-besturen;02/03/07;plenair;gepland;Café ’t Hoekske, Gent",
                "regierol-van-de-lokale-besturen;februari/maart 2007;voorbereidend;gepland;",
            ]
        ),
    )
    assert antwoord.status_code == 302, antwoord.content.decode()[-3000:]
    dag = Vergadering.objects.get(kenmerk="2007-03-02")
    assert (str(dag.datum), dag.plaats) == ("02/03/2007", "Café ’t Hoekske, Gent")
    venster = Vergadering.objects.get(kenmerk="2007-02/2007-03")
    assert (str(venster.datum), venster.soort) == ("februari/maart 2007", "voorbereidend")


def test_a_meeting_without_a_kind_is_imported_without_one(client_van, secretariaat, seed):
    """No kind in the file is no kind recorded (issue 22): a "vergadering", not plenary."""
    antwoord = importeer(
        client_van(secretariaat),
        "vergadering",
        csv_bytes(
            [
                "werkgroep;datum;soort;status",
                "regierol-van-de-lokale-besturen;02/03/07;;gepland",
                "regierol-van-de-lokale-besturen;09/03/07;vergadering;gepland",
            ]
        ),
    )
    assert antwoord.status_code == 302, antwoord.content.decode()[-3000:]
    for kenmerk in ("2007-03-02", "2007-03-09"):
        vergadering = Vergadering.objects.get(kenmerk=kenmerk)
        assert vergadering.soort == "" and str(vergadering) == f"vergadering {vergadering.datum}"


def test_a_utf8_comma_file_with_bom_imports_right(client_van, secretariaat, seed):
    antwoord = importeer(
        client_van(secretariaat),
        "lidmaatschap",
        csv_bytes(
            [
                "werkgroep,voornaam,achternaam,rol,van,tot",
                "regierol-van-de-lokale-besturen,Michel,Bortels,promotor,16/09/2005,31/12/06",
            ],
            encoding="utf-8",
            bom=True,
        ),
    )
    assert antwoord.status_code == 302
    lid = Lidmaatschap.objects.get(deelnemer__achternaam="Bortels")
    assert (lid.rol, lid.van.isoformat(), lid.tot.isoformat()) == (
        "promotor", "2005-09-16", "2006-12-31"
    )  # fmt: skip


def test_a_file_with_one_bad_row_imports_nothing_and_names_the_row(client_van, secretariaat, seed):
    voor = Deelnemer.objects.count()
    antwoord = importeer(
        client_van(secretariaat),
        "deelnemer",
        csv_bytes(
            [
                "voornaam;achternaam;organisatie;e-mail;telefoon",
                "Anna;Nieuw;VVSG;anna@example.be;02 123 45 67",
                "Bert;Fout;Bestaat Niet vzw;bert@example.be;",
                "Carla;Ook;Stad Antwerpen › Sociale Zaken;geen-adres;",
            ]
        ),
    )
    assert antwoord.status_code == 200
    pagina = antwoord.content.decode()
    assert "confirm_form" not in antwoord.context or antwoord.context["confirm_form"] is None
    assert "Bestaat Niet vzw" in pagina and "importeer eerst de organisaties" in pagina
    fouten = antwoord.context["result"].invalid_rows
    assert [(r.number, sorted(r.field_specific_errors)) for r in fouten] == [
        (3, ["organisatie"]),  # line 3 of the file: line 1 is the header
        (4, ["e-mail"]),  # named by its column
    ]
    assert Deelnemer.objects.count() == voor
    assert not Deelnemer.objects.filter(achternaam="Nieuw").exists()


def test_the_resource_itself_rolls_back_every_row_when_one_is_invalid(seed):
    from tablib import Dataset

    data = Dataset(headers=["voornaam", "achternaam", "organisatie", "e-mail", "telefoon"])
    data.append(["Anna", "Nieuw", "VVSG", "", ""])
    data.append(["Bert", "Fout", "Bestaat Niet", "", ""])
    resultaat = DeelnemerResource().import_data(data, dry_run=False)
    assert resultaat.has_validation_errors()
    assert not Deelnemer.objects.filter(achternaam="Nieuw").exists()


@pytest.mark.parametrize(
    "resource", [OrganisatieResource, DeelnemerResource, LidmaatschapResource, VergaderingResource]
)
@pytest.mark.parametrize("formaat", [BelgischeCSV, VeiligeXLSX])
def test_reimporting_an_export_changes_nothing(seed, resource, formaat):
    model = resource._meta.model
    voor = list(model.objects.order_by("pk").values())
    bestand = formaat().export_data(resource().export())
    if isinstance(bestand, str):
        bestand = bestand.encode("utf-8")
    resultaat = resource().import_data(formaat().create_dataset(bestand), dry_run=False)
    assert not resultaat.has_errors() and not resultaat.has_validation_errors()
    assert resultaat.totals["new"] == 0 and resultaat.totals["update"] == 0
    assert list(model.objects.order_by("pk").values()) == voor


def test_an_export_is_a_semicolon_file_excel_reads_with_its_accents(seed):
    inhoud = BelgischeCSV().export_data(VergaderingResource().export())
    assert inhoud.startswith("\ufeffwerkgroep;kenmerk;datum;")
    assert "regierol-van-de-lokale-besturen;2006-10/2006-11;oktober/november 2006;" in inhoud


def test_an_export_does_not_run_formulas_and_reimports_unchanged(seed):
    org = Organisatie.objects.create(naam='=HYPERLINK("http://evil")', opmerking="-5 leden")
    inhoud = BelgischeCSV().export_data(OrganisatieResource().export())
    assert "'=HYPERLINK" in inhoud and "'-5 leden" in inhoud
    resultaat = OrganisatieResource().import_data(
        BelgischeCSV().create_dataset(inhoud.encode()), dry_run=False
    )
    assert resultaat.totals["new"] == 0
    org.refresh_from_db()
    assert (org.naam, org.opmerking) == ('=HYPERLINK("http://evil")', "-5 leden")


def test_an_xlsx_with_real_dates_imports(client_van, secretariaat, seed):
    import datetime as dt

    boek = openpyxl.Workbook()
    blad = boek.active
    blad.append(["werkgroep", "voornaam", "achternaam", "rol", "van", "tot"])
    blad.append(
        [
            "regierol-van-de-lokale-besturen",
            "Ann",
            "Jughmans",
            "partner",
            dt.datetime(2005, 9, 16),  # noqa: DTZ001 - Excel date cells are naive
            None,
        ]
    )
    uit = io.BytesIO()
    boek.save(uit)
    antwoord = importeer(
        client_van(secretariaat), "lidmaatschap", uit.getvalue(), "leden.xlsx", XLSX
    )
    assert antwoord.status_code == 302
    lid = Lidmaatschap.objects.get(deelnemer__achternaam="Jughmans")
    assert (lid.rol, lid.van) == ("partner", dt.date(2005, 9, 16))


def test_a_corrupt_xlsx_gets_a_form_error_not_a_500(client_van, secretariaat, seed):
    antwoord = importeer(
        client_van(secretariaat), "organisatie", b"PK\x03\x04 dit is geen xlsx", "kapot.xlsx", XLSX
    )
    assert antwoord.status_code == 200
    assert "geen leesbaar XLSX-bestand" in antwoord.content.decode()


def test_a_file_over_the_size_limit_gets_a_form_error(client_van, secretariaat, seed, settings):
    settings.IMPORT_MAX_BYTES = 100
    antwoord = importeer(
        client_van(secretariaat), "organisatie", csv_bytes(["naam"] + ["Organisatie x"] * 20)
    )
    assert antwoord.status_code == 200
    assert "het maximum is 100" in antwoord.content.decode()
    assert not Organisatie.objects.filter(naam="Organisatie x").exists()


def test_a_ragged_csv_gets_a_form_error(client_van, secretariaat, seed):
    antwoord = importeer(
        client_van(secretariaat), "organisatie", csv_bytes(["naam;opmerking", "a;b;c"])
    )
    assert antwoord.status_code == 200
    assert "Regel 2 heeft 3 kolommen" in antwoord.content.decode()


MODELLEN = ["organisatie", "deelnemer", "lidmaatschap", "vergadering"]


@pytest.mark.parametrize("model", MODELLEN)
def test_import_and_export_are_refused_without_their_permission(
    client_van, secretariaat, seed, model
):
    secretariaat.groups.clear()
    secretariaat.user_permissions.set(
        Permission.objects.filter(codename__in=[f"view_{model}", f"add_{model}", f"change_{model}"])
    )
    client = client_van(secretariaat)
    assert client.get(reverse(f"admin:werkgroep_{model}_changelist")).status_code == 200
    assert client.get(reverse(f"admin:werkgroep_{model}_import")).status_code == 403
    assert client.get(reverse(f"admin:werkgroep_{model}_export")).status_code == 403


@pytest.mark.parametrize("model", MODELLEN)
def test_import_and_export_are_allowed_with_their_permission(client_van, secretariaat, seed, model):
    secretariaat.groups.clear()
    secretariaat.user_permissions.set(
        Permission.objects.filter(
            codename__in=[f"view_{model}", f"import_{model}", f"export_{model}"]
        )
    )
    client = client_van(secretariaat)
    assert client.get(reverse(f"admin:werkgroep_{model}_import")).status_code == 200
    assert client.get(reverse(f"admin:werkgroep_{model}_export")).status_code == 200


def test_the_coordinator_exports_but_does_not_import(client_van, coordinator, seed):
    client = client_van(coordinator)
    assert client.get(reverse("admin:werkgroep_deelnemer_export")).status_code == 200
    assert client.get(reverse("admin:werkgroep_deelnemer_import")).status_code == 403


@pytest.mark.parametrize("resource", [DeelnemerResource, VergaderingResource, LidmaatschapResource])
def test_exports_keep_their_query_count_as_rows_grow(seed, resource, django_assert_num_queries):
    from tests.bouwers import groei

    groei(seed, 10)
    with django_assert_num_queries(1):
        resource().export()
    groei(seed, 190)
    with django_assert_num_queries(1):
        resource().export()


# ---- Who may POST: the import's confirm step and the export ------------------------------

NIEUWE_DEELNEMER = csv_bytes(
    ["voornaam;achternaam;organisatie;e-mail;telefoon", "Anna;Nieuw;VVSG;anna@example.be;"]
)


def _naar_aanmelden(antwoord) -> bool:
    """A redirect to the login page (the admin's sends there too), coming back afterwards."""
    from django.conf import settings
    from django.shortcuts import resolve_url

    aanmelden = (resolve_url(settings.LOGIN_URL), reverse("admin:login"))
    return antwoord.status_code == 302 and antwoord["Location"].startswith(aanmelden)


def test_only_who_may_import_confirms_a_previewed_import(
    client_van, secretariaat, coordinator, lid
):
    """The confirm step posted by each role with the very data the preview offered: the
    refused ones import nothing (and leave the preview to be confirmed), the secretariat
    imports it once."""
    from tests.bouwers import aangemeld

    voorvertoning = client_van(secretariaat).post(
        reverse("admin:werkgroep_deelnemer_import"),
        {
            "resource": "0",
            "format": CSV,
            "import_file": SimpleUploadedFile("d.csv", NIEUWE_DEELNEMER),
        },
    )
    bevestig = voorvertoning.context["confirm_form"]
    data = {k: bevestig.initial[k] for k in bevestig.fields}
    url = reverse("admin:werkgroep_deelnemer_process_import")

    assert _naar_aanmelden(aangemeld(None).post(url, data))
    assert _naar_aanmelden(aangemeld(lid).post(url, data))
    assert aangemeld(coordinator).post(url, data).status_code == 403
    zonder_recht = bouwers_account_zonder("import_deelnemer")
    assert aangemeld(zonder_recht).post(url, data).status_code == 403
    assert not Deelnemer.objects.filter(achternaam="Nieuw").exists()

    antwoord = aangemeld(secretariaat).post(url, data)
    assert antwoord.status_code == 302
    assert Deelnemer.objects.filter(achternaam="Nieuw").count() == 1


def bouwers_account_zonder(recht: str):
    """A staff account of the secretariat's group with every permission but ``recht``."""
    from werkgroep import rollen
    from werkgroep.services import account_aanmaken

    account = account_aanmaken(
        gebruikersnaam=f"zonder-{recht}", wachtwoord="x", rol=rollen.SECRETARIAAT, staff=True
    )
    rechten = Permission.objects.filter(group__user=account).exclude(codename=recht)
    account.groups.clear()
    account.user_permissions.set(rechten)
    return account


EXPORT_DEELNEMERS = {
    "format": CSV,
    "resource": "0",
    **{f"deelnemerresource_{veld}": "on" for veld in ["voornaam", "achternaam"]},
}


def test_only_who_may_export_gets_the_file_when_posting_the_export(
    client_van, secretariaat, coordinator, lid
):
    from tests.bouwers import aangemeld

    url = reverse("admin:werkgroep_deelnemer_export")
    assert _naar_aanmelden(aangemeld(None).post(url, EXPORT_DEELNEMERS))
    assert _naar_aanmelden(aangemeld(lid).post(url, EXPORT_DEELNEMERS))
    zonder_recht = aangemeld(bouwers_account_zonder("export_deelnemer"))
    geweigerd = zonder_recht.post(url, EXPORT_DEELNEMERS)
    assert geweigerd.status_code == 403 and "Dejonckheere" not in geweigerd.content.decode()

    for wie in (coordinator, secretariaat):
        antwoord = aangemeld(wie).post(url, EXPORT_DEELNEMERS)
        assert antwoord.status_code == 200, antwoord.content.decode()[:300]
        assert antwoord["Content-Disposition"].startswith("attachment")
        regels = antwoord.content.decode("utf-8-sig").splitlines()
        assert regels[0] == "voornaam;achternaam"  # the columns chosen, no others
        assert "Johan;Dejonckheere" in regels


def _voorvertoond(client) -> dict:
    voorvertoning = client.post(
        reverse("admin:werkgroep_deelnemer_import"),
        {
            "resource": "0",
            "format": CSV,
            "import_file": SimpleUploadedFile("d.csv", NIEUWE_DEELNEMER),
        },
    )
    bevestig = voorvertoning.context["confirm_form"]
    return {k: bevestig.initial[k] for k in bevestig.fields}


@pytest.mark.parametrize("wat", ["gegevens", "bestand"])
def test_a_confirm_that_no_longer_reads_saves_nothing_and_says_so(
    client_van, secretariaat, seed, wat
):
    """Between the preview and the confirm the organisation the file names was renamed, or
    the kept file became unreadable: nothing is saved, and the page says why."""
    import os
    import tempfile

    client = client_van(secretariaat)
    data = _voorvertoond(client)
    if wat == "gegevens":
        assert Organisatie.objects.filter(naam="VVSG").update(naam="VVSG (oud)") == 1
    else:
        pad = os.path.join(tempfile.gettempdir(), data["import_file_name"])
        with open(pad, "wb") as bestand:
            bestand.write(csv_bytes(["voornaam;achternaam", "Anna;Nieuw;te veel;kolommen"]))
    antwoord = client.post(reverse("admin:werkgroep_deelnemer_process_import"), data, follow=True)
    assert "kon niet meer worden ingelezen" in antwoord.content.decode()
    assert not Deelnemer.objects.filter(achternaam="Nieuw").exists()

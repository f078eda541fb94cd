"""A whole working group from files only: strands, groups, agenda items and attendance.

Through the admin's import pages, in the order a secretariat would enter a new
group: strand → group → organisations → participants → memberships → meetings →
agenda → attendance.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kern.spreadsheets import BelgischeCSV, VeiligeXLSX
from tests.bouwers import groei_met_werkgroepen
from tests.werkgroep.test_import_export import CSV, XLSX, csv_bytes, importeer
from werkgroep.models import (
    Aanwezigheid,
    Agendapunt,
    Deelnemer,
    Lidmaatschap,
    Organisatie,
    Thema,
    Vergadering,
    Werkgroep,
)
from werkgroep.resources import (
    AanwezigheidResource,
    AgendapuntResource,
    ThemaResource,
    WerkgroepResource,
)

SLUG = "leren-op-de-werkvloer"
BESTANDEN_MAP = Path(__file__).resolve().parent.parent / "bestanden"


def voorbeeld(client, model: str, inhoud: bytes, naam="bestand.csv", formaat=CSV):
    """Only the first step of an import: the preview, whose result says what would change."""
    return client.post(
        reverse(f"admin:werkgroep_{model}_import"),
        {"resource": "0", "format": formaat, "import_file": SimpleUploadedFile(naam, inhoud)},
    )


# The files of a new working group, in the order they are entered.
BESTANDEN = [
    ("thema", "themawerkingen.csv", csv_bytes(["naam", "Levenslang leren"])),
    (
        "werkgroep",
        "werkgroep.csv",
        csv_bytes(["titel;thema", "Leren op de werkvloer;Levenslang leren"]),
    ),
    (
        "organisatie",
        "organisaties.csv",
        csv_bytes(["naam;maakt deel uit van", "VDAB;", "Stad Gent;", "Welzijn;Stad Gent"]),
    ),
    (
        "deelnemer",
        "deelnemers.csv",
        csv_bytes(
            [
                "voornaam;achternaam;organisatie;e-mail;telefoon",
                "Anna;Peeters;VDAB;anna.peeters@example.be;",
                "Koen;De Smet;Stad Gent › Welzijn;;09 266 00 00",
            ]
        ),
    ),
    (
        "lidmaatschap",
        "leden.csv",
        csv_bytes(
            [
                "werkgroep;voornaam;achternaam;rol;van",
                f"{SLUG};Anna;Peeters;expert;01/01/2007",
                f"{SLUG};Koen;De Smet;beleidsmaker;01/01/2007",
            ]
        ),
    ),
    (
        "vergadering",
        "vergaderingen.csv",
        csv_bytes(
            [
                "werkgroep;kenmerk;datum;soort;status;aanvang;einde;plaats",
                f"{SLUG};2007-03-14;14/03/2007;plenair;gehouden;14:00;16u30;Gent",
                f"{SLUG};2007-05;mei 2007;plenair;gepland;;;",
            ]
        ),
    ),
    # Agenda and attendance typed in LibreOffice Calc (nl-BE; see tests/bestanden/calc.py):
    # a meeting as a date cell (14/03/2007, 2007-03-14) or by its kenmerk (2007-05).
    (
        "agendapunt",
        "groep_agenda_calc.xlsx",
        (BESTANDEN_MAP / "groep_agenda_calc.xlsx").read_bytes(),
    ),
    (
        "aanwezigheid",
        "groep_aanwezigheid_calc.xlsx",
        (BESTANDEN_MAP / "groep_aanwezigheid_calc.xlsx").read_bytes(),
    ),
]


def _alles():
    modellen = [
        Thema, Werkgroep, Organisatie, Deelnemer, Lidmaatschap, Vergadering, Agendapunt,
        Aanwezigheid,
    ]  # fmt: skip
    return {m.__name__: list(m.objects.order_by("pk").values()) for m in modellen}


def _voer_in(client):
    for model, naam, inhoud in BESTANDEN:
        formaat = XLSX if naam.endswith(".xlsx") else CSV
        antwoord = importeer(client, model, inhoud, naam, formaat)
        assert antwoord.status_code == 302, (model, antwoord.content.decode()[-3000:])


def test_a_whole_working_group_is_entered_from_files_only(client_van, secretariaat):
    assert not Werkgroep.objects.exists()
    client = client_van(secretariaat)
    _voer_in(client)

    groep = Werkgroep.objects.get(slug=SLUG)
    assert (groep.titel, groep.thema.naam, groep.thema.slug) == (
        "Leren op de werkvloer", "Levenslang leren", "levenslang-leren"
    )  # fmt: skip
    assert sorted(str(lid) for lid in groep.lidmaatschappen.all()) == [
        "Anna Peeters – Leren op de werkvloer",
        "Koen De Smet – Leren op de werkvloer",
    ]
    maart = Vergadering.objects.get(werkgroep=groep, kenmerk="2007-03-14")
    assert (maart.status, str(maart.aanvang), str(maart.einde)) == (
        "gehouden",
        "14:00:00",
        "16:30:00",
    )
    punten = [
        (p.volgorde, p.soort, p.titel, p.spreker_weergave, p.spreker_id is not None, p.tekst)
        for p in maart.agendapunten.order_by("volgorde")
    ]
    assert punten == [
        (1, "uiteenzetting", "Werkplekleren bij de VDAB", "Anna Peeters", True, ""),
        (2, "andere", "Leren in kleine ondernemingen", "Prof. Jan Claes", False,
         "Een uiteenzetting; met vragen"),
    ]  # fmt: skip
    mei = Vergadering.objects.get(werkgroep=groep, kenmerk="2007-05")
    assert [p.titel for p in mei.agendapunten.all()] == ["Thema van het jaarverslag"]
    assert sorted(
        (a.deelnemer.naam, a.status) for a in maart.aanwezigheden.select_related("deelnemer")
    ) == [("Anna Peeters", "aanwezig"), ("Koen De Smet", "verontschuldigd")]

    # The meeting's page shows what the files brought.
    pagina = client.get(reverse("werkgroep:vergadering_detail", args=[maart.pk])).content.decode()
    for tekst in ("Werkplekleren bij de VDAB", "Prof. Jan Claes", "Koen De Smet"):
        assert tekst in pagina


def test_importing_the_same_files_again_changes_nothing(client_van, secretariaat):
    client = client_van(secretariaat)
    _voer_in(client)
    voor, logregels = _alles(), LogEntry.objects.count()
    for model, naam, inhoud in BESTANDEN:
        formaat = XLSX if naam.endswith(".xlsx") else CSV
        totalen = voorbeeld(client, model, inhoud, naam, formaat).context["result"].totals
        assert (totalen["new"], totalen["update"], totalen["invalid"], totalen["error"]) == (
            0, 0, 0, 0
        ), model  # fmt: skip
        assert importeer(client, model, inhoud, naam, formaat).status_code == 302
    assert _alles() == voor
    assert LogEntry.objects.count() == logregels


@pytest.mark.parametrize(
    "resource", [ThemaResource, WerkgroepResource, AgendapuntResource, AanwezigheidResource]
)
@pytest.mark.parametrize("formaat", [BelgischeCSV, VeiligeXLSX])
def test_reimporting_an_export_skips_every_row(seed, resource, formaat):
    bortels = Deelnemer.objects.get_by_natural_key("Michel", "Bortels")
    vergadering = Vergadering.objects.get(kenmerk="2006-06-06")
    Agendapunt.objects.create(
        vergadering=vergadering, volgorde=9, titel="=Stemming", soort="beslissing", spreker=bortels
    )
    for deelnemer, status in [(bortels, "aanwezig"), (Deelnemer.objects.first(), "afwezig")]:
        Aanwezigheid.objects.create(vergadering=vergadering, deelnemer=deelnemer, status=status)
    model = resource._meta.model
    voor = list(model.objects.order_by("pk").values())
    assert voor

    bestand = formaat().export_data(resource().export())
    if isinstance(bestand, str):
        bestand = bestand.encode("utf-8")
    resultaat = resource().import_data(formaat().create_dataset(bestand), dry_run=False)

    assert not resultaat.has_errors() and not resultaat.has_validation_errors()
    assert resultaat.totals["skip"] == len(voor)
    assert list(model.objects.order_by("pk").values()) == voor


def test_the_exports_write_natural_keys(seed):
    bortels = Deelnemer.objects.get_by_natural_key("Michel", "Bortels")
    vergadering = Vergadering.objects.get(kenmerk="2006-06-06")
    Aanwezigheid.objects.create(vergadering=vergadering, deelnemer=bortels, status="afwezig")
    Agendapunt.objects.create(vergadering=vergadering, volgorde=9, titel="Slot", spreker=bortels)

    assert BelgischeCSV().export_data(WerkgroepResource().export()) == (
        "\ufeffslug;titel;thema\r\n"
        "regierol-van-de-lokale-besturen;Regierol van de lokale besturen;sociale-economie\r\n"
    )
    agenda = BelgischeCSV().export_data(AgendapuntResource().export())
    assert agenda.startswith(
        "\ufeffwerkgroep;vergadering;volgorde;soort;titel;spreker voornaam;spreker achternaam;"
        "externe spreker;tekst\r\n"
    )
    assert "regierol-van-de-lokale-besturen;2006-06-06;9;andere;Slot;Michel;Bortels;;\r\n" in agenda
    assert ";2005-12-02;1;uiteenzetting;" in agenda and ";;;Professor De Rynck;" in agenda
    assert BelgischeCSV().export_data(AanwezigheidResource().export()) == (
        "\ufeffwerkgroep;vergadering;voornaam;achternaam;status\r\n"
        "regierol-van-de-lokale-besturen;2006-06-06;Michel;Bortels;afwezig\r\n"
    )


def test_a_bad_row_is_named_by_its_line_and_nothing_is_imported(client_van, secretariaat, seed):
    voor = _alles()
    antwoord = importeer(
        client_van(secretariaat),
        "agendapunt",
        csv_bytes(
            [
                "werkgroep;vergadering;volgorde;soort;titel;spreker voornaam;spreker achternaam",
                "regierol-van-de-lokale-besturen;2006-06-06;5;andere;Goed punt;;",
                "regierol-van-de-lokale-besturen;2031-01-01;1;andere;Geen vergadering;;",
                "regierol-van-de-lokale-besturen;2006-06-06;twee;andere;Geen volgnummer;;",
                "regierol-van-de-lokale-besturen;2006-06-06;6;andere;Onbekende spreker;Jan;Niemand",
                "regierol-van-de-lokale-besturen;2006-06-06;7;lezing;Onbekende soort;;",
                "bestaat-niet;2006-06-06;1;andere;Onbekende werkgroep;;",
            ]
        ),
    )
    assert antwoord.status_code == 200
    pagina = antwoord.content.decode()
    fouten = antwoord.context["result"].invalid_rows
    assert [(r.number, sorted(r.field_specific_errors)) for r in fouten] == [
        (3, ["vergadering"]),
        (4, ["volgorde"]),
        (5, ["spreker achternaam"]),  # errors are named by the file's column
        (6, ["soort"]),
        (7, ["vergadering"]),
    ]
    for tekst in (
        "Onbekende vergadering “01/01/2031” van werkgroep “regierol-van-de-lokale-besturen”: "
        "importeer eerst de vergaderingen.",
        "“twee” is geen volgnummer",
        "Geen deelnemer “Jan Niemand” gevonden: importeer eerst de deelnemers.",
        "“lezing” is geen geldige keuze",
        "Geen werkgroep “bestaat-niet” gevonden: importeer eerst de werkgroepen.",
    ):
        assert tekst in pagina, tekst
    assert _alles() == voor


def test_one_agenda_item_written_twice_is_refused_naming_both_lines(client_van, secretariaat, seed):
    antwoord = importeer(
        client_van(secretariaat),
        "agendapunt",
        csv_bytes(
            [
                "werkgroep;vergadering;volgorde;titel",
                "regierol-van-de-lokale-besturen;06/06/2006;7;Eerste schrijfwijze",
                "Regierol-van-de-lokale-besturen ;2006-06-06;7;Tweede schrijfwijze",
            ]
        ),
    )
    assert antwoord.status_code == 200
    assert [r.number for r in antwoord.context["result"].invalid_rows] == [3]
    assert "regel 2" in antwoord.content.decode()
    assert not Agendapunt.objects.filter(volgorde=7).exists()


def test_an_attendance_of_an_unknown_participant_names_its_line(client_van, secretariaat, seed):
    antwoord = importeer(
        client_van(secretariaat),
        "aanwezigheid",
        csv_bytes(
            [
                "werkgroep;vergadering;voornaam;achternaam;status",
                "regierol-van-de-lokale-besturen;06/06/2006;Michel;Bortels;aanwezig",
                "regierol-van-de-lokale-besturen;06/06/2006;Jan;Niemand;aanwezig",
                "regierol-van-de-lokale-besturen;06/06/2006;Johan;Dejonckheere;misschien",
            ]
        ),
    )
    assert antwoord.status_code == 200
    fouten = antwoord.context["result"].invalid_rows
    assert [(r.number, sorted(r.field_specific_errors)) for r in fouten] == [
        (3, ["achternaam"]),
        (4, ["status"]),
    ]
    assert "importeer eerst de deelnemers" in antwoord.content.decode()
    assert not Aanwezigheid.objects.exists()


def test_a_group_of_an_unknown_strand_asks_to_import_the_strands_first(
    client_van, secretariaat, seed
):
    antwoord = importeer(
        client_van(secretariaat),
        "werkgroep",
        csv_bytes(
            ["slug;titel;thema", "nieuw;Nieuwe groep;Bestaat niet", "ok;Ok;Sociale economie"]
        ),
    )
    assert antwoord.status_code == 200
    assert [r.number for r in antwoord.context["result"].invalid_rows] == [2]
    assert (
        "Geen themawerking “Bestaat niet” gevonden: importeer eerst de themawerkingen."
        in antwoord.content.decode()
    )
    assert not Werkgroep.objects.filter(slug__in=["nieuw", "ok"]).exists()


def test_a_date_shared_by_two_meetings_asks_for_the_kenmerk(client_van, secretariaat, seed):
    from tests.bouwers import maak_vergadering

    maak_vergadering(seed, "06/06/2006", soort="voorbereidend")
    antwoord = importeer(
        client_van(secretariaat),
        "aanwezigheid",
        csv_bytes(
            [
                "werkgroep;vergadering;voornaam;achternaam",
                "regierol-van-de-lokale-besturen;06/06/2006;Michel;Bortels",
            ]
        ),
    )
    assert "geef het kenmerk van de vergadering" in antwoord.content.decode()
    assert not Aanwezigheid.objects.exists()
    antwoord = importeer(
        client_van(secretariaat),
        "aanwezigheid",
        csv_bytes(
            [
                "werkgroep;vergadering;voornaam;achternaam",
                "regierol-van-de-lokale-besturen;2006-06-06-2;Michel;Bortels",
            ]
        ),
    )
    assert antwoord.status_code == 302
    assert Aanwezigheid.objects.get().vergadering.soort == "voorbereidend"


EXPORTS = [ThemaResource, WerkgroepResource, AgendapuntResource, AanwezigheidResource]


@pytest.mark.parametrize("resource", EXPORTS)
def test_an_export_takes_one_query_however_large(seed, resource, django_assert_num_queries):
    groei_met_werkgroepen(seed, 5)
    with django_assert_num_queries(1):
        klein = resource().export()
    groei_met_werkgroepen(seed, 100)
    with django_assert_num_queries(1):
        groot = resource().export()
    assert len(groot) > len(klein) + 90


@pytest.mark.parametrize("resource", EXPORTS)
def test_the_admin_export_takes_as_many_queries_for_few_rows_as_for_many(
    client_van, secretariaat, seed, resource
):
    model = resource._meta.model._meta.model_name
    client = client_van(secretariaat)
    naam = resource.__name__.lower()
    data = {
        "format": "0",
        "resource": "0",
        **{f"{naam}_{veld}": "on" for veld in resource._meta.fields},
    }

    def exporteer():
        with CaptureQueriesContext(connection) as vragen:
            antwoord = client.post(reverse(f"admin:werkgroep_{model}_export"), data)
        assert antwoord.status_code == 200, antwoord.content.decode()[:1000]
        return len(vragen), antwoord.content.decode("utf-8-sig").count("\r\n")

    groei_met_werkgroepen(seed, 5)
    klein = exporteer()
    groei_met_werkgroepen(seed, 100)
    groot = exporteer()
    assert groot[0] == klein[0]
    assert groot[1] > klein[1] + 90


NIEUWE_MODELLEN = ["thema", "werkgroep", "agendapunt", "aanwezigheid"]


@pytest.mark.parametrize("model", NIEUWE_MODELLEN)
def test_import_and_export_need_their_own_permission(client_van, secretariaat, seed, model):
    secretariaat.groups.clear()
    recht = {"codename__in": [f"view_{model}", f"add_{model}", f"change_{model}"]}
    secretariaat.user_permissions.set(Permission.objects.filter(**recht))
    client = client_van(secretariaat)
    assert client.get(reverse(f"admin:werkgroep_{model}_changelist")).status_code == 200
    assert client.get(reverse(f"admin:werkgroep_{model}_import")).status_code == 403
    assert client.get(reverse(f"admin:werkgroep_{model}_export")).status_code == 403

    recht = {"codename__in": [f"view_{model}", f"import_{model}", f"export_{model}"]}
    secretariaat.user_permissions.set(Permission.objects.filter(**recht))
    client = client_van(secretariaat)
    assert client.get(reverse(f"admin:werkgroep_{model}_import")).status_code == 200
    assert client.get(reverse(f"admin:werkgroep_{model}_export")).status_code == 200


@pytest.mark.parametrize("model", NIEUWE_MODELLEN)
def test_the_roles_get_the_new_rights(client_van, secretariaat, coordinator, seed, model):
    assert secretariaat.has_perm(f"werkgroep.import_{model}")
    assert secretariaat.has_perm(f"werkgroep.export_{model}")
    assert coordinator.has_perm(f"werkgroep.export_{model}")
    assert not coordinator.has_perm(f"werkgroep.import_{model}")
    client = client_van(coordinator)
    assert client.get(reverse(f"admin:werkgroep_{model}_export")).status_code == 200
    assert client.get(reverse(f"admin:werkgroep_{model}_import")).status_code == 403

"""The yearly activity report: plain data, access, PDF, and the seed said again, whole."""

import io
from decimal import Decimal

import pypdf
import pytest
from django.core.management import call_command
from django.urls import reverse

from rapportage.jaarverslag import jaarverslag_context, jaren_met_gegevens

SLUG = "regierol-van-de-lokale-besturen"


def pdf_tekst(inhoud: bytes) -> str:
    lezer = pypdf.PdfReader(io.BytesIO(inhoud))
    return " ".join(" ".join(p.extract_text() for p in lezer.pages).split())


def test_the_context_holds_the_year_in_the_seeds_order(seed):
    context = jaarverslag_context(seed, 2006)
    assert [str(v.datum) for v in context["vergaderingen"]] == [
        "27/02/2006", "06/06/2006", "25/09/2006", "oktober/november 2006", "december 2006",
    ]  # fmt: skip
    assert [str(v.datum) for v in context["voorbereidende_vergaderingen"]] == [
        "14/04/2006",
        "21/08/2006",
    ]
    assert context["totalen"].per_status["intern_gefactureerd"] == Decimal("36.30")
    assert context["totalen"].nog_te_bepalen == 4 and context["totalen"].ongekoppeld == 1
    # The ledger per meeting (financien.selectors.grootboek): a linked line under its
    # meeting's date, an unlinked one under the date as written; each line keeps its own.
    assert [(str(g), g.gekoppeld) for g in context["grootboek"].vergaderingen] == [
        ("27/01/06", False), ("06/06/2006", True), ("25/09/2006", True),
        ("oktober/november 2006", True), ("december 2006", True),
    ]  # fmt: skip
    assert [p.vergadering_zoals_geschreven for p in context["grootboek"].posten] == [
        "27/01/06", "06/06/06", "25/09/06", "okt/nov ’06", "dec ’06", "dec ’06",
    ]  # fmt: skip
    assert len(context["bevindingen"]) == 2 and len(context["samenwerkingen"]) == 3
    juni = next(a for a in context["acties"] if str(a["vergadering"].datum) == "06/06/2006")
    assert [str(s) for s in juni["presentaties"]] == [
        "Voorstelling van Werk.waardig", "Voorstelling van Steunpunt Diensteneconomie (Gsiw)",
    ]  # fmt: skip
    assert [str(sg.soort) for sg in juni["validaties"][0]["subgroepen"]] == [
        "projectpromotoren en andere actoren", "experten",
    ]  # fmt: skip
    assert jaren_met_gegevens(seed) == [2005, 2006]


@pytest.mark.parametrize("aantal", [5, 100])
def test_the_context_keeps_its_query_count_as_the_year_grows(
    seed, aantal, django_assert_num_queries
):
    from tests.bouwers import groei, groei_grootboek

    groei(seed, aantal)
    groei_grootboek(seed, aantal)
    # Meetings with their agenda, presentations, sessions, criteria, subgroups, scores,
    # points and attendance (9); the ledger's lines and the year's budget (2, were 4 before
    # the one ledger read); the group with objectives and action points (3); the yearly
    # text; participants and their projects (2); findings; collaborations with their
    # organisations and those organisations' parents (3).
    with django_assert_num_queries(21):
        jaarverslag_context(seed, 2006)


@pytest.mark.parametrize("rol", ["coordinator", "secretariaat"])
def test_coordinator_and_secretariat_get_the_report(client_van, request, rol, seed):
    client = client_van(request.getfixturevalue(rol))
    assert client.get(reverse("jaarverslag_jaren", args=[SLUG])).status_code == 200
    assert client.get(reverse("jaarverslag", args=[SLUG, 2006])).status_code == 200
    antwoord = client.get(reverse("jaarverslag_pdf", args=[SLUG, 2006]))
    assert antwoord["Content-Type"] == "application/pdf"


def test_members_get_404_and_anonymous_users_the_login_page(client, client_van, lid, seed):
    urls = [reverse("jaarverslag_jaren", args=[SLUG]), reverse("jaarverslag", args=[SLUG, 2006]),
            reverse("jaarverslag_pdf", args=[SLUG, 2006])]  # fmt: skip
    for url in urls:
        assert client.get(url)["Location"].startswith("/accounts/login/")
    member = client_van(lid)
    for url in urls:
        assert member.get(url).status_code == 404


def test_the_urls_are_the_public_contract(seed):
    assert reverse("jaarverslag", args=[SLUG, 2006]) == f"/werkgroepen/{SLUG}/jaarverslag/2006/"
    assert (
        reverse("jaarverslag_pdf", args=[SLUG, 2006]) == f"/werkgroepen/{SLUG}/jaarverslag/2006.pdf"
    )


def test_the_admin_action_leads_to_the_report(client_van, secretariaat, seed):
    antwoord = client_van(secretariaat).post(
        reverse("admin:werkgroep_werkgroep_changelist"),
        {"action": "jaarverslag", "_selected_action": [seed.pk]},
    )
    assert antwoord.status_code == 302 and antwoord["Location"] == reverse(
        "jaarverslag_jaren", args=[SLUG]
    )


def test_the_management_command_writes_the_pdf(seed, tmp_path):
    uit = tmp_path / "verslag.pdf"
    call_command("jaarverslag", SLUG, "2005", "-o", str(uit), verbosity=0)
    assert "Professor De Rynck" in pdf_tekst(uit.read_bytes())


def test_the_2005_and_2006_reports_together_say_everything_the_seed_says(
    client_van, coordinator, seed
):
    client = client_van(coordinator)
    tekst = " ".join(
        pdf_tekst(client.get(reverse("jaarverslag_pdf", args=[SLUG, jaar])).getvalue())
        for jaar in (2005, 2006)
    )
    feiten = [
        # title and strand
        "Themawerking Sociale Economie", "Regierol van de lokale besturen",
        # every participant, organisation and project
        "Els Baele", "Tom Speelman", "ERSV Oost-Vlaanderen", "Van Kakofonie naar symfonie",
        "Michel Bortels", "OCMW Genk", "Local Mobility Works", "Johan Dejonckheere",
        "Welzijnsconsortium Zuid-West Vlaanderen", "Werk.waardig", "Jean-Marie Viaene", "vzw BIK",
        "Ann Jughmans", "VVSG", "Regie Diensteneconomie", "Koen Devriendt",
        "Stad Antwerpen › Sociale Zaken", "Labour for Neighbour", "Fanny Mestdagh",
        "Gent, stad in werking", "Kathleen Vandebroek", "Kabinet Vlaams minister Sociale Economie",
        "Koen Repriels", "VOSEC vzw", "Ingrid Vanhoren", "KULeuven › HIVA",
        # every meeting date as written
        "16/09/2005", "02/12/2005", "12/12/2005", "27/02/2006", "06/06/2006", "25/09/2006",
        "oktober/november 2006", "december 2006", "14/04/2006", "21/08/2006",
        # objectives and action points
        "Het opzetten van een netwerk tussen projectpromotoren",
        "Het mainstreamen op vlaams niveau",
        "Het valideren van tussentijdse producten uit ESF-projecten",
        # the programme
        "Professor De Rynck", "klaverbladfinanciering", "projectfiche",
        "Steunpunt Diensteneconomie",
        "Gsiw", "sociale diensteneconomie in Genk en Antwerpen", "rondetafelgesprek",
        # the three subgroups
        "projectpromotoren en andere actoren", "experten", "intermediaire of finale doelgroep",
        # every cost line with status and amount
        "02/12/05", "€ 40,00", "gefactureerd", "12/12/05", "€ 150,00", "voorzien",
        "27/01/06", "€ 50,00", "let op: geen vergadering op deze datum", "06/06/06",
        "broodjeslunch",
        "intern gefactureerd", "€ 36,30", "25/09/06", "okt/nov ’06", "dec ’06", "sprekers/experten",
        "nog te bepalen", "4 bedragen zijn nog te bepalen",
        # findings and collaborations
        "De methodologie van de productvalidering wordt positief onthaald",
        "VVSG wordt uitgenodigd als spreker op de studiedag van het project Werk.waardig",
        "vzw BIK organiseert studiemoment waar toelichting Gsiw aan bod komt",
    ]  # fmt: skip
    ontbrekend = [f for f in feiten if f.replace("€ ", "€\u00a0") not in tekst and f not in tekst]
    assert ontbrekend == []


def test_the_report_names_a_role_only_where_one_was_recorded(client_van, coordinator, seed):
    """The unknown role is left out, in Dutch and in English (the choice says it is unknown)."""
    from werkgroep.models import Lidmaatschap, Rol

    lid = Lidmaatschap.objects.filter(werkgroep=seed).select_related("deelnemer").first()
    Lidmaatschap.objects.filter(werkgroep=seed).update(rol=Rol.ONBEKEND)
    Lidmaatschap.objects.filter(pk=lid.pk).update(rol=Rol.EXPERT)
    client = client_van(coordinator)
    url = reverse("jaarverslag", args=[SLUG, 2006])
    nederlands = client.get(url).content.decode()
    assert "(onbekend)" not in nederlands
    assert f"{lid.deelnemer.naam} (expert/onderzoeker)" in nederlands
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    engels = client.get(url).content.decode()
    assert "(unknown)" not in engels and "(onbekend)" not in engels


@pytest.mark.parametrize(("taal", "tag"), [("nl-be", "nl-be"), ("en", "en")])
def test_the_pdf_carries_its_language_title_subject_and_date(
    client_van, coordinator, seed, taal, tag
):
    client = client_van(coordinator)
    client.post(reverse("set_language"), {"language": taal, "next": "/"})
    inhoud = client.get(reverse("jaarverslag_pdf", args=[SLUG, 2006])).getvalue()
    lezer = pypdf.PdfReader(io.BytesIO(inhoud))
    assert lezer.trailer["/Root"]["/Lang"] == tag
    assert "2006" in lezer.metadata.title and seed.titel in lezer.metadata.title
    assert seed.titel in lezer.metadata.subject and "2006" in lezer.metadata.subject
    assert lezer.metadata.creation_date is not None


def test_an_unchanged_date_is_not_reported_as_moved_in_english(client_van, coordinator, seed):
    """ "oktober/november 2006" was the first date too: the English report says nothing."""
    from kern.datums import Datumaanduiding
    from werkgroep.models import Vergadering

    client = client_van(coordinator)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    tekst = pdf_tekst(client.get(reverse("jaarverslag_pdf", args=[SLUG, 2006])).getvalue())
    assert "October/November 2006" in tekst and "originally planned" not in tekst
    # A date made exact later is still reported, in either language.
    december = Vergadering.objects.get(kenmerk="2006-12")
    december.datum = Datumaanduiding.parse("14/12/2006")
    december.save()
    tekst = pdf_tekst(client.get(reverse("jaarverslag_pdf", args=[SLUG, 2006])).getvalue())
    assert "originally planned: december 2006" in tekst


def test_the_report_holds_no_note_for_the_data_keeper(client_van, coordinator, seed):
    """No form label on the cover, no "X: X", no empty heading, nothing about what is missing."""
    client = client_van(coordinator)
    tekst = " ".join(
        pdf_tekst(client.get(reverse("jaarverslag_pdf", args=[SLUG, jaar])).getvalue())
        for jaar in (2005, 2006)
    )
    for gelekt in [
        "Titel:",
        "nog geen oordeel",
        "nog niet afgesloten",
        "Productvalidering: Productvalidering",
        "Rondetafelgesprek: Rondetafelgesprek",
        "Plenaire vergadering 27/02/2006",  # a meeting with nothing recorded: no heading
    ]:
        assert gelekt not in tekst, gelekt
    assert "Productvalidering (‘Werk.waardig’)" in tekst


def test_an_agenda_item_names_its_kind_unless_its_title_does():
    from werkgroep.models import Agendapunt

    Soort = Agendapunt.Soort
    assert Agendapunt(soort=Soort.PRODUCTVALIDERING, titel="Productvalidering (x)").kop == (
        "Productvalidering (x)"
    )
    assert Agendapunt(soort=Soort.UITEENZETTING, titel="ESF").kop == "Uiteenzetting: ESF"


def test_every_pdf_is_tagged_for_accessibility(client_van, coordinator, seed):
    """PDF/UA-1 through the one renderer: marked content, a structure tree, the variant named."""
    client = client_van(coordinator)
    for url in [
        reverse("jaarverslag_pdf", args=[SLUG, 2006]),
        reverse("fiche_pdf", args=["werkwaardig"]),
    ]:
        antwoord = client.get(url)
        assert antwoord.status_code == 200, url
        lezer = pypdf.PdfReader(io.BytesIO(antwoord.getvalue()))
        wortel = lezer.trailer["/Root"]
        assert bool(wortel["/MarkInfo"]["/Marked"])
        assert "/StructTreeRoot" in wortel
        assert b'pdfuaid:part="1"' in lezer.xmp_metadata.stream.get_data()


def test_the_english_report_says_once_that_the_texts_stay_dutch(client_van, coordinator, seed):
    client = client_van(coordinator)
    url = reverse("jaarverslag", args=[SLUG, 2006])
    zin = "kept in the language they were written in"
    assert "in de taal waarin ze geschreven zijn" not in client.get(url).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert client.get(url).content.decode().count(zin) == 1

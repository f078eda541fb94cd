"""The yearly activity report: plain data, access, PDF, and the seed said again, whole."""

import datetime as dt
import io
import re
from decimal import Decimal

import pypdf
import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext

from rapportage.jaarverslag import jaarverslag_context, jaren_met_gegevens

SLUG = "regierol-van-de-lokale-besturen"


# What closes each page's extracted text: the list markers the page drew ("1. ", "• "),
# the running header ("Sociale Economie · … · 2006") and "3 / 5". Left out, a sentence
# that runs on over a page break reads whole.
_PAGINARAND = re.compile(r"(?:\n(?:\d+\.|•) ?)*\n[^\n]*·[^\n]*\n\d+ / \d+\s*$")


def pdf_tekst(inhoud: bytes) -> str:
    lezer = pypdf.PdfReader(io.BytesIO(inhoud))
    paginas = [_PAGINARAND.sub("", p.extract_text()) for p in lezer.pages]
    return " ".join(" ".join(paginas).split())


def test_the_context_holds_the_year_in_the_seeds_order(seed):
    context = jaarverslag_context(seed, 2006)
    verslag = context["verslag"]
    assert [str(v.datum) for v in verslag["vergaderingen"]] == [
        "27/02/2006", "06/06/2006", "25/09/2006", "oktober/november 2006", "december 2006",
    ]  # fmt: skip
    assert [str(v.datum) for v in verslag["voorbereidende_vergaderingen"]] == [
        "14/04/2006",
        "21/08/2006",
    ]
    (jaar,) = verslag["per_jaar"]
    assert jaar["totalen"].per_status["intern_gefactureerd"] == Decimal("36.30")
    # The report counts no loose end: checks stay with the secretariat.
    assert jaar["totalen"].nog_te_bepalen == 4 and jaar["totalen"].losse_einden == 0
    assert jaar["grootboek"].verslag and jaar["grootboek"].losse_einden == []
    # The ledger per meeting (financien.selectors.grootboek): a linked line under its
    # meeting's date, an unlinked one under the date as written; each line keeps its own.
    assert [(str(g), g.gekoppeld) for g in jaar["grootboek"].vergaderingen] == [
        ("27/01/06", False), ("06/06/2006", True), ("25/09/2006", True),
        ("oktober/november 2006", True), ("december 2006", True),
    ]  # fmt: skip
    assert [p.vergadering_zoals_geschreven for p in jaar["grootboek"].posten] == [
        "27/01/06", "06/06/06", "25/09/06", "okt/nov ’06", "dec ’06", "dec ’06",
    ]  # fmt: skip
    # Each meeting once, only those with something recorded (27/02/2006 has nothing).
    assert [str(p["vergadering"].datum) for p in jaar["programma"]] == [
        "06/06/2006", "25/09/2006", "oktober/november 2006", "december 2006",
    ]  # fmt: skip
    # The agenda names the presentations; no session has a result yet, so no box either.
    juni = jaar["programma"][0]
    assert juni["presentaties"] == [] and juni["validaties"] == []
    assert len(juni["agenda"]) == 3
    # A finding that tells the collaborations in its own words is not repeated.
    assert len(verslag["bevindingen"]) == 2 and verslag["samenwerkingen"] == []
    # The source refers to annexes it does not contain: the seed attaches none.
    assert verslag["bijlagen"] == []
    # Made today, unless the coordinator chooses a date: every 2006 meeting is past, and
    # none has a recorded status, so the report states none.
    assert context["verslagdatum"] == timezone.localdate()
    assert [v.verslagstatus for v in verslag["vergaderingen"]] == [""] * 5
    assert jaren_met_gegevens(seed) == [2005, 2006]


def test_the_report_date_is_the_day_it_is_made_or_a_day_the_coordinator_chooses():
    from rapportage.verslag import OngeldigeVerslagdatum, lees_verslagdatum, standaard_verslagdatum

    vandaag = timezone.localdate()
    assert standaard_verslagdatum() == vandaag
    assert lees_verslagdatum("2006-12-31", 2006) == dt.date(2006, 12, 31)
    assert lees_verslagdatum(" 31/12/2006 ", 2005) == dt.date(2006, 12, 31)
    assert lees_verslagdatum(vandaag.isoformat(), 2006) == vandaag
    with translation.override("nl-be"):
        for tekst, fout in [
            ("31-12-2006", "“31-12-2006” is geen datum; schrijf bv. 31/12/2006."),
            ("2006-02-30", "“2006-02-30” is geen datum; schrijf bv. 31/12/2006."),
            (
                (vandaag + dt.timedelta(days=1)).isoformat(),
                "Een verslag kan niet later opgemaakt zijn dan vandaag.",
            ),
            ("2005-12-31", "Een verslag over 2006 kan niet vóór 1 januari 2006 opgemaakt zijn."),
        ]:
            with pytest.raises(OngeldigeVerslagdatum) as fout_info:
                lees_verslagdatum(tekst, 2006)
            assert str(fout_info.value) == fout, tekst


@pytest.mark.parametrize(
    ("datum", "reden"),
    [
        ("morgen", "is geen datum"),
        ("2006-13-01", "is geen datum"),
        ("2999-01-01", "niet later opgemaakt zijn dan vandaag"),
        ("2005-12-31", "niet vóór 1 januari 2006"),
    ],
)
@pytest.mark.parametrize("soort", ["html", "pdf", "thema-html", "thema-pdf"])
def test_a_report_date_it_cannot_use_is_refused_in_dutch(
    client_van, coordinator, seed, datum, reden, soort
):
    from rapportage.models import Verslagbestand

    url = {
        "html": reverse("rapportage:jaarverslag", args=[SLUG, 2006]),
        "pdf": reverse("rapportage:jaarverslag_pdf", args=[SLUG, 2006]),
        "thema-html": reverse("rapportage:themaverslag", args=[seed.thema.slug, 2006]),
        "thema-pdf": reverse("rapportage:themaverslag_pdf", args=[seed.thema.slug, 2006]),
    }[soort]
    antwoord = client_van(coordinator).get(url, {"datum": datum})
    assert antwoord.status_code == 400
    assert reden in antwoord.content.decode()
    assert not Verslagbestand.objects.exists()  # nothing queued


def test_members_get_404_for_a_report_whatever_its_date(client_van, lid, seed):
    for url in [
        reverse("rapportage:jaarverslag", args=[SLUG, 2006]),
        reverse("rapportage:jaarverslag_pdf", args=[SLUG, 2006]),
    ]:
        assert client_van(lid).get(url, {"datum": "2006-12-31"}).status_code == 404
        assert client_van(lid).get(url, {"datum": "geen datum"}).status_code == 404


@pytest.mark.parametrize("aantal", [5, 100])
def test_the_context_keeps_its_query_count_as_the_year_grows(
    seed, aantal, django_assert_num_queries
):
    from tests.bouwers import groei, groei_grootboek

    groei(seed, aantal)
    groei_grootboek(seed, aantal)
    # The group with objectives and action points (3); meetings with their agenda,
    # presentations, sessions, criteria, subgroup kinds, subgroups, scores, points and
    # attendance (10); the yearly texts; per year the ledger's lines and the year's budget
    # (2); findings; collaborations with their organisations (2: each names its parents by
    # its stored path); participants and their projects (2); the decisions of the period's
    # approved minutes (1, issue 15); the files attached as annexes (1, issue 22).
    with django_assert_num_queries(22):
        jaarverslag_context(seed, 2006)
    # A range of years costs the ledger's two queries per further year, nothing per record.
    with django_assert_num_queries(24):
        jaarverslag_context(seed, 2005, 2006)


@pytest.mark.parametrize("rol", ["coordinator", "secretariaat"])
def test_coordinator_and_secretariat_get_the_report(client_van, request, rol, seed):
    client = client_van(request.getfixturevalue(rol))
    assert client.get(reverse("rapportage:jaarverslag_jaren", args=[SLUG])).status_code == 200
    assert client.get(reverse("rapportage:jaarverslag", args=[SLUG, 2006])).status_code == 200
    antwoord = client.get(reverse("rapportage:jaarverslag_pdf", args=[SLUG, 2006]))
    assert antwoord["Content-Type"] == "application/pdf"
    # Saved as a file, by its name: the link needs no download attribute (which would save
    # the waiting page of a report still being made as the PDF).
    assert antwoord["Content-Disposition"] == f'attachment; filename="jaarverslag-{SLUG}-2006.pdf"'
    assert (
        " download"
        not in client.get(reverse("rapportage:jaarverslag_jaren", args=[SLUG])).content.decode()
    )


def test_members_get_404_and_anonymous_users_the_login_page(client, client_van, lid, seed):
    urls = [
        reverse("rapportage:jaarverslag_jaren", args=[SLUG]),
        reverse("rapportage:jaarverslag", args=[SLUG, 2006]),
        reverse("rapportage:jaarverslag_pdf", args=[SLUG, 2006]),
    ]
    for url in urls:
        assert client.get(url)["Location"].startswith("/accounts/login/")
    member = client_van(lid)
    for url in urls:
        assert member.get(url).status_code == 404


def test_the_urls_are_the_public_contract(seed):
    assert (
        reverse("rapportage:jaarverslag", args=[SLUG, 2006])
        == f"/werkgroepen/{SLUG}/jaarverslag/2006/"
    )
    assert (
        reverse("rapportage:jaarverslag_pdf", args=[SLUG, 2006])
        == f"/werkgroepen/{SLUG}/jaarverslag/2006.pdf"
    )


def test_the_admin_action_leads_to_the_report(client_van, secretariaat, seed):
    antwoord = client_van(secretariaat).post(
        reverse("admin:werkgroep_werkgroep_changelist"),
        {"action": "jaarverslag", "_selected_action": [seed.pk]},
    )
    assert antwoord.status_code == 302 and antwoord["Location"] == reverse(
        "rapportage:jaarverslag_jaren", args=[SLUG]
    )


def test_the_management_command_writes_the_pdf(seed, tmp_path):
    uit = tmp_path / "verslag.pdf"
    call_command("jaarverslag", SLUG, "2005", "-o", str(uit), verbosity=0)
    assert "Professor De Rynck" in pdf_tekst(uit.read_bytes())


def verslag_tekst(
    periode: str, taal: str = "nl-be", soort: str = "werkgroep", slug=SLUG, datum=None
) -> str:
    """The text of a report's PDF as the background task renders it (``Verslag``), made
    today or on ``datum``."""
    from kern.pdf import render_pdf
    from rapportage.verslag import Verslag

    with translation.override(taal):
        pdf = render_pdf(*Verslag.uit_periode(soort, slug, periode).document(datum))
    # A cell that wraps at a hyphen ("Zuid-\nWest") reads as one word again.
    return pdf_tekst(pdf).replace("- ", "-")


# Every statement of the source, as the report prints it (names, texts, dates as written).
FEITEN = [
    # title and strand
    "Sociale Economie", "Regierol van de lokale besturen",
    # every participant, organisation as written and project
    "Els Baele", "Tom Speelman", "ERSV Oost-Vlaanderen", "Van Kakofonie naar symfonie",
    "Michel Bortels", "OCMW Genk", "Local Mobility Works", "Johan Dejonckheere",
    "Welzijnsconsortium Zuid-West Vlaanderen", "Werk.waardig", "Jean-Marie Viaene", "vzw BIK",
    "Ann Jughmans", "VVSG", "Regie Diensteneconomie", "Koen Devriendt",
    "Stad Antwerpen, Sociale Zaken", "Labour for Neighbour", "Fanny Mestdagh",
    "‘Gent, stad in werking’", "Kathleen Vandebroek", "Kabinet Vlaams minister Sociale Economie",
    "Koen Repriels", "VOSEC vzw", "Ingrid Vanhoren", "KULeuven, HIVA",
    # every meeting date as written
    "16/09/2005", "02/12/2005", "12/12/2005", "27/02/2006", "06/06/2006", "25/09/2006",
    "14/04/2006", "21/08/2006",
    "Naargelang de behoefte worden voorbereidende vergaderingen georganiseerd",
    # objectives and action points
    "Het opzetten van een netwerk tussen projectpromotoren",
    "Het mainstreamen op vlaams niveau",
    "Het valideren van tussentijdse producten uit ESF-projecten",
    "bottum-up benadering",
    # the programme, as the year texts write it
    "Professor De Rynck", "klaverbladfinanciering", "projectfiche ontwikkeld (zie bijlage)",
    "op initiatief van het ESF-Agentschap voorgesteld als methodologie",
    "Steunpunt Diensteneconomie", "Gsiw", "sociale diensteneconomie in Genk en Antwerpen",
    "rondetafelgesprek", "methodiek van productvalidering (zie bijlage)",
    # the three subgroups
    "projectpromotoren en andere actoren", "experten", "intermediaire of finale doelgroep",
    # every cost line with its date as written and amount
    "02/12/05", "€ 40,00", "12/12/05", "€ 150,00", "27/01/06", "€ 50,00", "06/06/06",
    "broodjeslunch", "€ 36,30", "25/09/06", "okt/nov ’06", "dec ’06",
    # the cost lines' own words, and the programme as the participant list writes it
    "spreker", "sprekers/experten", "zwaartepunt 6 project ‘Regie Diensteneconomie’",
    "Equal-project ‘Werk.waardig’",
    # findings
    "De methodologie van de productvalidering wordt positief onthaald",
    "VVSG wordt uitgenodigd als spreker op de studiedag van het project Werk.waardig",
    "vzw BIK organiseert studiemoment waar toelichting Gsiw aan bod komt",
]  # fmt: skip

# What the agency must not read: notes for the data keeper, inferred facts, repetitions.
GELEKT = [
    "Titel:", "niet genoemd in de bron", "ontbreekt in de bron", "nog geen oordeel",
    "nog niet afgesloten", "KULeuven › HIVA", "Stad Antwerpen › Sociale Zaken",
    "(beleidsmaker)", "(expert/onderzoeker)", "beleidsmaker)", "Beslissing: Productvalidering",
    "Productvalidering: Productvalidering", "Rondetafelgesprek: Rondetafelgesprek",
    "Projectvoorstelling: Voorstelling", "Andere:", "spreker/experten: sprekers/experten",
    "€ 0,00", "Vastgelegd", "(onbekend)", "(unknown)", "originally planned", "eerst gepland",
    # issue 22: no kind, status or word nobody recorded; no report date the software picked
    "plenaire", "plenary", "gepland", "Status op", "Status on", "Stand van zaken", "As of",
    "spreker/experten", "zwaartepunt 6-project", "Voorzien (nog niet gefactureerd)",
    "Planned (not yet invoiced)",
    # issue 22: the ledger's checks stay with the secretariat
    "zonder vergadering", "without a meeting", "geen vergadering op deze datum",
    "no meeting on this date", "sprekerskost", "speaker fee", "noemt geen spreker",
    "names no speaker", "hoort bij een datum", "belongs to a date",
    # the software's own fiche form and drafted method, never the group's annex (issue 22)
    "Projectfiche (sjabloon)", "Project fiche (template)", "Methode Productvalidering",
    "Method Productvalidering", "Haalbaarheid", "Contextuele aanpasbaarheid",
    "Kans op transfer", "Aanvaardbaarheid", "haalbaar in de praktijk", "Laagste score",
    "Lowest score",
]  # fmt: skip


def zoals_gedrukt(feit: str, taal: str) -> str:
    """A fact as the report prints it: an amount "€ 40,00" in the report's language."""
    if taal == "en" and feit.startswith("€ "):
        return "€" + feit[2:].replace(".", "").replace(",", ".")
    return feit


@pytest.mark.parametrize("taal", ["nl-be", "en"])
def test_the_2005_2006_and_combined_reports_say_everything_the_source_says(seed, taal):
    teksten = {periode: verslag_tekst(periode, taal) for periode in ("2005", "2006", "2005-2006")}
    for periode in ("2005-2006", "2005 2006"):
        tekst = teksten[periode] if periode in teksten else teksten["2005"] + teksten["2006"]
        ontbrekend = [
            f for f in FEITEN if zoals_gedrukt(f, taal) not in tekst.replace("\u00a0", " ")
        ]
        assert ontbrekend == [], periode
    for periode, tekst in teksten.items():
        assert [g for g in GELEKT if g in tekst] == [], periode
    nl = taal == "nl-be"
    # The cover says the day the report was made (today: none was chosen).
    with translation.override(taal):
        opgemaakt = gettext("Opgemaakt op %(datum)s") % {
            "datum": date_format(timezone.localdate(), "j F Y")
        }
    for tekst in teksten.values():
        assert opgemaakt in tekst
    # The texts refer to annexes the group has not attached: "(zie bijlage)" stands as
    # written, and there is no annex section (nor its entry in the contents).
    for tekst in teksten.values():
        assert ("Bijlagen" if nl else "Annexes") not in tekst
    # The source's "Vergadering 27/01/06" stands as a date like the others, unflagged.
    assert ("27/01/06 catering voorzien" if nl else "27/01/06 catering planned") in teksten["2006"]


@pytest.mark.parametrize("taal", ["nl-be", "en"])
@pytest.mark.parametrize("jaar", ["2005", "2006"])
def test_the_strand_reports_say_nothing_nobody_recorded_either(seed, taal, jaar):
    """The strand's report holds the group's chapter: the same rules, the source's words."""
    tekst = verslag_tekst(jaar, taal, soort="themawerking", slug=seed.thema.slug)
    assert [g for g in GELEKT if g in tekst] == []
    kosten = {"2005": ["spreker", "€ 40,00", "€ 150,00"], "2006": ["broodjeslunch", "€ 36,30"]}
    leesbaar = tekst.replace("\u00a0", " ")
    assert [f for f in kosten[jaar] if zoals_gedrukt(f, taal) not in leesbaar] == []


@pytest.mark.parametrize(("taal", "tag"), [("nl-be", "nl-be"), ("en", "en")])
@pytest.mark.parametrize("periode", ["2005", "2005-2006"])
def test_every_report_carries_its_metadata_and_variant(seed, taal, tag, periode):
    from kern.pdf import render_pdf
    from rapportage.verslag import Verslag

    with translation.override(taal):
        inhoud = render_pdf(*Verslag.uit_periode("werkgroep", SLUG, periode).document())
    lezer = pypdf.PdfReader(io.BytesIO(inhoud))
    assert lezer.trailer["/Root"]["/Lang"] == tag
    leesbaar = periode.replace("-", "–")
    assert lezer.metadata.title.endswith(f"{seed.titel} {leesbaar}")
    assert leesbaar in lezer.metadata.subject and seed.thema.naam in lezer.metadata.subject
    assert lezer.metadata.author == (
        "Het secretariaat van de werkgroep"
        if tag == "nl-be"
        else "The secretariat of the working group"
    )
    assert lezer.metadata.creation_date is not None
    assert b'pdfuaid:part="1"' in lezer.xmp_metadata.stream.get_data()


def test_the_report_prints_each_meeting_once(seed):
    """Werk.waardig on 06/06/2006: the year's text and one agenda, no second telling."""
    tekst = verslag_tekst("2006")
    programma = tekst[
        tekst.index("Programma 2006") : tekst.index(
            "Financieel luik", tekst.index("Programma 2006")
        )
    ]
    assert programma.count("Werk.waardig") == 2  # its presentation and its validation item
    assert programma.count("06/06/2006") == 1
    # Date and kind; no status: none was recorded, and by today every date has passed.
    assert "25/09/2006 · vergadering Uiteenzetting" in programma
    assert "december 2006 · rondetafelgesprek Rondetafelgesprek" in programma
    assert "gepland" not in programma and "voorzien" not in programma


def test_the_report_names_a_role_only_where_one_was_recorded(client_van, coordinator, seed):
    """The unknown role is left out, in Dutch and in English (the choice says it is unknown)."""
    from werkgroep.models import Lidmaatschap, Rol

    lid = Lidmaatschap.objects.filter(werkgroep=seed).select_related("deelnemer").first()
    Lidmaatschap.objects.filter(werkgroep=seed).update(rol=Rol.ONBEKEND)
    Lidmaatschap.objects.filter(pk=lid.pk).update(rol=Rol.EXPERT)
    client = client_van(coordinator)
    url = reverse("rapportage:jaarverslag", args=[SLUG, 2006])
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
    inhoud = client.get(reverse("rapportage:jaarverslag_pdf", args=[SLUG, 2006])).getvalue()
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
    tekst = pdf_tekst(
        client.get(reverse("rapportage:jaarverslag_pdf", args=[SLUG, 2006])).getvalue()
    )
    assert "October/November 2006" in tekst and "originally planned" not in tekst
    # A date made exact later is still reported, in either language.
    december = Vergadering.objects.get(kenmerk="2006-12")
    december.datum = Datumaanduiding.parse("14/12/2006")
    december.save()
    tekst = pdf_tekst(
        client.get(reverse("rapportage:jaarverslag_pdf", args=[SLUG, 2006])).getvalue()
    )
    assert "originally planned: december 2006" in tekst


def test_the_report_holds_no_note_for_the_data_keeper(client_van, coordinator, seed):
    """No form label on the cover, no "X: X", no empty heading, nothing about what is missing."""
    client = client_van(coordinator)
    tekst = " ".join(
        pdf_tekst(client.get(reverse("rapportage:jaarverslag_pdf", args=[SLUG, jaar])).getvalue())
        for jaar in (2005, 2006)
    )
    for gelekt in [
        "Titel:",
        "nog geen oordeel",
        "nog niet afgesloten",
        "Productvalidering: Productvalidering",
        "Rondetafelgesprek: Rondetafelgesprek",
        "27/02/2006 · vergadering",  # a meeting with nothing recorded: no heading
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
    assert Agendapunt(soort=Soort.UITEENZETTING, titel="In Genk").kop == "Uiteenzetting: In Genk"
    voorstelling = Agendapunt(soort=Soort.PROJECTVOORSTELLING, titel="Voorstelling van ‘X’")
    assert voorstelling.kop == "Voorstelling van ‘X’"
    assert Agendapunt(soort=Soort.RONDETAFEL, titel="Rondetafelgesprek met Y").kop == (
        "Rondetafelgesprek met Y"
    )
    assert Agendapunt(soort=Soort.ANDERE, titel="Verkenning").kop == "Verkenning"
    with translation.override("en"):
        assert Agendapunt(soort=Soort.BESLISSING, titel="Afstappen").kop == "Decision: Afstappen"


def test_every_pdf_is_tagged_for_accessibility(client_van, coordinator, seed):
    """PDF/UA-1 through the one renderer: marked content, a structure tree, the variant named."""
    client = client_van(coordinator)
    for url in [
        reverse("rapportage:jaarverslag_pdf", args=[SLUG, 2006]),
        reverse("projecten:fiche_pdf", args=["werkwaardig"]),
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
    url = reverse("rapportage:jaarverslag", args=[SLUG, 2006])
    zin = "kept in the language they were written in"
    assert "in de taal waarin ze geschreven zijn" not in client.get(url).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert client.get(url).content.decode().count(zin) == 1


def test_a_strand_report_has_a_chapter_per_working_group_with_data_that_year(
    seed, django_assert_num_queries
):
    from rapportage.jaarverslag import themaverslag_context
    from tests.bouwers import maak_vergadering
    from werkgroep.models import Werkgroep

    tweede = Werkgroep.objects.create(thema=seed.thema, titel="Sociale kruidenier", slug="sk")
    Werkgroep.objects.create(thema=seed.thema, titel="Stil", slug="stil")  # nothing in 2006
    maak_vergadering(tweede, "15/03/2006")
    # The groups with data (1); per chapter the working group's report: 22 for the seed's,
    # 16 for a group with one bare meeting (nothing to prefetch under it: no agenda,
    # sessions, attendance; no collaborations). Each counts one for the decisions of
    # approved minutes (issue 15) and one for the files attached as annexes (issue 22).
    with django_assert_num_queries(1 + 22 + 16):
        context = themaverslag_context(seed.thema, 2006)
    assert [h["werkgroep"].titel for h in context["hoofdstukken"]] == [
        "Regierol van de lokale besturen",
        "Sociale kruidenier",
    ]
    tekst = verslag_tekst("2006", soort="themawerking", slug=seed.thema.slug)
    assert "Sociale kruidenier" in tekst and "15/03/2006" in tekst
    assert "Stil" not in tekst.replace("Stand", "")
    assert tekst.index("Regierol van de lokale besturen") < tekst.index("Sociale kruidenier")


def test_the_years_page_links_every_report_a_coordinator_may_send(client_van, coordinator, seed):
    pagina = (
        client_van(coordinator)
        .get(reverse("rapportage:jaarverslag_jaren", args=[SLUG]))
        .content.decode()
    )
    for url in [
        f"/werkgroepen/{SLUG}/jaarverslag/2005.pdf",
        f"/werkgroepen/{SLUG}/jaarverslag/2006.pdf",
        f"/werkgroepen/{SLUG}/jaarverslag/2005-2006.pdf",
        f"/werkgroepen/{SLUG}/jaarverslag/2005-2006/",
        f"/themawerkingen/{seed.thema.slug}/jaarverslag/2006.pdf",
    ]:
        assert f'href="{url}"' in pagina, url


def test_the_cover_names_the_secretariat_and_the_esf_reference_where_recorded(seed):
    from kern.pdf import render_pdf
    from rapportage.verslag import Verslag

    verslag = Verslag.uit_periode("werkgroep", SLUG, "2006")
    zonder = pdf_tekst(render_pdf(*verslag.document()))
    assert "Het secretariaat van de werkgroep" in zonder and "ESF-referentie" not in zonder
    seed.secretariaat = "ESF-Agentschap Vlaanderen, themawerking Sociale Economie"
    seed.esf_referentie = "SE/2006/017"
    seed.save()
    inhoud = render_pdf(*verslag.document())
    assert "ESF-referentie SE/2006/017" in pdf_tekst(inhoud)
    assert pypdf.PdfReader(io.BytesIO(inhoud)).metadata.author == seed.secretariaat

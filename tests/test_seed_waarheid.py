"""The seed fixture records only what the source states (issue 13, "fixture truth").

The source is the activity report in ``../shared/seed/`` (copied below, so the test runs
where that folder is absent; ``test_the_copy_is_the_source`` checks the copy when it is
there). ``docs/seed.md`` says how each statement of the source became data.
"""

from pathlib import Path

import pytest
from django.conf import settings

from projecten.models import Presentatie, Product, ProjectDeelnemer, ProjectOrganisatie
from validering.models import Methodeversie
from werkgroep.models import (
    Actiepunt,
    Agendapunt,
    Bevinding,
    Doelstelling,
    Jaartekst,
    Lidmaatschap,
    Organisatie,
    Samenwerking,
    Vergadering,
)

BRON = """\
Themawerking Sociale Economie

Titel: Regierol van de lokale besturen

Deelnemers:
Els Baele en Tom Speelman, ERSV Oost-Vlaanderen, partner in het zwaartepunt 6 project ‘Van Kakofonie naar symfonie’

Michel Bortels, OCMW Genk, Equal-project ‘Local Mobility Works’
Johan Dejonckheere, Welzijnsconsortium Zuid-West Vlaanderen, Equal-project ‘Werk.waardig’
Jean-Marie Viaene, vzw BIK, partner in Equal-project ‘Werk.waardig’
Ann Jughmans, VVSG, zwaartepunt 6 project ‘Regie Diensteneconomie’

Koen Devriendt, Stad Antwerpen, Sociale Zaken, Equal-project ‘Labour for Neighbour’

Fanny Mestdagh, ‘Gent, stad in werking’

Kathleen Vandebroek, Kabinet Vlaams minister Sociale Economie

Koen Repriels, VOSEC vzw,
Ingrid Vanhoren, KULeuven, HIVA
Vergaderfrequentie:
16/09/2005, 02/12/2005 en 12/12/2005

27/02/2006, 6/6/2006, 25/09/2006, oktober/november 2006, december 2006

Naargelang de behoefte worden voorbereidende vergaderingen georganiseerd: 14/04/2006, 21/08/2006

Doelstelling en actiepunten:
Er zijn vier doelstellingen:
1. Het opzetten van een netwerk tussen projectpromotoren, andere actoren en beleidsmakers

2. Op basis van een thematische aanpak ervaringen, kennis en tussentijdse resultaten delen

3. Het mainstreamen op vlaams niveau
4. Het hanteren van de  methodiek van productvalidering om te komen tot een gestructureerde discussie
Er zijn twee actiepunten:

1. Het valideren van tussentijdse producten uit ESF-projecten (Equal en andere)

2.  Het organiseren van een rondetafelgesprek met een aantal lokale stakeholders betrokken bij het project ‘Van Kakofonie naar symfonie’ en andere. Het betreft hier een bottum-up benadering, vanuit de praktijk van een project, met de bedoeling om ‘bewust te maken’ en eventueel beleidsaanbevelingen te doen. Het knelpunt is regisseren vanuit een geïntegreerde lokale beleidsvisie namelijk het koppelen van diverse beleidsdomeinen met tewerkstelling.

Bij het bepalen van de inhoud van het rondetafelgesprek houden we rekening met de aandachts- en/of knelpunten geformuleerd naar aanleiding van de validering van de producten uit de verschillende ESF-projecten.
De inhoud en organisatie van het rondetafelgesprek wordt verder voorbereid in een beperkte werkgroep.

Beschrijving acties 2005: In eerste bijeenkomst tast de werkgroep de mogelijkheden af rekening houdend met wat er reeds gebeurt in andere initiatieven, onder andere het VVSG project ‘Regie Diensteneconomie’. Tijdens een tweede vergadering geeft Professor De Rynck een boeiende uiteenzetting over het ontstaan en de context van de regierol voor lokale besturen. We zien dat de netwerkvisie centraal staat en komen meer te weten over de cultuur en structuur van netwerken, netwerken en processen. Hoe kan regie er op lokaal vlak uit zien, wat is de context en welke bedenkingen te maken bij de verschillende types? Belangrijk is ook oog te hebben voor politiek in netwerken, de regie tussen politici en ambtenaren. Tenslotte een overzicht van de hulpbronnen van regisseurs en hoe om te gaan met regisseur-/actorrol.

In een derde bijeenkomst besluit de werkgroep af te stappen van de oorspronkelijke denkpiste het thema ‘de regierol’ toe te spitsen op ‘de klaverbladfinanciering’.  De werkgroep wil zich enten op een ruime uitwisseling van ervaring en kennis over ‘de regierol’. Om een maximale afstemming te garanderen met de individuele verwachtingen wordt een projectfiche ontwikkeld (zie bijlage). De productvalidering wordt op initiatief van het ESF-Agentschap voorgesteld als methodologie.
Beschrijving acties 2006:

We voorzien een reeks van drie bijeenkomsten waar telkens één of twee projecten aan bod komen met een project- en productvoorstelling.  We gebruiken de methodiek van productvalidering (zie bijlage) om te komen tot een gestructureerde uitwisseling van ervaringen en kennis.
-6/6/2006 voorstelling van het project ‘Werk.waardig’ gekoppeld aan een productvalidering, de voorstelling van ‘Steunpunt Diensteneconomie’ van Gsiw

-25/09/2006 uiteenzetting rond de invulling van de regierol met betrekking tot de sociale diensteneconomie in Genk en Antwerpen, de voorstelling van de projecten ‘Local Mobility Works’ en ‘Labour for neighbour’gekoppeld aan een productvalidering
-Oktober/november 2006 het project ‘Regie Diensteneconomie’ gekoppeld aan een productvalidering
-December 2006 rondetafelgesprek met de stakeholders uit project ‘Van Kakofonie naar symfonie’ en andere
Na elke bijeenkomst wordt de methodiek van productvalidering bijgeschaafd. Op de bijeenkomst van 25/09/2006 bijvoorbeeld willen we naast de subgroep ‘projectpromotoren en andere actoren’ en ‘experten’ een derde subgroep ‘de intermediaire of finale doelgroep’ aan bod laten komen.
Financiële luik
-2005
Vergadering 02/12/05: gefactureerde kost voor catering is 40 euro.
Vergadering 12/12/05: 150 euro voorzien voor spreker.

-2006

Vergadering 27/01/06: kosten voorzien voor catering aan 50 euro.
Vergadering 06/06/06: intern gefactureerde kost voor broodjeslunch is 36,30 euro.

Vergadering 25/09/06:  nog te bepalen bedrag voor catering.
Vergadering okt/nov ’06: nog te bepalen bedrag voor catering.

Vergadering dec ’06: nog te bepalen bedrag voor catering – nog te bepalen bedrag voor sprekers/experten.

Bevindingen
-De methodologie van de productvalidering wordt positief onthaald. Promotoren zijn vragende partij om de methodologie reeds in het lopende project te gebruiken.
-Er komen nieuwe samenwerkingsverbanden tot stand bijvoorbeeld VVSG wordt uitgenodigd als spreker op de studiedag van het project Werk.waardig, de case studie en ontwikkelde instrumenten door het HIVA in het project Werk.waardig worden gebruikt in project van de VVSG, vzw BIK organiseert studiemoment waar toelichting Gsiw aan bod komt
"""  # noqa: E501 - the source verbatim, its lines as they are


def normaal(tekst: str) -> str:
    """Whitespace as one space: line breaks and double spaces are layout, not content."""
    return " ".join(tekst.split())


BRON_NORMAAL = normaal(BRON)


def in_bron(tekst: str) -> bool:
    return normaal(tekst) in BRON_NORMAAL


def in_bron_los_van_hoofdletter(tekst: str) -> bool:
    """A title taken from the middle of a sentence starts with a capital: any case."""
    return normaal(tekst).casefold() in BRON_NORMAAL.casefold()


def deelnemerslijst() -> list[str]:
    """The source's participant lines, from "Deelnemers:" to "Vergaderfrequentie:"."""
    blok = BRON.split("Deelnemers:")[1].split("Vergaderfrequentie:")[0]
    return [regel.strip() for regel in blok.splitlines() if regel.strip()]


def test_the_copy_is_the_source():
    map_ = Path(settings.BASE_DIR).parent / "shared" / "seed"
    bestanden = sorted(map_.glob("*.txt")) if map_.is_dir() else []
    if not bestanden:
        pytest.skip("../shared/seed/ is not beside this repository")
    assert normaal(BRON) == normaal(bestanden[0].read_text(encoding="utf-8"))


# -- (a) roles: "partner in" where the source says it, unknown everywhere else ------------

PARTNERS = {("Els", "Baele"), ("Tom", "Speelman"), ("Jean-Marie", "Viaene")}
PARTNERORGANISATIES = {
    ("van-kakofonie-naar-symfonie", "ERSV Oost-Vlaanderen"),
    ("werkwaardig", "vzw BIK"),
}


def test_partner_is_exactly_what_the_source_says_partner_in():
    partnerregels = [r for r in deelnemerslijst() if "partner in" in r]
    for voornaam, achternaam in PARTNERS:
        assert any(f"{voornaam} " in r and achternaam in r for r in partnerregels)
    for _project, organisatie in PARTNERORGANISATIES:
        assert any(f", {organisatie}, partner in" in r for r in partnerregels)


def test_no_membership_or_project_role_is_inferred(seed):
    leden = Lidmaatschap.objects.select_related("deelnemer")
    assert {lid.rol for lid in leden} == {"partner", "onbekend"}
    assert {
        (lid.deelnemer.voornaam, lid.deelnemer.achternaam) for lid in leden if lid.rol == "partner"
    } == PARTNERS
    deelnemers = ProjectDeelnemer.objects.select_related("deelnemer")
    assert {d.rol for d in deelnemers} == {"partner", "onbekend"}
    assert {
        (d.deelnemer.voornaam, d.deelnemer.achternaam) for d in deelnemers if d.rol == "partner"
    } == PARTNERS
    organisaties = ProjectOrganisatie.objects.select_related("project", "organisatie")
    assert {o.rol for o in organisaties} == {"partner", "onbekend"}
    assert {
        (o.project.slug, o.organisatie.naam) for o in organisaties if o.rol == "partner"
    } == PARTNERORGANISATIES


def test_products_have_only_the_kinds_the_source_names(seed):
    """ "de case studie en ontwikkelde instrumenten": a case study and instruments; no stage."""
    soorten = {(p.titel, p.soort) for p in Product.objects.filter(niet_genoemd_in_bron=False)}
    assert soorten == {
        ("Case studie (HIVA)", "casestudie"),
        ("Ontwikkelde instrumenten (HIVA)", "instrument"),
    }
    niet_genoemd = Product.objects.filter(niet_genoemd_in_bron=True)
    assert set(niet_genoemd.values_list("soort", flat=True)) == {"onbekend"}
    assert set(Product.objects.values_list("stadium", flat=True)) == {"onbekend"}


# -- (b) a decision only where the source says "besluit" ----------------------------------


def test_no_agenda_item_is_a_decision_unless_the_source_says_besluit(seed):
    beslissingen = Agendapunt.objects.filter(soort=Agendapunt.Soort.BESLISSING)
    assert [a.titel for a in beslissingen if "besluit" not in a.tekst] == []
    assert beslissingen.count() == BRON.count("besluit")


def test_the_agency_proposed_product_validation_it_was_not_decided(seed):
    voorstel = Agendapunt.objects.get(tekst__contains="voorgesteld als methodologie")
    assert voorstel.soort != Agendapunt.Soort.BESLISSING
    assert "voorgesteld" in voorstel.titel and "ESF-Agentschap" in voorstel.titel


def test_a_meeting_is_held_only_where_the_source_says_so(seed):
    """The 2005 prose tells the three meetings. For the others the source says nothing
    (06/06/06's internally invoiced lunch suggests it was held, but that is our inference,
    issue 22): no outcome recorded. The source calls no meeting plenary: no kind, except
    the round table and the preparatory meetings it names."""
    gehouden = Vergadering.objects.filter(status=Vergadering.Status.GEHOUDEN)
    assert sorted(gehouden.values_list("kenmerk", flat=True)) == [
        "2005-09-16", "2005-12-02", "2005-12-12",
    ]  # fmt: skip
    assert sorted(Vergadering.objects.exclude(soort="").values_list("kenmerk", "soort")) == [
        ("2006-04-14", "voorbereidend"), ("2006-08-21", "voorbereidend"),
        ("2006-12", "rondetafel"),
    ]  # fmt: skip


# -- (c) the sentence under the schedule -----------------------------------------------------


def test_the_schedules_sentence_is_kept(seed):
    assert seed.vergaderritme == (
        "Naargelang de behoefte worden voorbereidende vergaderingen georganiseerd"
    )
    assert in_bron(seed.vergaderritme + ": 14/04/2006, 21/08/2006")


# -- (d) the participant list: the source's order, organisations as written -----------------

LIJST = [
    ("Els Baele", "ERSV Oost-Vlaanderen"),
    ("Tom Speelman", "ERSV Oost-Vlaanderen"),
    ("Michel Bortels", "OCMW Genk"),
    ("Johan Dejonckheere", "Welzijnsconsortium Zuid-West Vlaanderen"),
    ("Jean-Marie Viaene", "vzw BIK"),
    ("Ann Jughmans", "VVSG"),
    ("Koen Devriendt", "Stad Antwerpen, Sociale Zaken"),
    ("Fanny Mestdagh", "‘Gent, stad in werking’"),
    ("Kathleen Vandebroek", "Kabinet Vlaams minister Sociale Economie"),
    ("Koen Repriels", "VOSEC vzw"),
    ("Ingrid Vanhoren", "KULeuven, HIVA"),
]


def test_the_expected_list_is_the_sources_list():
    """Each person in the order the source names them, on a line with that organisation."""
    regels = deelnemerslijst()
    tekst = "\n".join(regels)
    namen = [naam for naam, _ in LIJST]
    assert namen == sorted(namen, key=lambda naam: tekst.index(naam.split()[-1]))
    for naam, organisatie in LIJST:
        regel = next(r for r in regels if naam.split()[-1] in r)
        assert f", {organisatie}" in regel, naam


def test_memberships_in_their_order_give_the_sources_list(seed):
    leden = Lidmaatschap.objects.filter(werkgroep=seed).select_related("deelnemer")
    assert [(lid.deelnemer.naam, lid.organisatie_zoals_geschreven) for lid in leden] == LIJST
    assert [lid.volgorde for lid in leden] == list(range(1, len(LIJST) + 1))


def test_gent_stad_in_werking_keeps_its_quotes(seed):
    lid = Lidmaatschap.objects.get(deelnemer__achternaam="Mestdagh")
    assert lid.organisatie_zoals_geschreven == "‘Gent, stad in werking’"
    assert lid.deelnemer.organisatie == Organisatie.objects.get(naam="Gent, stad in werking")


# -- (e) every text is the source's, verbatim ------------------------------------------------

# Titles that the source does not write as such: a short label a meeting's programme needs,
# each saying what the source says. Everything else with a title is a piece of the source.
LABELS = {
    # "In eerste bijeenkomst tast de werkgroep de mogelijkheden af …"
    "Verkenning van de mogelijkheden",
    # "… besluit de werkgroep af te stappen van de oorspronkelijke denkpiste het thema
    # ‘de regierol’ toe te spitsen op ‘de klaverbladfinanciering’."
    "Afstappen van het toespitsen van het thema op de klaverbladfinanciering",
    # "… wordt een projectfiche ontwikkeld (zie bijlage)."
    "Een projectfiche wordt ontwikkeld",
    # "De productvalidering wordt op initiatief van het ESF-Agentschap voorgesteld als
    # methodologie."
    "Productvalidering op initiatief van het ESF-Agentschap voorgesteld als methodologie",
    # "de voorstelling van de projecten ‘Local Mobility Works’ en ‘Labour for neighbour’":
    # one presentation per project.
    "Voorstelling van het project ‘Local Mobility Works’",
    "Voorstelling van het project ‘Labour for neighbour’",
    # "-Oktober/november 2006 het project ‘Regie Diensteneconomie’ gekoppeld aan een
    # productvalidering", in a series "met een project- en productvoorstelling".
    "Voorstelling van het project ‘Regie Diensteneconomie’",
    # "… gekoppeld aan een productvalidering": the validation as its own item, by project.
    "Productvalidering (‘Werk.waardig’)",
    "Productvalidering (‘Local Mobility Works’ en ‘Labour for neighbour’)",
    "Productvalidering (‘Regie Diensteneconomie’)",
    # "de case studie en ontwikkelde instrumenten door het HIVA": one product each.
    "Case studie (HIVA)",
    "Ontwikkelde instrumenten (HIVA)",
}


def teksten_van_de_bron(werkgroep) -> list[str]:
    """Every text of the fixture that claims to be the source's words."""
    teksten = [werkgroep.thema.naam, werkgroep.titel, werkgroep.vergaderritme]
    for model in (Doelstelling, Actiepunt, Jaartekst, Bevinding):
        teksten += model.objects.values_list("tekst", flat=True)
    teksten += Samenwerking.objects.values_list("omschrijving", flat=True)
    teksten += Agendapunt.objects.values_list("tekst", flat=True)
    teksten += Agendapunt.objects.exclude(spreker_naam="").values_list("spreker_naam", flat=True)
    teksten += Lidmaatschap.objects.values_list("organisatie_zoals_geschreven", flat=True)
    teksten += Presentatie.objects.exclude(onderwerp="").values_list("onderwerp", flat=True)
    return teksten


def test_every_text_of_the_fixture_is_verbatim_in_the_source(seed):
    """Paragraph by paragraph: a text may join two passages of the source about the same
    thing (the 25/09/2006 validation: its programme line and which subgroups join)."""
    alinea = [a for t in teksten_van_de_bron(seed) for a in t.split("\n\n") if a.strip()]
    assert [a for a in alinea if not in_bron(a)] == []


def test_every_title_is_the_sources_or_a_listed_label(seed):
    titels = list(Agendapunt.objects.values_list("titel", flat=True))
    titels += Product.objects.filter(niet_genoemd_in_bron=False).values_list("titel", flat=True)
    assert [t for t in titels if t not in LABELS and not in_bron_los_van_hoofdletter(t)] == []
    assert set(titels) >= LABELS  # no stale label


def test_the_ledger_keeps_its_lines_as_written(seed):
    from financien.models import Kostenpost

    for post in Kostenpost.objects.all():
        assert in_bron(f"Vergadering {post.vergadering_zoals_geschreven}:"), post
        assert in_bron(post.omschrijving), post


def test_what_is_not_from_the_source_says_so(seed):
    """The validation criteria come from elsewhere; their version says it."""
    for versie in Methodeversie.objects.filter(criteria__isnull=False).distinct():
        assert "niet uit de bron" in versie.bron


def test_the_participant_list_as_written_goes_through_a_spreadsheet(seed):
    """The membership export writes the order and the organisation as written; a file
    with those columns sets them, and one without them leaves them as they are."""
    from tablib import Dataset

    from kern.spreadsheets import BelgischeCSV
    from werkgroep.resources import LidmaatschapResource

    inhoud = BelgischeCSV().export_data(LidmaatschapResource().export())
    assert inhoud.splitlines()[0].endswith(";volgorde;organisatie zoals geschreven")
    assert ";8;‘Gent, stad in werking’" in inhoud
    data = Dataset(
        headers=["werkgroep", "voornaam", "achternaam", "volgorde", "organisatie zoals geschreven"]
    )
    data.append([seed.slug, "Koen", "Repriels", "12", "VOSEC vzw (Brussel)"])
    data.append([seed.slug, "Ingrid", "Vanhoren", "", "KULeuven, HIVA"])
    resultaat = LidmaatschapResource().import_data(data, dry_run=False)
    assert not resultaat.has_errors() and not resultaat.has_validation_errors()
    repriels = Lidmaatschap.objects.get(deelnemer__achternaam="Repriels")
    assert (repriels.volgorde, repriels.organisatie_zoals_geschreven) == (12, "VOSEC vzw (Brussel)")
    assert Lidmaatschap.objects.get(deelnemer__achternaam="Vanhoren").volgorde is None
    zonder = Dataset(headers=["werkgroep", "voornaam", "achternaam", "rol"])
    zonder.append([seed.slug, "Fanny", "Mestdagh", "onbekend"])
    LidmaatschapResource().import_data(zonder, dry_run=False)
    mestdagh = Lidmaatschap.objects.get(deelnemer__achternaam="Mestdagh")
    assert (mestdagh.volgorde, mestdagh.organisatie_zoals_geschreven) == (
        8,
        "‘Gent, stad in werking’",
    )
    # Without a place, after the others, by name.
    assert list(Lidmaatschap.objects.filter(werkgroep=seed))[-1] == Lidmaatschap.objects.get(
        deelnemer__achternaam="Vanhoren"
    )

"""What the secretariat changes in each export before importing it again (issue 23, "Tried as
a new user would"): one line, found by the cells ``regel`` names, and in it the cells typed.

Plain data, read by ``tests/bestanden/calc.py`` (which types them in LibreOffice Calc) and by
``tests/kern/test_rondreis.py`` (which builds the same file with other tools and checks that
exactly these changes arrive). Each import changes one value and one reference; where every
reference of an import is part of its key (changing it would name another record), the
reference is written in other capitals instead and must change nothing.
"""

GROEP = "regierol-van-de-lokale-besturen"

#: soort (the model, as in the admin's URLs): {"regel": cells that find the line,
#: "cellen": {column: text typed}}
WIJZIGINGEN = {
    "thema": {
        "regel": {"slug": "sociale-economie"},
        "cellen": {"naam": "Sociale economie en werk", "slug": "SOCIALE-ECONOMIE"},
    },
    "werkgroep": {
        "regel": {"slug": GROEP},
        "cellen": {"titel": "Regierol van de lokale besturen (2005-2006)", "thema": "Werk en Zorg"},
    },
    "organisatie": {
        "regel": {"naam": "HIVA"},
        "cellen": {"opmerking": "Onderzoeksinstituut voor Arbeid en Samenleving",
                   "maakt deel uit van": "kuleuven"},
    },
    "deelnemer": {
        "regel": {"achternaam": "Baele"},
        "cellen": {"telefoon": "09 265 00 00", "organisatie": "vvsg"},
    },
    "lidmaatschap": {
        "regel": {"achternaam": "Speelman"},
        "cellen": {"van": "1/02/2006", "werkgroep": GROEP.upper()},
    },
    "vergadering": {
        "regel": {"kenmerk": "2006-06-06"},
        "cellen": {"plaats": "Gent", "werkgroep": GROEP.upper()},
    },
    "agendapunt": {
        "regel": {"vergadering": "2006-09-25", "volgorde": "1"},
        "cellen": {"titel": "De regierol en de sociale economie", "spreker achternaam": "Repriels"},
    },
    "aanwezigheid": {
        "regel": {"achternaam": "Speelman"},
        "cellen": {"status": "aanwezig", "vergadering": "16/09/2005"},
    },
    "programma": {
        "regel": {"slug": "equal"},
        "cellen": {"naam": "EQUAL", "slug": "Equal"},
    },
    "project": {
        "regel": {"slug": "werkwaardig"},
        "cellen": {"website": "https://www.werkwaardig.be", "programma": "ZWAARTEPUNT-6"},
    },
    "projectorganisatie": {
        "regel": {"project": "werkwaardig", "organisatie": "vzw BIK"},
        "cellen": {"rol": "promotor", "project": "WerkWaardig"},
    },
    "projectdeelnemer": {
        "regel": {"achternaam": "Viaene"},
        "cellen": {"rol": "promotor", "project": "WERKWAARDIG"},
    },
    "product": {
        "regel": {"slug": "case-studie-hiva"},
        "cellen": {"versie": "2", "ontwikkeld door": "vvsg"},
    },
    "kostenpost": {
        "regel": {"vergadering": "06/06/06"},
        "cellen": {"bedrag": "40,10", "categorie": "CATERING"},
    },
}  # fmt: skip

#: The same, with a mistake typed in one cell instead: the import refuses the file, naming the
#: line, the column and the value in Dutch.
FOUTEN = {
    "thema": {"regel": {"slug": "sociale-economie"}, "cellen": {"slug": "sociale economie!"}},
    "werkgroep": {"regel": {"slug": GROEP}, "cellen": {"thema": "Werk en Welzijn"}},
    "organisatie": {"regel": {"naam": "HIVA"}, "cellen": {"maakt deel uit van": "KU Leuven"}},
    "deelnemer": {"regel": {"achternaam": "Baele"}, "cellen": {"organisatie": "Stad Nergens"}},
    "lidmaatschap": {"regel": {"achternaam": "Speelman"}, "cellen": {"van": "31/02/2006"}},
    "vergadering": {"regel": {"kenmerk": "2006-06-06"}, "cellen": {"aanvang": "14h7"}},
    "agendapunt": {
        "regel": {"vergadering": "2006-09-25", "volgorde": "1"},
        "cellen": {"volgorde": "1,5"},
    },
    "aanwezigheid": {"regel": {"achternaam": "Speelman"}, "cellen": {"status": "ziek"}},
    "programma": {"regel": {"slug": "equal"}, "cellen": {"slug": "equal/2"}},
    "project": {"regel": {"slug": "werkwaardig"}, "cellen": {"website": "www.werkwaardig.be"}},
    "projectorganisatie": {
        "regel": {"project": "werkwaardig", "organisatie": "vzw BIK"},
        "cellen": {"rol": "trekker"},
    },
    "projectdeelnemer": {"regel": {"achternaam": "Viaene"}, "cellen": {"achternaam": "Viane"}},
    "product": {"regel": {"slug": "case-studie-hiva"}, "cellen": {"stadium": "klaar"}},
    "kostenpost": {"regel": {"vergadering": "06/06/06"}, "cellen": {"bedrag": "40,123"}},
}

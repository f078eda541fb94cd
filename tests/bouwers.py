"""Test data builders, all in this one module.

The fixtures (``tests/conftest.py`` and the apps' conftests), the browser journeys
(``tests/e2e``), the benchmarks (``tests/bench/run.py``) and the load test
(``scripts/belasting``) build their accounts and records here, so a new required field
or a changed role is put right in one place. Plain functions with keyword defaults:
each returns what it made, and says why it exists when that is not obvious.

Import it once Django is set up (pytest-django does; the scripts call ``django.setup()``
first). Most tests start from the seed (``seed()``), the 2005–2006 working group.
"""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

from django.core.management import call_command
from django.test import Client

from werkgroep import rollen
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
from werkgroep.services import account_aanmaken

WACHTWOORD = "een-lang-testwachtwoord"
SEED = "regierol-van-de-lokale-besturen"  # the seed's working group (its slug)
_teller = itertools.count(1)


# ---- The seed and accounts ----------------------------------------------------------------


def seed() -> Werkgroep:
    """Load the seed's fixture; its working group. Most tests read real 2006 records.

    The first time in a process (per database) through ``loaddata``; after that the rows
    it added are inserted again as they were, primary keys included, with one multi-row
    ``INSERT`` per table: the same database state (loaddata saves raw, so no ``save()`` and
    no history runs either way) in a tenth of the time, which most of the suite's tests
    start with. Only public API: rows read with ``values_list``, written through the
    connection's cursor with each field's ``get_db_prep_save``.

    Why not once per test database (``django_db_setup``) under each test's rollback: a
    third of the suite needs a database without the seed (empty pages, counts from zero,
    imports into nothing), and the transactional tests flush the database after them.
    """
    kopie = _seed_kopieen.get(_database_sleutel())
    if kopie is None:
        _seed_kopieen[_database_sleutel()] = _seed_laden()
    else:
        _seed_terugzetten(kopie)
    return Werkgroep.objects.get(slug=SEED)


_seed_kopieen: dict[tuple, list] = {}


def _database_sleutel() -> tuple:
    from django.db import connection

    return connection.vendor, connection.settings_dict["NAME"]


def _seed_laden() -> list:
    """loaddata, and a copy of every row it added, in every table (also rows a signal
    handler added while loading)."""
    from django.apps import apps

    modellen = [
        m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.managed and not m._meta.proxy
    ]
    voor = {m: set(m._base_manager.values_list("pk", flat=True)) for m in modellen}
    call_command("loaddata", "regierol_lokale_besturen", verbosity=0)
    kopie = []
    for model in modellen:
        velden = model._meta.concrete_fields
        rijen = [
            rij
            for rij in model._base_manager.order_by("pk").values_list(*(f.attname for f in velden))
            if rij[velden.index(model._meta.pk)] not in voor[model]
        ]
        if rijen:
            kopie.append((model, velden, rijen))
    return kopie


def _seed_terugzetten(kopie: list) -> None:
    from django.core.management.color import no_style
    from django.db import connection, transaction

    naam = connection.ops.quote_name
    # In one transaction: the foreign keys are checked at its end (they are deferred), so
    # the tables' order does not matter, also for a transactional test in autocommit.
    with transaction.atomic(), connection.cursor() as cursor:
        for model, velden, rijen in kopie:
            # The values as stored (a raw insert, as loaddata's raw save: auto_now fields
            # keep the value they had), a few hundred rows per statement.
            kolommen = ", ".join(naam(f.column) for f in velden)
            rij_sql = "(" + ", ".join(["%s"] * len(velden)) + ")"
            stuk = max(1, min(500, 900 // len(velden)))  # SQLite: at most 999 parameters
            for begin in range(0, len(rijen), stuk):
                deel = rijen[begin : begin + stuk]
                waarden = [
                    f.get_db_prep_save(w, connection)
                    for rij in deel
                    for f, w in zip(velden, rij, strict=True)
                ]
                cursor.execute(
                    f"INSERT INTO {naam(model._meta.db_table)} ({kolommen}) "
                    f"VALUES {', '.join([rij_sql] * len(deel))}",
                    waarden,
                )
        # As loaddata does: PostgreSQL's sequences continue after the primary keys inserted.
        for sql in connection.ops.sequence_reset_sql(no_style(), [m for m, _v, _r in kopie]):
            cursor.execute(sql)


def secretariaat(*, gebruikersnaam: str = "secretariaat", wachtwoord: str = WACHTWOORD):
    """A Secretariaat account (staff): the full admin, import and export."""
    return account_aanmaken(
        gebruikersnaam=gebruikersnaam, wachtwoord=wachtwoord, rol=rollen.SECRETARIAAT, staff=True
    )


def coordinator(*, gebruikersnaam: str = "coordinator", wachtwoord: str = WACHTWOORD):
    """A Coördinator account (staff, so it reads the admin): reads everything, exports."""
    return account_aanmaken(
        gebruikersnaam=gebruikersnaam, wachtwoord=wachtwoord, rol=rollen.COORDINATOR, staff=True
    )


def lid(
    voornaam: str = "Johan",
    achternaam: str = "Dejonckheere",
    *,
    gebruikersnaam: str | None = None,
    wachtwoord: str = WACHTWOORD,
):
    """The member account of an existing participant (by default the seed's Johan
    Dejonckheere, of Werk.waardig). What a member sees follows from that participant, so
    there is no member without one. The user name defaults to initial and surname."""
    deelnemer = Deelnemer.objects.get_by_natural_key(voornaam, achternaam)
    return lid_van_deelnemer(
        deelnemer,
        gebruikersnaam=gebruikersnaam or (voornaam[:1] + achternaam).lower(),
        wachtwoord=wachtwoord,
    )


def lid_van_deelnemer(deelnemer: Deelnemer, *, gebruikersnaam: str, wachtwoord=WACHTWOORD):
    """A member account linked to ``deelnemer`` (a participant made by the test)."""
    return account_aanmaken(
        gebruikersnaam=gebruikersnaam, wachtwoord=wachtwoord, rol=rollen.LID, deelnemer=deelnemer
    )


def aangemeld(user) -> Client:
    """A test client of its own, logged in as ``user``: one per person or browser tab, so
    two people's saves do not share a session."""
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


# ---- Working groups, participants, meetings --------------------------------------------------


def werkgroep(
    *,
    titel: str = "Andere groep",
    slug: str = "andere-groep",
    thema: str = "Levenslang leren",
    thema_slug: str = "levenslang-leren",
) -> Werkgroep:
    """A working group beside the seed's, under a strand of its own: for what a member of
    one group may not see of another."""
    strand = Thema.objects.create(naam=thema, slug=thema_slug)
    return Werkgroep.objects.create(thema=strand, titel=titel, slug=slug)


def maak_deelnemer(**velden) -> Deelnemer:
    """A participant with a unique name unless given one."""
    n = next(_teller)
    velden.setdefault("voornaam", f"Voornaam{n}")
    velden.setdefault("achternaam", f"Achternaam{n}")
    return Deelnemer.objects.create(**velden)


def lidmaatschap(werkgroep: Werkgroep, deelnemer: Deelnemer | None = None) -> Lidmaatschap:
    """``deelnemer`` (a new participant by default) becomes a member of ``werkgroep``."""
    return Lidmaatschap.objects.create(
        werkgroep=werkgroep, deelnemer=deelnemer if deelnemer is not None else maak_deelnemer()
    )


def maak_vergadering(werkgroep: Werkgroep, datum: str, **velden) -> Vergadering:
    """A meeting on a date as people write it ("25/09/2006", "december 2006"), validated
    as the admin would, so its kenmerk and precision are derived the real way."""
    from kern.datums import Datumaanduiding

    vergadering = Vergadering(werkgroep=werkgroep, **velden)
    vergadering.datum = Datumaanduiding.parse(datum)
    vergadering.full_clean()
    vergadering.save()
    return vergadering


def aanwezigheid(vergadering: Vergadering, deelnemer: Deelnemer | None = None, **velden):
    """An attendance (none in the seed) of ``deelnemer``, a new participant by default."""
    return Aanwezigheid.objects.create(
        vergadering=vergadering,
        deelnemer=deelnemer if deelnemer is not None else maak_deelnemer(),
        **velden,
    )


def groei(werkgroep: Werkgroep, aantal: int) -> None:
    """Add ``aantal`` organisations (each a department of a new parent), participants with
    memberships, and meetings with an agenda item and an attendance: for the tests that
    pin a page's query count however large the group grows."""
    for _ in range(aantal):
        n = next(_teller)
        moeder = Organisatie.objects.create(naam=f"Organisatie {n}")
        org = Organisatie.objects.create(naam=f"Dienst {n}", moeder=moeder)
        deelnemer = maak_deelnemer(organisatie=org)
        Lidmaatschap.objects.create(werkgroep=werkgroep, deelnemer=deelnemer)
        vergadering = Vergadering.objects.create(
            werkgroep=werkgroep,
            kenmerk=f"groei-{n}",
            precisie="dag",
            datum_van=f"2006-{1 + n % 12:02d}-{1 + n % 28:02d}",
            datum_tot=f"2006-{1 + n % 12:02d}-{1 + n % 28:02d}",
        )
        Agendapunt.objects.create(
            vergadering=vergadering, volgorde=1, titel=f"Punt {n}", spreker=deelnemer
        )
        Aanwezigheid.objects.create(vergadering=vergadering, deelnemer=deelnemer)


def groei_met_werkgroepen(werkgroep: Werkgroep, aantal: int) -> None:
    """``groei``, and ``aantal`` strands with a working group each: for the exports of
    strands and groups too (call it again with another ``aantal`` for more)."""
    groei(werkgroep, aantal)
    for n in range(aantal):
        strand = Thema.objects.create(naam=f"Thema {Thema.objects.count()}", slug=f"t{n}-{aantal}")
        Werkgroep.objects.create(thema=strand, titel=f"Groep {n}", slug=f"g{n}-{aantal}")


# ---- The ledger ------------------------------------------------------------------------------


def kostenpost(
    werkgroep: Werkgroep,
    *,
    omschrijving: str = "Zaalhuur",
    bedrag: str | Decimal | None = "120.00",
    status: str = "voorzien",
    vergadering_zoals_geschreven: str = "06/06/06",
    jaar: int = 2006,
    categorie: str = "zaal",
    **velden,
):
    """A cost line as the ledger holds it (the meeting date as written); ``categorie`` is a
    category's slug. Saved directly: linking to a meeting is the service's business."""
    from financien.models import Kostencategorie, Kostenpost

    return Kostenpost.objects.create(
        werkgroep=werkgroep,
        vergadering_zoals_geschreven=vergadering_zoals_geschreven,
        jaar=jaar,
        categorie=Kostencategorie.objects.get(slug=categorie),
        omschrijving=omschrijving,
        status=status,
        bedrag=None if bedrag is None else Decimal(bedrag),
        **velden,
    )


def budget(werkgroep: Werkgroep, *, jaar: int = 2006, bedrag: str = "500.00", **velden):
    """A group's budget for a year (or, with ``categorie=``, for one category)."""
    from financien.models import Budget

    return Budget.objects.create(werkgroep=werkgroep, jaar=jaar, bedrag=Decimal(bedrag), **velden)


def bedragplafond(werkgroep: Werkgroep, *, bedrag: str = "5000.00"):
    """The group's ceiling for one ledger line (without one it is € 100.000)."""
    from financien.models import Bedragplafond

    return Bedragplafond.objects.create(werkgroep=werkgroep, bedrag=Decimal(bedrag))


def groei_grootboek(werkgroep: Werkgroep, aantal: int) -> None:
    """``aantal`` more lines in 2006: a third linked to the seed's June meeting, a third to
    new meetings in July (one per ten lines), a third unlinked under dates in March. For
    the tests that pin the ledger pages' query count."""
    from financien.models import Kostencategorie, Kostenpost

    catering = Kostencategorie.objects.get(slug="catering")
    juni = Vergadering.objects.get(kenmerk="2006-06-06")
    juli = Vergadering.objects.bulk_create(
        Vergadering(
            werkgroep=werkgroep, kenmerk=f"groei-juli-{n}", precisie="dag",
            datum_van=dt.date(2006, 7, 1 + n), datum_tot=dt.date(2006, 7, 1 + n),
        )
        for n in range(aantal // 10 + 1)
    )  # fmt: skip
    posten = []
    for n in range(aantal):
        vergadering = [juni, juli[n % len(juli)], None][n % 3]
        geschreven = (
            f"{vergadering.datum_van:%d/%m/%y}" if vergadering else f"{1 + n % 28:02d}/03/06"
        )
        posten.append(
            Kostenpost(
                werkgroep=werkgroep,
                vergadering=vergadering,
                vergadering_zoals_geschreven=geschreven,
                jaar=2006,
                categorie=catering,
                omschrijving=f"lijn {n}",
                status=["voorzien", "gefactureerd", "nog_te_bepalen"][n % 3],
                bedrag=None if n % 3 == 2 else Decimal("1.10"),
            )
        )
    Kostenpost.objects.bulk_create(posten)


# ---- Login protection ---------------------------------------------------------------------


def aanmeldsporen(gebruikersnaam: str, *, wachtwoord: str = WACHTWOORD, ip: str = "10.9.9.9"):
    """Log in once and fail once through the login page, so django-axes keeps what it keeps
    of real logins: an access record, a failed attempt and its failure log (the admin's
    Inlogbeveiliging pages show one of each). The success first: a success resets the
    attempts (AXES_RESET_ON_SUCCESS). Axes keeps no failure log unless
    AXES_ENABLE_ACCESS_FAILURE_LOG is on; the admin lists them anyway, so one is written as
    axes would."""
    from axes.models import AccessAttempt, AccessFailureLog
    from django.urls import reverse

    for poging in (wachtwoord, wachtwoord + "-fout"):
        Client(REMOTE_ADDR=ip).post(
            reverse("login"), {"username": gebruikersnaam, "password": poging}
        )
    if not AccessFailureLog.objects.exists():
        poging = AccessAttempt.objects.get(username=gebruikersnaam, ip_address=ip)
        AccessFailureLog.objects.create(
            username=poging.username,
            ip_address=poging.ip_address,
            user_agent=poging.user_agent,
            http_accept=poging.http_accept,
            path_info=poging.path_info,
        )


# ---- Project fiches ---------------------------------------------------------------------------

FICHE_URL = "/projecten/werkwaardig/fiche/"  # the seed's Werk.waardig fiche on the site
FICHE_INDIENEN_URL = FICHE_URL + "indienen/"  # where a submission is confirmed


def werkwaardig():
    """The seed's Werk.waardig fiche, read afresh (the fiche tests save it over HTTP)."""
    from projecten.models import Projectfiche

    return Projectfiche.objects.get(project__slug="werkwaardig")


def fiche_posten(client: Client, versie, *, indienen: bool = False, **tekst):
    """Save the Werk.waardig fiche on the site as a member would, from version ``versie``;
    ``indienen``: the submit button instead (a concept then, until confirmed)."""
    knop = "indienen" if indienen else "opslaan"
    return client.post(FICHE_URL, {"gelezen_versie": str(versie), knop: "1", **tekst})


def fiche_bevestigen(client: Client, versie):
    """Confirm the submission of the Werk.waardig fiche, read at version ``versie``."""
    return client.post(FICHE_INDIENEN_URL, {"gelezen_versie": str(versie), "bevestigen": "1"})


def fiche_bewaard(
    door, *, project: str = "werkwaardig", werkgroep: str = SEED, gelezen_versie: int, **inhoud
):
    """A fiche saved through the one service (a new version with its history row), as
    the site's save would leave it; ``inhoud``: field texts."""
    from projecten.models import Project
    from projecten.services import fiche_opslaan

    return fiche_opslaan(
        project=Project.objects.get(slug=project),
        werkgroep=Werkgroep.objects.get(slug=werkgroep),
        gelezen_versie=gelezen_versie,
        inhoud=inhoud,
        door=door,
    )


_projectteller = itertools.count(1)  # its own: a presentation's order is 100 + n


def groei_projecten(aantal: int, medewerker: Deelnemer | None = None) -> None:
    """Add projects with an organisation, a product, a presentation (at 06/06/2006) and a
    fiche in the seed's group each; ``medewerker`` works on every one of them. For the
    tests that pin a project page's query count however many projects there are."""
    from projecten.models import (
        Presentatie,
        Product,
        Programma,
        Project,
        ProjectDeelnemer,
        Projectfiche,
        ProjectOrganisatie,
    )

    programma, _ = Programma.objects.get_or_create(slug="equal", defaults={"naam": "Equal"})
    groep = Werkgroep.objects.get(slug=SEED)
    vergadering = Vergadering.objects.get(kenmerk="2006-06-06")
    for _ in range(aantal):
        n = next(_projectteller)
        project = Project.objects.create(
            naam=f"Project {n}", slug=f"project-{n}", programma=programma
        )
        org = Organisatie.objects.create(naam=f"Promotor {n}")
        ProjectOrganisatie.objects.create(project=project, organisatie=org, rol="promotor")
        product = Product.objects.create(project=project, titel=f"Product {n}", slug=f"product-{n}")
        Presentatie.objects.create(
            vergadering=vergadering, volgorde=100 + n, project=project, product=product
        )
        Projectfiche.objects.create(project=project, werkgroep=groep)
        if medewerker is not None:
            ProjectDeelnemer.objects.create(project=project, deelnemer=medewerker)


# ---- Validation ------------------------------------------------------------------------------


def sessie_van_werkwaardig():
    """The 06/06/2006 validation of Werk.waardig's (unnamed) product, in the seed."""
    from validering.models import Validatiesessie

    return Validatiesessie.objects.get(vergadering__kenmerk="2006-06-06")


def rapporteur(subgroep, account):
    """Make ``account``'s participant the rapporteur of ``subgroep``; the account."""
    subgroep.rapporteur = account.deelnemer
    subgroep.save()
    return account


def score(subgroep, *, criterium=None, score: int = 3, **velden):
    """A score (by default on the first criterion of the session's method version). Scores
    change only through their subgroup's versioned save; this is for the pages that list
    them."""
    from validering.models import Score

    if criterium is None:
        criterium = subgroep.sessie.methodeversie.criteria.first()
    return Score.objects.create(subgroep=subgroep, criterium=criterium, score=score, **velden)


def punt(subgroep, *, soort: str = "knelpunt", tekst: str = "Regie"):
    """A point of attention or bottleneck of ``subgroep``."""
    from validering.models import Punt

    return Punt.objects.create(subgroep=subgroep, soort=soort, tekst=tekst)


def groei_sessies(aantal: int) -> None:
    """Add validation sessions (a new project's product each, at 06/06/2006, under the
    first version), each subgroup scored on every criterion with two points."""
    from projecten.models import Product
    from validering.models import Methodeversie, Punt, Score, Subgroep, Validatiesessie

    groei_projecten(aantal)
    versie = Methodeversie.objects.get(nummer=1)
    vergadering = Vergadering.objects.get(kenmerk="2006-06-06")
    criteria = list(versie.criteria.all())
    producten = Product.objects.filter(validatiesessies__isnull=True, slug__startswith="product-")
    for product in producten.order_by("-pk")[:aantal]:
        sessie = Validatiesessie.objects.create(
            product=product, vergadering=vergadering, methodeversie=versie
        )
        for soort in versie.subgroepsoorten.all():
            subgroep = Subgroep.objects.create(sessie=sessie, soort=soort)
            Score.objects.bulk_create(
                Score(subgroep=subgroep, criterium=c, score=3) for c in criteria
            )
            Punt.objects.bulk_create(
                Punt(subgroep=subgroep, soort=soort_, tekst=f"{soort_.label} van {product}")
                for soort_ in Punt.Soort
            )


# ---- One record of every kind --------------------------------------------------------------


def een_van_elk(werkgroep: Werkgroep, account) -> None:
    """What the seed lacks so that every model registered in the admin has a record: an
    attendance, ``account``'s calendar key, a score and a point (on the first subgroup),
    a budget and a ceiling of ``werkgroep``, an address conflict, an export and a request
    to forget someone, a record of the access log. For the tests that open every admin page."""
    from validering.models import Subgroep
    from werkgroep.models import Kalendersleutel

    aanwezigheid(Vergadering.objects.get(kenmerk="2006-06-06"))
    Kalendersleutel.objects.create(account=account)
    subgroep = Subgroep.objects.first()
    score(subgroep)
    punt(subgroep)
    budget(werkgroep)
    bedragplafond(werkgroep)
    from kern.models import Inzage
    from werkgroep.models import Adresconflict

    Inzage.objects.create(
        account=account, gebruikersnaam=account.username, wat="Deelnemers (XLSX)", bron="test"
    )
    Adresconflict.objects.create(
        deelnemer=maak_deelnemer(),
        account=account,
        soort=Adresconflict.Soort.VERSCHILLEND,
        adres_deelnemer="deelnemer@voorbeeld.be",
        adres_account="account@voorbeeld.be",
    )
    wisverzoek(maak_deelnemer(), account)


def wisverzoek(deelnemer: Deelnemer, door):
    """An export of ``deelnemer``'s data and an open request by ``door`` to forget them, as
    records (the steps themselves: tests/persoonsgegevens/test_wissen.py)."""
    from persoonsgegevens.models import Uitvoer, Wisverzoek

    uitvoer = Uitvoer.objects.create(
        deelnemer=deelnemer, door=door, via=Uitvoer.Via.BEHEER, vingerafdruk="0" * 64
    )
    return Wisverzoek.objects.create(
        deelnemer=deelnemer, uitvoer=uitvoer, aangevraagd_door=door, pseudoniem="Persoon 000000"
    )


# ---- A database 100 times the seed (benchmarks, load test) ------------------------------------


WOORDEN = [
    "de",
    "het",
    "een",
    "werkgroep",
    "project",
    "fiche",
    "vergadering",
    "lokale",
    "besturen",
    "regie",
    "en",
    "van",
]


def lange_tekst(tekens: int, zaad: int = 1, woorden: list[str] = WOORDEN) -> str:
    """Dutch-looking minutes of ``tekens`` characters: sentences, lines, blank lines; the
    same for the same ``zaad``. For the long-text tests and ``make bench``."""
    import random

    kans = random.Random(zaad)
    delen, lengte = [], 0
    while lengte < tekens:
        zin = " ".join(kans.choice(woorden) for _ in range(kans.randint(5, 15))) + ". "
        if kans.random() < 0.3:
            zin += "\n" if kans.random() < 0.7 else "\n\n"
        delen.append(zin)
        lengte += len(zin)
    return "".join(delen)[:tekens]


def antwoordlinks(html: str) -> list[int]:
    """The invitations whose answer page ``html`` links to; a signed link carries its second,
    so tests read the link back instead of comparing it with one made a moment later."""
    import re

    from uitnodigingen import links

    return [links.lezen(t)[0] for t in re.findall(r'href="/uitnodiging/([^/"]+)/"', html)]

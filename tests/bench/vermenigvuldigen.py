"""The seed grown to ``factor`` times its size, in bulk: the database ``make bench``
(``tests/bench/run.py``), the load test (``scripts/belasting``) and the few tests about
size (a 100× report, the charts) measure. Kept apart from ``tests/bouwers.py``: it builds
a bench, not a test's records."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from tests.bouwers import SEED
from werkgroep.models import (
    Aanwezigheid,
    Agendapunt,
    Deelnemer,
    Lidmaatschap,
    Organisatie,
    Vergadering,
    Werkgroep,
)


def vermenigvuldig(factor: int = 100, *, medewerker: Deelnemer | None = None) -> int:
    """Grow the seed's working group to ``factor`` times the seed, in bulk; the rows added.

    Every grown count is (factor - 1) times the seed's; attendance (none in the seed) is
    five participants a meeting; ``medewerker`` (default Johan Dejonckheere) works on every
    tenth new project, so his home page and fiche have more to show. Validation sessions
    are not grown. Used by ``make bench`` and the load test, so both measure the same
    database.
    """
    from django.db import transaction

    from financien.models import Kostencategorie, Kostenpost, Kostenstatus
    from kern.datums import Datumaanduiding
    from projecten.models import (
        Presentatie,
        Product,
        Programma,
        Project,
        ProjectDeelnemer,
        Projectfiche,
        ProjectOrganisatie,
    )

    groep = Werkgroep.objects.get(slug=SEED)
    johan = medewerker or Deelnemer.objects.get_by_natural_key("Johan", "Dejonckheere")
    meer = factor - 1

    def extra(model) -> int:
        return model.objects.count() * meer

    aantallen = {
        m: extra(m)
        for m in [
            Organisatie,
            Deelnemer,
            Vergadering,
            Agendapunt,
            Kostenpost,
            Project,
            ProjectOrganisatie,
            ProjectDeelnemer,
            Product,
        ]
    }
    toegevoegd = 0

    def bulk(model, objecten):
        nonlocal toegevoegd
        toegevoegd += len(objecten)
        return model.objects.bulk_create(objecten, batch_size=500)

    with transaction.atomic():
        # Organisations: half top organisations, half departments inside them.
        helft = aantallen[Organisatie] // 2
        moeders = bulk(
            Organisatie, [Organisatie(naam=f"Bench organisatie {i}") for i in range(helft)]
        )
        diensten = bulk(
            Organisatie,
            [
                Organisatie(naam=f"Dienst {i}", moeder=moeders[i % len(moeders)])
                for i in range(aantallen[Organisatie] - helft)
            ],
        )
        deelnemers = bulk(
            Deelnemer,
            [
                Deelnemer(
                    voornaam=f"Voornaam{i}",
                    achternaam=f"Bench{i}",
                    organisatie=diensten[i % len(diensten)],
                    email=f"deelnemer{i}@example.invalid",
                )
                for i in range(aantallen[Deelnemer])
            ],
        )
        bulk(Lidmaatschap, [Lidmaatschap(werkgroep=groep, deelnemer=d) for d in deelnemers])

        # Meetings: as the seed, three in ten in 2005, the rest in 2006.
        soorten = ["plenair"] * 7 + ["voorbereidend"] * 2 + ["rondetafel"]
        vergaderingen = []
        for i in range(aantallen[Vergadering]):
            jaar = 2005 if i % 10 < 3 else 2006
            dag = dt.date(jaar, 1, 1) + dt.timedelta(days=(i * 7) % 365)
            vergaderingen.append(
                Vergadering(
                    werkgroep=groep,
                    kenmerk=f"bench-{i}",
                    soort=soorten[i % len(soorten)],
                    status="gehouden" if i % 2 else "gepland",
                    precisie="dag",
                    datum_van=dag,
                    datum_tot=dag,
                    oorspronkelijke_datum=str(Datumaanduiding.dag(dag)),
                    plaats=f"Zaal {i % 7}",
                )
            )
        vergaderingen = bulk(Vergadering, vergaderingen)
        bulk(
            Agendapunt,
            [
                Agendapunt(
                    vergadering=vergaderingen[i % len(vergaderingen)],
                    volgorde=1 + i // len(vergaderingen),
                    titel=f"Agendapunt {i}",
                    spreker=deelnemers[i % len(deelnemers)],
                )
                for i in range(aantallen[Agendapunt])
            ],
        )
        statussen = ["aanwezig", "aanwezig", "aanwezig", "verontschuldigd", "afwezig"]
        bulk(
            Aanwezigheid,
            [
                Aanwezigheid(
                    vergadering=v,
                    deelnemer=deelnemers[(i * 5 + j) % len(deelnemers)],
                    status=statussen[j],
                )
                for i, v in enumerate(vergaderingen)
                for j in range(5)
            ],
        )

        # Cost lines: one in eight not linked to a meeting, as in the seed.
        categorieen = list(Kostencategorie.objects.all())
        kostenstatussen = list(Kostenstatus)
        posten = []
        for i in range(aantallen[Kostenpost]):
            vergadering = vergaderingen[i % len(vergaderingen)]
            status = kostenstatussen[i % len(kostenstatussen)]
            posten.append(
                Kostenpost(
                    werkgroep=groep,
                    vergadering_zoals_geschreven=f"{vergadering.datum_van:%d/%m/%y}",
                    jaar=vergadering.datum_van.year,
                    vergadering=None if i % 8 == 7 else vergadering,
                    categorie=categorieen[i % len(categorieen)],
                    omschrijving=f"bench {i}",
                    status=status,
                    bedrag=None
                    if status == Kostenstatus.NOG_TE_BEPALEN
                    else Decimal(f"{i % 997}.{i % 100:02d}"),
                )
            )
        bulk(Kostenpost, posten)

        # Projects, each with an organisation, staff, a product, a presentation, a fiche.
        programmas = list(Programma.objects.all())
        projecten = bulk(
            Project,
            [
                Project(
                    naam=f"Benchproject {i}",
                    slug=f"benchproject-{i}",
                    programma=programmas[i % len(programmas)],
                    omschrijving="Een project om mee te meten.",
                )
                for i in range(aantallen[Project])
            ],
        )

        def per_project(aantal, maak):
            """``aantal`` objects, going round the projects (a second one for some)."""
            return [
                maak(i, projecten[i % len(projecten)], i // len(projecten)) for i in range(aantal)
            ]

        bulk(
            ProjectOrganisatie,
            per_project(
                aantallen[ProjectOrganisatie],
                lambda i, p, ronde: ProjectOrganisatie(
                    project=p,
                    organisatie=(moeders if ronde == 0 else diensten)[i % len(moeders)],
                    rol="promotor" if ronde == 0 else "partner",
                ),
            ),
        )
        bulk(
            ProjectDeelnemer,
            per_project(
                aantallen[ProjectDeelnemer],
                lambda i, p, ronde: ProjectDeelnemer(
                    project=p,
                    deelnemer=johan
                    if ronde == 0 and i % 10 == 0
                    else deelnemers[i % len(deelnemers)],
                    rol="partner",
                ),
            ),
        )
        producten = bulk(
            Product,
            per_project(
                aantallen[Product],
                lambda i, p, ronde: Product(
                    project=p, titel=f"Product {i}", slug=f"product-{i}", soort="instrument"
                ),
            ),
        )
        bulk(
            Presentatie,
            [
                Presentatie(
                    vergadering=vergaderingen[i], volgorde=1, project=p, product=producten[i]
                )
                for i, p in enumerate(projecten)
            ],
        )
        bulk(
            Projectfiche,
            [
                Projectfiche(
                    project=p,
                    werkgroep=groep,
                    status=Projectfiche.Status.INGEDIEND if i % 3 else Projectfiche.Status.CONCEPT,
                    doelstellingen="Meer mensen aan het werk.",
                    doelgroep="Werkzoekenden.",
                )
                for i, p in enumerate(projecten)
            ],
        )
    return toegevoegd

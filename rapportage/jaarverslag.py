"""The yearly activity report as plain data, in the seed's order; the template only lays it out.

Sections: title block, participants (per organisation, with projects and roles),
meeting schedule (preparatory meetings apart), objectives and action points,
the year's actions (the year's text, then per meeting its programme,
presentations and validations), the financial section, findings and
collaborations. A fixed number of queries, whatever the size of the year.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Prefetch
from django.utils.translation import get_language

from financien import selectors as financien_selectors
from financien.grafiek import kosten_svg
from projecten.models import Presentatie, ProjectDeelnemer, Projectrol
from validering.models import Criterium, Score, Subgroep, Validatiesessie
from validering.uitslag import geconsolideerd
from werkgroep.models import Aanwezigheid, Agendapunt, Lidmaatschap, Vergadering, Werkgroep

from .grafieken import aanwezigheid_svg

BRONTAAL = "nl"  # the language the working group writes its texts in


def jaren_met_gegevens(werkgroep: Werkgroep) -> list[int]:
    """Years with meetings, costs or a yearly text."""
    jaren = set(werkgroep.vergaderingen.values_list("datum_van__year", flat=True))
    jaren |= set(financien_selectors.jaren_met_kosten(werkgroep))
    jaren |= set(werkgroep.jaarteksten.values_list("jaar", flat=True))
    return sorted(jaren)


def _deelnemers(werkgroep: Werkgroep) -> list[dict]:
    """Participants grouped by organisation, each with role and projects."""
    lidmaatschappen = (
        Lidmaatschap.objects.filter(werkgroep=werkgroep)
        .select_related("deelnemer__organisatie__moeder__moeder")
        .prefetch_related(
            Prefetch(
                "deelnemer__projectrollen",
                queryset=ProjectDeelnemer.objects.select_related("project__programma"),
            )
        )
    )
    per_organisatie: dict[str, list] = defaultdict(list)
    for lid in lidmaatschappen:
        organisatie = str(lid.deelnemer.organisatie) if lid.deelnemer.organisatie_id else ""
        per_organisatie[organisatie].append(
            {
                "naam": lid.deelnemer.naam,
                # A role only where one was recorded: the report leaves the unknown out.
                "rol": lid.get_rol_display() if lid.rol_bekend else "",
                "projecten": [
                    {
                        "naam": pr.project.naam,
                        "programma": str(pr.project.programma or ""),
                        "rol": pr.get_rol_display() if Projectrol(pr.rol).bekend else "",
                    }
                    for pr in lid.deelnemer.projectrollen.all()
                ],
            }
        )
    return [
        {"organisatie": naam, "deelnemers": sorted(lijst, key=lambda d: d["naam"])}
        for naam, lijst in sorted(per_organisatie.items())
    ]


def _aanwezigheid(vergadering) -> dict[str, int]:
    tellingen = dict.fromkeys(Aanwezigheid.Status.values, 0)
    for aanwezigheid in vergadering.aanwezigheden.all():
        tellingen[aanwezigheid.status] += 1
    return tellingen


def jaarverslag_context(
    werkgroep: Werkgroep, jaar: int, jaar_tot: int | None = None, verslagdatum=None
) -> dict:
    vergaderingen = list(
        werkgroep.vergaderingen.in_jaar(jaar)
        .prefetch_related(
            Prefetch("agendapunten", queryset=Agendapunt.objects.select_related("spreker")),
            Prefetch(
                "presentaties",
                queryset=Presentatie.objects.select_related("project", "product", "organisatie"),
            ),
            Prefetch(
                "validatiesessies",
                queryset=Validatiesessie.objects.select_related(
                    "product__project", "methodeversie__methode"
                ).prefetch_related(
                    Prefetch(
                        "methodeversie__criteria", queryset=Criterium.objects.order_by("volgorde")
                    ),
                    Prefetch(
                        "subgroepen",
                        queryset=Subgroep.objects.select_related(
                            "soort", "rapporteur"
                        ).prefetch_related(
                            Prefetch("scores", queryset=Score.objects.select_related("criterium")),
                            "punten",
                        ),
                    ),
                ),
            ),
            Prefetch("aanwezigheden", queryset=Aanwezigheid.objects.all()),
        )
        .chronologisch()
    )
    plenair = [v for v in vergaderingen if v.soort != Vergadering.Soort.VOORBEREIDEND]
    voorbereidend = [v for v in vergaderingen if v.soort == Vergadering.Soort.VOORBEREIDEND]

    acties = []
    for v in plenair:
        sessies = []
        for sessie in v.validatiesessies.all():
            subgroepen = list(sessie.subgroepen.all())
            sessies.append(
                {
                    "sessie": sessie,
                    "subgroepen": subgroepen,
                    "rijen": geconsolideerd(sessie, subgroepen),
                }
            )
        acties.append(
            {
                "vergadering": v,
                "agendapunten": list(v.agendapunten.all()),
                "presentaties": list(v.presentaties.all()),
                "validaties": sessies,
            }
        )

    kosten = financien_selectors.grootboek(werkgroep, jaar)

    aanwezig = [(str(v.datum), _aanwezigheid(v)) for v in plenair if v.aanwezigheden.all()]

    werkgroep_met_teksten = (
        Werkgroep.objects.select_related("thema")
        .prefetch_related("doelstellingen", "actiepunten")
        .get(pk=werkgroep.pk)
    )
    jaartekst = werkgroep.jaarteksten.filter(jaar=jaar).first()
    return {
        "werkgroep": werkgroep_met_teksten,
        "jaar": jaar,
        # The secretariat's texts are Dutch and stay so: a report in another language says it.
        "teksten_in_brontaal": not get_language().startswith(BRONTAAL),
        "deelnemers": _deelnemers(werkgroep),
        "vergaderingen": plenair,
        "voorbereidende_vergaderingen": voorbereidend,
        "doelstellingen": list(werkgroep_met_teksten.doelstellingen.all()),
        "actiepunten": list(werkgroep_met_teksten.actiepunten.all()),
        "jaartekst": jaartekst.tekst if jaartekst else "",
        "acties": acties,
        "grootboek": kosten,
        "totalen": kosten.totalen,
        "kostengrafiek": kosten_svg(kosten),
        "aanwezigheidsgrafiek": aanwezigheid_svg(aanwezig) if aanwezig else None,
        "bevindingen": list(werkgroep.bevindingen.filter(jaar=jaar)),
        "samenwerkingen": list(
            werkgroep.samenwerkingen.filter(jaar=jaar).prefetch_related("organisaties__moeder")
        ),
    }

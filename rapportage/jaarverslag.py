"""The yearly activity report as plain data, in the source's order; the template only lays it out.

A working group's report covers one year or a range ("2005-2006") and mirrors the
source document: cover, participants, meeting schedule, objectives and action points,
per year its description (the year's text as written, then one compact programme per
meeting), per year the financial section, findings, and the annexes: only the files the
secretariat attached to the period's meetings as annexes (the fiche, the method version
the group holds), never the software's own fiche form or drafted criteria; without any,
no annex section, and the texts' "(zie bijlage)" stand as written.
A strand's report is a chapter of the same per working group.

Only recorded facts, each as of when it was recorded: an unknown role or kind, a product
the source does not name, a session without a result are left out rather than described;
a meeting's status is said as it stood on the report date, and only where one was recorded
(``Vergadering.vermelde_status``: the rule); the ledger comes without the secretariat's
checks (``grootboek(…, verslag=True)``). The report date is the day it is made unless the
coordinator chooses another; the cover states it. A fixed number of queries per year,
whatever the data.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Prefetch, Q
from django.utils.translation import get_language

from financien import selectors as financien_selectors
from financien.grafiek import kosten_svg
from kern.pdf import IngeslotenBestand
from projecten.models import Presentatie, ProjectDeelnemer, Projectrol
from validering.models import Criterium, Score, Subgroep, Validatiesessie
from validering.uitslag import geconsolideerd
from vergaderstukken.selectors import (
    besluiten_per_vergadering,
    bijlagen_bij_jaarverslag,
    inhoud_van,
    verslagtekst,
)
from werkgroep.models import (
    Aanwezigheid,
    Agendapunt,
    Lidmaatschap,
    Rol,
    Thema,
    Vergadering,
    Werkgroep,
)

from . import lijsten
from .grafieken import aanwezigheid_svg
from .verslag import periode_van, standaard_verslagdatum

BRONTAAL = "nl"  # the language the working group writes its texts in


def jaren_met_gegevens(werkgroep: Werkgroep) -> list[int]:
    """Years with meetings, costs or a yearly text."""
    jaren = set(werkgroep.vergaderingen.values_list("datum_van__year", flat=True))
    jaren |= set(financien_selectors.jaren_met_kosten(werkgroep))
    jaren |= set(werkgroep.jaarteksten.values_list("jaar", flat=True))
    return sorted(jaren)


def organisatie_zoals_geschreven(lid: Lidmaatschap) -> str:
    """The organisation as the secretariat wrote it on the participant's line, or its
    name with its parents before it ("KULeuven, HIVA"), as a list of participants writes it."""
    if lid.organisatie_zoals_geschreven:
        return lid.organisatie_zoals_geschreven
    organisatie = lid.deelnemer.organisatie
    return ", ".join(organisatie.namen) if organisatie else ""


def _deelnemers(werkgroep: Werkgroep) -> list[dict]:
    """Participants in the order the secretariat keeps, each with organisation as written,
    projects, and a role only where one was recorded."""
    lidmaatschappen = (
        Lidmaatschap.objects.filter(werkgroep=werkgroep)
        .select_related("deelnemer__organisatie")
        .prefetch_related(
            Prefetch(
                "deelnemer__projectrollen",
                queryset=ProjectDeelnemer.objects.select_related("project__programma"),
                to_attr="projectrollen_lijst",
            )
        )
        .order_by("volgorde", "deelnemer__achternaam", "deelnemer__voornaam", "pk")
    )
    # Each role's name once, not per row: a large group has a thousand rows.
    rolnamen = {rol.value: str(rol.label) if rol.bekend else "" for rol in Rol}
    projectrolnamen = {rol.value: str(rol.label) if rol.bekend else "" for rol in Projectrol}
    rijen = []
    for lid in lidmaatschappen:
        projecten = [
            {
                "naam": pr.project.naam,
                "programma": (
                    pr.project.programma.project_als_geschreven if pr.project.programma else ""
                ),
                "rol": projectrolnamen[pr.rol],
            }
            for pr in lid.deelnemer.projectrollen_lijst
        ]
        # A role the project line states says more than the same role in the group.
        rollen_in_projecten = {p["rol"] for p in projecten}
        rol = rolnamen[lid.rol]
        rijen.append(
            {
                "naam": lid.deelnemer.naam,
                "organisatie": organisatie_zoals_geschreven(lid),
                "rol": "" if rol in rollen_in_projecten else rol,
                "projecten": projecten,
            }
        )
    return rijen


def _aanwezigheden(vergaderingen: list[Vergadering]) -> None:
    """Each meeting's ``aanwezigheden_telling``: how many were recorded with each status
    (every status, zero where none), or ``None`` with no attendance recorded. Counted by
    the database in one query: a large year has thousands of rows to count."""
    tellingen: dict[int, dict[str, int]] = {}
    for rij in (
        Aanwezigheid.objects.filter(vergadering__in=vergaderingen)
        .values("vergadering", "status")
        .annotate(aantal=Count("pk"))
        .order_by()
    ):
        telling = tellingen.setdefault(
            rij["vergadering"], dict.fromkeys(Aanwezigheid.Status.values, 0)
        )
        telling[rij["status"]] = rij["aantal"]
    for vergadering in vergaderingen:
        vergadering.aanwezigheden_telling = tellingen.get(vergadering.pk)


def _vergaderingen(
    werkgroep: Werkgroep, jaar_van: int, jaar_tot: int, verslagdatum: dt.date
) -> list[Vergadering]:
    """The period's meetings with all the report shows of them, each with ``verslagstatus``:
    its status as the report dated ``verslagdatum`` states it (often nothing)."""
    vergaderingen = list(
        werkgroep.vergaderingen.filter(datum_van__year__gte=jaar_van, datum_van__year__lte=jaar_tot)
        .met_status_op(verslagdatum)
        .select_related("notulen")  # the text of final minutes (verslagtekst), in the same query
        .prefetch_related(
            # As lists (to_attr): no queryset made per meeting, which at hundreds of
            # meetings cost more than the reads themselves.
            Prefetch(
                "agendapunten",
                queryset=Agendapunt.objects.select_related("spreker"),
                to_attr="agendapunten_lijst",
            ),
            Prefetch(
                "presentaties",
                queryset=Presentatie.objects.select_related("project", "product", "organisatie"),
                to_attr="presentaties_lijst",
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
                to_attr="validatiesessies_lijst",
            ),
        )
        .chronologisch()
    )
    for vergadering in vergaderingen:
        vergadering.verslagstatus = vergadering.vermelde_status(verslagdatum)
    _aanwezigheden(vergaderingen)
    return vergaderingen


def _validatie(sessie) -> dict | None:
    """What the report says of a session: its verdict, its scores once closed, and the
    subgroups' points; ``None`` when none of those was recorded (the agenda already says
    a product was validated)."""
    subgroepen = list(sessie.subgroepen.all())
    punten = [(sg, p) for sg in subgroepen for p in sg.punten.all()]
    if not (sessie.oordeel or sessie.gesloten or punten):
        return None
    return {
        "sessie": sessie,
        "product": "" if sessie.product.niet_genoemd_in_bron else sessie.product.titel,
        "project": sessie.product.project,
        "subgroepen": subgroepen,
        "rijen": geconsolideerd(sessie, subgroepen) if sessie.gesloten else [],
        "punten": punten,
    }


def _programma(vergadering: Vergadering, besluiten=()) -> dict | None:
    """One meeting once: its agenda (with speakers), the products presented that the agenda
    does not name, the validation results, and the text and decisions of its final minutes
    (approved, or recorded as the meeting's report);
    ``None`` for a meeting with nothing recorded."""
    agenda = vergadering.agendapunten_lijst
    presentaties = vergadering.presentaties_lijst
    if agenda:
        # The agenda names the presentations; only a product it cannot name is added.
        presentaties = [
            p for p in presentaties if p.product_id and not p.product.niet_genoemd_in_bron
        ]
    validaties = [v for v in map(_validatie, vergadering.validatiesessies_lijst) if v]
    tekst = verslagtekst(vergadering)
    if not (agenda or presentaties or validaties or besluiten or tekst):
        return None
    return {
        "vergadering": vergadering,
        "tekst": tekst,
        "agenda": agenda,
        "presentaties": presentaties,
        "validaties": validaties,
        "besluiten": list(besluiten),
    }


def bijlagen_in(context: dict) -> list:
    """The annexes of a report's context (a group's report or every chapter of a strand's),
    each once: what the PDF embeds and the page links to."""
    hoofdstukken = context["hoofdstukken"] if "hoofdstukken" in context else [context["verslag"]]
    return list({stuk.pk: stuk for h in hoofdstukken for stuk in h["bijlagen"]}.values())


def pdf_bijlagen(context: dict) -> list[IngeslotenBestand]:
    """The annexes' files, read from the storage, to embed in the report's PDF."""
    return [
        IngeslotenBestand.van(
            naam=stuk.bestandsnaam,
            inhoud=inhoud_van(stuk),
            mimetype=stuk.inhoudstype,
            beschrijving=stuk.titel,
            gemaakt=stuk.geupload_op,
        )
        for stuk in bijlagen_in(context)
    ]


def ingesloten_bestanden(context: dict) -> list[IngeslotenBestand]:
    """Every file the report's PDF embeds: its full lists (a large report), then its annexes."""
    return [*context["ingesloten"], *pdf_bijlagen(context)]


def _samenwerkingen(werkgroep, jaren: range, bevindingen) -> list:
    """The collaborations a finding does not already tell in its own words."""
    teksten = " ".join(" ".join(b.tekst.split()) for b in bevindingen)
    return [
        s
        for s in werkgroep.samenwerkingen.filter(jaar__in=jaren).prefetch_related("organisaties")
        if " ".join(s.omschrijving.split()) not in teksten
    ]


def werkgroep_hoofdstuk(
    werkgroep: Werkgroep, jaar_van: int, jaar_tot: int, verslagdatum: dt.date
) -> dict:
    """Everything one working group's report says over these years, as of ``verslagdatum``:
    a group's report holds one, a strand's report one per group."""
    jaren = range(jaar_van, jaar_tot + 1)
    werkgroep = (
        Werkgroep.objects.select_related("thema")
        .prefetch_related("doelstellingen", "actiepunten")
        .get(pk=werkgroep.pk)
    )
    vergaderingen = _vergaderingen(werkgroep, jaar_van, jaar_tot, verslagdatum)
    # Only final minutes (approved or recorded) speak in the report; one query for the period.
    besluiten = besluiten_per_vergadering(vergaderingen) if vergaderingen else {}
    plenair = [v for v in vergaderingen if v.soort != Vergadering.Soort.VOORBEREIDEND]
    jaarteksten = {t.jaar: t.tekst for t in werkgroep.jaarteksten.filter(jaar__in=jaren)}

    per_jaar = []
    for jaar in jaren:
        kosten = financien_selectors.grootboek(werkgroep, jaar, verslag=True)
        per_jaar.append(
            {
                "jaar": jaar,
                "tekst": jaarteksten.get(jaar, ""),
                "programma": [
                    p
                    for p in (
                        _programma(v, besluiten.get(v.pk, ()))
                        for v in vergaderingen
                        if v.datum_van.year == jaar
                    )
                    if p
                ],
                "grootboek": kosten,
                "kosten_samengevat": lijsten.kosten_samenvatten(kosten),
                "totalen": kosten.totalen,
                "kostengrafiek": kosten_svg(kosten),
            }
        )

    aanwezig = [(v.datum, v.aanwezigheden_telling) for v in plenair if v.aanwezigheden_telling]
    bevindingen = list(werkgroep.bevindingen.filter(jaar__in=jaren))
    deelnemers = _deelnemers(werkgroep)
    vergaderingen_samengevat = lijsten.vergaderingen_samenvatten(vergaderingen)
    return {
        "werkgroep": werkgroep,
        "meerdere_jaren": jaar_van != jaar_tot,
        "deelnemers": deelnemers,
        "deelnemers_samengevat": lijsten.deelnemers_samenvatten(deelnemers),
        "vergaderingen": plenair,
        # A status column only where the report has a status (or a moved date) to state.
        "statuskolom": any(v.verslagstatus or v.datum_gewijzigd for v in plenair),
        "aantal_vergaderingen": len(vergaderingen),
        "vergaderingen_samengevat": vergaderingen_samengevat,
        "vergaderfrequentie": (
            lijsten.vergaderfrequentie(vergaderingen) if vergaderingen_samengevat else []
        ),
        "voorbereidende_vergaderingen": [
            v for v in vergaderingen if v.soort == Vergadering.Soort.VOORBEREIDEND
        ],
        "doelstellingen": list(werkgroep.doelstellingen.all()),
        "actiepunten": list(werkgroep.actiepunten.all()),
        "per_jaar": per_jaar,
        "aanwezigheidsgrafiek": aanwezigheid_svg(aanwezig) if aanwezig else None,
        "bevindingen": bevindingen,
        "samenwerkingen": _samenwerkingen(werkgroep, jaren, bevindingen),
        # Only files the secretariat attached as annexes; never the software's own forms.
        "bijlagen": bijlagen_bij_jaarverslag(vergaderingen) if vergaderingen else [],
    }


def _algemeen(jaar_van: int, jaar_tot: int, verslagdatum: dt.date | None) -> dict:
    """What every report states once: its years, its date, whether texts stay Dutch."""
    return {
        "jaar": jaar_van,
        "jaar_tot": jaar_tot,
        "periode": periode_van(jaar_van, jaar_tot, "–"),
        "periode_url": periode_van(jaar_van, jaar_tot),
        "verslagdatum": verslagdatum or standaard_verslagdatum(),
        # The secretariat's texts are Dutch and stay so: a report in another language says it.
        "teksten_in_brontaal": not get_language().startswith(BRONTAAL),
    }


def jaarverslag_context(
    werkgroep: Werkgroep,
    jaar: int,
    jaar_tot: int | None = None,
    verslagdatum: dt.date | None = None,
) -> dict:
    """The report of ``werkgroep`` over ``jaar`` (to ``jaar_tot``), as of ``verslagdatum``."""
    algemeen = _algemeen(jaar, jaar_tot or jaar, verslagdatum)
    verslag = werkgroep_hoofdstuk(werkgroep, jaar, algemeen["jaar_tot"], algemeen["verslagdatum"])
    naam = f"kosten-en-deelnemers-{werkgroep.slug}-{algemeen['periode_url']}.xlsx"
    return {
        **algemeen,
        "werkgroep": verslag["werkgroep"],
        "verslag": verslag,
        "kop": 2,
        "ingesloten": lijsten.volledige_lijsten([verslag], naam, algemeen["verslagdatum"]),
    }


def themaverslag_context(thema: Thema, jaar: int, verslagdatum: dt.date | None = None) -> dict:
    """A strand's report of one year: a chapter per working group with data that year."""
    algemeen = _algemeen(jaar, jaar, verslagdatum)
    werkgroepen = (
        thema.werkgroepen.filter(
            Q(vergaderingen__datum_van__year=jaar)
            | Q(jaarteksten__jaar=jaar)
            | Q(kostenposten__jaar=jaar)
        )
        .distinct()
        .order_by("titel")
    )
    hoofdstukken = [
        werkgroep_hoofdstuk(w, jaar, jaar, algemeen["verslagdatum"]) for w in werkgroepen
    ]
    naam = f"kosten-en-deelnemers-themawerking-{thema.slug}-{jaar}.xlsx"
    return {
        **algemeen,
        "thema": thema,
        "hoofdstukken": hoofdstukken,
        "kop": 3,
        "ingesloten": lijsten.volledige_lijsten(hoofdstukken, naam, algemeen["verslagdatum"]),
    }

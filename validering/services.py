"""Writes of the validering app."""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from kern import versies

from .models import Criterium, Methodeversie, Punt, Score, Subgroep
from .selectors import SUBGROEP


def _regels(tekst: str) -> list[str]:
    return [
        r.strip().lstrip("-•").strip() for r in tekst.splitlines() if r.strip().lstrip("-•").strip()
    ]


def _inhoud_schrijven(subgroep: Subgroep, inhoud: Mapping[str, str], overige) -> None:
    """Write the remarks, scores and points in ``inhoud``; the subgroup row last, so the
    history row its save makes holds the scores and points written here."""
    for veld, waarde in (overige or {}).items():
        setattr(subgroep, veld, waarde)
    for veld in SUBGROEP.TEKSTEN:
        if veld in inhoud:
            setattr(subgroep, veld, inhoud[veld])
    subgroep.full_clean()
    for criterium in subgroep.sessie.methodeversie.criteria.all():
        score_veld, commentaar_veld = f"score_{criterium.pk}", f"commentaar_{criterium.pk}"
        if score_veld not in inhoud and commentaar_veld not in inhoud:
            continue
        score, _nieuw = Score.objects.get_or_create(subgroep=subgroep, criterium=criterium)
        if score_veld in inhoud:
            score.score = SUBGROEP.waarde(score_veld, inhoud[score_veld])
        if commentaar_veld in inhoud:
            score.commentaar = inhoud[commentaar_veld]
        score.full_clean()
        score.save()
    for soort, veld in [
        (Punt.Soort.AANDACHTSPUNT, "aandachtspunten"),
        (Punt.Soort.KNELPUNT, "knelpunten"),
    ]:
        if veld not in inhoud:
            continue
        bestaand = {p.tekst: p for p in subgroep.punten.filter(soort=soort)}
        nieuw = _regels(inhoud[veld])
        subgroep.punten.filter(soort=soort).exclude(tekst__in=nieuw).delete()
        for regel in nieuw:
            if regel not in bestaand:
                Punt.objects.create(subgroep=subgroep, soort=soort, tekst=regel)
    subgroep.save()


@transaction.atomic
def subgroep_scoren(
    *,
    subgroep: Subgroep,
    gelezen_versie: int,
    inhoud: Mapping[str, str],
    door,
    overige: Mapping | None = None,
    ook_na_afsluiten: bool = False,
) -> versies.Samenvoeging:
    """Save a subgroup's scores and remarks, merged with what others saved since
    ``gelezen_versie`` (``inhoud`` as ``SUBGROEP`` reads it; fields left out stay as stored).

    Points of attention and bottlenecks come one per line; a line that stays the
    same keeps the marks the secretariat gave it (round table, policy recommendation).
    ``overige`` are other fields of the subgroup, from the admin, taken as sent. Raises
    ``versies.Samenvoegconflict`` (nothing saved) when both sides changed a field.
    """
    huidig = versies.vergrendelen(Subgroep.objects.all(), subgroep.pk)
    if huidig.sessie.gesloten and not ook_na_afsluiten:
        raise ValidationError(_("De sessie is afgesloten; de scores liggen vast."))
    samenvoeging = versies.bewaren(
        SUBGROEP, huidig, gelezen_versie=gelezen_versie, mijn=inhoud, door=door
    )
    _inhoud_schrijven(huidig, samenvoeging.inhoud, overige)
    return samenvoeging


@transaction.atomic
def methodeversie_verfijnen(*, versie: Methodeversie, wijzigingen: str) -> Methodeversie:
    """A refinement is a new version: the same criteria and kinds, to change from there."""
    if not wijzigingen.strip():
        raise ValidationError({"wijzigingen": _("Zeg wat er verandert en waarom.")})
    laatste = versie.methode.versies.order_by("-nummer").first()
    nieuw = Methodeversie(
        methode=versie.methode, nummer=laatste.nummer + 1, wijzigingen=wijzigingen, bron=versie.bron
    )
    nieuw.full_clean()
    nieuw.save()
    nieuw.subgroepsoorten.set(versie.subgroepsoorten.all())
    Criterium.objects.bulk_create(
        Criterium(
            versie=nieuw, volgorde=c.volgorde, naam=c.naam, vraag=c.vraag, verplicht=c.verplicht,
            schaal_min=c.schaal_min, schaal_max=c.schaal_max,
        )
        for c in versie.criteria.all()
    )  # fmt: skip
    return nieuw

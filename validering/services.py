"""Writes of the validering app."""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from kern import versies
from werkgroep.models import Deelnemer

from .models import Criterium, Methodeversie, Punt, Score, Subgroep


def _regels(tekst: str) -> list[str]:
    """One point per line, without bullets; a line given twice is one point, in order."""
    regels = (r.strip().lstrip("-•").strip() for r in tekst.splitlines())
    return list(dict.fromkeys(r for r in regels if r))


class SubgroepVersies(versies.Versiebeheer):
    """A subgroup's content for the merge: remarks, points, and a score and comment per
    criterion (``score_<criterium>``, ``commentaar_<criterium>``)."""

    model = Subgroep
    TEKSTEN = ("sterktes", "aanbevelingen", "externe_leden")
    REGELS = frozenset({"externe_leden", *Punt.Soort.velden()})

    def samenvoegbaar(self, veld: str) -> bool:
        return (
            veld in self.TEKSTEN
            or veld in self.REGELS
            or veld.startswith(("score_", "commentaar_"))
        )

    def soort(self, veld: str) -> versies.Soort:
        if veld.startswith("score_"):
            return versies.Soort.KEUZE
        return versies.Soort.REGELS if veld in self.REGELS else versies.Soort.TEKST

    def inhoud(self, obj) -> dict[str, str]:
        return {**{veld: getattr(obj, veld) for veld in self.TEKSTEN}, **obj.scores_en_punten()}

    def inhoud_van(self, historisch) -> dict[str, str]:
        return {
            **{veld: getattr(historisch, veld) for veld in self.TEKSTEN},
            **(historisch.inhoud or {}),
        }

    def momentopname(self, obj) -> dict:
        return {"inhoud": obj.scores_en_punten()}

    def waarde(self, veld: str, tekst: str):
        if veld.startswith("score_"):
            return int(tekst) if tekst else None
        return tekst

    def schrijven(self, obj, inhoud, overige, door) -> None:
        """The remarks, scores and points in ``inhoud``; the subgroup row last, so the
        history row its save makes holds the scores and points written here.

        A point whose line stays keeps the marks the secretariat gave it (round table,
        policy recommendation); a line given twice is one point.
        """
        for veld, waarde in overige.items():
            setattr(obj, veld, waarde)
        for veld in self.TEKSTEN:
            if veld in inhoud:
                setattr(obj, veld, inhoud[veld])
        obj.full_clean()
        for criterium in obj.sessie.methodeversie.criteria.all():
            score_veld, commentaar_veld = f"score_{criterium.pk}", f"commentaar_{criterium.pk}"
            if score_veld not in inhoud and commentaar_veld not in inhoud:
                continue
            score, _nieuw = Score.objects.get_or_create(subgroep=obj, criterium=criterium)
            if score_veld in inhoud:
                score.score = self.waarde(score_veld, inhoud[score_veld])
            if commentaar_veld in inhoud:
                score.commentaar = inhoud[commentaar_veld]
            score.full_clean()
            score.save()
        for soort in Punt.Soort:
            if soort.veld in inhoud:
                _punten_schrijven(obj, soort, _regels(inhoud[soort.veld]))
        obj.save()


def _punten_schrijven(subgroep: Subgroep, soort: Punt.Soort, regels: list[str]) -> None:
    """One point of ``soort`` per line: a kept line keeps its point (and its marks); a
    point whose line went, and a second point with the same line, are deleted."""
    gehouden: set[str] = set()
    weg = []
    for punt in subgroep.punten.filter(soort=soort):
        if punt.tekst in regels and punt.tekst not in gehouden:
            gehouden.add(punt.tekst)
        else:
            weg.append(punt.pk)
    if weg:
        Punt.objects.filter(pk__in=weg).delete()
    Punt.objects.bulk_create(
        Punt(subgroep=subgroep, soort=soort, tekst=r) for r in regels if r not in gehouden
    )


SUBGROEP = SubgroepVersies()


def _open(subgroep: Subgroep) -> None:
    if subgroep.sessie.gesloten:
        raise ValidationError(_("De sessie is afgesloten; de scores liggen vast."))


def subgroep_scoren(
    *, subgroep: Subgroep, gelezen_versie: int, inhoud: Mapping[str, str], door
) -> tuple[Subgroep, versies.Samenvoeging]:
    """The rapporteur saves a subgroup's scores and remarks while its session is open,
    merged with what others saved since ``gelezen_versie`` (``inhoud`` as ``SUBGROEP``
    reads it; fields left out stay as stored).

    Points of attention and bottlenecks come one per line. Raises
    ``versies.Samenvoegconflict`` (nothing saved) when both sides changed a field. The
    secretariat saves the same content in the admin, also after closing.
    """
    return versies.bewaren(
        SUBGROEP,
        subgroep.pk,
        gelezen_versie=gelezen_versie,
        mijn=inhoud,
        door=door,
        voorwaarde=_open,
    )


def rapporteur_toewijzen(*, subgroep: Subgroep, rapporteur: Deelnemer | None, door) -> Subgroep:
    """The secretariat names who reports for ``subgroep`` (``None``: nobody yet).

    Through the subgroup's one guarded save, so the history says who changed it and a
    rapporteur whose scoring form is open merges with it; scores and points stay as they
    are. Who may report is for the caller to offer (``selectors.rapporteurkandidaten``).
    """
    bewaard, _samenvoeging = versies.bewaren(
        SUBGROEP, subgroep.pk, gelezen_versie=None, door=door, overige={"rapporteur": rapporteur}
    )
    return bewaard


@transaction.atomic
def methodeversie_verfijnen(*, versie: Methodeversie, wijzigingen: str) -> Methodeversie:
    """A refinement is a new version: the same criteria and kinds, to change from there."""
    if not wijzigingen.strip():
        raise ValidationError({"wijzigingen": _("Zeg wat er verandert en waarom.")})
    laatste = versie.methode.versies.order_by("-nummer").first()
    nieuw = Methodeversie(
        methode=versie.methode,
        nummer=laatste.nummer + 1,
        wijzigingen=wijzigingen,
        bron=versie.bron,
        betekenis_laagste=versie.betekenis_laagste,
        betekenis_hoogste=versie.betekenis_hoogste,
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

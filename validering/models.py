"""Product validation: the versioned method, sessions with typed subgroups, and scores.

See ../shared/docs/validation-method.md. A method has versions; a version lists
at most ten criteria and the subgroup kinds it uses. A session validates one
product at one meeting under one version; each subgroup scores every criterion.
The consolidated result is computed (validering.uitslag), never typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Count, Exists, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record

from kern.sleutels import SleutelManager, sleutel
from kern.teksten import VrijeTekst
from projecten.models import Product
from werkgroep.models import Deelnemer, Vergadering

MAX_CRITERIA = 10


class Subgroepsoort(models.Model):
    """A kind of subgroup: peers (projectpromotoren en andere actoren), experts, target group."""

    naam = models.CharField(_("naam"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=1)

    objects = SleutelManager()

    class Meta:
        verbose_name = _("soort subgroep")
        verbose_name_plural = _("soorten subgroepen")
        ordering = ["volgorde", "naam"]
        constraints = [models.UniqueConstraint(fields=["slug"], name="subgroepsoort_unieke_slug")]

    def __str__(self) -> str:
        return self.naam

    natural_key = sleutel("slug")


class Methode(models.Model):
    """A validation method (here: the ESF agency's productvalidering)."""

    naam = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200)
    omschrijving = VrijeTekst(_("omschrijving"), blank=True)

    objects = SleutelManager()

    class Meta:
        verbose_name = _("methode")
        verbose_name_plural = _("methodes")
        ordering = ["naam"]
        constraints = [models.UniqueConstraint(fields=["slug"], name="methode_unieke_slug")]

    def __str__(self) -> str:
        return self.naam

    natural_key = sleutel("slug")


class Methodeversie(models.Model):
    """A version of the method: its criteria and subgroup kinds, and what changed and why.

    Once a session used a version it is frozen: a refinement is a new version.
    """

    methode = models.ForeignKey(
        Methode, on_delete=models.PROTECT, related_name="versies", verbose_name=_("methode")
    )
    nummer = models.PositiveSmallIntegerField(_("versie"))
    subgroepsoorten = models.ManyToManyField(
        Subgroepsoort, related_name="methodeversies", verbose_name=_("soorten subgroepen")
    )
    wijzigingen = VrijeTekst(
        _("wat veranderde en waarom"),
        blank=True,
        help_text=_("Wat verschilt van de vorige versie, en waarom (bv. na welke vergadering)."),
    )
    bron = VrijeTekst(
        _("bron"),
        blank=True,
        help_text=_("Waar deze versie op steunt; zeg het als iets niet uit de bron komt."),
    )
    betekenis_laagste = models.CharField(
        _("betekenis van de laagste score"),
        max_length=100,
        blank=True,
        help_text=_("Wat de laagste score van een criterium betekent, bv. ‘helemaal niet’."),
    )
    betekenis_hoogste = models.CharField(
        _("betekenis van de hoogste score"),
        max_length=100,
        blank=True,
        help_text=_("Wat de hoogste score van een criterium betekent, bv. ‘volledig’."),
    )

    objects = SleutelManager()

    class Meta:
        verbose_name = _("methodeversie")
        verbose_name_plural = _("methodeversies")
        ordering = ["methode", "nummer"]
        constraints = [
            models.UniqueConstraint(
                fields=["methode", "nummer"], name="methodeversie_uniek_nummer"
            ),
            models.CheckConstraint(condition=Q(nummer__gte=1), name="methodeversie_nummer_vanaf_1"),
        ]

    def __str__(self) -> str:
        return _("%(methode)s, versie %(nummer)s") % {
            "methode": self.methode,
            "nummer": self.nummer,
        }

    natural_key = sleutel(
        "methode__slug", "nummer", na=["validering.methode", "validering.subgroepsoort"]
    )

    @staticmethod
    def door_sessie_gebruikt() -> Exists:
        """:attr:`in_gebruik` for a whole list in its one query: ``annotate(gebruikt=…)``."""
        return Exists(Validatiesessie.objects.filter(methodeversie=OuterRef("pk")))

    @property
    def in_gebruik(self) -> bool:
        """A version a session used can no longer change."""
        if self.pk is None:
            return False
        if hasattr(self, "gebruikt"):  # annotated with door_sessie_gebruikt()
            return self.gebruikt
        return self.sessies.exists()


@dataclass(frozen=True)
class Schaal:
    """A criterion's score scale, with what its lowest and highest score mean (as its
    method version says): "1 (helemaal niet) – 5 (volledig)", or "1–5"."""

    laagste: int
    hoogste: int
    betekenis_laagste: str = ""
    betekenis_hoogste: str = ""

    @property
    def helft(self) -> Decimal:
        """Half the scale: subgroups this far apart disagree strongly."""
        return Decimal(self.hoogste - self.laagste) / 2

    def label(self, score: int) -> str:
        """A score as a choice reads: "1 – helemaal niet", "3", "5 – volledig"."""
        betekenis = {self.laagste: self.betekenis_laagste, self.hoogste: self.betekenis_hoogste}
        return f"{score} – {betekenis[score]}" if betekenis.get(score) else str(score)

    @property
    def keuzes(self) -> list[tuple[str, str]]:
        return [(str(i), self.label(i)) for i in range(self.laagste, self.hoogste + 1)]

    def __str__(self) -> str:
        if not (self.betekenis_laagste or self.betekenis_hoogste):
            return f"{self.laagste}–{self.hoogste}"
        return f"{self.label(self.laagste)} … {self.label(self.hoogste)}"


class Criterium(models.Model):
    """A criterion of a method version, with its question and scale.

    Positions run from 1 to ten and are unique per version: at most ten criteria.
    """

    versie = models.ForeignKey(
        Methodeversie, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("versie")
    )
    volgorde = models.PositiveSmallIntegerField(_("volgorde"))
    naam = models.CharField(_("naam"), max_length=100)
    vraag = VrijeTekst(_("vraag"))
    verplicht = models.BooleanField(_("verplicht"), default=True)
    schaal_min = models.PositiveSmallIntegerField(_("laagste score"), default=1)
    schaal_max = models.PositiveSmallIntegerField(_("hoogste score"), default=5)

    objects = SleutelManager()

    class Meta:
        verbose_name = _("criterium")
        verbose_name_plural = _("criteria")
        ordering = ["versie", "volgorde"]
        constraints = [
            models.UniqueConstraint(
                fields=["versie", "volgorde"], name="criterium_unieke_volgorde"
            ),
            models.CheckConstraint(
                condition=Q(volgorde__gte=1) & Q(volgorde__lte=MAX_CRITERIA),
                name="criterium_hoogstens_tien",
                violation_error_message=_("Een methodeversie heeft hoogstens tien criteria."),
            ),
            models.CheckConstraint(
                condition=Q(schaal_max__gt=F("schaal_min")), name="criterium_schaal_oplopend"
            ),
        ]

    def __str__(self) -> str:
        return self.naam

    natural_key = sleutel(
        "versie__methode__slug", "versie__nummer", "volgorde", na=["validering.methodeversie"]
    )

    def clean(self):
        if self.versie_id and self.versie.in_gebruik:
            raise ValidationError(
                _("Deze methodeversie werd al gebruikt; verfijn ze tot een nieuwe versie.")
            )

    @property
    def schaal(self) -> Schaal:
        """The scale, its ends labelled as the method version says."""
        return Schaal(
            self.schaal_min,
            self.schaal_max,
            self.versie.betekenis_laagste,
            self.versie.betekenis_hoogste,
        )


class Sessiestatus(models.TextChoices):
    """Where a session stands: worked out from ``gesloten`` and ``gepubliceerd``."""

    OPEN = "open", _("open: de subgroepen scoren nog")
    AFGESLOTEN = "afgesloten", _("afgesloten")
    GEPUBLICEERD = "gepubliceerd", _("afgesloten, gepubliceerd")

    @property
    def badge(self) -> str:
        """The colour of the status's badge (Bootstrap's ``text-bg-…``)."""
        kleuren = {Sessiestatus.AFGESLOTEN: "secondary", Sessiestatus.GEPUBLICEERD: "success"}
        return kleuren.get(self, "info")


class Oordeel(models.TextChoices):
    NOG_GEEN = "", _("nog geen oordeel")
    GEVALIDEERD = "gevalideerd", _("gevalideerd")
    MET_OPMERKINGEN = "met_opmerkingen", _("gevalideerd met opmerkingen")
    OPNIEUW = "opnieuw", _("herwerken en opnieuw voorleggen")
    NIET = "niet", _("niet gevalideerd")


class Validatiesessie(models.Model):
    """One product validated at one meeting under one version of the method."""

    product = models.ForeignKey(
        Product,
        on_delete=models.PROTECT,
        related_name="validatiesessies",
        verbose_name=_("product"),
    )
    vergadering = models.ForeignKey(
        Vergadering,
        on_delete=models.PROTECT,
        related_name="validatiesessies",
        verbose_name=_("vergadering"),
    )
    methodeversie = models.ForeignKey(
        Methodeversie,
        on_delete=models.PROTECT,
        related_name="sessies",
        verbose_name=_("methodeversie"),
    )
    oordeel = models.CharField(
        _("oordeel"), max_length=20, choices=Oordeel.choices, default=Oordeel.NOG_GEEN, blank=True
    )
    gesloten = models.BooleanField(
        _("afgesloten"),
        default=False,
        help_text=_("Na het afsluiten zien de leden van het project alle scores."),
    )
    gepubliceerd = models.BooleanField(
        _("gepubliceerd"),
        default=False,
        help_text=_(
            "Aan: ook leden van andere projecten zien de scores van deze afgesloten sessie."
        ),
    )
    opmerkingen = VrijeTekst(_("opmerkingen bij het oordeel"), blank=True)

    objects = SleutelManager()

    class Meta:
        verbose_name = _("validatiesessie")
        verbose_name_plural = _("validatiesessies")
        ordering = ["vergadering__datum_van", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["product", "vergadering"],
                name="validatiesessie_een_per_product_en_vergadering",
            ),
            models.CheckConstraint(
                condition=Q(gepubliceerd=False) | Q(gesloten=True),
                name="validatiesessie_alleen_afgesloten_publiceren",
                violation_error_message=_("Alleen een afgesloten sessie kan gepubliceerd worden."),
            ),
        ]
        permissions = [("export_validatiesessie", _("Kan scores en opmerkingen exporteren"))]

    def __str__(self) -> str:
        return _("Validering van %(product)s op %(datum)s") % {
            "product": self.product,
            "datum": self.vergadering.datum,
        }

    @property
    def volledige_subgroepen(self) -> int:
        """How many subgroups scored every mandatory criterion; needs the subgroups
        prefetched with ``Subgroep.objects.met_scorestand()``."""
        return sum(sg.scorestand is Scorestand.VOLLEDIG for sg in self.subgroepen.all())

    @property
    def status(self) -> Sessiestatus:
        if not self.gesloten:
            return Sessiestatus.OPEN
        return Sessiestatus.GEPUBLICEERD if self.gepubliceerd else Sessiestatus.AFGESLOTEN

    def clean(self):
        if self.gesloten and self.pk:
            verplicht = list(self.methodeversie.criteria.filter(verplicht=True))
            for subgroep in self.subgroepen.select_related("soort").prefetch_related("scores"):
                gegeven = {s.criterium_id for s in subgroep.scores.all() if s.score is not None}
                ontbreekt = [c.naam for c in verplicht if c.pk not in gegeven]
                if ontbreekt:
                    raise ValidationError(
                        {
                            "gesloten": _(
                                "Subgroep %(subgroep)s scoorde nog niet op: %(criteria)s."
                            )
                            % {"subgroep": subgroep.soort, "criteria": ", ".join(ontbreekt)}
                        }
                    )

    natural_key = sleutel(
        "vergadering__werkgroep__slug",
        "vergadering__kenmerk",
        "product__project__slug",
        "product__slug",
        na=["werkgroep.vergadering", "projecten.product", "validering.methodeversie"],
    )


class Scorestand(models.TextChoices):
    """How far a subgroup's scores are: none yet, a draft, or complete.

    Complete means every mandatory criterion of the version has a score (what closing a
    session asks, too); until then the scores are a draft, kept but not counted in the
    consolidated result. Worked out in the database by ``SubgroepQuerySet.met_scorestand``.
    """

    GEEN = "geen", _("nog geen scores")
    CONCEPT = "concept", _("concept")
    VOLLEDIG = "volledig", _("volledig")

    @property
    def badge(self) -> str:
        """The colour of the status's badge (Bootstrap's ``text-bg-…``)."""
        kleuren = {Scorestand.CONCEPT: "warning", Scorestand.VOLLEDIG: "success"}
        return kleuren.get(self, "secondary")


def _aantal(queryset: models.QuerySet) -> Coalesce:
    """How many rows ``queryset`` (filtered on an ``OuterRef``) has, as a subquery."""
    return Coalesce(
        Subquery(
            queryset.order_by().annotate(groep=Value(1)).values("groep")
            .annotate(n=Count("pk")).values("n")[:1]
        ),
        0,
    )  # fmt: skip


class SubgroepQuerySet(models.QuerySet):
    def met_scorestand(self) -> SubgroepQuerySet:
        """Each subgroup with ``aantal_criteria`` (of its version), ``aantal_gescoord``
        (criteria with a score), ``verplicht_open`` (mandatory criteria without one) and
        ``stand`` (a :class:`Scorestand`): in the same query, so a list stays one query."""
        criteria = Criterium.objects.filter(versie=OuterRef("sessie__methodeversie"))
        gescoord = Score.objects.filter(
            subgroep=OuterRef(OuterRef("pk")), criterium=OuterRef("pk"), score__isnull=False
        )
        return self.annotate(
            aantal_criteria=_aantal(criteria),
            aantal_gescoord=_aantal(
                Score.objects.filter(subgroep=OuterRef("pk"), score__isnull=False)
            ),
            verplicht_open=_aantal(criteria.filter(~Exists(gescoord), verplicht=True)),
        ).annotate(
            stand=Case(
                When(
                    Q(verplicht_open=0) & (Q(aantal_gescoord__gt=0) | Q(aantal_criteria=0)),
                    then=Value(Scorestand.VOLLEDIG.value),
                ),
                When(aantal_gescoord=0, then=Value(Scorestand.GEEN.value)),
                default=Value(Scorestand.CONCEPT.value),
                output_field=models.CharField(),
            )
        )

    def onvolledig(self) -> SubgroepQuerySet:
        """Subgroups whose mandatory scores are not all in (drafts and none yet)."""
        return self.met_scorestand().exclude(stand=Scorestand.VOLLEDIG)


class SubgroepHistoriek(models.Model):
    """What a history row of a subgroup keeps beyond its own fields: its scores and points."""

    inhoud = models.JSONField(_("scores en punten"), default=dict, blank=True)

    class Meta:
        abstract = True


class Subgroep(models.Model):
    """A subgroup of a session, of one of its version's kinds, with members and a rapporteur.

    ``versie`` goes up with every save of its scores and remarks (``kern.versies``);
    each version is kept in the history with the scores and points it had, so a save
    made from an older version merges with what was saved since.
    """

    sessie = models.ForeignKey(
        Validatiesessie,
        on_delete=models.CASCADE,
        related_name="subgroepen",
        verbose_name=_("sessie"),
    )
    soort = models.ForeignKey(
        Subgroepsoort, on_delete=models.PROTECT, related_name="subgroepen", verbose_name=_("soort")
    )
    rapporteur = models.ForeignKey(
        Deelnemer,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gerapporteerde_subgroepen",
        verbose_name=_("rapporteur"),
    )
    leden = models.ManyToManyField(
        Deelnemer, blank=True, related_name="subgroepen", verbose_name=_("leden (deelnemers)")
    )
    externe_leden = VrijeTekst(
        _("leden van buiten de werkgroep"),
        blank=True,
        help_text=_("Eén naam per regel, bv. mensen uit de doelgroep."),
    )
    sterktes = VrijeTekst(_("sterktes"), blank=True)
    aanbevelingen = VrijeTekst(_("aanbevelingen"), blank=True)
    versie = models.PositiveIntegerField(_("versie"), default=0, editable=False)

    objects = SleutelManager.from_queryset(SubgroepQuerySet)()
    history = HistoricalRecords(
        bases=[SubgroepHistoriek], verbose_name=_("historiek van de subgroep")
    )

    class Meta:
        verbose_name = _("subgroep")
        verbose_name_plural = _("subgroepen")
        ordering = ["sessie", "soort__volgorde"]
        constraints = [
            models.UniqueConstraint(fields=["sessie", "soort"], name="subgroep_een_per_soort")
        ]

    def __str__(self) -> str:
        return f"{self.soort} – {self.sessie}"

    natural_key = sleutel(
        "sessie__vergadering__werkgroep__slug",
        "sessie__vergadering__kenmerk",
        "sessie__product__project__slug",
        "sessie__product__slug",
        "soort__slug",
        na=["validering.validatiesessie", "validering.subgroepsoort"],
    )

    @property
    def scorestand(self) -> Scorestand:
        """Needs ``Subgroep.objects.met_scorestand()``, which works it out in the query."""
        return Scorestand(self.stand)

    def scores_en_punten(self) -> dict[str, str]:
        """Scores, comments and points as the scoring form holds them: ``score_<criterium>``
        (``"3"`` or ``""``), ``commentaar_<criterium>``, and the points one per line."""
        inhoud = {}
        for score in self.scores.all():
            inhoud[f"score_{score.criterium_id}"] = "" if score.score is None else str(score.score)
            inhoud[f"commentaar_{score.criterium_id}"] = score.commentaar
        return {**inhoud, **self.punten_als_tekst()}

    def punten_als_tekst(self) -> dict[str, str]:
        """Per kind of point, its field (``aandachtspunten``, ``knelpunten``): one per line."""
        punten = list(self.punten.all())
        return {
            soort.veld: "\n".join(p.tekst for p in punten if p.soort == soort)
            for soort in Punt.Soort
        }

    def clean(self):
        if (
            self.sessie_id
            and self.soort_id
            and not self.sessie.methodeversie.subgroepsoorten.filter(pk=self.soort_id).exists()
        ):
            raise ValidationError({"soort": _("Deze methodeversie kent dit soort subgroep niet.")})


class Score(models.Model):
    """A subgroup's score on one criterion, with a comment."""

    subgroep = models.ForeignKey(
        Subgroep, on_delete=models.CASCADE, related_name="scores", verbose_name=_("subgroep")
    )
    criterium = models.ForeignKey(
        Criterium, on_delete=models.PROTECT, related_name="scores", verbose_name=_("criterium")
    )
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    commentaar = VrijeTekst(_("commentaar"), blank=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["subgroep", "criterium__volgorde"]
        constraints = [
            models.UniqueConstraint(
                fields=["subgroep", "criterium"], name="score_een_per_criterium"
            )
        ]

    def __str__(self) -> str:
        return f"{self.criterium}: {self.score if self.score is not None else '–'}"

    def clean(self):
        if self.score is not None and self.criterium_id:
            c = self.criterium
            if not c.schaal_min <= self.score <= c.schaal_max:
                raise ValidationError(
                    {
                        "score": _("Kies een score van %(min)s tot %(max)s.")
                        % {"min": c.schaal_min, "max": c.schaal_max}
                    }
                )
        if (
            self.subgroep_id
            and self.criterium_id
            and self.criterium.versie_id != self.subgroep.sessie.methodeversie_id
        ):
            raise ValidationError(
                {"criterium": _("Dit criterium hoort niet bij de methodeversie van de sessie.")}
            )


class Punt(models.Model):
    """A point of attention or a bottleneck of a subgroup, which may feed the round table."""

    class Soort(models.TextChoices):
        AANDACHTSPUNT = "aandachtspunt", _("aandachtspunt")
        KNELPUNT = "knelpunt", _("knelpunt")

        @property
        def veld(self) -> str:
            """The field of the scoring form that holds this kind's points, one per line."""
            soort = type(self)
            return {soort.AANDACHTSPUNT: "aandachtspunten", soort.KNELPUNT: "knelpunten"}[self]

        @classmethod
        def velden(cls) -> tuple[str, ...]:
            return tuple(soort.veld for soort in cls)

    subgroep = models.ForeignKey(
        Subgroep, on_delete=models.CASCADE, related_name="punten", verbose_name=_("subgroep")
    )
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices)
    tekst = VrijeTekst(_("tekst"))
    input_rondetafel = models.BooleanField(_("input voor het rondetafelgesprek"), default=False)
    kandidaat_beleidsaanbeveling = models.BooleanField(
        _("kandidaat-beleidsaanbeveling"), default=False
    )

    class Meta:
        verbose_name = _("aandachts- of knelpunt")
        verbose_name_plural = _("aandachts- en knelpunten")
        ordering = ["subgroep", "soort", "pk"]

    def __str__(self) -> str:
        return f"{self.get_soort_display()}: {self.tekst[:80]}"


@receiver(pre_create_historical_record, sender=Subgroep.history.model)
def _scores_en_punten_bewaren(sender, instance, history_instance, **kwargs):
    """Each history row of a subgroup keeps the scores and points it had then."""
    history_instance.inhoud = instance.scores_en_punten()

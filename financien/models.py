"""The cost ledger: what each meeting costs, per category and status, and the yearly budget.

Amounts are ``Decimal`` with two places; an amount is empty exactly when it is
still to be determined. A line keeps the meeting date as the source wrote it;
until it is linked to a meeting it shows on the secretariat's check page.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kern.datums import Datumaanduiding, OngeldigeDatum, sleutelwaarde
from kern.sleutels import SleutelManager, sleutel
from werkgroep.models import Vergadering, Werkgroep

from .bedragen import euro

#: The largest amount of one line unless the secretariat sets another for the group.
STANDAARD_PLAFOND = Decimal("100000.00")


class Kostencategorie(models.Model):
    """Catering, speaker/experts, room, travel, material, other; the secretariat adds more."""

    naam = models.CharField(_("naam"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100)
    vraagt_spreker = models.BooleanField(
        _("vraagt een spreker op de agenda"),
        default=False,
        help_text=_(
            "Een kost van deze categorie is een los eindje zolang de agenda van de "
            "vergadering geen spreker noemt (zoals spreker/experten)."
        ),
    )

    objects = SleutelManager()

    class Meta:
        verbose_name = _("kostencategorie")
        verbose_name_plural = _("kostencategorieën")
        ordering = ["naam"]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="kostencategorie_unieke_slug"),
            models.UniqueConstraint(fields=["naam"], name="kostencategorie_unieke_naam"),
        ]

    def __str__(self) -> str:
        return self.naam

    natural_key = sleutel("slug")


class Kostenstatus(models.TextChoices):
    VOORZIEN = "voorzien", _("voorzien")
    GEFACTUREERD = "gefactureerd", _("gefactureerd")
    INTERN_GEFACTUREERD = "intern_gefactureerd", _("intern gefactureerd")
    NOG_TE_BEPALEN = "nog_te_bepalen", _("nog te bepalen")

    @property
    def zonder_bedrag(self) -> bool:
        """A line of this status has no amount yet (the totals count it instead)."""
        return self == Kostenstatus.NOG_TE_BEPALEN


class KostenpostManager(SleutelManager):
    """Bulk writes (an import, simple-history's ``bulk_*_with_history``) keep each line's
    stored key too, as ``save()`` does."""

    _TEKSTEN = frozenset({"vergadering_zoals_geschreven", "vergadering", "omschrijving"})

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for obj in objs:
            obj._sleutel_afleiden()
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):
        objs = list(objs)
        if self._TEKSTEN & set(fields):
            for obj in objs:
                obj._sleutel_afleiden()
            fields = [*fields, "dubbelsleutel"]
        return super().bulk_update(objs, fields, *args, **kwargs)


class Kostenpost(models.Model):
    """One line of the ledger: a cost of a meeting, planned, invoiced or still to be determined."""

    werkgroep = models.ForeignKey(
        Werkgroep,
        on_delete=models.PROTECT,
        related_name="kostenposten",
        verbose_name=_("werkgroep"),
    )
    vergadering_zoals_geschreven = models.CharField(
        _("vergadering (zoals geschreven)"),
        max_length=60,
        help_text=_(
            "De datum van de vergadering zoals de bron of het bestand hem schreef, bv. 27/01/06."
        ),
    )
    jaar = models.PositiveSmallIntegerField(_("jaar"), editable=False)
    vergadering = models.ForeignKey(
        Vergadering,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="kostenposten",
        verbose_name=_("gekoppelde vergadering"),
        help_text=_("Leeg zolang de geschreven datum met geen enkele vergadering overeenkomt."),
    )
    categorie = models.ForeignKey(
        Kostencategorie,
        on_delete=models.PROTECT,
        related_name="kostenposten",
        verbose_name=_("categorie"),
    )
    omschrijving = models.CharField(_("omschrijving"), max_length=200)
    status = models.CharField(_("status"), max_length=30, choices=Kostenstatus.choices)
    bedrag = models.DecimalField(
        _("bedrag (EUR)"), max_digits=13, decimal_places=2, null=True, blank=True
    )

    dubbelsleutel = models.CharField(
        _("sleutel als waarde"),
        max_length=600,
        editable=False,
        db_index=True,
        help_text=_(
            "De gekoppelde vergadering, de geschreven datum en de omschrijving als waarden "
            "(14/04/06 is 14/04/2006, hoofdletters en spaties terzijde): vindt een regel die "
            "twee keer geschreven is."
        ),
    )

    objects = KostenpostManager()
    history = HistoricalRecords(verbose_name=_("historiek van de kostenpost"))

    class Meta:
        verbose_name = _("kostenpost")
        verbose_name_plural = _("kostenposten")
        ordering = ["werkgroep", "jaar", "vergadering__datum_van", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(status=Kostenstatus.NOG_TE_BEPALEN) & Q(bedrag__isnull=True))
                | (~Q(status=Kostenstatus.NOG_TE_BEPALEN) & Q(bedrag__isnull=False)),
                name="kostenpost_bedrag_leeg_als_nog_te_bepalen",
                violation_error_message=_(
                    "Een bedrag is leeg precies wanneer de status ‘nog te bepalen’ is."
                ),
            ),
            models.CheckConstraint(
                condition=Q(bedrag__gte=0),
                name="kostenpost_bedrag_niet_negatief",
                violation_error_message=_("Een bedrag is nooit negatief."),
            ),
            # A linked line is one of its meeting (two meetings on one day each have their
            # own lines); a line not linked yet is known by its written date.
            models.UniqueConstraint(
                fields=["vergadering", "vergadering_zoals_geschreven", "categorie", "omschrijving"],
                condition=Q(vergadering__isnull=False),
                name="kostenpost_uniek_per_vergadering_categorie_omschrijving",
                violation_error_message=_(
                    "Deze vergadering heeft al een kostenpost met die categorie en omschrijving."
                ),
            ),
            models.UniqueConstraint(
                fields=["werkgroep", "vergadering_zoals_geschreven", "categorie", "omschrijving"],
                condition=Q(vergadering__isnull=True),
                name="kostenpost_ongekoppeld_uniek_per_datum_categorie_omschrijving",
                violation_error_message=_(
                    "Deze vergadering heeft al een kostenpost met die categorie en omschrijving."
                ),
            ),
        ]
        indexes = [models.Index(fields=["werkgroep", "jaar"])]
        permissions = [
            ("import_kostenpost", _("Kan kostenposten importeren")),
            ("export_kostenpost", _("Kan kostenposten exporteren")),
        ]

    def __str__(self) -> str:
        return f"{self.vergadering_zoals_geschreven}: {self.omschrijving}"

    def save(self, *args, **kwargs):
        # Here, in clean() and in the manager's bulk writes: a line never lacks its key.
        self._sleutel_afleiden()
        velden = kwargs.get("update_fields")
        if velden is not None and KostenpostManager._TEKSTEN & set(velden):
            kwargs["update_fields"] = {*velden, "dubbelsleutel"}
        super().save(*args, **kwargs)

    natural_key = sleutel(
        "werkgroep__slug",
        "vergadering_zoals_geschreven",
        "categorie__slug",
        "omschrijving",
        na=["werkgroep.werkgroep", "financien.kostencategorie"],
    )

    @property
    def geschreven_datum(self) -> Datumaanduiding:
        return Datumaanduiding.parse(self.vergadering_zoals_geschreven)

    @property
    def ongekoppeld(self) -> bool:
        return self.vergadering_id is None

    @property
    def waardesleutel(self) -> tuple:
        """Which line this is, compared as values: "14/04/06" is "14/04/2006", case aside."""
        return self.sleutel(
            self.werkgroep_id,
            self.vergadering_zoals_geschreven,
            self.categorie_id,
            self.omschrijving,
        )

    @staticmethod
    def sleutel_als_tekst(zoals_geschreven: str, omschrijving: str, vergadering=None) -> str:
        """The stored :attr:`dubbelsleutel`: so the database counts lines written twice
        (the secretariat's home) without reading the ledger. It names the meeting a line is
        linked to by its kenmerk (stable in files, unique in its group): the lines of two
        meetings on one day are not one line written twice."""
        naam = (vergadering.kenmerk or str(vergadering.pk)) if vergadering is not None else ""
        return f"{naam}\x1f{sleutelwaarde(zoals_geschreven)}\x1f{sleutelwaarde(omschrijving)}"

    @staticmethod
    def sleutel(werkgroep_id, zoals_geschreven: str, categorie_id, omschrijving: str) -> tuple:
        """:attr:`waardesleutel` of a line not made yet (an import's row, thousands of them)."""
        return (
            werkgroep_id,
            sleutelwaarde(zoals_geschreven),
            categorie_id,
            sleutelwaarde(omschrijving),
        )

    def bedragfout(self, plafond: Decimal | None = None) -> str | None:
        """Why the amount cannot be right, or ``None``; ``plafond`` saves a query per line."""
        if self.bedrag is None:
            return None
        if self.bedrag < 0:
            return _(
                "Een bedrag is nooit negatief. Een terugbetaling of creditnota verlaagt het "
                "bedrag van de regel zelf (de historiek bewaart het oude)."
            )
        if plafond is None:
            plafond = Bedragplafond.voor(self.werkgroep_id)
        if self.bedrag > plafond:
            return _(
                "%(bedrag)s is meer dan het plafond van %(plafond)s per kostenpost van deze "
                "werkgroep. Is het een tikfout? Het secretariaat kan het plafond aanpassen."
            ) % {"bedrag": euro(self.bedrag), "plafond": euro(plafond)}
        return None

    def _sleutel_afleiden(self) -> None:
        self.dubbelsleutel = self.sleutel_als_tekst(
            self.vergadering_zoals_geschreven,
            self.omschrijving,
            self.vergadering if self.vergadering_id else None,
        )

    def clean(self):
        if not self.vergadering_zoals_geschreven and self.vergadering_id:
            self.vergadering_zoals_geschreven = str(self.vergadering.datum)
        try:
            self.jaar = self.geschreven_datum.van.year
        except OngeldigeDatum as fout:
            raise ValidationError({"vergadering_zoals_geschreven": str(fout)}) from None
        self._sleutel_afleiden()
        if (
            self.vergadering_id
            and self.werkgroep_id
            and self.vergadering.werkgroep_id != self.werkgroep_id
        ):
            raise ValidationError(
                {"vergadering": _("Deze vergadering hoort bij een andere werkgroep.")}
            )
        if fout := self.bedragfout(getattr(self, "_plafond", None)):
            raise ValidationError({"bedrag": fout})


class Bedragplafond(models.Model):
    """The largest amount one ledger line of a group may have: a typo of a thousandfold stops here.

    Without one, a group's ceiling is € 100.000,00 (``STANDAARD_PLAFOND``).
    """

    werkgroep = models.OneToOneField(
        Werkgroep,
        on_delete=models.CASCADE,
        related_name="bedragplafond",
        verbose_name=_("werkgroep"),
    )
    bedrag = models.DecimalField(
        _("hoogste bedrag per kostenpost (EUR)"),
        max_digits=13,
        decimal_places=2,
        default=STANDAARD_PLAFOND,
    )

    class Meta:
        verbose_name = _("bedragplafond")
        verbose_name_plural = _("bedragplafonds")
        ordering = ["werkgroep"]
        constraints = [
            models.CheckConstraint(condition=Q(bedrag__gt=0), name="bedragplafond_positief"),
        ]

    def __str__(self) -> str:
        return f"{self.werkgroep}: {euro(self.bedrag)}"

    @classmethod
    def voor(cls, werkgroep_id) -> Decimal:
        gezet = cls.objects.filter(werkgroep_id=werkgroep_id).values_list("bedrag", flat=True)
        return next(iter(gezet), STANDAARD_PLAFOND)


class Budget(models.Model):
    """The budget of a working group for a year, in all or for one category."""

    werkgroep = models.ForeignKey(
        Werkgroep, on_delete=models.PROTECT, related_name="budgetten", verbose_name=_("werkgroep")
    )
    jaar = models.PositiveSmallIntegerField(_("jaar"))
    categorie = models.ForeignKey(
        Kostencategorie,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="budgetten",
        verbose_name=_("categorie"),
        help_text=_("Leeg: het budget van het hele jaar."),
    )
    bedrag = models.DecimalField(_("bedrag (EUR)"), max_digits=13, decimal_places=2)

    objects = SleutelManager()

    class Meta:
        verbose_name = _("budget")
        verbose_name_plural = _("budgetten")
        ordering = ["werkgroep", "jaar", "categorie__naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["werkgroep", "jaar", "categorie"], name="budget_uniek_per_categorie"
            ),
            models.UniqueConstraint(
                fields=["werkgroep", "jaar"],
                condition=Q(categorie__isnull=True),
                name="budget_een_jaarbudget",
            ),
            models.CheckConstraint(condition=Q(bedrag__gte=0), name="budget_niet_negatief"),
        ]

    def __str__(self) -> str:
        return f"{self.werkgroep} {self.jaar}: {self.categorie or _('totaal')}"

    natural_key = sleutel(
        "werkgroep__slug",
        "jaar",
        "categorie__slug",
        na=["werkgroep.werkgroep", "financien.kostencategorie"],
    )

"""The working group itself: strands, groups, people, organisations and meetings."""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kern.datums import Datumaanduiding, OngeldigeDatum, Precisie
from kern.sleutels import SleutelManager, sleutel
from kern.teksten import VrijeTekst


class Thema(models.Model):
    """A thematic strand of the ESF agency ("Sociale Economie")."""

    naam = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200)

    objects = SleutelManager()

    class Meta:
        verbose_name = _("themawerking")
        verbose_name_plural = _("themawerkingen")
        permissions = [
            ("import_thema", _("Kan themawerkingen importeren")),
            ("export_thema", _("Kan themawerkingen exporteren")),
        ]
        ordering = ["naam"]
        constraints = [models.UniqueConstraint(fields=["slug"], name="thema_unieke_slug")]

    def __str__(self) -> str:
        return self.naam

    natural_key = sleutel("slug")


class Werkgroep(models.Model):
    """A working group of a strand, with its objectives, action points and members."""

    thema = models.ForeignKey(
        Thema, on_delete=models.PROTECT, related_name="werkgroepen", verbose_name=_("thema")
    )
    titel = models.CharField(_("titel"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200)
    vergaderritme = VrijeTekst(
        _("toelichting bij de vergaderfrequentie"),
        blank=True,
        help_text=_(
            "De tekst die het jaarverslag onder de vergaderfrequentie afdrukt, zoals "
            "“Naargelang de behoefte worden voorbereidende vergaderingen georganiseerd”."
        ),
    )
    secretariaat = models.CharField(
        _("secretariaat"),
        max_length=200,
        blank=True,
        help_text=_(
            "Wie het secretariaat voert, zoals het op de omslag van het jaarverslag staat "
            "(als auteur). Leeg: “Het secretariaat van de werkgroep”."
        ),
    )
    esf_referentie = models.CharField(
        _("ESF-referentie"),
        max_length=100,
        blank=True,
        help_text=_(
            "Het kenmerk waaronder het ESF-Agentschap het dossier volgt; staat op de omslag "
            "van het jaarverslag. Leeg: het verslag vermeldt geen referentie."
        ),
    )

    objects = SleutelManager()

    class Meta:
        verbose_name = _("werkgroep")
        verbose_name_plural = _("werkgroepen")
        permissions = [
            ("import_werkgroep", _("Kan werkgroepen importeren")),
            ("export_werkgroep", _("Kan werkgroepen exporteren")),
        ]
        ordering = ["titel"]
        constraints = [models.UniqueConstraint(fields=["slug"], name="werkgroep_unieke_slug")]

    def __str__(self) -> str:
        return self.titel

    natural_key = sleutel("slug", na=["werkgroep.thema"])


class GeordendItem(models.Model):
    """An ordered, verbatim text of a working group (objective, action point)."""

    werkgroep = models.ForeignKey(
        Werkgroep, on_delete=models.CASCADE, related_name="+", verbose_name=_("werkgroep")
    )
    volgorde = models.PositiveSmallIntegerField(_("volgorde"))
    tekst = VrijeTekst(_("tekst"))

    objects = SleutelManager()

    class Meta:
        abstract = True
        ordering = ["werkgroep", "volgorde"]

    def __str__(self) -> str:
        return f"{self.volgorde}. {self.tekst[:80]}"

    natural_key = sleutel("werkgroep__slug", "volgorde", na=["werkgroep.werkgroep"])


class Doelstelling(GeordendItem):
    """An objective of a working group, kept verbatim."""

    werkgroep = models.ForeignKey(
        Werkgroep,
        on_delete=models.CASCADE,
        related_name="doelstellingen",
        verbose_name=_("werkgroep"),
    )

    class Meta(GeordendItem.Meta):
        verbose_name = _("doelstelling")
        verbose_name_plural = _("doelstellingen")
        constraints = [
            models.UniqueConstraint(
                fields=["werkgroep", "volgorde"], name="doelstelling_unieke_volgorde"
            )
        ]


class Actiepunt(GeordendItem):
    """An action point of a working group, kept verbatim."""

    werkgroep = models.ForeignKey(
        Werkgroep, on_delete=models.CASCADE, related_name="actiepunten", verbose_name=_("werkgroep")
    )

    class Meta(GeordendItem.Meta):
        verbose_name = _("actiepunt")
        verbose_name_plural = _("actiepunten")
        constraints = [
            models.UniqueConstraint(
                fields=["werkgroep", "volgorde"], name="actiepunt_unieke_volgorde"
            )
        ]


class Jaartekst(models.Model):
    """The description of a year's actions ("Beschrijving acties 2005")."""

    werkgroep = models.ForeignKey(
        Werkgroep, on_delete=models.CASCADE, related_name="jaarteksten", verbose_name=_("werkgroep")
    )
    jaar = models.PositiveSmallIntegerField(_("jaar"))
    tekst = VrijeTekst(_("tekst"))

    objects = SleutelManager()

    class Meta:
        verbose_name = _("beschrijving acties")
        verbose_name_plural = _("beschrijvingen acties")
        ordering = ["werkgroep", "jaar"]
        constraints = [
            models.UniqueConstraint(fields=["werkgroep", "jaar"], name="jaartekst_uniek_per_jaar")
        ]

    def __str__(self) -> str:
        return _("Beschrijving acties %(jaar)s") % {"jaar": self.jaar}

    natural_key = sleutel("werkgroep__slug", "jaar", na=["werkgroep.werkgroep"])


class OrganisatieManager(models.Manager):
    def get_by_natural_key(self, *namen):
        """Namen from the organisation itself up to its top: ("HIVA", "KU Leuven")."""
        moeder = None
        for naam in reversed(namen):
            moeder = self.get(naam=naam, moeder=moeder)
        return moeder

    def uit_pad(self, pad: str):
        """Find "Stad Antwerpen › Sociale Zaken" (also with ">")."""
        delen = [d.strip() for d in pad.replace(">", "›").split("›") if d.strip()]
        return self.get_by_natural_key(*reversed(delen))

    def bulk_create(self, objs, *args, **kwargs):
        """Each with its stored path, as ``save()`` gives it (parents given as objects)."""
        objs = list(objs)
        for obj in objs:
            obj.pad = obj.pad_berekenen()
        return super().bulk_create(objs, *args, **kwargs)


class Organisatie(models.Model):
    """An organisation, possibly a department or institute inside another one."""

    naam = models.CharField(_("naam"), max_length=200)
    moeder = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="onderdelen",
        verbose_name=_("maakt deel uit van"),
        help_text=_("Bv. “Sociale Zaken” maakt deel uit van “Stad Antwerpen”."),
    )
    opmerking = VrijeTekst(_("opmerking"), blank=True)
    pad = models.CharField(
        _("volledige naam"),
        max_length=1000,
        editable=False,
        default="",
        help_text=_(
            "De namen van de bovenste organisatie tot deze, bv. Stad Antwerpen › Sociale Zaken."
        ),
    )

    objects = OrganisatieManager()

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        permissions = [
            ("import_organisatie", _("Kan organisaties importeren")),
            ("export_organisatie", _("Kan organisaties exporteren")),
        ]
        ordering = ["naam"]
        constraints = [
            models.UniqueConstraint(fields=["moeder", "naam"], name="organisatie_unieke_naam"),
            models.UniqueConstraint(
                fields=["naam"],
                condition=Q(moeder__isnull=True),
                name="organisatie_unieke_naam_zonder_moeder",
            ),
            models.CheckConstraint(
                condition=~Q(moeder=F("pk")), name="organisatie_niet_eigen_moeder"
            ),
            models.CheckConstraint(
                condition=~Q(naam__contains="›"),
                name="organisatie_naam_zonder_scheidingsteken",
                violation_error_message=_(
                    "Een naam bevat geen ›: dat teken scheidt een organisatie van haar onderdelen."
                ),
            ),
        ]

    SCHEIDING = " › "

    def __str__(self) -> str:
        return self.volledige_naam

    def save(self, *args, **kwargs):
        """With its path; a renamed or moved organisation takes its parts' paths along."""
        self.pad = self.pad_berekenen()
        velden = kwargs.get("update_fields")
        if velden is not None:
            kwargs["update_fields"] = {*velden, "pad"}
        super().save(*args, **kwargs)
        if self.pad != getattr(self, "_pad_gelezen", self.pad):
            for deel in self.onderdelen.all():
                deel.moeder = self
                deel.save(update_fields=["pad"])
        self._pad_gelezen = self.pad

    @classmethod
    def from_db(cls, db, field_names, values):
        organisatie = super().from_db(db, field_names, values)
        organisatie._pad_gelezen = organisatie.__dict__.get("pad")
        return organisatie

    def pad_berekenen(self) -> str:
        """The path from the parent's stored path: one read of the parent at most."""
        if self.moeder_id is None:
            return self.naam
        return f"{self.moeder.pad or self.moeder.pad_berekenen()}{self.SCHEIDING}{self.naam}"

    @property
    def volledige_naam(self) -> str:
        """ "Stad Antwerpen › Sociale Zaken": the path from the top organisation, stored, so
        a list of organisations or participants reads no parents."""
        return self.pad or self.pad_berekenen()

    @property
    def namen(self) -> list[str]:
        """["Stad Antwerpen", "Sociale Zaken"]: from the top down."""
        return self.volledige_naam.split(self.SCHEIDING)

    def natural_key(self):
        return tuple(reversed(self.namen))

    def clean(self):
        voorouder, gezien = self.moeder, set()
        while voorouder is not None:
            if voorouder.pk == self.pk and self.pk is not None or voorouder.pk in gezien:
                raise ValidationError(
                    {"moeder": _("Een organisatie kan geen deel zijn van zichzelf.")}
                )
            gezien.add(voorouder.pk)
            voorouder = voorouder.moeder


class Deelnemer(models.Model):
    """A person who takes part in working groups, for an organisation."""

    voornaam = models.CharField(_("voornaam"), max_length=100)
    achternaam = models.CharField(_("achternaam"), max_length=100)
    organisatie = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deelnemers",
        verbose_name=_("organisatie"),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    telefoon = models.CharField(_("telefoon"), max_length=40, blank=True)
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deelnemer",
        verbose_name=_("account"),
        help_text=_("Het login-account van deze persoon, als die zich aanmeldt op de site."),
    )

    objects = SleutelManager()

    class Meta:
        verbose_name = _("deelnemer")
        verbose_name_plural = _("deelnemers")
        permissions = [
            ("import_deelnemer", _("Kan deelnemers importeren")),
            ("export_deelnemer", _("Kan deelnemers exporteren")),
        ]
        ordering = ["achternaam", "voornaam"]
        constraints = [
            models.UniqueConstraint(fields=["voornaam", "achternaam"], name="deelnemer_unieke_naam")
        ]

    def __str__(self) -> str:
        return self.naam

    @property
    def naam(self) -> str:
        return f"{self.voornaam} {self.achternaam}"

    natural_key = sleutel("voornaam", "achternaam")


def adressen_samenbrengen(deelnemer_adres: str, account_adres: str) -> tuple[str, bool]:
    """The one address of a participant and their account, and whether the two disagreed.

    The participant's address is the truth (invitations have always used it); the account's
    is its copy, which Django's password reset matches on. An empty one takes the other.
    Used where a pair first meets (an account linked, the migration that joined them)."""
    deelnemer_adres, account_adres = deelnemer_adres.strip(), account_adres.strip()
    if not deelnemer_adres:
        return account_adres, False
    if not account_adres:
        return deelnemer_adres, False
    return deelnemer_adres, deelnemer_adres.casefold() != account_adres.casefold()


class Adresconflict(models.Model):
    """A participant and their account whose addresses could not simply be joined into one:
    kept for the secretariat to check with the person, listed by ``manage.py
    adresconflicten`` until marked handled."""

    class Soort(models.TextChoices):
        VERSCHILLEND = "verschillend", _("twee verschillende adressen: dat van de deelnemer blijft")
        GEDEELD = "gedeeld", _("het adres van de deelnemer hoort bij een ander account")

    deelnemer = models.ForeignKey(
        Deelnemer,
        on_delete=models.CASCADE,
        related_name="adresconflicten",
        verbose_name=_("deelnemer"),
    )
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="adresconflicten",
        verbose_name=_("account"),
    )
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices)
    adres_deelnemer = models.EmailField(_("adres van de deelnemer"), blank=True)
    adres_account = models.EmailField(_("adres van het account"), blank=True)
    gemeld_op = models.DateTimeField(_("gemeld op"), default=timezone.now)
    afgehandeld_op = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)

    class Meta:
        verbose_name = _("adresconflict")
        verbose_name_plural = _("adresconflicten")
        ordering = ["gemeld_op", "pk"]

    def __str__(self) -> str:
        return f"{self.deelnemer}: {self.adres_deelnemer} / {self.adres_account}"


class Rol(models.TextChoices):
    """Role of a participant in a working group. The seed often says none: unknown."""

    ONBEKEND = "onbekend", _("onbekend")
    PROMOTOR = "promotor", _("projectpromotor")
    PARTNER = "partner", _("partner")
    BELEIDSMAKER = "beleidsmaker", _("beleidsmaker")
    EXPERT = "expert", _("expert/onderzoeker")
    ANDERE = "andere", _("andere")

    @property
    def bekend(self) -> bool:
        """The seed often names no role: pages show that as unknown, reports leave it out."""
        return self is not Rol.ONBEKEND


class LidmaatschapQuerySet(models.QuerySet):
    def lopend(self, op=None, *, tot=None):
        """The memberships that count on ``op`` (today when not given), or with ``tot`` on
        any day from ``op`` to ``tot``: a meeting planned "in december 2006" has a window of
        days (kern.datums), and a member during any of them belongs to it. Both ends are
        inclusive; an open end runs for ever. ``op`` and ``tot`` may be expressions
        (``OuterRef("datum_van")``). The one rule of when a membership counts: for who sees
        a group and its meetings, who is invited, and the attendance list."""
        van = timezone.localdate() if op is None else op
        tot = van if tot is None else tot
        return self.filter(
            (Q(van__isnull=True) | Q(van__lte=tot)) & (Q(tot__isnull=True) | Q(tot__gte=van))
        )

    def tijdens(self, vergadering):
        """The memberships that count on the meeting's dates."""
        return self.filter(werkgroep_id=vergadering.werkgroep_id).lopend(
            vergadering.datum_van, tot=vergadering.datum_tot
        )


class Lidmaatschap(models.Model):
    """A participant's membership of a working group, with a role and a period.

    It counts only from ``van`` to ``tot`` (``Lidmaatschap.objects.lopend()``)."""

    werkgroep = models.ForeignKey(
        Werkgroep,
        on_delete=models.CASCADE,
        related_name="lidmaatschappen",
        verbose_name=_("werkgroep"),
    )
    deelnemer = models.ForeignKey(
        Deelnemer,
        on_delete=models.CASCADE,
        related_name="lidmaatschappen",
        verbose_name=_("deelnemer"),
    )
    rol = models.CharField(_("rol"), max_length=20, choices=Rol.choices, default=Rol.ONBEKEND)
    van = models.DateField(_("lid van"), null=True, blank=True)
    tot = models.DateField(_("lid tot"), null=True, blank=True)
    volgorde = models.PositiveSmallIntegerField(
        _("volgorde"),
        null=True,
        blank=True,
        help_text=_(
            "De plaats in de deelnemerslijst van het secretariaat (1, 2, 3 …). "
            "Zonder volgorde komt een lid achteraan, op naam."
        ),
    )
    organisatie_zoals_geschreven = models.CharField(
        _("organisatie zoals geschreven"),
        max_length=300,
        blank=True,
        help_text=_(
            "De organisatie zoals de deelnemerslijst ze schrijft (“KULeuven, HIVA”). "
            "Leeg: de naam van de organisatie van de deelnemer."
        ),
    )

    objects = SleutelManager.from_queryset(LidmaatschapQuerySet)()

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        permissions = [
            ("import_lidmaatschap", _("Kan lidmaatschappen importeren")),
            ("export_lidmaatschap", _("Kan lidmaatschappen exporteren")),
        ]
        # The secretariat's order of the participant list; members without a place after
        # them, by name (nulls last on SQLite and PostgreSQL alike).
        ordering = [
            "werkgroep",
            F("volgorde").asc(nulls_last=True),
            "deelnemer__achternaam",
            "deelnemer__voornaam",
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["werkgroep", "deelnemer"], name="lidmaatschap_uniek_per_werkgroep"
            ),
            models.CheckConstraint(
                condition=Q(van__isnull=True) | Q(tot__isnull=True) | Q(tot__gte=F("van")),
                name="lidmaatschap_eindigt_na_begin",
                violation_error_message=_("Een lidmaatschap kan niet eindigen voor het begint."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.deelnemer} – {self.werkgroep}"

    @property
    def rol_bekend(self) -> bool:
        return Rol(self.rol).bekend

    natural_key = sleutel(
        "werkgroep__slug",
        "deelnemer__voornaam",
        "deelnemer__achternaam",
        na=["werkgroep.werkgroep", "werkgroep.deelnemer"],
    )


# The order of meetings everywhere: by day, on a day by hour (a meeting without one after
# those with, on SQLite and PostgreSQL alike), then kind. "The previous/next meeting"
# (vergaderstukken.selectors._in_volgorde) follows the same keys.
VERGADERVOLGORDE = (
    "datum_van",
    "datum_tot",
    F("aanvang").asc(nulls_last=True),
    "soort",
    "pk",
)


class VergaderingQuerySet(models.QuerySet):
    def chronologisch(self):
        return self.order_by(*VERGADERVOLGORDE)

    def in_jaar(self, jaar: int):
        return self.filter(datum_van__year=jaar)

    def komend(self, vandaag):
        """Meetings not cancelled whose last possible day is today or later."""
        return self.exclude(status=Vergadering.Status.GEANNULEERD).filter(datum_tot__gte=vandaag)

    def met_status_op(self, op: dt.date):
        """Each meeting with the status it had at the end of day ``op`` (``status_toen``),
        read from its history in the same query; see :meth:`Vergadering.vermelde_status`.

        Before today, the status of the last history row of that day or earlier; a meeting
        with history but none by then had no recorded status then (``gepland``); one without
        any history (loaded from a fixture, never saved since) keeps its stored status.
        From today on, the stored status.
        """
        if op >= timezone.localdate():
            return self.annotate(status_toen=F("status"))
        Historie = Vergadering.history.model
        grens = timezone.make_aware(dt.datetime.combine(op + dt.timedelta(days=1), dt.time()))
        toen = Historie.objects.filter(id=OuterRef("pk"), history_date__lt=grens).order_by(
            "-history_date", "-history_id"
        )
        return self.annotate(
            status_toen=Coalesce(
                Subquery(toen.values("status")[:1]),
                Case(
                    When(
                        Exists(Historie.objects.filter(id=OuterRef("pk"))),
                        then=Value(Vergadering.Status.GEPLAND.value),
                    ),
                    default=F("status"),
                ),
            )
        )


class Vergadering(models.Model):
    """A meeting of a working group; its date may be known only to the month or months."""

    class Soort(models.TextChoices):
        # No kind recorded: the source calls it a meeting and nothing more.
        ONBEKEND = "", _("vergadering")
        PLENAIR = "plenair", _("plenaire vergadering")
        VOORBEREIDEND = "voorbereidend", _("voorbereidende vergadering")
        RONDETAFEL = "rondetafel", _("rondetafelgesprek")

    class Status(models.TextChoices):
        GEPLAND = "gepland", _("gepland")
        GEHOUDEN = "gehouden", _("gehouden")
        GEANNULEERD = "geannuleerd", _("geannuleerd")

        @property
        def badge(self) -> str:
            """The colour of the status's badge (``{% badge %}``; "" = plain text)."""
            soort = type(self)
            return {soort.GEPLAND: "info", soort.GEANNULEERD: "secondary"}.get(self, "")

    werkgroep = models.ForeignKey(
        Werkgroep,
        on_delete=models.PROTECT,
        related_name="vergaderingen",
        verbose_name=_("werkgroep"),
    )
    kenmerk = models.CharField(
        _("kenmerk"),
        max_length=40,
        blank=True,
        help_text=_(
            "Vaste sleutel van de vergadering in bestanden, afgeleid van de eerst gekende "
            "datum (bv. 2006-12). Blijft gelijk als de datum later preciezer wordt."
        ),
    )
    soort = models.CharField(
        _("soort"),
        max_length=20,
        choices=Soort.choices,
        blank=True,
        default=Soort.ONBEKEND,
        help_text=_("Leeg als niet vermeld is wat voor vergadering het is."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.GEPLAND
    )
    precisie = models.CharField(
        _("precisie"), max_length=10, choices=Precisie.choices, default=Precisie.DAG
    )
    datum_van = models.DateField(_("vroegste dag"))
    datum_tot = models.DateField(_("laatste dag"))
    oorspronkelijke_datum = models.CharField(
        _("oorspronkelijk geplande datum"),
        max_length=60,
        blank=True,
        help_text=_("De datum zoals hij eerst werd opgegeven, bv. “december 2006”."),
    )
    aanvang = models.TimeField(_("aanvang"), null=True, blank=True)
    einde = models.TimeField(_("einde"), null=True, blank=True)
    plaats = models.CharField(_("plaats"), max_length=200, blank=True)

    objects = SleutelManager.from_queryset(VergaderingQuerySet)()
    history = HistoricalRecords(verbose_name=_("historiek van de vergadering"))

    class Meta:
        verbose_name = _("vergadering")
        verbose_name_plural = _("vergaderingen")
        permissions = [
            ("import_vergadering", _("Kan vergaderingen importeren")),
            ("export_vergadering", _("Kan vergaderingen exporteren")),
        ]
        ordering = VERGADERVOLGORDE
        constraints = [
            models.UniqueConstraint(
                fields=["werkgroep", "kenmerk"], name="vergadering_uniek_kenmerk"
            ),
            models.CheckConstraint(
                condition=Q(datum_tot__gte=F("datum_van")),
                name="vergadering_venster_eindigt_na_begin",
                violation_error_message=_("Een datum kan niet eindigen voor hij begint."),
            ),
            models.CheckConstraint(
                condition=~Q(precisie=Precisie.DAG) | Q(datum_tot=F("datum_van")),
                name="vergadering_dag_is_een_dag",
            ),
            models.CheckConstraint(
                condition=~Q(precisie=Precisie.MAANDEN) | Q(datum_tot__gt=F("datum_van")),
                name="vergadering_venster_is_meer_dan_een_dag",
            ),
            models.CheckConstraint(
                condition=Q(precisie=Precisie.DAG) | Q(aanvang__isnull=True, einde__isnull=True),
                name="vergadering_uur_alleen_bij_gekende_dag",
                violation_error_message=_("Een uur past alleen bij een gekende dag."),
            ),
            models.CheckConstraint(
                condition=Q(aanvang__isnull=True)
                | Q(einde__isnull=True)
                | Q(einde__gt=F("aanvang")),
                name="vergadering_einde_na_aanvang",
            ),
        ]
        indexes = [models.Index(fields=["werkgroep", "datum_van"])]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.datum or ''}".strip()

    @property
    def datum_uur(self) -> str:
        """The date as written, with the start hour when one is recorded ("15/01/2027
        14:00"): how every list tells two meetings on one day apart (no query)."""
        datum = str(self.datum or "")
        return f"{datum} {self.aanvang:%H:%M}" if self.aanvang and datum else datum

    natural_key = sleutel("werkgroep__slug", "kenmerk", na=["werkgroep.werkgroep"])

    @property
    def datum(self) -> Datumaanduiding | None:
        if self.datum_van is None or self.datum_tot is None:
            return None
        return Datumaanduiding(self.datum_van, self.datum_tot, self.precisie)

    @datum.setter
    def datum(self, aanduiding: Datumaanduiding) -> None:
        self.datum_van, self.datum_tot = aanduiding.van, aanduiding.tot
        self.precisie = aanduiding.precisie

    @property
    def dag_bekend(self) -> bool:
        return Precisie(self.precisie).dag_bekend

    @property
    def gepland(self) -> bool:
        return self.status == self.Status.GEPLAND

    def vermelde_uitkomst(self, op: dt.date | None = None) -> Vergadering.Status | None:
        """The outcome recorded for this meeting as it stood on ``op`` (held, cancelled), or
        None: see :meth:`vermelde_status`."""
        op = op or timezone.localdate()
        status = getattr(self, "status_toen", None) or self.status
        if status == self.Status.GEANNULEERD or (
            status == self.Status.GEHOUDEN and self.datum_van <= op
        ):
            return self.Status(status)
        return None

    def vermelde_status(self, op: dt.date | None = None) -> str:
        """What a report dated ``op`` (a page: today) says of this meeting's status: the one
        rule for every report and every page.

        A report states recorded facts, each as of when it was recorded. Held and cancelled
        are recorded facts and are said as they stood on ``op`` (``status_toen`` from
        :meth:`VergaderingQuerySet.met_status_op`, else the stored status). "Planned" is
        no fact but the absence of one: a meeting still to come on ``op`` is "voorzien",
        the word the source uses for its plans ("We voorzien …"); one whose date has passed
        gets nothing (it may have been held; nobody recorded it). A meeting is never "held"
        before its first possible day.
        """
        op = op or timezone.localdate()
        uitkomst = self.vermelde_uitkomst(op)
        if uitkomst:
            return uitkomst.label
        return _("voorzien") if self.datum_tot >= op else ""

    @property
    def status_vandaag(self) -> str:
        """:meth:`vermelde_status` as of today, for pages."""
        return self.vermelde_status()

    @property
    def status_badge(self) -> str:
        """The badge of :attr:`status_vandaag`: the recorded outcome's, or "voorzien"'s."""
        uitkomst = self.vermelde_uitkomst()
        return (uitkomst or self.Status.GEPLAND).badge

    @property
    def datum_gewijzigd(self) -> bool:
        """True when the date was made more exact (or moved) after it was first given.

        Compared as dates, not as text: in English the same date is written otherwise.
        """
        if not self.oorspronkelijke_datum:
            return False
        try:
            return Datumaanduiding.parse(self.oorspronkelijke_datum) != self.datum
        except OngeldigeDatum:
            return True  # a first date we cannot read: show it rather than hide it

    def clean(self):
        if self.datum is not None:
            # Fill the stable key and the first-known date once; never overwrite them.
            if not self.kenmerk:
                self.kenmerk = self._vrij_kenmerk(self.datum.sleutel)
            if not self.oorspronkelijke_datum:
                self.oorspronkelijke_datum = str(self.datum)

    def _vrij_kenmerk(self, basis: str) -> str:
        if self.werkgroep_id is None:
            return basis
        bestaand = set(
            Vergadering.objects.filter(werkgroep_id=self.werkgroep_id, kenmerk__startswith=basis)
            .exclude(pk=self.pk)
            .values_list("kenmerk", flat=True)
        )
        kenmerk, volgnummer = basis, 2
        while kenmerk in bestaand:
            kenmerk, volgnummer = f"{basis}-{volgnummer}", volgnummer + 1
        return kenmerk


class Agendapunt(models.Model):
    """An item on a meeting's agenda: a talk, a presentation, a validation, a decision…"""

    class Soort(models.TextChoices):
        UITEENZETTING = "uiteenzetting", _("uiteenzetting")
        PROJECTVOORSTELLING = "projectvoorstelling", _("projectvoorstelling")
        PRODUCTVALIDERING = "productvalidering", _("productvalidering")
        RONDETAFEL = "rondetafel", _("rondetafelgesprek")
        BESLISSING = "beslissing", _("beslissing")
        ANDERE = "andere", _("andere")

    vergadering = models.ForeignKey(
        Vergadering,
        on_delete=models.CASCADE,
        related_name="agendapunten",
        verbose_name=_("vergadering"),
    )
    volgorde = models.PositiveSmallIntegerField(_("volgorde"))
    soort = models.CharField(_("soort"), max_length=30, choices=Soort.choices, default=Soort.ANDERE)
    titel = models.CharField(_("titel"), max_length=300)
    spreker = models.ForeignKey(
        Deelnemer,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agendapunten",
        verbose_name=_("spreker (deelnemer)"),
    )
    spreker_naam = models.CharField(
        _("spreker (van buiten de werkgroep)"), max_length=200, blank=True
    )
    tekst = VrijeTekst(_("tekst"), blank=True)

    objects = SleutelManager()

    class Meta:
        verbose_name = _("agendapunt")
        verbose_name_plural = _("agendapunten")
        permissions = [
            ("import_agendapunt", _("Kan agendapunten importeren")),
            ("export_agendapunt", _("Kan agendapunten exporteren")),
        ]
        ordering = ["vergadering", "volgorde"]
        constraints = [
            models.UniqueConstraint(
                fields=["vergadering", "volgorde"], name="agendapunt_unieke_volgorde"
            ),
            models.CheckConstraint(
                condition=Q(spreker__isnull=True) | Q(spreker_naam=""),
                name="agendapunt_een_soort_spreker",
                violation_error_message=_(
                    "Kies een deelnemer als spreker of typ de naam van een externe spreker, "
                    "niet allebei."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.titel

    natural_key = sleutel(
        "vergadering__werkgroep__slug",
        "vergadering__kenmerk",
        "volgorde",
        na=["werkgroep.vergadering"],
    )

    @property
    def spreker_weergave(self) -> str:
        return self.spreker.naam if self.spreker_id else self.spreker_naam

    @property
    def kop(self) -> str:
        """The title, after its kind only when the title does not already say it.

        "Productvalidering (‘Werk.waardig’)" and "Voorstelling van het project …" (a
        projectvoorstelling), not "Productvalidering: Productvalidering (…)" or
        "Projectvoorstelling: Voorstelling van …"; the kind "andere" says nothing and is
        never written. Compared with the kind's value, so it holds in every language.
        (A PDF writes the two apart, the title in its own language:
        ``werkgroep/_agendapunt_kop.html``.)
        """
        return f"{self.soort_voor_titel}: {self.titel}" if self.soort_voor_titel else self.titel

    @property
    def soort_voor_titel(self) -> str:
        """The kind as :attr:`kop` writes it before the title ("Uiteenzetting"), or ""."""
        if self.soort == self.Soort.ANDERE:
            return ""
        woorden = self.titel.split()
        eerste = "".join(t for t in woorden[0] if t.isalpha()).casefold() if woorden else ""
        # A word of five letters or more: "In Genk" is no "uiteenzetting".
        if len(eerste) >= 5 and (eerste in self.soort or self.soort in eerste):
            return ""
        return capfirst(self.get_soort_display())


class Aanwezigheid(models.Model):
    """Whether a participant was present at, excused from or absent at a meeting."""

    class Status(models.TextChoices):
        AANWEZIG = "aanwezig", _("aanwezig")
        VERONTSCHULDIGD = "verontschuldigd", _("verontschuldigd")
        AFWEZIG = "afwezig", _("afwezig")

    vergadering = models.ForeignKey(
        Vergadering,
        on_delete=models.CASCADE,
        related_name="aanwezigheden",
        verbose_name=_("vergadering"),
    )
    deelnemer = models.ForeignKey(
        Deelnemer,
        on_delete=models.PROTECT,
        related_name="aanwezigheden",
        verbose_name=_("deelnemer"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.AANWEZIG
    )

    objects = SleutelManager()

    class Meta:
        verbose_name = _("aanwezigheid")
        verbose_name_plural = _("aanwezigheden")
        permissions = [
            ("import_aanwezigheid", _("Kan aanwezigheden importeren")),
            ("export_aanwezigheid", _("Kan aanwezigheden exporteren")),
        ]
        ordering = ["vergadering", "deelnemer__achternaam", "deelnemer__voornaam"]
        constraints = [
            models.UniqueConstraint(
                fields=["vergadering", "deelnemer"], name="aanwezigheid_een_per_deelnemer"
            )
        ]

    def __str__(self) -> str:
        return f"{self.deelnemer}: {self.get_status_display()}"

    natural_key = sleutel(
        "vergadering__werkgroep__slug",
        "vergadering__kenmerk",
        "deelnemer__voornaam",
        "deelnemer__achternaam",
        na=["werkgroep.vergadering", "werkgroep.deelnemer"],
    )


class Bevinding(models.Model):
    """A finding of a working group in a year ("Bevindingen")."""

    werkgroep = models.ForeignKey(
        Werkgroep, on_delete=models.CASCADE, related_name="bevindingen", verbose_name=_("werkgroep")
    )
    jaar = models.PositiveSmallIntegerField(_("jaar"))
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=1)
    tekst = VrijeTekst(_("tekst"))

    objects = SleutelManager()

    class Meta:
        verbose_name = _("bevinding")
        verbose_name_plural = _("bevindingen")
        ordering = ["werkgroep", "jaar", "volgorde"]
        constraints = [
            models.UniqueConstraint(
                fields=["werkgroep", "jaar", "volgorde"], name="bevinding_unieke_volgorde"
            )
        ]

    def __str__(self) -> str:
        return self.tekst[:80]

    natural_key = sleutel("werkgroep__slug", "jaar", "volgorde", na=["werkgroep.werkgroep"])


class Samenwerking(models.Model):
    """A collaboration between organisations that arose in the working group."""

    werkgroep = models.ForeignKey(
        Werkgroep,
        on_delete=models.CASCADE,
        related_name="samenwerkingen",
        verbose_name=_("werkgroep"),
    )
    jaar = models.PositiveSmallIntegerField(_("jaar"))
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=1)
    omschrijving = VrijeTekst(_("omschrijving"))
    organisaties = models.ManyToManyField(
        Organisatie, related_name="samenwerkingen", verbose_name=_("organisaties"), blank=True
    )

    objects = SleutelManager()

    class Meta:
        verbose_name = _("samenwerkingsverband")
        verbose_name_plural = _("samenwerkingsverbanden")
        ordering = ["werkgroep", "jaar", "volgorde"]
        constraints = [
            models.UniqueConstraint(
                fields=["werkgroep", "jaar", "volgorde"], name="samenwerking_unieke_volgorde"
            )
        ]

    def __str__(self) -> str:
        return self.omschrijving[:80]

    natural_key = sleutel("werkgroep__slug", "jaar", "volgorde", na=["werkgroep.werkgroep"])


def nieuwe_kalendersleutel() -> str:
    return secrets.token_urlsafe(32)


class Kalendersleutel(models.Model):
    """The secret in a member's personal calendar URL (calendar apps cannot log in)."""

    account = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="kalendersleutel",
        verbose_name=_("account"),
    )
    sleutel = models.CharField(_("sleutel"), max_length=64, default=nieuwe_kalendersleutel)
    # When this secret was made: a renewal sets it, any other save keeps it.
    aangemaakt = models.DateTimeField(_("aangemaakt"), default=timezone.now)

    class Meta:
        verbose_name = _("kalendersleutel")
        verbose_name_plural = _("kalendersleutels")
        constraints = [models.UniqueConstraint(fields=["sleutel"], name="kalendersleutel_uniek")]

    def __str__(self) -> str:
        return str(self.account)

"""Invitations to a meeting, the replies to them, and what the invited were last told."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from django.db import models
from django.db.models import BooleanField, Case, Exists, F, OuterRef, Q, Value, When
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kern.datums import Datumaanduiding, Precisie
from kern.models import Bericht
from werkgroep.kalender import STANDAARDDUUR
from werkgroep.models import Aanwezigheid, Deelnemer, Vergadering


class Mailsoort(models.TextChoices):
    """What a mail to the invited is about; the templates branch on these values."""

    UITNODIGING = "uitnodiging", _("uitnodiging")
    AANKONDIGING = "aankondiging", _("aankondiging")
    WIJZIGING = "wijziging", _("wijziging")
    ANNULERING = "annulering", _("annulering")
    HERINNERING = "herinnering", _("herinnering")
    TOCH_DOOR = "toch_door", _("gaat toch door")

    @property
    def met_antwoordlink(self) -> bool:
        """Whether it asks for a reply (an announcement waits for the day; a cancellation
        has nothing left to answer)."""
        return self in (
            Mailsoort.UITNODIGING,
            Mailsoort.WIJZIGING,
            Mailsoort.HERINNERING,
            Mailsoort.TOCH_DOOR,
        )

    @property
    def kalendermethode(self) -> str | None:
        """The calendar file's METHOD (RFC 5546), or None for a mail without one (an
        announcement: the day is not known yet)."""
        if self == Mailsoort.AANKONDIGING:
            return None
        return "CANCEL" if self == Mailsoort.ANNULERING else "REQUEST"


class Antwoord(models.TextChoices):
    """A reply to an invitation; each says what a calendar program calls it."""

    AANWEZIG = "aanwezig", _("aanwezig")
    VERONTSCHULDIGD = "verontschuldigd", _("verontschuldigd")
    MISSCHIEN = "misschien", _("misschien")

    @property
    def partstat(self) -> str:
        """The iCalendar participation status (RFC 5545) of this reply."""
        soort = type(self)
        return {
            soort.AANWEZIG: "ACCEPTED",
            soort.VERONTSCHULDIGD: "DECLINED",
            soort.MISSCHIEN: "TENTATIVE",
        }[self]

    @property
    def badge(self) -> str:
        soort = type(self)
        return {
            soort.AANWEZIG: "success",
            soort.VERONTSCHULDIGD: "secondary",
            soort.MISSCHIEN: "warning",
        }[self]


@dataclass(frozen=True)
class Verschil:
    """One fact of a meeting that differs from what the invited were told: ``soort`` is
    ``datum``, ``uur`` (start), ``einde`` or ``plaats``; ``oud`` and ``nieuw`` as values
    (a :class:`Datumaanduiding`, a time, a text, or None), written out by the mail in the
    reader's language."""

    soort: str
    oud: object
    nieuw: object

    @property
    def onderwerpsoort(self) -> str:
        """The kind the subject names: an end hour is an hour too."""
        return "uur" if self.soort == "einde" else self.soort

    @property
    def label(self) -> str:
        return {"datum": _("datum"), "plaats": _("plaats")}.get(self.soort, _("uur"))


class Oproep(models.Model):
    """What the invited of one meeting were last told: its date, hours and place as sent,
    and the sequence number of that version (the calendar file's ``SEQUENCE``).

    A save of the meeting is compared with it: a change is sent as an update, a
    cancellation as a cancellation, each once.
    """

    class Stand(models.TextChoices):
        AANGEKONDIGD = "aangekondigd", _("aangekondigd (dag volgt)")
        UITGENODIGD = "uitgenodigd", _("uitgenodigd")
        GEANNULEERD = "geannuleerd", _("annulering verstuurd")

    vergadering = models.OneToOneField(
        Vergadering, on_delete=models.CASCADE, related_name="oproep", verbose_name=_("vergadering")
    )
    stand = models.CharField(_("stand"), max_length=20, choices=Stand.choices)
    volgnummer = models.PositiveIntegerField(
        _("volgnummer"), default=0, help_text=_("Stijgt bij elke gewijzigde uitnodiging.")
    )
    # As last sent with a calendar file (empty while only announced).
    precisie = models.CharField(_("precisie"), max_length=10, choices=Precisie.choices)
    datum_van = models.DateField(_("vroegste dag"))
    datum_tot = models.DateField(_("laatste dag"))
    aanvang = models.TimeField(_("aanvang"), null=True, blank=True)
    einde = models.TimeField(_("einde"), null=True, blank=True)
    plaats = models.CharField(_("plaats"), max_length=200, blank=True)
    verstuurd_op = models.DateTimeField(_("laatst verstuurd op"), default=timezone.now)

    GEVOLGD = ["precisie", "datum_van", "datum_tot", "aanvang", "einde", "plaats"]

    class Meta:
        verbose_name = _("oproep")
        verbose_name_plural = _("oproepen")
        constraints = [
            models.CheckConstraint(
                condition=Q(datum_tot__gte=F("datum_van")), name="oproep_venster_eindigt_na_begin"
            )
        ]

    def __str__(self) -> str:
        return f"{self.vergadering}: {self.get_stand_display()}"

    def wijkt_af(self, vergadering: Vergadering) -> bool:
        """Whether the meeting's date, hours or place differ from what was sent."""
        return any(getattr(self, veld) != getattr(vergadering, veld) for veld in self.GEVOLGD)

    @property
    def datum(self) -> Datumaanduiding:
        return Datumaanduiding(self.datum_van, self.datum_tot, self.precisie)

    def verschillen(self, vergadering: Vergadering) -> list[Verschil]:
        """What an update says: each fact that differs from what was sent, nothing else."""
        verschillen = []
        if self.datum != vergadering.datum:
            verschillen.append(Verschil("datum", self.datum, vergadering.datum))
        for soort, veld in (("uur", "aanvang"), ("einde", "einde"), ("plaats", "plaats")):
            if getattr(self, veld) != getattr(vergadering, veld):
                verschillen.append(Verschil(soort, getattr(self, veld), getattr(vergadering, veld)))
        return verschillen

    def overnemen(self, vergadering: Vergadering) -> None:
        for veld in self.GEVOLGD:
            setattr(self, veld, getattr(vergadering, veld))


def nieuwe_sleutel() -> str:
    return secrets.token_urlsafe(12)


class UitnodigingQuerySet(models.QuerySet):
    def met_beantwoordbaar(self, nu: dt.datetime | None = None):
        """Each invitation with ``beantwoordbaar``: whether it can still be answered at
        ``nu`` (now). The one rule of the member's "Te doen", the meeting page's reply link
        and the reply page: see :func:`nog_te_beantwoorden`."""
        return self.annotate(
            beantwoordbaar=Case(
                When(nog_te_beantwoorden(nu), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )

    def beantwoordbaar(self, nu: dt.datetime | None = None):
        return self.filter(nog_te_beantwoorden(nu))


def nog_te_beantwoorden(nu: dt.datetime | None = None) -> Q:
    """An invitation is to answer only while its meeting is still ahead: invited, the
    meeting planned (not cancelled, not marked held), no attendance recorded for it (of a
    participant or a guest), and not over: a later day, or today before its end hour (its
    start hour plus the calendar's ``STANDAARDDUUR`` when it has no end; all day when it
    has no hour)."""
    nu = timezone.localtime(nu)
    vandaag, uur = nu.date(), nu.time()
    nog_bezig = Q(vergadering__aanvang__isnull=True) | Q(vergadering__einde__gt=uur)
    grens = nu - STANDAARDDUUR
    if grens.date() == vandaag:
        nog_bezig |= Q(vergadering__einde__isnull=True, vergadering__aanvang__gt=grens.time())
    else:  # started less than the default duration ago, whatever the hour
        nog_bezig |= Q(vergadering__einde__isnull=True)
    opgenomen = Exists(Aanwezigheid.objects.filter(vergadering=OuterRef("vergadering"))) | Exists(
        Uitnodiging.objects.filter(vergadering=OuterRef("vergadering")).exclude(aanwezigheid="")
    )
    return (
        Q(uitgenodigd_op__isnull=False, vergadering__status=Vergadering.Status.GEPLAND)
        & (Q(vergadering__datum_tot__gt=vandaag) | (Q(vergadering__datum_tot=vandaag) & nog_bezig))
        & ~Q(opgenomen)
    )


class Uitnodiging(models.Model):
    """One person invited to one meeting: a member (a participant) or a guest by address,
    with their reply. ``uitgenodigd_op`` is empty while the meeting was only announced."""

    vergadering = models.ForeignKey(
        Vergadering,
        on_delete=models.CASCADE,
        related_name="uitnodigingen",
        verbose_name=_("vergadering"),
    )
    deelnemer = models.ForeignKey(
        Deelnemer,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="uitnodigingen",
        verbose_name=_("deelnemer"),
        help_text=_("Leeg voor een gast van buiten de werkgroep."),
    )
    email = models.EmailField(_("e-mail"))
    naam = models.CharField(_("naam"), max_length=200, blank=True)
    # Part of the signed link: a link to a deleted invitation opens nothing made later.
    sleutel = models.CharField(_("sleutel"), max_length=32, default=nieuwe_sleutel, editable=False)
    antwoord = models.CharField(_("antwoord"), max_length=20, choices=Antwoord.choices, blank=True)
    opmerking = models.TextField(_("opmerking"), blank=True)
    beantwoord_op = models.DateTimeField(_("beantwoord op"), null=True, blank=True)
    aangekondigd_op = models.DateTimeField(_("aangekondigd op"), null=True, blank=True)
    uitgenodigd_op = models.DateTimeField(_("uitgenodigd op"), null=True, blank=True)
    # A guest's attendance, recorded on the screen with the members': kept here, not as a
    # participant, so a guest keeps her address and is no member in any count.
    aanwezigheid = models.CharField(
        _("aanwezigheid"),
        max_length=20,
        choices=Aanwezigheid.Status.choices,
        blank=True,
        help_text=_("Alleen voor een gast; een deelnemer staat op de aanwezigheidslijst."),
    )
    # The last mail sent to this person about the meeting: whether it went out (its status).
    laatste_mail = models.ForeignKey(
        Bericht,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("laatste mail"),
        editable=False,
    )

    objects = UitnodigingQuerySet.as_manager()

    class Meta:
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")
        ordering = ["vergadering", "deelnemer__achternaam", "deelnemer__voornaam", "email"]
        permissions = [
            ("uitnodigen", _("Kan uitnodigingen voor vergaderingen versturen")),
            ("mail_opvolgen", _("Kan mislukte mails bekijken en opnieuw sturen")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["vergadering", "deelnemer"],
                condition=Q(deelnemer__isnull=False),
                name="uitnodiging_een_per_deelnemer",
            ),
            models.UniqueConstraint(
                F("vergadering"), Lower("email"), name="uitnodiging_een_per_adres"
            ),
            models.CheckConstraint(condition=~Q(email=""), name="uitnodiging_heeft_adres"),
            models.CheckConstraint(
                condition=Q(antwoord="") | Q(beantwoord_op__isnull=False),
                name="uitnodiging_antwoord_met_tijdstip",
            ),
            models.CheckConstraint(
                condition=Q(aanwezigheid="") | Q(deelnemer__isnull=True),
                name="uitnodiging_aanwezigheid_alleen_voor_gast",
            ),
            models.CheckConstraint(
                condition=Q(aanwezigheid__in=["", *Aanwezigheid.Status.values]),
                name="uitnodiging_aanwezigheid_geldig",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.weergavenaam} – {self.vergadering}"

    @property
    def weergavenaam(self) -> str:
        if self.deelnemer_id:
            return self.deelnemer.naam
        return self.naam or self.email

    @property
    def gast(self) -> bool:
        return self.deelnemer_id is None

    @property
    def antwoord_keuze(self) -> Antwoord | None:
        return Antwoord(self.antwoord) if self.antwoord else None


class Herinnering(models.Model):
    """A reminder sent to one invited person: the meeting day it was sent for and the day
    it was sent on. One per meeting day however the meeting moves (to a day and back),
    and one per day it is sent on: the database's named constraints, so a run that claims
    one by inserting it can never send it twice, even with another run at once."""

    uitnodiging = models.ForeignKey(
        Uitnodiging,
        on_delete=models.CASCADE,
        related_name="herinneringen",
        verbose_name=_("uitnodiging"),
    )
    voor = models.DateField(_("voor de vergadering van"))
    op = models.DateField(_("verstuurd op"))

    class Meta:
        verbose_name = _("herinnering")
        verbose_name_plural = _("herinneringen")
        ordering = ["uitnodiging", "op"]
        constraints = [
            models.UniqueConstraint(
                fields=["uitnodiging", "voor"], name="herinnering_een_per_vergaderdag"
            ),
            models.UniqueConstraint(fields=["uitnodiging", "op"], name="herinnering_een_per_dag"),
        ]

    def __str__(self) -> str:
        return f"{self.uitnodiging}: {self.voor:%d/%m/%Y} ({self.op:%d/%m/%Y})"

"""Reads of the invitations: who was invited, who answered what, what the page shows."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from kern import mail
from werkgroep import selectors as werkgroep_selectors
from werkgroep.gasten import AanwezigeGast
from werkgroep.models import Aanwezigheid, Deelnemer, Lidmaatschap, Vergadering

from . import links
from .models import Antwoord, Herinnering, Oproep, Uitnodiging


def uitgenodigd(vergadering: Vergadering) -> list[Uitnodiging]:
    """Everyone invited to the meeting (members and guests; not those only told of the
    month), with their reply (``antwoord``, "" before one), remark (``opmerking``) and
    whether it can still be answered now (``beantwoordbaar``)."""
    return list(
        Uitnodiging.objects.filter(vergadering=vergadering, uitgenodigd_op__isnull=False)
        .met_beantwoordbaar()
        .select_related("deelnemer", "laatste_mail")
        .defer(*_MAILINHOUD)
        .order_by("deelnemer__achternaam", "deelnemer__voornaam", "naam", "email")
    )


# The mail's status is read with the person, not its (long) content.
_MAILINHOUD = ["laatste_mail__tekst", "laatste_mail__html", "laatste_mail__bijlagen"]


def op_het_scherm(vergadering: Vergadering) -> list[Uitnodiging]:
    """The invitations the attendance screen starts from (one query): everyone invited
    (as :func:`uitgenodigd`), and the guests who came uninvited and left their address
    (a row without invitation but with her attendance, ``services.aanwezigheid_opnemen``)."""
    return list(
        Uitnodiging.objects.filter(vergadering=vergadering)
        .filter(Q(uitgenodigd_op__isnull=False) | Q(deelnemer__isnull=True) & ~Q(aanwezigheid=""))
        .select_related("deelnemer", "laatste_mail")
        .defer(*_MAILINHOUD)
        .order_by("deelnemer__achternaam", "deelnemer__voornaam", "naam", "email")
    )


def ontvangers(vergadering: Vergadering) -> list[Uitnodiging]:
    """Everyone invited or announced to, with the status of their last mail, for the invite
    page's "Opnieuw sturen" (one query)."""
    return list(
        Uitnodiging.objects.filter(vergadering=vergadering)
        .filter(Q(uitgenodigd_op__isnull=False) | Q(aangekondigd_op__isnull=False))
        .select_related("deelnemer", "laatste_mail")
        .defer(*_MAILINHOUD)
        .order_by("deelnemer__achternaam", "deelnemer__voornaam", "naam", "email")
    )


def antwoorden(vergadering: Vergadering) -> dict[int, str]:
    """Participant pk -> "aanwezig", "verontschuldigd" or "misschien", for the invited
    members who answered (the attendance screen starts from it)."""
    return dict(
        Uitnodiging.objects.filter(
            vergadering=vergadering, uitgenodigd_op__isnull=False, deelnemer__isnull=False
        )
        .exclude(antwoord="")
        .values_list("deelnemer_id", "antwoord")
    )


def aanwezige_gasten(vergadering: Vergadering) -> list[AanwezigeGast]:
    """The guests recorded present on the attendance screen, by name (one query;
    registered with ``werkgroep.gasten`` for the minutes mail)."""
    return [
        AanwezigeGast(naam=naam, adres=adres)
        for naam, adres in Uitnodiging.objects.filter(
            vergadering=vergadering,
            deelnemer__isnull=True,
            aanwezigheid=Aanwezigheid.Status.AANWEZIG,
        )
        .order_by("naam", "email")
        .values_list("naam", "email")
    ]


def gasten_met_aanwezigheid(vergadering: Vergadering) -> list[Uitnodiging]:
    """The invited guests whose attendance was recorded (present, excused, absent), by
    name: the meeting page lists them under the participants."""
    return list(
        Uitnodiging.objects.filter(vergadering=vergadering, deelnemer__isnull=True)
        .exclude(aanwezigheid="")
        .order_by("naam", "email")
        .only("naam", "email", "aanwezigheid")
    )


def uit_te_nodigen_leden(vergadering: Vergadering) -> QuerySet[Lidmaatschap]:
    """The group's members on the meeting's dates, in the secretariat's order, with their
    participant."""
    return Lidmaatschap.objects.tijdens(vergadering).select_related("deelnemer")


@dataclass
class Aanbod:
    """Whom the invite page offers: the members who have an address and did not get what
    this step sends yet (an announcement, or an invitation: the announced are offered the
    invitation), those who did, and those without an address."""

    leden: list[Lidmaatschap]
    al_gehad: list[Deelnemer]
    met_adres: list[Deelnemer]
    zonder_adres: list[Deelnemer]
    uitgenodigd: set[str]


def aanbod(vergadering: Vergadering) -> Aanbod:
    uitgenodigd = {
        u.email.lower()
        for u in vergadering.uitnodigingen.all()
        if u.uitgenodigd_op or (not vergadering.dag_bekend and u.aangekondigd_op)
    }
    alle_leden = list(uit_te_nodigen_leden(vergadering))
    met_adres = [lid.deelnemer for lid in alle_leden if lid.deelnemer.email]
    return Aanbod(
        leden=[
            lid
            for lid in alle_leden
            if lid.deelnemer.email and lid.deelnemer.email.lower() not in uitgenodigd
        ],
        al_gehad=[d for d in met_adres if d.email.lower() in uitgenodigd],
        met_adres=met_adres,
        zonder_adres=[lid.deelnemer for lid in alle_leden if not lid.deelnemer.email],
        uitgenodigd=uitgenodigd,
    )


def oproep_van(vergadering: Vergadering) -> Oproep | None:
    return Oproep.objects.filter(vergadering=vergadering).first()


def volgnummers(vergadering_ids) -> dict[int, int]:
    """The ``SEQUENCE`` last mailed for each of these meetings (one query): the calendar
    feed gives its event the same (registered with ``werkgroep.kalender``)."""
    return dict(
        Oproep.objects.filter(vergadering_id__in=list(vergadering_ids)).values_list(
            "vergadering_id", "volgnummer"
        )
    )


def te_beantwoorden(user, nu: dt.datetime | None = None) -> list[Uitnodiging]:
    """The user's own invitations without an answer that can still be answered at ``nu``
    (``Uitnodiging.objects.beantwoordbaar``: the meeting still ahead, the rule the reply
    page and the meeting page use too), soonest first, each with its ``link``: the
    member's "Te doen" on home. One query; none for an account without a participant
    (nobody else's invitation is ever listed)."""
    deelnemer = getattr(user, "deelnemer", None) if user.is_authenticated else None
    if deelnemer is None:
        return []
    open_ = list(
        Uitnodiging.objects.beantwoordbaar(nu)
        .filter(deelnemer=deelnemer, antwoord="")
        .select_related("vergadering__werkgroep")
        .order_by("vergadering__datum_van", "vergadering__aanvang", "pk")
    )
    for uitnodiging in open_:
        uitnodiging.link = links.pad(uitnodiging)
    return open_


def waarom_niet_versturen(vergadering: Vergadering, vandaag=None) -> str:
    """Why nothing can be sent for the meeting now ("" when it can: invitations once the
    day is known, an announcement before); the page shows it instead of the button."""
    vandaag = vandaag or timezone.localdate()
    if vergadering.status != Vergadering.Status.GEPLAND:
        return _("De vergadering is niet meer gepland (%(status)s).") % {
            "status": vergadering.get_status_display()
        }
    if vergadering.datum_tot < vandaag:
        return _("De vergadering ligt in het verleden.")
    return ""


def waarom_geen_aanwezigheid(vergadering: Vergadering, vandaag: dt.date | None = None) -> str:
    """Why the attendance cannot be saved now ("" when it can): not before the meeting's
    day (``werkgroep.selectors.vergadering_begonnen``, the rule of every step after a
    meeting). The screen shows it instead of its save button; the save refuses with it."""
    if werkgroep_selectors.vergadering_begonnen(vergadering, vandaag):
        return ""
    return _(
        "De vergadering van %(dag)s is nog niet begonnen: u neemt de aanwezigheid op vanaf die dag."
    ) % {"dag": formats.date_format(vergadering.datum_van, "SHORT_DATE_FORMAT")}


@dataclass
class Overzicht:
    """The invitations section of the meeting page, for one reader."""

    oproep: Oproep | None
    mag_uitnodigen: bool
    ziet_namen: bool
    uitnodigingen: list[Uitnodiging] = field(default_factory=list)
    aantallen: dict[str, int] = field(default_factory=dict)
    zonder_antwoord: int = 0
    aantal: int = 0
    eigen: Uitnodiging | None = None
    eigen_link: str = ""
    waarom_niet: str = ""

    @property
    def mails_niet_verstuurd(self) -> int:
        """Invited whose last mail failed (shown to who sees the names)."""
        return sum(1 for u in self.uitnodigingen if u.laatste_mail and u.laatste_mail.mislukt)

    @property
    def toon(self) -> bool:
        return self.mag_uitnodigen or self.aantal > 0


def overzicht(user, vergadering: Vergadering) -> Overzicht:
    """Who answered what: names and remarks for the coordinator and the secretariat; for a
    member only the numbers and their own reply, with the link to change it (who excused
    themselves, and why, is not every member's business). Two queries."""
    ziet_namen = user.has_perm("uitnodigingen.antwoorden_zien")
    mag = user.has_perm("uitnodigingen.uitnodigingen_sturen")
    alle = uitgenodigd(vergadering)
    oproep = oproep_van(vergadering) if (mag or alle) else None
    # (A coordinator has no participant: asking costs a query, so only when it matters.)
    deelnemer: Deelnemer | None = getattr(user, "deelnemer", None) if alle else None
    eigen = next((u for u in alle if deelnemer and u.deelnemer_id == deelnemer.pk), None)
    telling = Counter(u.antwoord for u in alle)
    return Overzicht(
        oproep=oproep,
        mag_uitnodigen=mag,
        ziet_namen=ziet_namen,
        uitnodigingen=alle if ziet_namen else [],
        aantallen={keuze.label: telling[keuze.value] for keuze in Antwoord},
        zonder_antwoord=telling[""],
        aantal=len(alle),
        eigen=eigen,
        eigen_link=links.pad(eigen) if eigen and eigen.beantwoordbaar else "",
        waarom_niet=waarom_niet_versturen(vergadering) if mag else "",
    )


def te_herinneren(
    vandaag, dagen: int | None = None, nu: dt.datetime | None = None
) -> QuerySet[Uitnodiging]:
    """Invitations without a reply to a planned meeting on a known day within ``dagen``
    days (settings.HERINNERING_DAGEN_VOORAF) that had no reminder for that meeting day
    yet, nor any reminder today (a meeting moved a day and back is reminded of once), and
    that can still be answered at ``nu`` (the one rule, ``nog_te_beantwoorden``: not on the
    meeting's day once it is over or its attendance recorded). Without ``nu``: the start of
    ``vandaag``."""
    dagen = settings.HERINNERING_DAGEN_VOORAF if dagen is None else dagen
    if nu is None:
        nu = timezone.make_aware(dt.datetime.combine(vandaag, dt.time.min))
    return (
        Uitnodiging.objects.beantwoordbaar(nu)
        .filter(
            antwoord="",
            uitgenodigd_op__isnull=False,
            vergadering__status=Vergadering.Status.GEPLAND,
            vergadering__precisie="dag",
            vergadering__datum_van__gte=vandaag,
            vergadering__datum_van__lte=vandaag + dt.timedelta(days=dagen),
            vergadering__oproep__stand=Oproep.Stand.UITGENODIGD,
        )
        .exclude(
            Exists(
                Herinnering.objects.filter(uitnodiging=OuterRef("pk")).filter(
                    Q(voor=OuterRef("vergadering__datum_van")) | Q(op=vandaag)
                )
            )
        )
        .select_related("deelnemer__account", "vergadering__werkgroep", "vergadering__oproep")
    )


def mislukte_mails(user) -> list[mail.NietVerstuurd]:
    """The mails not sent (failed, interrupted, waiting far too long), newest first
    (secretariat only)."""
    if not user.has_perm("uitnodigingen.mislukte_mail_opvolgen"):
        return []
    return mail.niet_verstuurde_mails()


def aantal_mislukte_mails(user) -> int:
    """For the secretariat's "Te doen": one query, none for anyone else."""
    if not user.has_perm("uitnodigingen.mislukte_mail_opvolgen"):
        return 0
    return mail.aantal_niet_verstuurde_mails()

"""The project's one way to send mail: rendered in the reader's language, sent in the background.

:func:`sturen` renders, per recipient, a subject, a plain text and (when its template
exists) an HTML part from ``<sjabloon>_onderwerp.txt``, ``<sjabloon>.txt`` and
``<sjabloon>.html``, in that recipient's language. Each finished mail is a row of
the outbox (:class:`kern.models.Bericht`), written in the caller's transaction (a
rolled-back change mails nobody), and once that commits its number is queued as a task
(:func:`mail_versturen`) on the project's task backend (``settings.TASKS``: immediate in
the demo and the tests, the database and ``manage.py db_worker`` in production). The task
claims the row with one conditional UPDATE, sends through Django's mail setup
(``settings.EMAIL_BACKEND``, bounded by ``EMAIL_TIMEOUT``) and marks it sent.

Nothing is lost whatever the backend: a failed attempt is tried again
(``settings.MAIL_POGINGEN`` attempts in all, ``MAIL_WACHTTIJD`` seconds apart and doubling,
as a new task: django-tasks 0.12 has no retries of its own) and the last failure marks the
row ``mislukt``; a claim older than ``MAIL_CLAIM_SECONDEN`` (a worker killed while sending)
is taken back and sent again (:func:`terugnemen`, run by the project's ``db_worker`` and by
``manage.py herinneringen``); and every mail not sent, failed or waiting too long, is on the
secretariat's page (:func:`niet_verstuurde_mails`, :func:`opnieuw_sturen`).
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Q
from django.template import TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from kern.models import Bericht
from kern.voorkeuren import taal_van

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Ontvanger:
    """Who a mail goes to: an address, the language they read, a name for the header and
    one to greet them with ("Dag Johan,")."""

    adres: str
    taal: str = ""  # "" is the site's language (settings.LANGUAGE_CODE)
    naam: str = ""
    aanspreken: str = ""

    @classmethod
    def van(cls, user, taal: str | None = None) -> Ontvanger:
        """An account as a recipient: its e-mail address, names and language (``taal``
        when the caller read it already, for many accounts at once: ``talen_van``)."""
        return cls(
            adres=user.email,
            taal=taal_van(user) if taal is None else taal,
            naam=user.get_full_name(),
            aanspreken=user.first_name or user.get_full_name(),
        )


# An attachment: (file name, content, MIME type), as EmailMessage.attach takes it.
Bijlage = tuple[str, str | bytes, str]


@dataclass(frozen=True)
class Alternatief:
    """The mail's content in another form, a part of its ``multipart/alternative`` beside
    the text and the HTML (no file name): e.g. a calendar request (iMIP, RFC 6047), whose
    MIME type carries parameters, ``text/calendar; method=REQUEST; charset=UTF-8``."""

    inhoud: str
    mimetype: str


def sturen(
    sjabloon: str,
    ontvangers: Iterable[Ontvanger],
    context: Mapping | None = None,
    *,
    bijlagen: Iterable[Bijlage] = (),
) -> int:
    """Send the mail ``sjabloon`` to each recipient with an address, each one their own mail
    in their own language, after the transaction commits. Returns how many are sent.

    ``context`` is shared by all; each template also gets ``ontvanger``.
    """
    bijlagen = list(bijlagen)
    gezien: set[str] = set()
    aantal = 0
    for ontvanger in ontvangers:
        sleutel = ontvanger.adres.strip().lower()
        if not sleutel or sleutel in gezien:
            continue
        gezien.add(sleutel)
        sturen_aan(sjabloon, ontvanger, context, bijlagen=bijlagen)
        aantal += 1
    return aantal


def sturen_aan(
    sjabloon: str,
    ontvanger: Ontvanger,
    context: Mapping | None = None,
    *,
    bijlagen: Iterable[Bijlage] = (),
) -> Bericht:
    """:func:`sturen` for one recipient (who has an address): their mail's outbox row."""
    bericht = opstellen(sjabloon, ontvanger, context or {})
    bericht["bijlagen"] = [bijlage_json(*bijlage) for bijlage in bijlagen]
    return klaarzetten(bericht)


def klaarzetten(bericht: Mapping) -> Bericht:
    """Keep one finished mail (``aan``, ``onderwerp``, ``tekst``, ``html``, ``bijlagen``
    as JSON) in the outbox, in the caller's transaction, and queue it once that commits."""
    return alle_klaarzetten([bericht])[0]


def alle_klaarzetten(berichten: Iterable[Mapping]) -> list[Bericht]:
    """:func:`klaarzetten` for many mails in one insert (a round of invitations costs the
    same few queries for 3 people or 300); each is queued on its own once the caller's
    transaction commits, so each is sent, retried or listed as failed on its own."""
    rijen = Bericht.objects.bulk_create(
        Bericht(
            aan=bericht["aan"],
            onderwerp=bericht["onderwerp"],
            tekst=bericht["tekst"],
            html=bericht.get("html", ""),
            bijlagen=list(bericht.get("bijlagen", [])),
        )
        for bericht in berichten
    )
    for rij in rijen:
        transaction.on_commit(functools.partial(mail_versturen.enqueue, rij.pk))
    return rijen


def opstellen(sjabloon: str, ontvanger: Ontvanger, context: Mapping) -> dict:
    """The mail for one recipient, rendered in their language, as the task's arguments."""
    context = {**context, "ontvanger": ontvanger}
    with translation.override(ontvanger.taal or settings.LANGUAGE_CODE):
        onderwerp = render_to_string(f"{sjabloon}_onderwerp.txt", context)
        tekst = render_to_string(f"{sjabloon}.txt", context)
        try:
            html = get_template(f"{sjabloon}.html").render(context)
        except TemplateDoesNotExist:
            html = ""
    return {
        "aan": formataddr((ontvanger.naam, ontvanger.adres)),
        "onderwerp": _een_regel(onderwerp),
        "tekst": tekst,
        "html": html,
    }


def _een_regel(onderwerp: str) -> str:
    """One line: a header cannot hold a line break."""
    return " ".join(onderwerp.split())


def onderwerp_voor(sjabloon: str, ontvanger: Ontvanger, context: Mapping) -> str:
    """The subject :func:`opstellen` gives this recipient's mail (to find it again)."""
    with translation.override(ontvanger.taal or settings.LANGUAGE_CODE):
        return _een_regel(
            render_to_string(f"{sjabloon}_onderwerp.txt", {**context, "ontvanger": ontvanger})
        )


def bijlage_json(naam: str, inhoud: str | bytes, mimetype: str) -> dict:
    """An attachment as JSON can carry it: bytes in base64."""
    if isinstance(inhoud, bytes):
        return {"naam": naam, "base64": base64.b64encode(inhoud).decode(), "mimetype": mimetype}
    return {"naam": naam, "tekst": inhoud, "mimetype": mimetype}


def alternatief_json(alternatief: Alternatief) -> dict:
    """An :class:`Alternatief` as a row of the outbox's ``bijlagen`` keeps it."""
    return {"alternatief": True, "tekst": alternatief.inhoud, "mimetype": alternatief.mimetype}


class _Mail(EmailMultiAlternatives):
    """Django's mail, keeping the parameters of a part's MIME type (``method=REQUEST``),
    which Django would otherwise fold into the subtype."""

    def _create_mime_attachment(self, content, mimetype):
        soort, *parameters = (deel.strip() for deel in mimetype.split(";"))
        deel = super()._create_mime_attachment(content, soort)
        for parameter in parameters:
            naam, _is, waarde = parameter.partition("=")
            if naam.lower() != "charset":  # Django sets the charset it encodes with
                deel.set_param(naam, waarde.strip('"'))
        return deel


def _als_mail(bericht: Bericht) -> EmailMultiAlternatives:
    mail = _Mail(
        subject=bericht.onderwerp,
        body=bericht.tekst,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[bericht.aan],
    )
    if bericht.html:
        mail.attach_alternative(bericht.html, "text/html")
    for bijlage in bericht.bijlagen:
        inhoud = base64.b64decode(bijlage["base64"]) if "base64" in bijlage else bijlage["tekst"]
        if bijlage.get("alternatief"):
            mail.attach_alternative(inhoud, bijlage["mimetype"])
        else:
            mail.attach(bijlage["naam"], inhoud, bijlage["mimetype"])
    return mail


@task()
def mail_versturen(bericht_id: int | dict, poging: int = 1) -> str:
    """Send one mail of the outbox, once: claimed by one conditional UPDATE (a mail no
    longer waiting, sent or claimed by another worker, is left alone), sent, marked sent.
    A failed attempt before the last is queued again for later; the last marks it
    ``mislukt``. The task itself ends well either way: the row says what happened.

    (A dict is a mail queued before the outbox existed, ``poging`` its attempt: it is
    kept as a row first.)"""
    return _versturen(bericht_id, poging)


def _versturen(bericht_id: int | dict, poging: int) -> str:
    """:func:`mail_versturen`'s work, undecorated so ``make mutate`` can change it."""
    if isinstance(bericht_id, dict):
        bericht_id = Bericht.objects.create(
            aan=bericht_id["aan"],
            onderwerp=bericht_id["onderwerp"],
            tekst=bericht_id["tekst"],
            html=bericht_id.get("html", ""),
            bijlagen=bericht_id.get("bijlagen", []),
            pogingen=poging - 1,
        ).pk
    claim = timezone.now()
    geclaimd = Bericht.objects.filter(pk=bericht_id, status=Bericht.Status.WACHTEND).update(
        status=Bericht.Status.BEZIG, geclaimd_op=claim, pogingen=F("pogingen") + 1
    )
    if not geclaimd:
        return "niet meer wachtend"
    bericht = Bericht.objects.get(pk=bericht_id)
    try:
        _als_mail(bericht).send()
    except Exception as fout:  # noqa: BLE001 (every failure is kept with the mail)
        return _poging_mislukt(bericht, claim, fout)
    Bericht.objects.filter(pk=bericht.pk, status=Bericht.Status.BEZIG, geclaimd_op=claim).update(
        status=Bericht.Status.VERSTUURD, geclaimd_op=None, verstuurd_op=timezone.now()
    )
    return "verstuurd"


def _foutregel(fout: BaseException) -> str:
    soort = type(fout)
    naam = (
        soort.__qualname__
        if soort.__module__ == "builtins"
        else f"{soort.__module__}.{soort.__qualname__}"
    )
    return f"{naam}: {fout}".strip().rstrip(":") if str(fout) else naam


def _poging_mislukt(bericht: Bericht, claim: dt.datetime, fout: Exception) -> str:
    """After a failed attempt: queue the next one later, or, after the last, mark it failed
    (only if this claim still holds: a claim taken back belongs to another worker)."""
    eigen = Bericht.objects.filter(pk=bericht.pk, status=Bericht.Status.BEZIG, geclaimd_op=claim)
    if bericht.pogingen < settings.MAIL_POGINGEN:
        logger.warning(
            "Mail %r to %s could not be sent (attempt %d), trying again",
            bericht.onderwerp, bericht.aan, bericht.pogingen, exc_info=fout,
        )  # fmt: skip
        _later_opnieuw(eigen, bericht, _foutregel(fout))
        return f"poging {bericht.pogingen} mislukt, opnieuw gepland"
    logger.error("Mail %r to %s could not be sent", bericht.onderwerp, bericht.aan, exc_info=fout)
    eigen.update(status=Bericht.Status.MISLUKT, geclaimd_op=None, fout=_foutregel(fout))
    return "mislukt"


def _later_opnieuw(eigen, bericht: Bericht, fout: str) -> None:
    """Back to waiting, for an attempt after a wait that doubles each time; a backend that
    cannot wait (the immediate one of the demo and the tests) tries at once."""
    taak = mail_versturen
    wachten = 0
    if taak.get_backend().supports_defer:
        wachten = settings.MAIL_WACHTTIJD * 2 ** (bericht.pogingen - 1)
    vanaf = timezone.now() + dt.timedelta(seconds=wachten)
    if eigen.update(
        status=Bericht.Status.WACHTEND, geclaimd_op=None, fout=fout, te_versturen_vanaf=vanaf
    ):
        if wachten:
            taak = taak.using(run_after=vanaf)
        taak.enqueue(bericht.pk)


# ---- Mail not sent: taken back, listed, sent again on request ------------------------------

# A waiting mail this long past its time has no task any more (a worker that was never
# started, a queue lost): the page lists it and the worker queues it again.
TE_LANG_WACHTEND = dt.timedelta(minutes=10)


def claimduur() -> dt.timedelta:
    return Bericht.claimduur()


def _niet_verstuurd(nu: dt.datetime | None = None) -> Q:
    """Failed, claimed by a worker that died, or waiting long past its time."""
    nu = nu or timezone.now()
    return (
        Q(status=Bericht.Status.MISLUKT)
        | Q(status=Bericht.Status.BEZIG, geclaimd_op__lt=nu - claimduur())
        | Q(status=Bericht.Status.WACHTEND, te_versturen_vanaf__lt=nu - TE_LANG_WACHTEND)
    )


def terugnemen(nu: dt.datetime | None = None) -> int:
    """Take back the mail of workers that died (a claim older than ``MAIL_CLAIM_SECONDEN``:
    waiting again, or ``mislukt`` when that was its last attempt) and queue again mail
    waiting long past its time. Each row by one conditional UPDATE, so two sweepers, or a
    sweeper and a late worker, never both take it. Returns how many were queued again."""
    nu = nu or timezone.now()
    verlopen = Q(status=Bericht.Status.BEZIG, geclaimd_op__lt=nu - claimduur())
    vergeten = Q(status=Bericht.Status.WACHTEND, te_versturen_vanaf__lt=nu - TE_LANG_WACHTEND)
    aantal = 0
    rijen = Bericht.objects.filter(verlopen | vergeten)
    for pk, status, geclaimd_op, vanaf, pogingen in rijen.values_list(
        "pk", "status", "geclaimd_op", "te_versturen_vanaf", "pogingen"
    ):
        zelfde = Bericht.objects.filter(
            pk=pk, status=status, geclaimd_op=geclaimd_op, te_versturen_vanaf=vanaf
        )
        if status == Bericht.Status.BEZIG and pogingen >= settings.MAIL_POGINGEN:
            zelfde.update(
                status=Bericht.Status.MISLUKT,
                geclaimd_op=None,
                fout=str(_("De verzending werd onderbroken (de verwerker stopte).")),
            )
            continue
        if zelfde.update(status=Bericht.Status.WACHTEND, geclaimd_op=None, te_versturen_vanaf=nu):
            logger.warning(
                "Mail %s taken back (%s since %s) and queued again",
                pk,
                status,
                geclaimd_op or vanaf,
            )
            transaction.on_commit(functools.partial(mail_versturen.enqueue, pk))
            aantal += 1
    return aantal


def vervangen(*bericht_ids: int | None) -> None:
    """Newer mails to the same people say what these said, as it stands now: those of them
    that failed are no longer listed (nobody should send the old one again too)."""
    ids = [pk for pk in bericht_ids if pk is not None]
    if ids:
        Bericht.objects.filter(pk__in=ids, status=Bericht.Status.MISLUKT).delete()


def _mailgrens(nu: dt.datetime | None, dagen: int | None) -> dt.datetime:
    dagen = settings.BEWAREN_MAILS_DAGEN if dagen is None else dagen
    return (nu or timezone.now()) - dt.timedelta(days=dagen)


def verstuurd_verlopen(nu: dt.datetime | None = None, dagen: int | None = None):
    """Sent mail older than ``dagen`` days (``BEWAREN_MAILS_DAGEN``): it holds personal data."""
    grens = _mailgrens(nu, dagen)
    return Bericht.objects.filter(status=Bericht.Status.VERSTUURD, verstuurd_op__lt=grens)


def mislukt_verlopen(nu: dt.datetime | None = None, dagen: int | None = None):
    """Failed mail whose last attempt (``te_versturen_vanaf``: a retry moves it, sending it
    again from the secretariat's page too) is older than ``dagen`` days: the secretariat's
    page listed it all that time; after it, the address goes like a sent mail's
    (``manage.py bewaren``)."""
    grens = _mailgrens(nu, dagen)
    return Bericht.objects.filter(status=Bericht.Status.MISLUKT, te_versturen_vanaf__lt=grens)


def opruimen(nu: dt.datetime | None = None, dagen: int | None = None) -> int:
    """Forget sent mail after ``dagen`` days (``BEWAREN_MAILS_DAGEN``: it holds personal
    data); failed mail stays until it is sent again or ``manage.py bewaren`` forgets it."""
    return verstuurd_verlopen(nu, dagen).delete()[0]


@dataclass(frozen=True)
class NietVerstuurd:
    """A mail not sent, as the secretariat's page lists it: failed after every attempt,
    interrupted (its worker died), or still waiting long after it was made."""

    id: int
    soort: str  # "mislukt", "onderbroken" or "wacht"
    wanneer: dt.datetime
    aan: str
    onderwerp: str
    fout: str
    oorzaak: str  # the error in the reader's language
    pogingen: int


def niet_verstuurd_sinds(sinds: dt.datetime) -> set[tuple[str, str]]:
    """(address in lower case, subject) of each mail made since ``sinds`` and not sent
    (failed, interrupted, waiting far too long): whom a round of mail did not reach."""
    return {
        (parseaddr(aan)[1].lower(), onderwerp)
        for aan, onderwerp in Bericht.objects.filter(
            _niet_verstuurd(), gemaakt_op__gte=sinds
        ).values_list("aan", "onderwerp")
    }


def aantal_niet_verstuurde_mails() -> int:
    return Bericht.objects.filter(_niet_verstuurd()).count()


def niet_verstuurde_mails() -> list[NietVerstuurd]:
    """Mail not sent, newest first (one query)."""
    resultaat = []
    for b in Bericht.objects.filter(_niet_verstuurd()).order_by("-gemaakt_op", "-pk"):
        if b.status == Bericht.Status.MISLUKT:
            soort = "mislukt"
        elif b.status == Bericht.Status.BEZIG:
            soort = "onderbroken"
        else:
            soort = "wacht"
        resultaat.append(
            NietVerstuurd(
                id=b.pk,
                soort=soort,
                wanneer=b.geclaimd_op or b.gemaakt_op,
                aan=b.ontvanger,
                onderwerp=b.onderwerp,
                fout=b.fout,
                oorzaak=b.oorzaak,
                pogingen=b.pogingen,
            )
        )
    return resultaat


def opnieuw_sturen(bericht_id) -> bool:
    """Send a mail not sent again as it was, with all its attempts, once the transaction
    commits: one conditional UPDATE, so two clicks send it once. False when it is no such
    mail (any more: a colleague sent it again first, or it went out meanwhile)."""
    nu = timezone.now()
    terug = Bericht.objects.filter(_niet_verstuurd(nu), pk=bericht_id).update(
        status=Bericht.Status.WACHTEND, geclaimd_op=None, pogingen=0, te_versturen_vanaf=nu
    )
    if terug:
        transaction.on_commit(functools.partial(mail_versturen.enqueue, bericht_id))
    return bool(terug)

"""The project's one way to send mail: rendered in the reader's language, sent in the background.

:func:`sturen` renders, per recipient, a subject, a plain text and (when its template
exists) an HTML part from ``<sjabloon>_onderwerp.txt``, ``<sjabloon>.txt`` and
``<sjabloon>.html``, in that recipient's language. It then enqueues one task per mail
(:func:`mail_versturen`) on the project's task backend (``settings.TASKS``: immediate in
the demo and the tests, the database and ``manage.py db_worker`` in production) once
the transaction commits, so a rolled-back change mails nobody. The task sends through
Django's mail setup (``settings.EMAIL_BACKEND``: the console in the demo).

A task's arguments are the finished mail (plain JSON), so a worker renders nothing and a
failed send can be sent again as it was. A failed attempt is tried again
(``settings.MAIL_POGINGEN`` attempts in all, ``MAIL_WACHTTIJD`` seconds apart and doubling,
as a new task to run later: django-tasks 0.12 has no retries of its own); only the last
failure fails its task, which the database backend keeps with the mail and the error
(:func:`mislukte_mails`, :func:`opnieuw_sturen`: the secretariat's page of failed mail).
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from email.utils import formataddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template import TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from django.utils import timezone, translation
from django_tasks import task
from django_tasks_db.models import DBTaskResult

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
    def van(cls, user) -> Ontvanger:
        """An account as a recipient: its e-mail address, names and language."""
        return cls(
            adres=user.email,
            taal=taal_van(user),
            naam=user.get_full_name(),
            aanspreken=user.first_name or user.get_full_name(),
        )


# An attachment: (file name, content, MIME type), as EmailMessage.attach takes it.
Bijlage = tuple[str, str | bytes, str]


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
    bijlagen = [_bijlage_json(*bijlage) for bijlage in bijlagen]
    gezien: set[str] = set()
    aantal = 0
    for ontvanger in ontvangers:
        sleutel = ontvanger.adres.strip().lower()
        if not sleutel or sleutel in gezien:
            continue
        gezien.add(sleutel)
        bericht = opstellen(sjabloon, ontvanger, context or {})
        bericht["bijlagen"] = bijlagen
        transaction.on_commit(functools.partial(mail_versturen.enqueue, bericht))
        aantal += 1
    return aantal


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
        # One line: a header cannot hold a line break.
        "onderwerp": " ".join(onderwerp.split()),
        "tekst": tekst,
        "html": html,
    }


def _bijlage_json(naam: str, inhoud: str | bytes, mimetype: str) -> dict:
    """An attachment as JSON can carry it: bytes in base64."""
    if isinstance(inhoud, bytes):
        return {"naam": naam, "base64": base64.b64encode(inhoud).decode(), "mimetype": mimetype}
    return {"naam": naam, "tekst": inhoud, "mimetype": mimetype}


@task()
def mail_versturen(bericht: dict, poging: int = 1) -> str:
    """Send one mail as :func:`opstellen` made it. A failed attempt before the last is
    queued again for later (and this task ends well: the mail is not lost); the last one
    raises, so the task backend records it (the database backend keeps it, with the mail,
    to be sent again)."""
    mail = EmailMultiAlternatives(
        subject=bericht["onderwerp"],
        body=bericht["tekst"],
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[bericht["aan"]],
    )
    if bericht.get("html"):
        mail.attach_alternative(bericht["html"], "text/html")
    for bijlage in bericht.get("bijlagen", []):
        if "base64" in bijlage:
            inhoud = base64.b64decode(bijlage["base64"])
        else:
            inhoud = bijlage["tekst"]
        mail.attach(bijlage["naam"], inhoud, bijlage["mimetype"])
    try:
        mail.send()
    except Exception:
        if poging < settings.MAIL_POGINGEN:
            logger.warning(
                "Mail %r to %s could not be sent (attempt %d), trying again",
                bericht["onderwerp"],
                bericht["aan"],
                poging,
                exc_info=True,
            )
            _later_opnieuw(bericht, poging + 1)
            return f"poging {poging} mislukt, opnieuw gepland"
        # The immediate backend keeps a task's error to itself: say it in the log too.
        logger.exception("Mail %r to %s could not be sent", bericht["onderwerp"], bericht["aan"])
        raise
    return "verstuurd"


def _later_opnieuw(bericht: dict, poging: int) -> None:
    """Queue attempt ``poging`` after a wait that doubles each time; a backend that cannot
    wait (the immediate one of the demo and the tests) tries at once."""
    taak = mail_versturen
    if taak.get_backend().supports_defer:
        wachten = settings.MAIL_WACHTTIJD * 2 ** (poging - 2)
        taak = taak.using(run_after=timezone.now() + dt.timedelta(seconds=wachten))
    taak.enqueue(bericht, poging=poging)


# ---- Failed mail: kept by the database backend, sent again on request ----------------------

TAAKPAD = mail_versturen.module_path


@dataclass(frozen=True)
class MisluktBericht:
    """A mail whose every attempt failed, as the secretariat's page lists it."""

    id: str
    wanneer: dt.datetime | None
    aan: str
    onderwerp: str
    fout: str
    pogingen: int


def _mislukt():
    return DBTaskResult.objects.failed().filter(task_path=TAAKPAD)


def aantal_mislukte_mails() -> int:
    return _mislukt().count()


def _laatste_regel(traceback: str) -> str:
    regels = [regel for regel in traceback.strip().splitlines() if regel.strip()]
    return regels[-1].strip() if regels else ""


def mislukte_mails() -> list[MisluktBericht]:
    """Failed mail tasks, newest first, each with the error's last line (one query)."""
    resultaat = []
    for taak in _mislukt().order_by("-finished_at"):
        args = taak.args_kwargs.get("args") or [{}]
        bericht = args[0] if isinstance(args[0], dict) else {}
        resultaat.append(
            MisluktBericht(
                id=str(taak.id),
                wanneer=taak.finished_at,
                aan=bericht.get("aan", ""),
                onderwerp=bericht.get("onderwerp", ""),
                fout=_laatste_regel(taak.traceback),
                pogingen=taak.args_kwargs.get("kwargs", {}).get("poging", 1),
            )
        )
    return resultaat


def opnieuw_sturen(taak_id) -> bool:
    """Send a failed mail again as it was (a new task with all its attempts, once the
    transaction commits) and forget the failure. False when it is no failed mail (any
    more: a colleague sent it again first)."""
    taak = _mislukt().select_for_update().filter(id=taak_id).first()
    if taak is None:
        return False
    bericht = taak.args_kwargs["args"][0]
    taak.delete()
    transaction.on_commit(functools.partial(mail_versturen.enqueue, bericht))
    return True

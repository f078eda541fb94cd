"""Forgetting a person (GDPR art. 17), driven by the retention policy like the export: no
list of models here. Every row the policy links to the person is visited, and each field
holding personal data gets what its kind's ``wissen`` says:

- ``pseudoniem``: a name becomes the person's pseudonym ("Persoon 7F3A2C", the same
  everywhere); the account becomes unusable (no password, the pseudonym as username,
  inactive); a link to the person stays, for the record it points to is forgotten itself;
- ``leegmaken``: emptied (an address that may not be empty becomes ``…@vergeten.invalid``);
  a value that cannot be empty (a date, a required link) stays, it names no one by itself;
- ``verwijderen``: the row is deleted;
- ``behouden``: kept (ESF evidence, art. 17(3)(b)/(e)); a text in it that names the person
  gets the pseudonym instead.

Only the person's own rows are erased this way: a row the person merely saved (a link of kind
``auteur``) keeps its contents, and a text that names the person (a ``naam`` or ``adres``
link) has that name or address replaced, matched exactly (word boundaries), so another "Jan
Peeters" inside "Jan Peetersen" is left alone. Reports already made are files that are
never opened here; a report made afterwards reads the pseudonym.

The rows are gathered before anything changes (the links are names and addresses that the
erasure itself replaces) and written with ``bulk_update()``, never ``save()``: no new history
row copies the data again, and running it twice changes nothing more.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections import Counter
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX, make_password
from django.db import models, transaction
from django.db.models import Q
from django.utils.text import slugify

from werkgroep.models import Deelnemer

from .beleid import Beleid, Soort, beleid
from .export import Persoon

#: Links that point at the person's records (not free text).
STRUCTUREEL = {"deelnemer", "account", "gebruikersnaam"}
VERGETEN_DOMEIN = "vergeten.invalid"  # RFC 2606: never a real mailbox


def pseudoniem(deelnemer: Deelnemer) -> str:
    """The person's stable pseudonym: derived from their number and the SECRET_KEY, so it is
    the same in every table and every run, and cannot be traced back without the key."""
    code = hmac.new(
        settings.SECRET_KEY.encode(), f"deelnemer:{deelnemer.pk}".encode(), hashlib.sha256
    ).hexdigest()[:6]
    return f"Persoon {code.upper()}"


def naampatroon(naam: str) -> re.Pattern | None:
    """The full name as a whole: not inside a longer word ("Jan Peeters" is not in "Jan
    Peetersen"), any case, any spacing between its parts."""
    delen = naam.split()
    if not delen:
        return None
    return re.compile(
        r"(?<!\w)" + r"\s+".join(re.escape(d) for d in delen) + r"(?!\w)", re.IGNORECASE
    )


def adrespatroon(adres: str) -> re.Pattern:
    """An e-mail address as a whole, not part of a longer one."""
    return re.compile(r"(?<![\w.+-])" + re.escape(adres) + r"(?![\w-]|\.\w)", re.IGNORECASE)


@dataclass
class Uitkomst:
    """What erasure did, per model label: rows changed and rows deleted."""

    gewijzigd: Counter = field(default_factory=Counter)
    verwijderd: Counter = field(default_factory=Counter)

    @property
    def leeg(self) -> bool:
        return not self.gewijzigd and not self.verwijderd


@dataclass
class _Rij:
    model: type[models.Model]
    pk: object
    eigen: bool  # the person's own record (not only saved or named by them)
    van_persoon: bool  # the row *is* the person (their participant or account)
    tekstvelden: set[str]  # fields whose text names the person or holds their address


class _Wisser:
    def __init__(self, deelnemer: Deelnemer, schuilnaam: str, b: Beleid):
        self.persoon = Persoon(deelnemer)
        self.schuilnaam = schuilnaam
        self.b = b
        self.naam = naampatroon(self.persoon.naam)
        self.adressen = [adrespatroon(a) for a in self.persoon.adressen]
        self.schuiladres = f"{slugify(schuilnaam)}@{VERGETEN_DOMEIN}"
        # A username kept as text (the access log's reader) becomes the account's new one.
        self.gebruikersnaam = self.persoon.account.get_username() if self.persoon.account else None

    # ---- gathering -----------------------------------------------------------------------

    def rijen(self) -> list[_Rij]:
        rijen = []
        for label, koppelingen in self.b.koppelingen.items():
            model = apps.get_model(label)
            eigen, van_persoon, tekst = set(), set(), {}
            for hoe, lookups in koppelingen.items():
                for lookup in lookups:
                    voorwaarden = self.persoon.voorwaarden(hoe, lookup)
                    if not voorwaarden:
                        continue
                    q = Q()
                    for v in voorwaarden:
                        q |= v
                    if hoe in STRUCTUREEL:
                        pks = set(model._base_manager.filter(q).values_list("pk", flat=True))
                        if lookup == "pk":
                            van_persoon |= pks
                            eigen |= pks
                        elif self._soort(model, lookup.split("__")[0]) != "auteur":
                            eigen |= pks  # not only saved by the person: about them
                        continue
                    # A text link: the database's broad match, then the exact one here.
                    for pk, waarde in model._base_manager.filter(q).values_list("pk", lookup):
                        if self._noemt(waarde):
                            if "__" in lookup:
                                eigen.add(pk)  # e.g. a reminder of the person's invitation
                            else:
                                tekst.setdefault(pk, set()).add(lookup)
            for pk in sorted(eigen | set(tekst), key=str):
                rijen.append(_Rij(model, pk, pk in eigen, pk in van_persoon, tekst.get(pk, set())))
        return rijen

    def _soort(self, model, veld: str) -> str | None:
        soort = self.b.soort_van(model, veld)
        return soort.naam if soort else None

    def _noemt(self, waarde) -> bool:
        if not isinstance(waarde, str) or not waarde:
            return False
        if self.naam is not None and self.naam.search(waarde):
            return True
        return any(p.search(waarde) for p in self.adressen)

    # ---- erasing -------------------------------------------------------------------------

    def wissen(self, rij: _Rij, uitkomst: Uitkomst) -> None:
        try:
            obj = rij.model._base_manager.get(pk=rij.pk)
        except rij.model.DoesNotExist:
            return  # deleted with a row before it
        label = rij.model._meta.label
        naamvelden = [
            v for v in rij.model._meta.concrete_fields if self._soort(rij.model, v.name) == "naam"
        ]
        wijzigingen = {}
        for veld in rij.model._meta.concrete_fields:
            soort = self.b.soort_van(rij.model, veld.name)
            actie = soort.wissen if rij.eigen and soort is not None else None
            if veld.name in rij.tekstvelden and actie not in {"leegmaken", "verwijderen"}:
                if soort is not None and soort.wissen in {"leegmaken", "verwijderen"}:
                    actie = soort.wissen  # a text that is personal data of its kind
                elif actie != "pseudoniem":
                    actie = "tekst"  # evidence or content: only the name is replaced
            if actie is None:
                continue
            if actie == "verwijderen":
                rij.model._base_manager.filter(pk=rij.pk).delete()
                uitkomst.verwijderd[label] += 1
                return
            oud = getattr(obj, veld.attname)
            nieuw = self._nieuw(rij, obj, veld, soort, actie, oud, naamvelden)
            if nieuw != oud:
                wijzigingen[veld.attname] = nieuw
        if wijzigingen:
            for attname, waarde in wijzigingen.items():
                setattr(obj, attname, waarde)
            # Through the model's manager, so a value derived from a text follows it (a cost
            # line's duplicate key); never save(), which would copy the row into its history.
            if not rij.model._default_manager.bulk_update([obj], list(wijzigingen)):
                rij.model._base_manager.filter(pk=rij.pk).update(**wijzigingen)
            uitkomst.gewijzigd[label] += 1

    def _nieuw(self, rij, obj, veld, soort: Soort | None, actie: str, oud, naamvelden):
        if actie == "behouden" or veld.is_relation:
            return oud
        if actie == "tekst":
            return self._vervangen(oud)
        if actie == "leegmaken":
            if isinstance(oud, str):
                if oud and isinstance(veld, models.EmailField) and not veld.blank:
                    return self.schuiladres
                return ""
            return None if veld.null else oud
        # pseudoniem
        return self._pseudoniem(rij, obj, veld, soort, oud, naamvelden)

    def _pseudoniem(self, rij, obj, veld, soort, oud, naamvelden):
        gebruiker = get_user_model()
        if rij.model is gebruiker and veld.name == "password":
            if isinstance(oud, str) and oud.startswith(UNUSABLE_PASSWORD_PREFIX):
                return oud
            return make_password(None)
        if rij.model is gebruiker and veld.name == gebruiker.USERNAME_FIELD:
            return slugify(self.schuilnaam)
        if isinstance(veld, models.BooleanField):
            return False  # is_active
        if isinstance(oud, str):
            if self.gebruikersnaam is not None and oud == self.gebruikersnaam:
                return slugify(self.schuilnaam)
            if self._noemt(oud):
                return self._vervangen(oud)
            if veld in naamvelden and rij.van_persoon:
                # The person's own record: first and last name become the pseudonym's parts.
                delen = self.schuilnaam.split(" ", 1) if len(naamvelden) == 2 else [self.schuilnaam]
                return delen[naamvelden.index(veld)] if len(delen) > 1 else delen[0]
            return oud
        if veld.null and isinstance(veld, models.DateTimeField):
            return None  # last_login
        return oud

    def _vervangen(self, tekst):
        if not isinstance(tekst, str):
            return tekst
        if self.naam is not None:
            tekst = self.naam.sub(self.schuilnaam, tekst)
        for patroon in self.adressen:
            tekst = patroon.sub(self.schuiladres, tekst)
        return tekst


def vergeten(deelnemer: Deelnemer, schuilnaam: str, b: Beleid | None = None) -> Uitkomst:
    """Erase ``deelnemer`` by the policy, in one transaction; the pseudonym ``schuilnaam``
    takes their place where a record must stay. Safe to run twice."""
    wisser = _Wisser(deelnemer, schuilnaam, b or beleid())
    uitkomst = Uitkomst()
    with transaction.atomic():
        for rij in wisser.rijen():
            wisser.wissen(rij, uitkomst)
    return uitkomst

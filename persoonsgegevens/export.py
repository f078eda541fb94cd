"""Everything the site holds about one person (GDPR art. 15), gathered by following the
retention policy's links (``persoon`` in ``bewaarbeleid.yaml``): no list of models here, so a
new model with personal data is in the export as soon as the policy says how its rows belong
to a person — and the policy's test refuses it until it does."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import io
import json
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import PurePosixPath

from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from werkgroep.models import Deelnemer

from .beleid import Beleid, beleid

#: Never exported: a password hash is no information for its owner and a risk in a file.
GEHEIM = {
    ("auth.User", "password"),
    ("otp_totp.TOTPDevice", "key"),  # a second factor's secret (tweestaps)
    ("otp_static.StaticToken", "token"),
    # A passkey's public key and id (tweestaps): they identify the authenticator.
    ("django_otp_webauthn.WebAuthnCredential", "credential_id"),
    ("django_otp_webauthn.WebAuthnCredential", "credential_id_sha256"),
    ("django_otp_webauthn.WebAuthnCredential", "public_key"),
    ("django_otp_webauthn.WebAuthnAttestation", "data"),
    ("django_otp_webauthn.WebAuthnAttestation", "client_data_json"),
    ("django_otp_webauthn.WebAuthnUserHandle", "handle_hex"),
}


@dataclass(frozen=True)
class Persoon:
    """The person asked about: a participant, with their account if they have one."""

    deelnemer: Deelnemer

    @property
    def account(self):
        return self.deelnemer.account

    @property
    def naam(self) -> str:
        return f"{self.deelnemer.voornaam} {self.deelnemer.achternaam}".strip()

    @property
    def adressen(self) -> list[str]:
        adressen = {self.deelnemer.email.strip().lower()}
        if self.account is not None:
            adressen.add(self.account.email.strip().lower())
        return sorted(a for a in adressen if a)

    def filter(self, koppelingen: dict[str, list[str]]) -> Q | None:
        """The rows of a model that belong to this person by the policy's links; None when
        no link applies (e.g. links to an account for a person without one)."""
        delen = []
        for hoe, velden in koppelingen.items():
            for veld in velden:
                delen += self.voorwaarden(hoe, veld)
        if not delen:
            return None
        q = Q()
        for deel in delen:
            q |= deel
        return q

    def voorwaarden(self, hoe: str, veld: str) -> list[Q]:
        """The conditions for one link of the policy (``persoon`` in the YAML): the one place
        where a link becomes a query, for the export and for erasure."""
        if hoe == "deelnemer":
            return [Q(**{veld: self.deelnemer.pk})]
        if hoe == "account":
            return [Q(**{veld: self.account.pk})] if self.account else []
        if hoe == "gebruikersnaam":
            return [Q(**{veld: self.account.get_username()})] if self.account else []
        if hoe == "adres":
            return [Q(**{f"{veld}__icontains": adres}) for adres in self.adressen]
        if hoe == "naam":
            return [Q(**{f"{veld}__icontains": self.naam})] if self.naam else []
        raise ValueError(hoe)


@dataclass
class Tabel:
    """The rows of one model that belong to the person."""

    label: str
    naam: str  # the model's plural name, in the reader's language
    kolommen: list[tuple[str, str]]  # (field name, label)
    rijen: list[dict] = field(default_factory=list)  # field name -> value as JSON holds it
    bestanden: list[tuple[str, models.fields.files.FieldFile]] = field(default_factory=list)


@dataclass
class Export:
    persoon: Persoon
    gemaakt_op: dt.datetime
    tabellen: list[Tabel]

    @property
    def aantal_rijen(self) -> int:
        return sum(len(t.rijen) for t in self.tabellen)

    def rijen_per_soort(self, b: Beleid | None = None) -> dict[str, int]:
        """Per kind of personal data (its name in the policy), how many of the person's rows
        hold it: what erasure will touch, counted before it is asked."""
        b = b or beleid()
        aantallen = dict.fromkeys(b.soorten, 0)
        for tabel in self.tabellen:
            model = apps.get_model(tabel.label)
            soorten = {b.soort_van(model, veld) for veld, _label in tabel.kolommen} - {None}
            for soort in soorten:
                aantallen[soort.naam] += len(tabel.rijen)
        return aantallen


def verzamelen(deelnemer: Deelnemer, b: Beleid | None = None) -> Export:
    """Every row of every model that belongs to ``deelnemer``, all its fields."""
    b = b or beleid()
    persoon = Persoon(deelnemer)
    tabellen = []
    for label, koppelingen in b.koppelingen.items():
        model = apps.get_model(label)
        voorwaarde = persoon.filter(koppelingen)
        if voorwaarde is None:
            continue
        velden = list(model._meta.concrete_fields)
        tabel = Tabel(
            label=label,
            naam=str(model._meta.verbose_name_plural),
            kolommen=[(v.name, str(v.verbose_name)) for v in velden],
        )
        for rij in model._base_manager.filter(voorwaarde).distinct().order_by("pk"):
            tabel.rijen.append({v.name: _waarde(label, rij, v) for v in velden})
            for v in velden:
                bestand = getattr(rij, v.name) if isinstance(v, models.FileField) else None
                if bestand:
                    tabel.bestanden.append((f"bestanden/{label}/{rij.pk}/", bestand))
        if tabel.rijen:
            tabellen.append(tabel)
    return Export(persoon, timezone.now(), tabellen)


def _waarde(label: str, rij: models.Model, veld: models.Field):
    if (label, veld.name) in GEHEIM:
        return _("(niet uitgevoerd: een wachtwoord of sleutel geeft de site nooit mee)")
    if isinstance(veld, models.ForeignKey):
        return getattr(rij, veld.attname)
    waarde = getattr(rij, veld.attname)
    if isinstance(veld, models.FileField):
        return waarde.name or ""
    if isinstance(waarde, bytes | memoryview):
        return base64.b64encode(bytes(waarde)).decode("ascii")
    return waarde


def als_json(export: Export) -> str:
    return json.dumps(
        {
            "persoon": {"deelnemer": export.persoon.deelnemer.pk, "naam": export.persoon.naam},
            "gemaakt_op": export.gemaakt_op,
            "gegevens": {t.label: t.rijen for t in export.tabellen},
        },
        cls=DjangoJSONEncoder,
        ensure_ascii=False,
        indent=2,
    )


#: Written by reading the person's data (the access log names the person exported), so they
#: change with every export and say nothing about whether the data itself changed.
NIET_IN_VINGERAFDRUK = {"kern.Inzage"}


def vingerafdruk(export: Export) -> str:
    """A hash of what the export holds about the person, without the time it was made and
    without the records of their requests (``persoonsgegevens.*``, which erasure keeps) and
    without the access log (``kern.Inzage``: the export itself writes a line there): the
    same data gives the same fingerprint, so erasure can refuse when it changed since."""
    gegevens = {
        t.label: [
            {k: v for k, v in rij.items() if (t.label, k) not in GEHEIM}  # a text in a language
            for rij in t.rijen
        ]
        for t in export.tabellen
        if not t.label.startswith("persoonsgegevens.") and t.label not in NIET_IN_VINGERAFDRUK
    }
    tekst = json.dumps(
        {"persoon": export.persoon.deelnemer.pk, "gegevens": gegevens},
        cls=DjangoJSONEncoder,
        ensure_ascii=False,
        sort_keys=True,
    )
    return hashlib.sha256(tekst.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Leesbaar:
    """A table as the person reads it in ``gegevens.html``: links named, not numbered."""

    naam: str
    kolommen: list[str]
    rijen: list[list[str]]


def leesbaar(tabel: Tabel) -> Leesbaar:
    """A record linked to by its name (the meeting by its date, the group by its name), yes
    and no, dates and amounts as the reader's language writes them, a choice by its label.
    A link table Django made (an account's groups) is named by the two things it links."""
    model = apps.get_model(tabel.label)
    velden = [model._meta.get_field(naam) for naam, _label in tabel.kolommen]
    namen = {}  # field name -> {pk: name} of the records its rows link to
    for veld in velden:
        if isinstance(veld, models.ForeignKey):
            pks = {rij[veld.name] for rij in tabel.rijen} - {None}
            gevonden = veld.related_model._base_manager.in_bulk(pks)
            namen[veld.name] = {pk: str(obj) for pk, obj in gevonden.items()}
    naam, kolommen = tabel.naam, [label for _naam, label in tabel.kolommen]
    if model._meta.auto_created:
        doelen = [v.related_model._meta for v in velden if isinstance(v, models.ForeignKey)]
        kolommen = [
            str(v.related_model._meta.verbose_name) if v.is_relation else label
            for v, label in zip(velden, kolommen, strict=True)
        ]
        naam = " – ".join(str(d.verbose_name_plural) for d in doelen)
    return Leesbaar(
        naam,
        kolommen,
        [
            [_leesbare_waarde(tabel.label, v, rij[v.name], namen.get(v.name)) for v in velden]
            for rij in tabel.rijen
        ],
    )


def _leesbare_waarde(label: str, veld: models.Field, waarde, namen: dict | None) -> str:
    if waarde is None or waarde == "" or (label, veld.name) in GEHEIM:
        return "" if waarde is None else str(waarde)
    if namen is not None:
        return namen.get(waarde) or _("(verwijderd, nr. %(pk)s)") % {"pk": waarde}
    if veld.flatchoices:
        return str(dict(veld.flatchoices).get(waarde, waarde))
    if isinstance(waarde, bool):
        return _("ja") if waarde else _("nee")
    if isinstance(waarde, dt.datetime):
        return formats.date_format(timezone.localtime(waarde), "DATETIME_FORMAT")
    if isinstance(waarde, dt.date | Decimal | int | float):
        return formats.localize(waarde)
    if isinstance(waarde, dict | list):
        return json.dumps(waarde, cls=DjangoJSONEncoder, ensure_ascii=False)
    return str(waarde)


def als_html(export: Export) -> str:
    tabellen = [leesbaar(tabel) for tabel in export.tabellen]
    return render_to_string(
        "persoonsgegevens/export.html", {"export": export, "tabellen": tabellen}
    )


def archief(export: Export) -> bytes:
    """One ZIP: ``gegevens.json`` (every value as stored), ``gegevens.html`` (the same, to
    read) and the uploaded files whose record belongs to the person."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zip_:
        zip_.writestr("gegevens.json", als_json(export))
        zip_.writestr("gegevens.html", als_html(export))
        for tabel in export.tabellen:
            for map_, bestand in tabel.bestanden:
                with bestand.open("rb") as f:
                    zip_.writestr(map_ + PurePosixPath(bestand.name).name, f.read())
    return buffer.getvalue()

"""Find anything: one search over meetings, projects, products, participants and
organisations, each kind filtered by the rule its own app already keeps for who sees what.

One function (:func:`zoeken`) and one strategy per database:

- PostgreSQL: full-text search, ranked. Every word matches as a Dutch stem ("vergaderingen"
  finds "vergadering") or as the start of a word ("werk" finds "Werk.waardig"); accents,
  case and the punctuation inside names and dates (". - /") do not count.
- SQLite (the demo and the default tests): every word is contained in one of the kind's
  fields, case and accents ignored (``kern.zoekvorm``, a function registered on the
  connection), sorted by name.

On both, a query that is a date ("06/06/2006", "6/6/06", "juni 2006") also finds the
meetings on that date, and ranks them first; a meeting is found by its kind as the page
names it ("rondetafelgesprek") and by its speakers.

A fixed number of queries: one per kind, whatever the data, at most ``PER_SOORT`` results.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import reduce
from operator import and_, or_

from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection, models
from django.db.models import Case, F, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Cast
from django.db.models.lookups import Contains
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kern.datums import Datumaanduiding, OngeldigeDatum
from kern.zoekvorm import zoekvorm, zonder_accenten
from projecten import selectors as projecten_selectors
from projecten.models import Product, Project
from validering import selectors as validering_selectors
from vergaderstukken import selectors as vergaderstukken_selectors
from werkgroep import selectors as werkgroep_selectors
from werkgroep.models import Agendapunt, Deelnemer, Organisatie, Vergadering

MINIMUM = 2  # letters or digits in a query
MAXIMUM = 100  # characters in a query (the search box's maxlength)
PER_SOORT = 20  # results shown per kind


class Zoekfout(ValueError):
    """A query that cannot be searched; its message says why, in the reader's language."""


def _vertaaltabel() -> tuple[str, str]:
    """The two strings of PostgreSQL's ``translate()`` that do in the database what
    :func:`zonder_accenten` does to the query (Latin-1 and Latin Extended-A letters), and
    turn the punctuation inside names and dates into spaces ("Werk.waardig", "2006-09-25")."""
    van, naar = [], []
    for code in range(0xC0, 0x180):
        letter = chr(code)
        basis = zonder_accenten(letter)
        if basis != letter and len(basis) == 1 and basis.isascii():
            van.append(letter)
            naar.append(basis)
    return "".join(van) + ".-/_", "".join(naar) + "    "


VAN, NAAR = _vertaaltabel()


def schoon(vraag: str) -> str:
    """The query as it is searched and shown: no control characters, spaces collapsed."""
    return " ".join("".join(c if c.isprintable() else " " for c in vraag).split())


def zoekwoorden(vraag: str) -> list[str]:
    """The words of a query (letters and digits); :class:`Zoekfout` for one too short or
    too long to search."""
    vraag = schoon(vraag)
    if len(vraag) > MAXIMUM:
        raise Zoekfout(
            _("Uw zoekvraag is te lang: zoek met hoogstens %(maximum)s tekens.")
            % {"maximum": MAXIMUM}
        )
    woorden = re.findall(r"[^\W_]+", vraag)
    if sum(map(len, woorden)) < MINIMUM:
        raise Zoekfout(
            _("Geef minstens %(minimum)s letters of cijfers om te zoeken.") % {"minimum": MINIMUM}
        )
    return woorden


@dataclass(frozen=True)
class Treffer:
    tekst: str
    url: str
    toelichting: str = ""


@dataclass(frozen=True)
class Groep:
    """The results of one kind, at most ``PER_SOORT``; ``meer`` when there are more."""

    sleutel: str
    titel: str
    treffers: list[Treffer]
    meer: bool


@dataclass(frozen=True)
class Uitslag:
    vraag: str
    groepen: list[Groep] = field(default_factory=list)

    @property
    def aantal(self) -> int:
        return sum(len(groep.treffers) for groep in self.groepen)


@dataclass(frozen=True)
class _Soort:
    """What is searched of one kind: its rows the user may see, the fields matched (a name,
    or a function giving an expression), the texts of related rows matched too (the related
    rows the user may read, as a function of the user; link to this kind; field), its
    result, and the fields of its date window (first and last day) for a query that is a date."""

    sleutel: str
    titel: str
    zichtbaar: Callable[..., QuerySet]
    velden: tuple[str | Callable[[], models.Expression], ...]
    volgorde: tuple[str, ...]
    treffer: Callable[..., Treffer]
    mee: tuple[str, ...]  # what the result shows, read in the same query
    gerelateerd: tuple[tuple[Callable[..., QuerySet], str, str], ...] = ()
    datum: tuple[str, str] | None = None


def _label(veld: str, keuzes: type[models.Choices]) -> Callable[[], models.Expression]:
    """A choice field as the page names it, in the reader's language ("rondetafelgesprek")."""

    def expressie() -> models.Expression:
        return Case(
            *[When(**{veld: waarde}, then=Value(str(naam))) for waarde, naam in keuzes.choices],
            default=Value(""),
            output_field=models.TextField(),
        )

    return expressie


def _expressie(veld) -> models.Expression:
    return F(veld) if isinstance(veld, str) else veld()


def _agenda(user) -> QuerySet:
    """A meeting's agenda: whoever sees the meeting sees its agenda and speakers."""
    return Agendapunt.objects.all()


def _vergadering(v: Vergadering) -> Treffer:
    plaats = f" · {v.plaats}" if v.plaats else ""
    return Treffer(
        f"{v.get_soort_display()} {v.datum_uur}".strip(),
        reverse("werkgroep:vergadering_detail", args=[v.pk]),
        f"{v.werkgroep}{plaats}",
    )


def _project(p: Project) -> Treffer:
    return Treffer(p.naam, reverse("projecten:fiche", args=[p.slug]), str(p.programma or ""))


def _product(p: Product) -> Treffer:
    return Treffer(
        p.titel, reverse("validering:product_detail", args=[p.project.slug, p.slug]), p.project.naam
    )


def _deelnemer(d: Deelnemer) -> Treffer:
    return Treffer(d.naam, reverse("werkgroep:deelnemer", args=[d.pk]), str(d.organisatie or ""))


def _organisatie(o: Organisatie) -> Treffer:
    return Treffer(o.volledige_naam, reverse("werkgroep:organisatie", args=[o.pk]))


SOORTEN = (
    _Soort(
        "vergaderingen",
        gettext_lazy("Vergaderingen"),
        werkgroep_selectors.zichtbare_vergaderingen,
        (
            "werkgroep__titel",
            _label("soort", Vergadering.Soort),
            "plaats",
            "oorspronkelijke_datum",
            "kenmerk",
        ),
        ("-datum_van", "-datum_tot", "-pk"),
        _vergadering,
        ("werkgroep",),
        gerelateerd=(
            (_agenda, "vergadering", "titel"),
            (_agenda, "vergadering", "spreker_naam"),
            (_agenda, "vergadering", "spreker__voornaam"),
            (_agenda, "vergadering", "spreker__achternaam"),
            # The minutes' text, only of minutes the user may read (vergaderstukken' rule).
            (vergaderstukken_selectors.leesbare_notulen, "vergadering", "tekst"),
        ),
        datum=("datum_van", "datum_tot"),
    ),
    _Soort(
        "projecten",
        gettext_lazy("Projecten"),
        projecten_selectors.zichtbare_projecten,
        ("naam", "omschrijving", "programma__naam"),
        ("naam", "pk"),
        _project,
        ("programma",),
    ),
    _Soort(
        "producten",
        gettext_lazy("Producten"),
        validering_selectors.zichtbare_producten,
        ("titel", "omschrijving", "project__naam"),
        ("titel", "pk"),
        _product,
        ("project",),
    ),
    _Soort(
        "deelnemers",
        gettext_lazy("Deelnemers"),
        werkgroep_selectors.zichtbare_deelnemers,
        ("voornaam", "achternaam", "organisatie__naam"),
        ("achternaam", "voornaam", "pk"),
        _deelnemer,
        ("organisatie",),
    ),
    _Soort(
        "organisaties",
        gettext_lazy("Organisaties"),
        lambda user: Organisatie.objects.all(),  # every logged-in user: no personal data
        ("naam", "moeder__naam", "opmerking"),
        ("naam", "pk"),
        _organisatie,
        (),  # its stored path names its parents
    ),
)


def _postgresql(rijen: QuerySet, soort: _Soort, woorden: list[str], gerelateerd):
    """Ranked full-text search: a Dutch stem or the start of a word, accents ignored.
    The rows (annotated), the condition a match meets, and the order."""

    def zonder_accenten_in_db(expressie):
        return models.Func(
            Cast(expressie, models.TextField()),
            Value(VAN),
            Value(NAAR),
            function="TRANSLATE",
            output_field=models.TextField(),
        )

    teksten = [zonder_accenten_in_db(_expressie(veld)) for veld in soort.velden]
    for bron, koppeling, veld in gerelateerd:
        samen = (
            bron.filter(**{koppeling: OuterRef("pk")})
            .values(koppeling)
            .annotate(tekst=StringAgg(veld, " "))
            .values("tekst")
        )
        teksten.append(zonder_accenten_in_db(Subquery(samen)))
    vector = SearchVector(*teksten, config="simple") + SearchVector(*teksten, config="dutch")
    # As the database writes the texts; split again, as an accent taken off may split a word.
    woorden = re.findall(r"[^\W_]+", zonder_accenten(" ".join(woorden).lower()))
    if not woorden:
        return rijen, Q(pk__in=[]), soort.volgorde
    begin = " & ".join(f"'{woord}':*" for woord in woorden)
    zoekvraag = SearchQuery(begin, config="simple", search_type="raw") | SearchQuery(
        " ".join(woorden), config="dutch"
    )
    rijen = rijen.alias(zoek=vector).annotate(rang=SearchRank(vector, zoekvraag))
    return rijen, Q(zoek=zoekvraag), ("-rang", *soort.volgorde)


def _sqlite(rijen: QuerySet, soort: _Soort, woorden: list[str], gerelateerd):
    """Every word in one of the fields, case and accents ignored (both sides in
    :func:`kern.zoekvorm.zoekvorm`), sorted by name."""

    def bevat(expressie, woord: str) -> Q:
        return Q(Contains(models.Func(expressie, function="zoekvorm"), woord))

    def ergens(woord: str) -> Q:
        woord = zoekvorm(woord)
        velden = [bevat(_expressie(veld), woord) for veld in soort.velden]
        for bron, koppeling, veld in gerelateerd:
            gevonden = bron.filter(bevat(F(veld), woord)).values(koppeling)
            velden.append(Q(pk__in=gevonden))
        return reduce(or_, velden)

    return rijen, reduce(and_, map(ergens, woorden)), soort.volgorde


def _als_datum(vraag: str) -> Datumaanduiding | None:
    """The date a query writes ("06/06/2006", "6/6/06", "juni 2006"), if it is one."""
    try:
        return Datumaanduiding.parse(schoon(vraag))
    except OngeldigeDatum:
        return None


def _op_datum(rijen: QuerySet, soort: _Soort, datum: Datumaanduiding, voorwaarde, volgorde):
    """Also the rows whose window meets the date, first those within it, then the others."""
    van, tot = soort.datum
    binnen = Q(**{f"{van}__gte": datum.van, f"{tot}__lte": datum.tot})
    raakt = Q(**{f"{van}__lte": datum.tot, f"{tot}__gte": datum.van})
    rijen = rijen.alias(op_datum=Case(When(binnen, then=2), When(raakt, then=1), default=0))
    return rijen, voorwaarde | raakt, ("-op_datum", *volgorde)


def zoeken(user, vraag: str) -> Uitslag:
    """What the user may see that matches ``vraag``, per kind; the kinds without a result
    are left out. :class:`Zoekfout` for a query too short or too long."""
    woorden = zoekwoorden(vraag)
    datum = _als_datum(vraag)
    strategie = _postgresql if connection.vendor == "postgresql" else _sqlite
    groepen = []
    for soort in SOORTEN:
        # The visible rows as a subquery: the app's rule as it is (joins, distinct, prefetches
        # left behind), and no query at all for a user who may see none.
        zichtbaar = soort.zichtbaar(user)
        rijen = zichtbaar.model.objects.filter(pk__in=zichtbaar.values("pk"))
        gerelateerd = [(bron(user), koppeling, veld) for bron, koppeling, veld in soort.gerelateerd]
        rijen, voorwaarde, volgorde = strategie(rijen, soort, woorden, gerelateerd)
        if datum is not None and soort.datum:
            rijen, voorwaarde, volgorde = _op_datum(rijen, soort, datum, voorwaarde, volgorde)
        gevonden = list(
            rijen.filter(voorwaarde).order_by(*volgorde).select_related(*soort.mee)[: PER_SOORT + 1]
        )
        if gevonden:
            groepen.append(
                Groep(
                    soort.sleutel,
                    str(soort.titel),
                    [soort.treffer(rij) for rij in gevonden[:PER_SOORT]],
                    meer=len(gevonden) > PER_SOORT,
                )
            )
    return Uitslag(schoon(vraag), groepen)

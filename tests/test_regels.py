"""Every rule of every app (``<app>/rules.py``), asked for every role: who is let in, who not.

The roles: anonymous, two current members of the seed's group (lid_a works on Werk.waardig,
lid_b does not), a member whose membership ended before the meeting (``oud_lid``) and one
whose membership has not started yet (``nieuw_lid``), the coordinator and the secretariat.
A new rule fails :func:`test_every_rule_has_a_case` until it has its row here.
"""

from __future__ import annotations

import datetime as dt

import pytest
import rules
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory
from django.utils import timezone

from kern.rechten import vereist
from tests import bouwers
from validering.models import Subgroep
from vergaderstukken import services as vergaderstukken_services
from vergaderstukken.models import Notulen
from werkgroep.models import Lidmaatschap, Vergadering

ROLLEN = ["anoniem", "lid_a", "lid_b", "oud_lid", "nieuw_lid", "coordinator", "secretariaat"]
APPS = [
    "werkgroep",
    "projecten",
    "validering",
    "financien",
    "uitnodigingen",
    "vergaderstukken",
    "rapportage",
    "persoonsgegevens",
    "tweestaps",
    "kern",
]
LEIDING = {"coordinator", "secretariaat"}
SECRETARIAAT = {"secretariaat"}

# rule -> (the object it is asked about, by name in the world below; who may)
GEVALLEN = {
    "werkgroep.alles_zien": (None, LEIDING),
    "werkgroep.werkgroep_zien": ("werkgroep", {"lid_a", "lid_b"} | LEIDING),
    "werkgroep.vergadering_zien": ("vergadering", {"lid_a", "lid_b"} | LEIDING),
    # A participant of a group one is a member of today (lid_b's), as the list shows.
    "werkgroep.deelnemer_zien": ("deelnemer", {"lid_a", "lid_b"} | LEIDING),
    "werkgroep.aanwezigheid_zien": (None, LEIDING),
    "werkgroep.aanwezigheid_opnemen": (None, SECRETARIAAT),
    "werkgroep.deelnemers_beheren": (None, SECRETARIAAT),
    "werkgroep.vergadering_plannen": (None, SECRETARIAAT),
    "projecten.fiches_lezen": (None, LEIDING),
    "projecten.fiches_beoordelen": (None, SECRETARIAAT),
    "projecten.fiche_bewerken": ("project", {"lid_a"}),
    "projecten.fiche_lezen": ("project", {"lid_a"} | LEIDING),
    "validering.alle_sessies_zien": (None, LEIDING),
    # Published: also the members of the group at the meeting's date, not before or after.
    "validering.sessie_zien": ("sessie", {"lid_a", "lid_b"} | LEIDING),
    "validering.product_zien": ("product", {"lid_a", "lid_b"} | LEIDING),
    "validering.rapporteur_kiezen": (None, SECRETARIAAT),
    "validering.subgroep_scoren": ("subgroep", {"lid_a"}),  # its rapporteur
    # Closed and published: whoever sees the session (not before or after their membership).
    "validering.scores_zien": ("subgroep", {"lid_a", "lid_b"} | LEIDING),
    "financien.kosten_lezen": (None, LEIDING),
    "financien.kosten_toevoegen": (None, SECRETARIAAT),
    "financien.kosten_beheren": (None, SECRETARIAAT),
    "uitnodigingen.uitnodigingen_sturen": (None, SECRETARIAAT),
    "uitnodigingen.antwoorden_zien": (None, LEIDING),
    "uitnodigingen.mislukte_mail_opvolgen": (None, SECRETARIAAT),
    "vergaderstukken.notulen_schrijven": (None, SECRETARIAAT),
    "vergaderstukken.stukken_opladen": (None, SECRETARIAAT),
    # Sent for approval: lid_b was present; the coordinator reads every record.
    "vergaderstukken.notulen_lezen": ("notulen", {"lid_b"} | LEIDING),
    # Minutes sent for approval, of every meeting one sees (search: selectors.leesbare_notulen).
    "vergaderstukken.alle_notulen_lezen": (None, LEIDING),
    "rapportage.jaarverslag_maken": (None, LEIDING),
    "persoonsgegevens.uitvoeren": (None, SECRETARIAAT),
    "persoonsgegevens.wissen": (None, SECRETARIAAT),
    "persoonsgegevens.privacy_bewerken": (None, SECRETARIAAT),
    # One's own second factors: every account.
    "tweestaps.eigen_factoren_beheren": (None, set(ROLLEN) - {"anoniem"}),
    # Another account's (here lid_a's) lost factor: the secretariat (own and superuser
    # accounts: tests/tweestaps/test_herstellen.py).
    "tweestaps.factoren_herstellen": ("account", SECRETARIAAT),
    "kern.inzage_bekijken": (None, SECRETARIAAT),
}


def _project_regels() -> set[str]:
    return {naam for naam in rules.permissions.permissions if naam.split(".")[0] in APPS}


def test_every_rule_has_a_case():
    assert _project_regels() == set(GEVALLEN)


def _lid_met_periode(seed, naam: str, van, tot):
    deelnemer = bouwers.maak_deelnemer(voornaam=naam, achternaam="Periode")
    Lidmaatschap.objects.create(werkgroep=seed, deelnemer=deelnemer, van=van, tot=tot)
    return bouwers.lid_van_deelnemer(deelnemer, gebruikersnaam=naam.lower())


@pytest.fixture
def wereld(seed, coordinator, secretariaat):
    lid_a = bouwers.lid("Johan", "Dejonckheere")
    lid_b = bouwers.lid("Michel", "Bortels")
    vandaag = timezone.localdate()
    users = {
        "anoniem": AnonymousUser(),
        "lid_a": lid_a,
        "lid_b": lid_b,
        "oud_lid": _lid_met_periode(seed, "Oud", dt.date(2005, 1, 1), dt.date(2006, 1, 31)),
        "nieuw_lid": _lid_met_periode(seed, "Nieuw", vandaag + dt.timedelta(days=30), None),
        "coordinator": coordinator,
        "secretariaat": secretariaat,
    }
    vergadering = Vergadering.objects.get(kenmerk="2006-06-06")
    sessie = bouwers.sessie_van_werkwaardig()
    sessie.gesloten = sessie.gepubliceerd = True
    sessie.save()
    subgroep = Subgroep.objects.filter(sessie=sessie).first()
    bouwers.rapporteur(subgroep, lid_a)
    bouwers.aanwezigheid(vergadering, lid_b.deelnemer)
    notulen, _ = vergaderstukken_services.notulen_opslaan(
        vergadering=vergadering, gelezen_versie=0, tekst="Verslag.", door=secretariaat
    )
    vergaderstukken_services.notulen_ter_goedkeuring(notulen=notulen, door=secretariaat)
    objecten = {
        "werkgroep": seed,
        "vergadering": vergadering,
        "project": sessie.product.project,
        "product": sessie.product,
        "sessie": sessie,
        "subgroep": subgroep,
        "notulen": Notulen.objects.get(pk=notulen.pk),
        "deelnemer": lid_b.deelnemer,
        "account": lid_a,
    }
    return users, objecten


def _wie_mag(wereld, regel: str) -> set[str]:
    users, objecten = wereld
    naam, _ = GEVALLEN[regel]
    obj = objecten[naam] if naam else None
    return {rol for rol in ROLLEN if users[rol].has_perm(regel, obj)}


@pytest.mark.parametrize("regel", GEVALLEN)
def test_each_rule_lets_in_exactly_whom_it_says(wereld, regel):
    assert _wie_mag(wereld, regel) == GEVALLEN[regel][1]


def test_a_member_sees_the_meetings_of_their_period_and_not_the_others(wereld):
    users, objecten = wereld
    binnen = Vergadering.objects.get(kenmerk="2005-09-16")  # during the old membership
    assert users["oud_lid"].has_perm("werkgroep.vergadering_zien", binnen)
    assert not users["oud_lid"].has_perm("werkgroep.vergadering_zien", objecten["vergadering"])
    assert not users["oud_lid"].has_perm("werkgroep.werkgroep_zien", objecten["werkgroep"])


def test_minutes_follow_their_status(wereld):
    """A draft is the secretariat's; approved minutes are read by all who see the meeting."""
    users, objecten = wereld
    notulen = objecten["notulen"]
    secretariaat = users["secretariaat"]
    vergaderstukken_services.notulen_goedkeuren(notulen=notulen, door=secretariaat)
    notulen.refresh_from_db()
    assert _wie_mag(wereld, "vergaderstukken.notulen_lezen") == {"lid_a", "lid_b"} | LEIDING
    concept = Notulen(vergadering=Vergadering.objects.get(kenmerk="2006-12"))
    objecten["notulen"] = concept
    assert _wie_mag(wereld, "vergaderstukken.notulen_lezen") == SECRETARIAAT


def test_vereist_refuses_with_the_answer_asked_and_names_an_unknown_rule(wereld):
    users, objecten = wereld
    verzoek = RequestFactory().get("/")
    verzoek.user = users["lid_b"]
    vereist(verzoek, "werkgroep.vergadering_zien", objecten["vergadering"])
    from django.core.exceptions import PermissionDenied
    from django.http import Http404

    with pytest.raises(Http404):
        vereist(verzoek, "financien.kosten_lezen")
    with pytest.raises(PermissionDenied):
        vereist(verzoek, "financien.kosten_lezen", weigering=PermissionDenied)
    with pytest.raises(ImproperlyConfigured):
        vereist(verzoek, "financien.view_kostenpost")  # a model permission is no rule

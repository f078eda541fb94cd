"""One place for a meeting's minutes (issue 24): the former ``Vergadering.verslag`` carried into
``Notulen`` by a data migration, as *vastgelegd* (recorded) minutes or appended to the minutes
there were; recorded minutes read, searched and printed like approved ones, never edited."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone

from config import zoeken
from tests.vergaderstukken.conftest import notulen_url, tekst_posten
from vergaderstukken import selectors, services
from vergaderstukken.models import Notulen
from werkgroep.selectors import vergadering_voor

VOOR = [
    ("vergaderstukken", "0004_notulen_status_vastgelegd"),
    ("werkgroep", "0010_organisatie_pad"),
]
NA = [
    ("vergaderstukken", "0005_verslag_naar_notulen"),
    ("werkgroep", "0011_vergadering_zonder_verslag"),
]
KOP = "Verslag van de vergadering, overgenomen uit het vroegere verslagveld van de vergadering:"


def _migreren(doel):
    executor = MigrationExecutor(connection)
    executor.migrate(doel)
    return executor.loader.project_state(doel).apps


# ---- The migration -------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_migration_carries_each_report_into_the_minutes_and_back():
    apps = _migreren(VOOR)
    Vergadering = apps.get_model("werkgroep", "Vergadering")
    OudeNotulen = apps.get_model("vergaderstukken", "Notulen")
    thema = apps.get_model("werkgroep", "Thema").objects.create(naam="Thema", slug="thema")
    groep = apps.get_model("werkgroep", "Werkgroep").objects.create(
        thema=thema, titel="Groep", slug="groep"
    )

    def vergadering(dag: int, verslag: str):
        datum = dt.date(2006, 6, dag)
        return Vergadering.objects.create(
            werkgroep=groep, kenmerk=f"2006-06-{dag:02}", datum_van=datum, datum_tot=datum,
            verslag=verslag,
        )  # fmt: skip

    alleen_verslag = vergadering(1, "Het verslag van juni.")
    met_concept = vergadering(2, "Wat de groep besprak.")
    OudeNotulen.objects.create(vergadering=met_concept, tekst="Eigen notulen.", versie=3)
    met_goedgekeurde = vergadering(3, "Nog een verslag.")
    goedgekeurd_door = apps.get_model("auth", "User").objects.create(username="secretaris")
    OudeNotulen.objects.create(
        vergadering=met_goedgekeurde, tekst="", status="goedgekeurd",
        verstuurd_op=timezone.now(), goedgekeurd_op=timezone.now(),
        goedgekeurd_door=goedgekeurd_door,
    )  # fmt: skip
    zonder = vergadering(4, "   ")

    _migreren(NA)
    recorded = Notulen.objects.get(vergadering_id=alleen_verslag.pk)
    assert (recorded.status, recorded.tekst) == (Notulen.Status.VASTGELEGD, "Het verslag van juni.")
    assert (recorded.verstuurd_op, recorded.goedgekeurd_op, recorded.goedgekeurd_door) == (
        None,
        None,
        None,
    )  # fmt: skip  (nobody approved it: nothing of an approval is stated)
    concept = Notulen.objects.get(vergadering_id=met_concept.pk)
    assert concept.status == Notulen.Status.CONCEPT
    assert concept.tekst == f"Eigen notulen.\n\n{KOP}\nWat de groep besprak."
    assert concept.versie == 4  # an open tab merges instead of overwriting
    goedgekeurd = Notulen.objects.get(vergadering_id=met_goedgekeurde.pk)
    assert goedgekeurd.status == Notulen.Status.GOEDGEKEURD
    assert goedgekeurd.tekst == f"{KOP}\nNog een verslag."
    assert not Notulen.objects.filter(vergadering_id=zonder.pk).exists()

    apps = _migreren(VOOR)  # and back: the texts return to the field
    Vergadering = apps.get_model("werkgroep", "Vergadering")
    OudeNotulen = apps.get_model("vergaderstukken", "Notulen")
    verslagen = dict(Vergadering.objects.values_list("pk", "verslag"))
    assert verslagen[alleen_verslag.pk] == "Het verslag van juni."
    assert verslagen[met_concept.pk] == "Wat de groep besprak."
    assert verslagen[met_goedgekeurde.pk] == "Nog een verslag."
    assert not OudeNotulen.objects.filter(vergadering_id=alleen_verslag.pk).exists()
    assert OudeNotulen.objects.get(vergadering_id=met_concept.pk).tekst == "Eigen notulen."
    assert OudeNotulen.objects.get(vergadering_id=met_goedgekeurde.pk).tekst == ""
    _migreren(NA)


# ---- Recorded minutes: a status of their own ------------------------------------------------


@pytest.fixture
def vastgelegd(vergadering):
    return Notulen.objects.create(
        vergadering=vergadering, status=Notulen.Status.VASTGELEGD, tekst="Het overleg over regie."
    )


def test_recorded_minutes_have_a_badge_of_their_own():
    kleuren = [status.badge for status in Notulen.Status]
    assert len(set(kleuren)) == len(kleuren)
    assert Notulen.Status.VASTGELEGD.definitief and Notulen.Status.GOEDGEKEURD.definitief
    assert not Notulen.Status.CONCEPT.definitief
    assert not Notulen.Status.TER_GOEDKEURING.definitief


def test_recorded_minutes_were_never_sent_for_approval(vastgelegd):
    vastgelegd.verstuurd_op = timezone.now()
    with pytest.raises(ValidationError, match="nooit ter goedkeuring verstuurd"):
        vastgelegd.full_clean()


def test_recorded_minutes_no_longer_change(client_van, secretariaat, vastgelegd, vergadering):
    with pytest.raises(ValidationError):
        services.notulen_opslaan(
            vergadering=vergadering, gelezen_versie=vastgelegd.versie, tekst="Anders.",
            door=secretariaat,
        )  # fmt: skip
    with pytest.raises(ValidationError):
        services.besluit_toevoegen(vergadering=vergadering, tekst="Een besluit achteraf.")
    with pytest.raises(ValidationError):
        services.notulen_ter_goedkeuring(notulen=vastgelegd, door=secretariaat)
    client = client_van(secretariaat)
    assert tekst_posten(client, vergadering, "Anders.", vastgelegd.versie).status_code == 403
    pagina = client.get(notulen_url(vergadering)).content.decode()
    assert "Goedkeuren" not in pagina and 'name="tekst"' not in pagina
    vastgelegd.refresh_from_db()
    assert vastgelegd.tekst == "Het overleg over regie."


def test_a_member_reads_recorded_minutes_on_the_meeting_page(
    client_van, lid, lid_andere_werkgroep, vastgelegd, vergadering
):
    url = reverse("werkgroep:vergadering_detail", args=[vergadering.pk])
    pagina = client_van(lid).get(url).content.decode()
    assert "Het overleg over regie." in pagina
    assert "vastgelegd zonder goedkeuringsronde" in pagina
    assert client_van(lid).get(notulen_url(vergadering)).status_code == 200
    assert client_van(lid_andere_werkgroep).get(notulen_url(vergadering)).status_code == 404


def test_a_members_meeting_page_does_not_show_a_draft(client_van, lid, vergadering):
    Notulen.objects.create(vergadering=vergadering, tekst="Het overleg over regie.")
    url = reverse("werkgroep:vergadering_detail", args=[vergadering.pk])
    assert "Het overleg over regie." not in client_van(lid).get(url).content.decode()


# ---- The yearly report --------------------------------------------------------------------


def _teksten(seed) -> dict[str, str]:
    from rapportage.jaarverslag import jaarverslag_context

    jaar = next(
        j for j in jaarverslag_context(seed, 2006)["verslag"]["per_jaar"] if j["jaar"] == 2006
    )
    return {str(p["vergadering"].datum): p["tekst"] for p in jaar["programma"] if p["tekst"]}


def test_the_yearly_report_prints_recorded_minutes_and_not_a_draft_or_minutes_sent_for_approval(
    client_van, coordinator, secretariaat, seed, vergadering, aanwezige
):
    notulen, _ = services.notulen_opslaan(
        vergadering=vergadering, gelezen_versie=0, tekst="Het overleg over regie.",
        door=secretariaat,
    )  # fmt: skip
    assert _teksten(seed) == {}  # a draft
    services.notulen_ter_goedkeuring(notulen=notulen, door=secretariaat)
    assert _teksten(seed) == {}  # sent for approval: not yet the group's word
    Notulen.objects.filter(pk=notulen.pk).update(
        status=Notulen.Status.VASTGELEGD, verstuurd_op=None
    )
    assert _teksten(seed) == {"06/06/2006": "Het overleg over regie."}
    pagina = client_van(coordinator).get(reverse("rapportage:jaarverslag", args=[seed.slug, 2006]))
    assert "Het overleg over regie." in pagina.content.decode()


# ---- Search -------------------------------------------------------------------------------


def _gevonden(user, vraag: str = "zonnepanelen") -> list[str]:
    groepen = {g.sleutel: g for g in zoeken.zoeken(user, vraag).groepen}
    return [t.url for t in groepen["vergaderingen"].treffers] if "vergaderingen" in groepen else []


@pytest.fixture
def rollen(seed, lid, lid_andere_werkgroep, coordinator, secretariaat, aanwezige):
    return {
        "anoniem": AnonymousUser(),
        "lid": lid,  # a member, not present at the meeting
        "aanwezige": aanwezige,  # a member, present
        "lid_andere_werkgroep": lid_andere_werkgroep,
        "coordinator": coordinator,
        "secretariaat": secretariaat,
    }


WIE_VINDT = {
    Notulen.Status.CONCEPT: {"secretariaat"},
    Notulen.Status.TER_GOEDKEURING: {"aanwezige", "coordinator", "secretariaat"},
    Notulen.Status.GOEDGEKEURD: {"lid", "aanwezige", "coordinator", "secretariaat"},
    Notulen.Status.VASTGELEGD: {"lid", "aanwezige", "coordinator", "secretariaat"},
}


@pytest.mark.parametrize("status", list(Notulen.Status))
def test_search_finds_the_minutes_text_only_for_who_may_read_the_minutes(
    rollen, vergadering, secretariaat, status
):
    nu = timezone.now()
    Notulen.objects.create(
        vergadering=vergadering,
        status=status,
        tekst="Het overleg over de zonnepanelen.",
        verstuurd_op=nu if status in {"ter_goedkeuring", "goedgekeurd"} else None,
        goedgekeurd_op=nu if status == "goedgekeurd" else None,
        goedgekeurd_door=secretariaat if status == "goedgekeurd" else None,
    )
    # As the pages read them: the meeting with its attendance (was_aanwezig reads it).
    notulen = selectors.notulen_van(vergadering_voor(secretariaat, vergadering.pk))
    url = reverse("werkgroep:vergadering_detail", args=[vergadering.pk])
    vinden = {rol for rol, user in rollen.items() if _gevonden(user) == [url]}
    assert vinden == WIE_VINDT[status]
    # The queryset is the rule: whoever may read the minutes (the predicate), and no one else.
    lezen = {
        rol
        for rol, user in rollen.items()
        if user.has_perm("vergaderstukken.notulen_lezen", notulen)
    }
    assert lezen == vinden
    leesbaar = {
        rol for rol, user in rollen.items()
        if selectors.leesbare_notulen(user).filter(pk=notulen.pk).exists()
    }  # fmt: skip
    assert leesbaar == vinden

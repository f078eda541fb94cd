"""Two saves of a fiche from the same version at the same moment: exactly one wins, whatever
the path (site, admin), on SQLite and PostgreSQL.

Each save runs in a thread of its own, with its own database connection, as two server
workers would. On PostgreSQL both requests are held just before they read the stored row,
so their transactions truly overlap; SQLite's requests take the write lock when they begin
and so run one after the other.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.urls import reverse

from kern.versies import bewaring
from tests.bouwers import FICHE_URL as URL
from tests.bouwers import aangemeld, werkwaardig
from tests.gelijktijdig import in_draden

pytestmark = pytest.mark.django_db(transaction=True)


def tegelijk(*verzoeken):
    """Run each ``verzoek()`` in its own thread at once; return their answers in order."""
    postgres = connection.vendor == "postgresql"
    samen = threading.Barrier(len(verzoeken), timeout=20)
    echt_vergrendelen = bewaring.vergrendelen
    gewacht = threading.local()

    def vergrendelen(queryset, pk):
        if postgres and not getattr(gewacht, "ja", False):
            gewacht.ja = True  # the admin reads it twice (form, then save): wait once
            samen.wait()  # both transactions are open: now both read the stored row
        return echt_vergrendelen(queryset, pk)

    return in_draden(verzoeken, vervangen=(bewaring, "vergrendelen", vergrendelen))


def site_opslaan(client, tekst):
    return lambda: client.post(
        URL, {"gelezen_versie": "0", "opslaan": "1", "doelgroep": tekst, "aanpak": tekst}
    )


def admin_opslaan(client, fiche, tekst):
    url = reverse("admin:projecten_projectfiche_change", args=[fiche.pk])
    form = client.get(url).context["adminform"].form
    data = {k: ("" if v is None else v) for k, v in form.initial.items() if k in form.fields}
    data.update(project=fiche.project_id, werkgroep=fiche.werkgroep_id, doelgroep=tekst)
    data["aanpak"] = tekst
    return lambda: client.post(url, data)


def uitslag(antwoorden, teksten):
    """Which save won (a redirect), and that the other was refused (the form again)."""
    assert all(not isinstance(a, Exception) for a in antwoorden), antwoorden
    codes = sorted(a.status_code for a in antwoorden)
    assert codes == [200, 302], codes
    winnaar = teksten[[a.status_code for a in antwoorden].index(302)]
    verliezer = [a for a in antwoorden if a.status_code == 200][0].content.decode()
    assert "Niets is bewaard" in verliezer
    fiche = werkwaardig()
    assert (fiche.doelgroep, fiche.aanpak, fiche.versie) == (winnaar, winnaar, 1)
    assert list(fiche.history.filter(versie=1).values_list("doelgroep", flat=True)) == [winnaar]
    return winnaar


def test_two_members_saving_from_the_same_version_at_once_one_wins(lid, viaene):
    teksten = ["van Johan", "van Jean-Marie"]
    antwoorden = tegelijk(
        site_opslaan(aangemeld(lid), teksten[0]), site_opslaan(aangemeld(viaene), teksten[1])
    )
    uitslag(antwoorden, teksten)


def test_the_admin_and_the_site_saving_from_the_same_version_at_once_one_wins(lid, secretariaat):
    teksten = ["van het secretariaat", "van Johan"]
    admin = admin_opslaan(aangemeld(secretariaat), werkwaardig(), teksten[0])
    antwoorden = tegelijk(admin, site_opslaan(aangemeld(lid), teksten[1]))
    uitslag(antwoorden, teksten)


def test_two_admin_saves_from_the_same_version_at_once_one_wins(seed, secretariaat):
    from werkgroep import rollen
    from werkgroep.services import account_aanmaken

    tweede = account_aanmaken(
        gebruikersnaam="secretariaat2", wachtwoord="x", rol=rollen.SECRETARIAAT, staff=True
    )
    fiche = werkwaardig()
    teksten = ["van het secretariaat", "van de tweede"]
    antwoorden = tegelijk(
        admin_opslaan(aangemeld(secretariaat), fiche, teksten[0]),
        admin_opslaan(aangemeld(tweede), fiche, teksten[1]),
    )
    uitslag(antwoorden, teksten)

"""Every page a role may open is reached from its home page by links alone.

The permission matrix (tests/test_toegangsmatrix.py) proves what each of the five roles may
and may not open when it asks for an address. This walks the site as that role does, from
``/``, following links only (tests/kruipen.py), and checks it reaches every page the matrix
lets it open: a page that only a typed address reaches is a page nobody finds.
"""

from __future__ import annotations

import pytest

from tests import bouwers
from tests.kruipen import wandel
from tests.test_toegangsmatrix import (  # noqa: F401 (wereld is a fixture)
    ADMIN,
    MODELLEN,
    OPENBAAR,
    ROLLEN,
    SITE,
    F,
    _acties,
    _admin_model_verwachting,
    wereld,
)

pytestmark = pytest.mark.langzaam

# Pages a role may open that no link leads to, and how the user gets there instead.
NIET_DOOR_EEN_LINK = {
    "site password_reset_done": "shown after sending the reset form",
    "site password_reset_confirm": "the link in the reset mail",
    "site password_reset_complete": "shown after setting the new password",
    "site password_change_done": "shown after changing the password",
    "admin password_change_done": "shown after changing the password in the admin",
    "admin jsi18n": "a script the admin's pages load, not a page",
    "admin autocomplete": "asked by the admin's forms while typing, not a page",
    "admin login": "the admin's own login form, for staff who open /admin/ logged out",
    "site werkgroep:kalender_feed": "calendar programs open the personal address the calendar "
    "page shows",
    "site site:zoeken": "the search box in the navigation, a form (tests/test_zoeken.py)",
    "site projecten:fiche_indienen": "the fiche form's button 'Opslaan en indienen' leads there",
    "site rapportage:verslag_wachten": "shown when a report takes more than about two seconds "
    "to make (tests/rapportage/test_achtergrond.py); the tests make reports at once",
    "site rapportage:verslag_bestand": "the download on that waiting page",
    # issue 15 C
    "site financien:vergadering_kosten": "the meeting page's form 'Kosten toevoegen' posts "
    "there; it shows the lines again with what to correct",
    # issue 15 A
    "site uitnodigingen:uitnodigen": "the meeting page's button, shown on a planned meeting "
    "still to come; the walk's seed has only past meetings (tests/uitnodigingen/test_paginas.py)",
    # issue 25
    "site werkgroep:vergadering_gaat_toch_door": "the meeting page's button on a cancelled "
    "meeting; the walk's seed has none (tests/werkgroep/test_vergadering_afgelasten.py)",
    # issue 26
    "site tweestaps:instellen": "the profile page holds the same section; this page is where "
    "the grace banner and the duty lead staff (tests/tweestaps/test_tweestaps.py)",
    "site otp_webauthn:js-i18n-catalog": "a script the passkey pages load, not a page",
    "admin persoonsgegevens_wisverzoek_aanvragen": "the participant list's action 'Vergeten "
    "(AVG art. 17)…' (a POST) leads there (tests/persoonsgegevens/test_wissen.py)",
    "admin persoonsgegevens_wisverzoek_bevestigen": "the list of requests links it for every "
    "member of the secretariat but the one who asked, and the walk's request is the walker's "
    "own (tests/persoonsgegevens/test_wissen.py, tests/e2e/test_vergeten.py)",
    "admin auth_user_tweestaps_herstellen": "the account list's action 'Tweede factor "
    "herstellen…' (a POST) leads there (tests/tweestaps/test_herstellen.py)",
}


def regel(naam: str) -> str | None:
    """The matrix's rule a URL name falls under ("site projecten:fiche", "admin
    werkgroep.Vergadering change"), or None for a name the matrix leaves to the history's
    own test."""
    if not naam.startswith("admin:"):
        return f"site {naam}"
    naam = naam.removeprefix("admin:")
    if naam in ADMIN:
        return f"admin {naam}"
    for model in MODELLEN:
        voorvoegsel = f"{model._meta.app_label}_{model._meta.model_name}_"
        if naam.startswith(voorvoegsel) and naam.removeprefix(voorvoegsel) in _acties(model):
            return f"admin {model._meta.label} {naam.removeprefix(voorvoegsel)}"
    return None


def mag_openen(rol: str) -> set[str]:
    """The matrix's pages that answer this role with a page (200); the pages open to
    everyone (logging in, a forgotten password) only for who is not logged in."""
    regels = {f"site {n}": v[rol] for n, v in SITE.items() if rol == "anoniem" or n not in OPENBAAR}
    regels |= {f"admin {n}": v[rol] for n, v in ADMIN.items()}
    for model in MODELLEN:
        for actie in _acties(model):
            regels[f"admin {model._meta.label} {actie}"] = _admin_model_verwachting(model, actie)[
                rol
            ]
    return {n for n, uitkomst in regels.items() if uitkomst == F}


@pytest.mark.parametrize("rol", ROLLEN)
def test_each_role_reaches_every_page_it_may_open_by_links_from_home(wereld, rol):  # noqa: F811
    client = bouwers.aangemeld(wereld["users"][rol])
    wandeling = wandel(client, "/")
    bereikt = {regel(n) for n in wandeling.namen(200)} - {None}

    # Nothing the walk opened is a page the matrix refuses this role (a link to a 403 or
    # a 404 is a dead end shown to the user).
    doodlopend = {
        adres: status
        for naam, bezocht in wandeling.bereikt.items()
        for adres, status in bezocht
        if status in (403, 404, 500)
    }
    assert doodlopend == {}

    niet_bereikt = mag_openen(rol) - bereikt - set(NIET_DOOR_EEN_LINK)
    assert niet_bereikt == set(), f"{rol} may open these pages, but no link leads there"


def test_the_exceptions_are_pages_some_role_may_open():
    """An exception that no role may open any more is stale: take it out."""
    openbaar = set().union(*(mag_openen(rol) for rol in ROLLEN))
    assert set(NIET_DOOR_EEN_LINK) <= openbaar

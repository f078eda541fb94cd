"""The privacy statement (issue 26, item 6): a public page that names the data the site keeps
and each period as configured now, whose free texts the secretariat edits (guarded against a
stale save), linked from every page's footer, the admin's and every invitation mail."""

from __future__ import annotations

import datetime as dt
import re
import threading
from html import escape

import pytest
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import trans_real
from django.utils.translation.trans_real import CONTEXT_SEPARATOR

from persoonsgegevens import privacy
from persoonsgegevens.beleid import CONTEXT, beleid, teksten, vertalen
from persoonsgegevens.models import Privacyverklaring
from tests import bouwers
from tests.bouwers import aangemeld
from tests.gelijktijdig import in_draden
from tests.uitnodigingen.test_uitnodigen import link_in, tekst, uitnodigen

PAGINA = "/privacy/"
BEWERKEN = "/privacy/bewerken/"
GBA = "https://www.gegevensbeschermingsautoriteit.be"


def _html(client, adres=PAGINA) -> str:
    antwoord = client.get(adres)
    assert antwoord.status_code == 200
    return antwoord.content.decode()


def _geopend(html: str) -> str:
    """The stale-save guard's snapshot the edit form was opened with."""
    return re.search(r'name="geopend"(?: value="([^"]*)")?', html).group(1) or ""


def _bewaren(client, geopend: str, **velden):
    data = {"verantwoordelijke": "", "contact": "", "tekst": "", "geopend": geopend, **velden}
    return client.post(BEWERKEN, data)


# ---- The page --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_page_is_open_without_logging_in():
    html = _html(Client())
    assert "<h1" in html and "Privacyverklaring" in html
    for recht in ("art. 15", "art. 16", "art. 17", "art. 17.3.b en e", "art. 21"):
        assert recht in html
    assert f'href="{GBA}"' in html
    assert "Gegevensbeschermingsautoriteit" in html
    assert "Bewerken" not in html


@pytest.mark.django_db
def test_it_names_every_period_with_its_value_as_configured(settings):
    html = _html(Client())
    assert "24 maanden na de dag van de vergadering" in html  # BEWAREN_ANTWOORDEN_MAANDEN
    assert "10 jaar na 31 december van het jaar van de vergadering" in html
    assert "2 uur na de laatste vraag in de sessie" in html  # SESSION_COOKIE_AGE, 7200 s
    settings.BEWAREN_ANTWOORDEN_MAANDEN = 7
    settings.BEWAREN_ESF_JAREN = 12
    settings.BEWAREN_MAILS_DAGEN = 1
    html = _html(Client())
    assert "7 maanden na de dag van de vergadering" in html
    assert "24 maanden na de dag van de vergadering" not in html
    assert "12 jaar na 31 december" in html
    assert "1 dag na het versturen" in html
    for termijn in beleid().termijnen.values():
        assert escape(f"{privacy.duur(termijn)} na {termijn.vanaf}") in html, termijn.naam


@pytest.mark.django_db
def test_it_explains_every_kind_of_data_with_its_period():
    html = _html(Client())
    for soort in beleid().soorten.values():
        assert escape(soort.uitleg) in html, soort.naam
    assert [s.termijn.naam for s in privacy.gegevenssoorten()] == [
        s.termijn.naam for s in beleid().soorten.values()
    ]


@pytest.mark.django_db
def test_in_english_the_policy_texts_are_english_and_no_note_for_operators_shows():
    """The policy's texts are Dutch message ids (context "bewaarbeleid"): the page shows them
    translated; what only operators need stays a comment in the YAML."""
    html = _html(Client(headers={"accept-language": "en"}))
    with translation.override("en"):
        for soort in beleid().soorten.values():
            assert escape(soort.uitleg) not in html, soort.naam
            assert escape(vertalen(soort.uitleg)) in html, soort.naam
            assert f">{escape(vertalen(soort.titel))}<" in html, soort.naam
    assert "Ten years after the year itself covers both" in html
    assert "langere termijn" not in _html(Client())


@pytest.mark.django_db
def test_every_text_of_the_policy_is_translated_into_english():
    """Fails when a new or changed text in bewaarbeleid.yaml has not been through
    ``make messages`` and its English translation."""
    catalogus = trans_real.translation("en")._catalog
    onvertaald = [t for t in teksten() if not catalogus.get(f"{CONTEXT}{CONTEXT_SEPARATOR}{t}")]
    assert not onvertaald, onvertaald


def test_a_period_in_seconds_is_said_in_the_largest_whole_unit(settings):
    sessies = beleid().termijnen["sessies"]
    gevallen = [(7200, "2 uur"), (3600, "1 uur"), (900, "15 minuten"), (90, "90 seconden")]
    for seconden, tekst_ in gevallen:
        settings.SESSION_COOKIE_AGE = seconden
        assert privacy.duur(sessies) == tekst_


@pytest.mark.django_db
def test_before_any_edit_the_defaults_show(settings):
    settings.PRIVACY_VERANTWOORDELIJKE = "HIVA – KU Leuven, Parkstraat 47, 3000 Leuven"
    settings.PRIVACY_CONTACT = "privacy@hiva.be"
    html = _html(Client())
    assert "HIVA – KU Leuven, Parkstraat 47, 3000 Leuven" in html
    assert 'href="mailto:privacy@hiva.be"' in html
    settings.PRIVACY_VERANTWOORDELIJKE = ""
    assert "Het secretariaat van de werkgroep." in _html(Client())


# ---- Editing ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_secretariat_edits_the_free_texts_and_the_page_shows_them(secretariaat):
    client = aangemeld(secretariaat)
    assert f'href="{BEWERKEN}"' in _html(client)
    geopend = _geopend(_html(client, BEWERKEN))
    antwoord = _bewaren(
        client,
        geopend,
        verantwoordelijke="ESF-Agentschap Vlaanderen",
        contact="dpo@esf.be",
        tekst="Eerste alinea.\n\nTweede alinea.",
    )
    assert antwoord.status_code == 302 and antwoord["Location"] == PAGINA
    html = _html(Client())
    assert "ESF-Agentschap Vlaanderen" in html
    assert 'href="mailto:dpo@esf.be"' in html
    assert "<p>Eerste alinea.</p>\n\n<p>Tweede alinea.</p>" in html
    assert "24 maanden na de dag van de vergadering" in html  # the generated list stays
    (versie,) = Privacyverklaring.history.all()
    assert versie.history_user == secretariaat
    # A field left empty shows its default again.
    _bewaren(client, _geopend(_html(client, BEWERKEN)), verantwoordelijke="", contact="")
    assert "Het secretariaat van de werkgroep." in _html(Client())
    assert Privacyverklaring.history.count() == 2


@pytest.mark.django_db
def test_the_text_is_plain_text_never_html(secretariaat):
    client = aangemeld(secretariaat)
    _bewaren(
        client,
        _geopend(_html(client, BEWERKEN)),
        verantwoordelijke="<b>Vet</b>",
        tekst='<script>alert("x")</script>\n<a href="https://kwaad.be">klik</a>',
    )
    html = _html(Client())
    assert "<script>alert" not in html and '<a href="https://kwaad.be">' not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<br>" in html
    assert "&lt;b&gt;Vet&lt;/b&gt;" in html


@pytest.mark.django_db
@pytest.mark.parametrize("rol", ["lid", "coordinator"])
def test_no_one_but_the_secretariat_edits(rol, request, secretariaat):
    client = aangemeld(request.getfixturevalue(rol))
    assert "Bewerken" not in _html(client)
    assert client.get(BEWERKEN).status_code == 404
    geopend = _geopend(_html(aangemeld(secretariaat), BEWERKEN))
    assert _bewaren(client, geopend, tekst="Van mij").status_code == 404
    assert not Privacyverklaring.objects.exists()


@pytest.mark.django_db
def test_an_anonymous_edit_goes_to_the_login_page():
    antwoord = Client().post(BEWERKEN, {"tekst": "Van niemand"})
    assert antwoord.status_code == 302
    assert antwoord["Location"].startswith(reverse("login"))
    assert not Privacyverklaring.objects.exists()


@pytest.mark.django_db
def test_a_stale_edit_is_refused_and_keeps_what_the_other_saved(secretariaat):
    eerste = aangemeld(secretariaat)
    tweede = aangemeld(bouwers.secretariaat(gebruikersnaam="secretariaat2"))
    _bewaren(eerste, _geopend(_html(eerste, BEWERKEN)), tekst="Begin.")
    geopend_1 = _geopend(_html(eerste, BEWERKEN))
    geopend_2 = _geopend(_html(tweede, BEWERKEN))
    assert _bewaren(eerste, geopend_1, tekst="Van de eerste.").status_code == 302
    antwoord = _bewaren(tweede, geopend_2, tekst="Van de tweede.")
    assert antwoord.status_code == 200  # the form again, with the conflict
    assert "Van de eerste." in antwoord.content.decode()  # what is stored now, shown
    assert Privacyverklaring.objects.get().tekst == "Van de eerste."
    # A field only the second changed is theirs, the first's change kept (merged).
    geopend_1 = _geopend(_html(eerste, BEWERKEN))
    geopend_2 = _geopend(_html(tweede, BEWERKEN))
    _bewaren(eerste, geopend_1, tekst="Van de eerste.", contact="een@esf.be")
    _bewaren(tweede, geopend_2, tekst="Van de eerste.", verantwoordelijke="ESF")
    verklaring = Privacyverklaring.objects.get()
    assert (verklaring.contact, verklaring.verantwoordelijke) == ("een@esf.be", "ESF")


@pytest.mark.django_db
def test_a_form_opened_before_the_first_edit_is_refused_after_it(secretariaat):
    eerste = aangemeld(secretariaat)
    tweede = aangemeld(bouwers.secretariaat(gebruikersnaam="secretariaat2"))
    geopend_1 = _geopend(_html(eerste, BEWERKEN))
    geopend_2 = _geopend(_html(tweede, BEWERKEN))
    assert geopend_1 == geopend_2 == ""  # nothing stored yet: a new record
    assert _bewaren(eerste, geopend_1, tekst="Van de eerste.").status_code == 302
    antwoord = _bewaren(tweede, geopend_2, tekst="Van de tweede.")
    assert antwoord.status_code == 200
    assert "Open het formulier opnieuw" in antwoord.content.decode()
    assert Privacyverklaring.objects.get().tekst == "Van de eerste."


@pytest.mark.django_db(transaction=True)
def test_two_first_edits_at_once_keep_one_statement(secretariaat):
    """Both forms were bound to a new record before either saved (two requests at once): the
    one-row constraint refuses the second insert, said on its form, not a server error."""
    eerste = privacy.PrivacyverklaringForm({"tekst": "Eerste"}, instance=Privacyverklaring())
    tweede = privacy.PrivacyverklaringForm({"tekst": "Tweede"}, instance=Privacyverklaring())
    assert privacy.bewaren(form=eerste) is not None
    assert privacy.bewaren(form=tweede) is None
    assert "Iemand anders bewaarde de privacyverklaring net" in str(tweede.non_field_errors())
    assert Privacyverklaring.objects.get().tekst == "Eerste"


@pytest.mark.django_db
def test_the_database_keeps_at_most_one_statement():
    Privacyverklaring.objects.create(tekst="Een")
    with pytest.raises(IntegrityError, match="privacyverklaring|UNIQUE"), transaction.atomic():
        Privacyverklaring.objects.create(tekst="Twee")
    with pytest.raises(IntegrityError), transaction.atomic():
        Privacyverklaring.objects.update(enig=False)


# ---- Links -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_every_role_finds_it_in_the_footer(seed, lid, coordinator, secretariaat):
    link = f'href="{PAGINA}"'
    assert link in _html(Client(), reverse("login"))
    for user in (lid, coordinator, secretariaat):
        assert link in _html(aangemeld(user), "/"), user
    assert link in _html(aangemeld(secretariaat), "/admin/")
    assert link in _html(Client(), "/admin/login/")
    assert link in _html(Client())


@pytest.mark.django_db
def test_the_invitation_mail_and_the_guests_answer_page_link_it(
    seed, secretariaat, smtp_server, django_capture_on_commit_callbacks, settings
):
    settings.SITE_ADRES = "https://werkgroep.example.be"
    dag = timezone.localdate() + dt.timedelta(days=20)
    vergadering = bouwers.maak_vergadering(seed, dag.strftime("%d/%m/%Y"))
    uitnodigen(
        aangemeld(secretariaat),
        vergadering,
        [],
        gasten="An Peeters <an@elders.be>\n",
        capture=django_capture_on_commit_callbacks,
    )
    (bericht,) = smtp_server
    adres = "https://werkgroep.example.be/privacy/"
    assert f"Hoe we met uw gegevens omgaan: {adres}" in tekst(bericht)
    html = bericht.get_body(preferencelist=("html",)).get_content()
    assert f'<a href="{adres}">' in html
    # The guest has no account: her reply link opens a page whose footer links it too.
    assert f'href="{PAGINA}"' in _html(Client(), link_in(bericht))


# ---- Queries ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_page_reads_the_statement_once(django_assert_num_queries, secretariaat):
    Privacyverklaring.objects.create(tekst="Meer.")
    # The request's transaction (ATOMIC_REQUESTS: a savepoint in the test and its release)
    # and the statement; the lists are made from the policy file and the settings.
    with django_assert_num_queries(3):
        assert Client().get(PAGINA).status_code == 200
    client = aangemeld(secretariaat)
    client.get(PAGINA)
    # The same, plus the session and the account, the account's own and its groups'
    # permissions (the rule behind "Bewerken"), and the session saved again (its own
    # transaction: savepoint, update, release).
    with django_assert_num_queries(3 + 2 + 2 + 3):
        assert client.get(PAGINA).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_two_first_edits_sent_at_once_save_one_and_refuse_the_other(secretariaat):
    """Two requests at once, each in its own thread and connection. On PostgreSQL both are
    held after their checks, before their insert, so both insert: the one-row constraint
    refuses the second, said on its form. SQLite's requests take the write lock when they
    begin, so the second finds the first's row and is refused as a stale form."""
    postgres = connection.vendor == "postgresql"
    samen = threading.Barrier(2, timeout=20)
    echt = privacy.PrivacyverklaringForm.save

    def opslaan(self, commit=True):
        if postgres:
            samen.wait()
        return echt(self, commit)

    clients = [aangemeld(secretariaat), aangemeld(bouwers.secretariaat(gebruikersnaam="s2"))]
    data = [{"tekst": tekst_, "geopend": ""} for tekst_ in ("Van de eerste.", "Van de tweede.")]
    antwoorden = in_draden(
        [lambda c=c, d=d: c.post(BEWERKEN, d) for c, d in zip(clients, data, strict=True)],
        vervangen=(privacy.PrivacyverklaringForm, "save", opslaan),
    )

    assert all(not isinstance(a, Exception) for a in antwoorden), antwoorden
    assert sorted(a.status_code for a in antwoorden) == [200, 302]
    (geweigerd,) = [a.content.decode() for a in antwoorden if a.status_code == 200]
    melding = "Iemand anders bewaarde" if postgres else "Open het formulier opnieuw"
    assert melding in geweigerd
    (verklaring,) = Privacyverklaring.objects.all()
    assert verklaring.tekst in ("Van de eerste.", "Van de tweede.")

"""Forgetting a person (GDPR art. 17, issue 26 item 2): only on the latest export, refused when
the data changed since, confirmed by a second member of the secretariat; then every row the
policy links to the person is erased by its kind, ESF evidence stays under a pseudonym, a
report already made stays as it was and a report made afterwards shows the pseudonym."""

from __future__ import annotations

import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import IntegrityError, models, transaction
from django.test import Client
from django.urls import reverse

from financien.models import Kostenpost
from persoonsgegevens import export, services, wissen
from persoonsgegevens.models import Uitvoer, Wisverzoek
from rapportage.jaarverslag import jaarverslag_context
from tests import bouwers
from tests.persoonsgegevens.test_export import ADRES, NAAM, johan  # noqa: F401 (fixture)
from werkgroep.models import Aanwezigheid, Deelnemer, Lidmaatschap, Vergadering

TELEFOON = "09 123 45 67"


@pytest.fixture
def persoon(johan):  # noqa: F811
    """Johan with a row in every linked model, without the fixture's sample request."""
    Wisverzoek.objects.filter(deelnemer=johan).delete()
    Uitvoer.objects.filter(deelnemer=johan).delete()
    return johan


@pytest.fixture
def tweede(db):
    return bouwers.secretariaat(gebruikersnaam="tweede")


def _exporteren(deelnemer, door=None) -> Uitvoer:
    gegevens = export.verzamelen(deelnemer)
    return services.uitvoer_vastleggen(
        deelnemer=deelnemer, gegevens=gegevens, door=door, via=Uitvoer.Via.BEHEER
    )


def _vergeten(deelnemer, aanvrager, bevestiger) -> Wisverzoek:
    _exporteren(deelnemer, aanvrager)
    verzoek = services.wissen_aanvragen(deelnemer=deelnemer, door=aanvrager)
    services.wissen_bevestigen(verzoek=verzoek, door=bevestiger)
    verzoek.refresh_from_db()
    return verzoek


def _sporen(*teksten: str) -> dict[str, list]:
    """Every text field of every table (history included) that still holds one of
    ``teksten``: where the person's data would have stayed."""
    gevonden = {}
    for model in apps.get_models(include_auto_created=True):
        velden = [
            v
            for v in model._meta.concrete_fields
            if isinstance(v, models.CharField | models.TextField)
        ]
        for veld in velden:
            for tekst in teksten:
                rijen = model._base_manager.filter(**{f"{veld.name}__icontains": tekst})
                if rijen.exists():
                    gevonden.setdefault(f"{model._meta.label}.{veld.name}", []).append(tekst)
    return gevonden


def _tellingen(deelnemer) -> dict:
    return {
        "aanwezigheden": list(
            Aanwezigheid.objects.filter(deelnemer=deelnemer)
            .order_by("vergadering")
            .values_list("vergadering", "status")
        ),
        "lidmaatschappen": Lidmaatschap.objects.filter(deelnemer=deelnemer).count(),
        "kosten": sorted(Kostenpost.objects.values_list("pk", "bedrag", "status")),
    }


def test_after_erasure_nothing_of_the_contact_data_is_left_in_any_table_or_history(
    persoon, secretariaat, tweede
):
    verzoek = _vergeten(persoon, secretariaat, tweede)
    assert verzoek.status == Wisverzoek.Status.UITGEVOERD
    assert verzoek.bevestigd_door == tweede
    assert _sporen(NAAM, ADRES, TELEFOON, "jdejonckheere", "Ziek") == {}
    persoon.refresh_from_db()
    tekst = export.als_json(export.verzamelen(persoon))
    for waarde in (NAAM, "Dejonckheere", ADRES, TELEFOON, "Ziek", "jdejonckheere"):
        assert waarde not in tekst
    assert verzoek.pseudoniem in tekst


def test_the_person_becomes_the_pseudonym_and_the_account_cannot_be_used(
    persoon, secretariaat, tweede
):
    account = persoon.account
    verzoek = _vergeten(persoon, secretariaat, tweede)
    persoon.refresh_from_db()
    account.refresh_from_db()
    assert persoon.naam == verzoek.pseudoniem == wissen.pseudoniem(persoon)
    assert (persoon.email, persoon.telefoon) == ("", "")
    assert not account.has_usable_password()
    assert not account.is_active
    assert account.username == "persoon-" + verzoek.pseudoniem.split()[1].lower()
    assert f"{account.first_name} {account.last_name}" == verzoek.pseudoniem
    assert account.email == ""
    for naam in (account.username, "jdejonckheere"):
        gegevens = {"username": naam, "password": bouwers.WACHTWOORD}
        antwoord = Client().post(reverse("login"), gegevens)
        assert antwoord.status_code == 200 and not antwoord.wsgi_request.user.is_authenticated
    # Stable: the same pseudonym for the same person, another for someone else.
    assert wissen.pseudoniem(persoon) == verzoek.pseudoniem
    assert wissen.pseudoniem(bouwers.maak_deelnemer()) != verzoek.pseudoniem


def test_the_second_factors_go_with_their_secret_keys(persoon, secretariaat, tweede):
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
    from django_otp.plugins.otp_totp.models import TOTPDevice
    from django_otp_webauthn.models import WebAuthnCredential, WebAuthnUserHandle

    from tweestaps.models import Tweestapsplicht

    account = persoon.account
    modellen = (
        TOTPDevice, StaticDevice, StaticToken, Tweestapsplicht, WebAuthnCredential,
        WebAuthnUserHandle,
    )  # fmt: skip
    assert all(m.objects.exists() for m in modellen)  # the fixture gave him one of each
    _vergeten(persoon, secretariaat, tweede)
    assert not TOTPDevice.objects.filter(user=account).exists()
    assert not StaticDevice.objects.filter(user=account).exists()
    assert not StaticToken.objects.filter(device__user=account).exists()
    assert not Tweestapsplicht.objects.filter(account=account).exists()
    assert not WebAuthnCredential.objects.filter(user=account).exists()
    assert not WebAuthnUserHandle.objects.filter(user=account).exists()


def test_evidence_stays_attendance_memberships_and_costs_count_the_same(
    persoon, secretariaat, tweede
):
    voor = _tellingen(persoon)
    _vergeten(persoon, secretariaat, tweede)
    assert _tellingen(persoon) == voor
    # Texts kept as evidence name the pseudonym instead.
    post = Kostenpost.objects.get(omschrijving__startswith="Spreker ")
    assert post.omschrijving == f"Spreker {wissen.pseudoniem(persoon)}"


def test_a_report_already_made_stays_and_a_new_one_shows_the_pseudonym(
    persoon, secretariaat, tweede, seed, monkeypatch
):
    import weasyprint

    from rapportage.models import Verslagbestand
    from rapportage.taken import verslag_aanvragen
    from rapportage.verslag import Verslag

    # The PDF as the names it was made with (the renderer itself is tested in rapportage).
    monkeypatch.setattr(weasyprint.HTML, "write_pdf", lambda *_a, **_k: f"%PDF-1.7 {NAAM}".encode())
    gemaakt = verslag_aanvragen(Verslag.uit_periode("werkgroep", seed.slug, "2006"), "nl-be")
    gemaakt.refresh_from_db()
    assert NAAM.encode() in bytes(gemaakt.pdf)
    rij_voor = Verslagbestand.objects.filter(pk=gemaakt.pk).values().get()
    oud = jaarverslag_context(seed, 2006)
    assert NAAM in [d["naam"] for d in oud["verslag"]["deelnemers"]]

    verzoek = _vergeten(persoon, secretariaat, tweede)

    assert Verslagbestand.objects.filter(pk=gemaakt.pk).values().get() == rij_voor
    nieuw = jaarverslag_context(seed, 2006)
    namen = [d["naam"] for d in nieuw["verslag"]["deelnemers"]]
    assert NAAM not in namen and verzoek.pseudoniem in namen
    assert len(namen) == len(oud["verslag"]["deelnemers"])
    assert [v.aanwezigheden_telling for v in nieuw["verslag"]["vergaderingen"]] == [
        v.aanwezigheden_telling for v in oud["verslag"]["vergaderingen"]
    ]


def _toestand() -> dict:
    return {
        m._meta.label: list(m._base_manager.order_by("pk").values())
        for m in apps.get_models(include_auto_created=True)
        if m._meta.managed and not m._meta.proxy
    }


def test_running_it_twice_does_nothing_more(persoon, secretariaat, tweede):
    verzoek = _vergeten(persoon, secretariaat, tweede)
    toestand = _toestand()
    assert wissen.vergeten(persoon, verzoek.pseudoniem).leeg
    assert _toestand() == toestand
    with pytest.raises(services.Geweigerd, match="al uitgevoerd"):
        services.wissen_bevestigen(verzoek=verzoek, door=tweede)


def test_only_the_exact_full_name_is_replaced_not_a_longer_one(seed, secretariaat, tweede):
    jan = bouwers.maak_deelnemer(voornaam="Jan", achternaam="Peeters", email="jan@voorbeeld.be")
    bouwers.maak_deelnemer(voornaam="Jan", achternaam="Peetersen", email="bijan@voorbeeld.be")
    zijn = bouwers.kostenpost(
        seed, categorie="spreker-experten", omschrijving="Spreker Jan Peeters"
    )
    ander = bouwers.kostenpost(
        seed, categorie="spreker-experten", omschrijving="Spreker Jan Peetersen"
    )
    seed.secretariaat = "jan peeters en Jan Peetersen"
    seed.save()
    verzoek = _vergeten(jan, secretariaat, tweede)
    zijn.refresh_from_db()
    ander.refresh_from_db()
    seed.refresh_from_db()
    assert zijn.omschrijving == f"Spreker {verzoek.pseudoniem}"
    assert ander.omschrijving == "Spreker Jan Peetersen"
    assert seed.secretariaat == f"{verzoek.pseudoniem} en Jan Peetersen"
    assert Deelnemer.objects.filter(achternaam="Peetersen", email="bijan@voorbeeld.be").exists()


# ---- Refused ---------------------------------------------------------------------------------


def test_refused_without_an_export(persoon, secretariaat):
    with pytest.raises(services.Geweigerd, match="nog geen export"):
        services.wissen_aanvragen(deelnemer=persoon, door=secretariaat)
    assert not Wisverzoek.objects.exists()


def test_refused_when_the_data_changed_since_the_export(persoon, secretariaat, tweede):
    _exporteren(persoon, secretariaat)
    persoon.telefoon = "0470 00 00 00"
    persoon.save()
    with pytest.raises(services.Geweigerd, match="gewijzigd sinds de export"):
        services.wissen_aanvragen(deelnemer=persoon, door=secretariaat)
    # A change between the request and its confirmation is refused as well.
    _exporteren(persoon, secretariaat)
    verzoek = services.wissen_aanvragen(deelnemer=persoon, door=secretariaat)
    Aanwezigheid.objects.filter(deelnemer=persoon).update(status=Aanwezigheid.Status.AFWEZIG)
    with pytest.raises(services.Geweigerd, match="gewijzigd sinds de export"):
        services.wissen_bevestigen(verzoek=verzoek, door=tweede)
    persoon.refresh_from_db()
    assert persoon.telefoon == "0470 00 00 00"  # nothing erased
    verzoek.refresh_from_db()
    assert verzoek.status == Wisverzoek.Status.OPEN


def test_refused_when_the_requester_confirms(persoon, secretariaat):
    _exporteren(persoon, secretariaat)
    verzoek = services.wissen_aanvragen(deelnemer=persoon, door=secretariaat)
    with pytest.raises(services.Geweigerd, match="tweede lid van het secretariaat"):
        services.wissen_bevestigen(verzoek=verzoek, door=secretariaat)
    persoon.refresh_from_db()
    assert persoon.naam == NAAM


def test_the_database_refuses_a_request_confirmed_by_its_requester(persoon, secretariaat):
    uitvoer = _exporteren(persoon, secretariaat)
    verzoek = services.wissen_aanvragen(deelnemer=persoon, door=secretariaat)
    bevestiger = "wisverzoek_bevestiger_is_niet_aanvrager"
    with pytest.raises(IntegrityError, match=bevestiger), transaction.atomic():
        Wisverzoek.objects.filter(pk=verzoek.pk).update(
            status="uitgevoerd", bevestigd_door=secretariaat, bevestigd_op=uitvoer.gemaakt_op
        )
    uitgevoerd = "wisverzoek_uitgevoerd_als_bevestigd"
    with pytest.raises(IntegrityError, match=uitgevoerd), transaction.atomic():
        Wisverzoek.objects.filter(pk=verzoek.pk).update(status="uitgevoerd")
    # (SQLite names the columns of a partial unique index, PostgreSQL the constraint.)
    open_per_deelnemer = "wisverzoek_een_open_per_deelnemer|persoonsgegevens_wisverzoek.deelnemer"
    with pytest.raises(IntegrityError, match=open_per_deelnemer), transaction.atomic():
        Wisverzoek.objects.create(
            deelnemer=persoon, uitvoer=uitvoer, aangevraagd_door=secretariaat, pseudoniem="P"
        )


# ---- The admin -------------------------------------------------------------------------------


def test_the_admin_flow_export_request_and_a_second_members_confirmation(
    persoon, secretariaat, tweede
):
    eerste = bouwers.aangemeld(secretariaat)
    lijst = reverse("admin:werkgroep_deelnemer_changelist")
    download = eerste.post(
        lijst, {"action": "persoonsgegevens_uitvoeren", "_selected_action": [persoon.pk]}
    )
    assert download["Content-Type"] == "application/zip"
    uitvoer = Uitvoer.objects.get(deelnemer=persoon)
    assert (uitvoer.door, uitvoer.via) == (secretariaat, Uitvoer.Via.BEHEER)

    naar = eerste.post(lijst, {"action": "vergeten", "_selected_action": [persoon.pk]})
    aanvragen = reverse("admin:persoonsgegevens_wisverzoek_aanvragen", args=[persoon.pk])
    assert naar.status_code == 302 and naar["Location"] == aanvragen
    pagina = eerste.get(aanvragen).content.decode()
    assert "Wat blijft, en waarom" in pagina and "art. 17.3.b en e" in pagina
    assert "Aanwezigheid, sprekers, rapporteurs" in pagina  # the policy's reason for evidence
    tellingen = export.verzamelen(persoon).rijen_per_soort()
    assert tellingen["contact"] >= 1 and tellingen["bewijs"] > 1  # the person (and versions)
    for titel, soort in (("Contactgegevens", "contact"), ("ESF-bewijs", "bewijs")):
        aantal = tellingen[soort]
        assert f"<strong>{titel}</strong> ({aantal} record{'s' if aantal > 1 else ''})" in pagina
    eerste.post(aanvragen)
    verzoek = Wisverzoek.objects.get(deelnemer=persoon)
    assert verzoek.uitvoer == uitvoer and verzoek.status == Wisverzoek.Status.OPEN

    bevestigen = reverse("admin:persoonsgegevens_wisverzoek_bevestigen", args=[verzoek.pk])
    lijst = reverse("admin:persoonsgegevens_wisverzoek_changelist")
    open_lijst = eerste.get(lijst).content.decode()
    assert bevestigen not in open_lijst  # one's own request waits for another member
    assert "wacht op een tweede lid van het secretariaat" in open_lijst
    zelf = eerste.post(bevestigen)
    assert "zelf aan" in zelf.content.decode()
    persoon.refresh_from_db()
    assert persoon.naam == NAAM

    tweede_client = bouwers.aangemeld(tweede)
    assert bevestigen in tweede_client.get(lijst).content.decode()
    assert "Bevestigen en wissen" in tweede_client.get(bevestigen).content.decode()
    klaar = tweede_client.post(bevestigen)
    assert klaar.status_code == 302
    persoon.refresh_from_db()
    assert persoon.naam == verzoek.pseudoniem


def test_the_request_page_refuses_without_an_export_in_dutch(persoon, secretariaat):
    client = bouwers.aangemeld(secretariaat)
    aanvragen = reverse("admin:persoonsgegevens_wisverzoek_aanvragen", args=[persoon.pk])
    antwoord = client.post(aanvragen, follow=True)
    assert "Er is nog geen export" in antwoord.content.decode()
    assert not Wisverzoek.objects.exists()


@pytest.mark.parametrize("rol", ["coordinator", "lid"])
def test_a_coordinator_or_member_can_neither_request_nor_confirm(persoon, secretariaat, rol):
    _exporteren(persoon, secretariaat)
    wie = bouwers.coordinator() if rol == "coordinator" else bouwers.lid("Michel", "Bortels")
    client = bouwers.aangemeld(wie)
    aanvragen = reverse("admin:persoonsgegevens_wisverzoek_aanvragen", args=[persoon.pk])
    assert client.post(aanvragen).status_code in (302, 403)
    assert not Wisverzoek.objects.exists()
    verzoek = services.wissen_aanvragen(deelnemer=persoon, door=secretariaat)
    bevestigen = reverse("admin:persoonsgegevens_wisverzoek_bevestigen", args=[verzoek.pk])
    antwoord = client.post(bevestigen)
    assert antwoord.status_code == 403 if rol == "coordinator" else antwoord.status_code == 302
    verzoek.refresh_from_db()
    assert verzoek.status == Wisverzoek.Status.OPEN


def test_the_command_records_its_export(persoon, tmp_path):
    call_command("persoonsgegevens", ADRES, "-o", str(tmp_path / "j.zip"), stdout=io.StringIO())
    uitvoer = Uitvoer.objects.get(deelnemer=persoon)
    assert uitvoer.via == Uitvoer.Via.OPDRACHT and uitvoer.door is None
    assert uitvoer.vingerafdruk == export.vingerafdruk(export.verzamelen(persoon))


def test_the_fingerprint_does_not_change_with_the_time_or_language_of_the_export(persoon):
    from django.utils import translation

    with translation.override("en"):
        engels = export.vingerafdruk(export.verzamelen(persoon))
    assert export.vingerafdruk(export.verzamelen(persoon)) == engels


def test_a_meeting_renamed_elsewhere_does_not_count_as_a_change(persoon, secretariaat):
    """Only the person's rows count: another meeting's place changing is no reason to refuse."""
    _exporteren(persoon, secretariaat)
    Vergadering.objects.exclude(kenmerk="2006-06-06").update(plaats="Elders")
    assert services.wissen_aanvragen(deelnemer=persoon, door=secretariaat)


def test_the_lists_of_exports_and_requests_take_the_same_queries_for_one_or_many(
    seed, secretariaat, django_assert_num_queries
):
    """Session, user, savepoint, the roles' permissions (2), the counts (2), the rows with
    their participant and accounts (one join), the session saved (3); the exports' list also
    its date hierarchy (2)."""
    client = bouwers.aangemeld(secretariaat)
    for aantal in (1, 10):
        while Wisverzoek.objects.count() < aantal:
            bouwers.wisverzoek(bouwers.maak_deelnemer(), secretariaat)
        for model, vragen in (("wisverzoek", 12), ("uitvoer", 14)):
            url = reverse(f"admin:persoonsgegevens_{model}_changelist")
            client.get(url)
            with django_assert_num_queries(vragen):
                assert client.get(url).status_code == 200

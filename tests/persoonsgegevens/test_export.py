"""A person's data on request (GDPR art. 15): the export holds every row of every model that
the retention policy links to a person, with every field, and nothing of anyone else."""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
import zipfile

import pytest
from axes.models import AccessAttempt, AccessAttemptExpiration
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnAttestation, WebAuthnCredential, WebAuthnUserHandle

from kern.models import Bericht, Importtaak, Inzage, Voorkeur
from persoonsgegevens import export
from persoonsgegevens.beleid import beleid
from persoonsgegevens.management.commands.persoonsgegevens import deelnemer_zoeken
from persoonsgegevens.models import Privacyverklaring, Uitvoer, Wisverzoek
from projecten.models import ProjectDeelnemer
from tests import bouwers
from tweestaps.models import Tweestapsplicht
from uitnodigingen.models import Herinnering, Uitnodiging
from validering.models import Subgroep
from vergaderstukken.models import Actie, Notulen, Vergaderstuk
from werkgroep.models import Adresconflict, Agendapunt, Kalendersleutel, Vergadering

NAAM = "Johan Dejonckheere"
ADRES = "johan.dejonckheere@voorbeeld.be"
TOTP_SLEUTEL = "3132333435363738393031323334353637383930"
PUBLIEKE_SLEUTEL = b"publieke-sleutel-van-de-passkey"
HERSTELCODE = "herstel7"


@pytest.fixture
def johan(seed):
    """The seed's Johan Dejonckheere with a record in every model that can hold his data."""
    account = bouwers.lid(gebruikersnaam="jdejonckheere")
    deelnemer = account.deelnemer
    deelnemer.email, deelnemer.telefoon = ADRES, "09 123 45 67"
    deelnemer.save()
    account.email = ADRES
    account.save()
    Adresconflict.objects.create(
        deelnemer=deelnemer,
        account=account,
        soort=Adresconflict.Soort.VERSCHILLEND,
        adres_deelnemer=ADRES,
        adres_account="johan@oud.be",
    )
    account.user_permissions.add(Permission.objects.get(codename="view_vergadering"))
    vergadering = Vergadering.objects.get(kenmerk="2006-06-06")

    LogEntry.objects.create(
        user=account,
        content_type=ContentType.objects.get_for_model(Vergadering),
        object_id=str(vergadering.pk),
        object_repr=str(vergadering),
        action_flag=ADDITION,
    )
    bouwers.aanmeldsporen("jdejonckheere")
    AccessAttemptExpiration.objects.create(
        access_attempt=AccessAttempt.objects.get(username="jdejonckheere"),
        expires_at=timezone.now(),
    )
    Voorkeur.objects.update_or_create(account=account, defaults={"taal": "nl-be"})
    Bericht.objects.create(aan=f"{NAAM} <{ADRES}>", onderwerp="Uitnodiging", tekst="Dag Johan")
    Inzage.objects.create(
        account=account,
        gebruikersnaam="jdejonckheere",
        wat=f"Persoonsgegevens van {NAAM}",
        bron="t",
    )
    Importtaak.objects.create(
        gebruiker=account,
        model="werkgroep.deelnemer",
        resource="r",
        formaat="f",
        bestandsnaam="deelnemers.xlsx",
        taal="nl-be",
    )
    seed.secretariaat = f"{NAAM} (secretariaat)"
    seed.save()
    Agendapunt.objects.create(
        vergadering=vergadering, volgorde=99, titel="Voorstelling", spreker=deelnemer
    )
    bouwers.aanwezigheid(vergadering, deelnemer)
    Kalendersleutel.objects.create(account=account)
    # His second factors (tweestaps): an app, recovery codes, the day his duty began.
    TOTPDevice.objects.create(user=account, name="App", key=TOTP_SLEUTEL, confirmed=True)
    StaticDevice.objects.create(user=account, name="Herstelcodes").token_set.create(
        token=HERSTELCODE
    )
    passkey = WebAuthnCredential.objects.create(
        user=account,
        name="Passkey",
        confirmed=True,
        credential_id=b"passkey-id",
        public_key=PUBLIEKE_SLEUTEL,
        aaguid="00000000-0000-0000-0000-000000000000",
    )
    WebAuthnAttestation.objects.create(
        credential=passkey, fmt="none", data=b"attest", client_data_json=b"{}"
    )
    WebAuthnUserHandle.objects.create(user=account, handle_hex="ab" * 32)
    Tweestapsplicht.objects.create(account=account, begonnen_op=dt.date(2026, 1, 5))
    vergadering._history_user = account
    vergadering.save()

    fiche = bouwers.werkwaardig()
    fiche.gewijzigd_door = account
    fiche._history_user = account
    fiche.save()
    sessie = bouwers.sessie_van_werkwaardig()
    sessie.opmerkingen = f"Toelichting door {NAAM}."
    sessie.save()
    subgroep = Subgroep.objects.filter(sessie=sessie).first()
    subgroep.leden.add(deelnemer)
    subgroep._history_user = account
    bouwers.rapporteur(subgroep, account)
    bouwers.score(subgroep, commentaar="Goed")
    bouwers.punt(subgroep)
    post = bouwers.kostenpost(seed, categorie="spreker-experten", omschrijving=f"Spreker {NAAM}")
    post._history_user = account
    post.save()

    uitnodiging = Uitnodiging.objects.create(
        vergadering=vergadering,
        deelnemer=deelnemer,
        email=ADRES,
        naam=NAAM,
        antwoord="verontschuldigd",
        opmerking="Ziek",
        beantwoord_op=timezone.now(),
    )
    Herinnering.objects.create(
        uitnodiging=uitnodiging, voor=vergadering.datum_van, op=vergadering.datum_van
    )
    notulen = Notulen.objects.create(
        vergadering=vergadering,
        tekst=f"{NAAM} stelt het project voor.",
        gewijzigd_door=account,
        goedgekeurd_door=account,
        goedgekeurd_op=timezone.now(),
        verstuurd_op=timezone.now(),
        status=Notulen.Status.GOEDGEKEURD,
    )
    Actie.objects.create(
        notulen=notulen,
        omschrijving="Fiche aanvullen",
        eigenaar=deelnemer,
        afgehandeld_door=account,
    )
    stuk = Vergaderstuk(
        vergadering=vergadering,
        titel="Aanwezigheidslijst",
        bestandsnaam="lijst.pdf",
        inhoudstype="application/pdf",
        grootte=4,
        geupload_door=account,
    )
    stuk.bestand.save("lijst.pdf", ContentFile(b"%PDF"), save=False)
    stuk.save()
    # The records of his requests (issue 26 item 2): an export and a request to forget him.
    uitvoer = Uitvoer.objects.create(
        deelnemer=deelnemer, via=Uitvoer.Via.OPDRACHT, vingerafdruk="0" * 64
    )
    Wisverzoek.objects.create(
        deelnemer=deelnemer,
        uitvoer=uitvoer,
        aangevraagd_door=bouwers.secretariaat(gebruikersnaam="aanvrager"),
        pseudoniem="Persoon 000000",
    )
    verklaring = Privacyverklaring(tekst="Meer uitleg.")
    verklaring._history_user = account
    verklaring.save()
    return deelnemer


def test_the_export_holds_every_model_the_policy_links_to_a_person(johan):
    """A new model with personal data is linked in the policy (its test), and then fails
    here until the fixture gives the person a row of it."""
    gegevens = export.verzamelen(johan)
    assert {t.label for t in gegevens.tabellen} == set(beleid().koppelingen)


def test_every_row_has_every_field_and_the_persons_own_values(johan):
    gegevens = export.verzamelen(johan)
    for tabel in gegevens.tabellen:
        velden = {naam for naam, _label in tabel.kolommen}
        for rij in tabel.rijen:
            assert set(rij) == velden, tabel.label
    tekst = export.als_json(gegevens)
    for waarde in (ADRES, "09 123 45 67", "Ziek", "Fiche aanvullen", "jdejonckheere"):
        assert waarde in tekst
    assert "pbkdf2" not in tekst and "md5" not in tekst  # no password hash
    assert TOTP_SLEUTEL not in tekst and HERSTELCODE not in tekst  # nor a second factor's secret
    assert base64.b64encode(PUBLIEKE_SLEUTEL).decode() not in tekst  # nor a passkey's key


def test_nothing_of_anyone_else(johan, seed):
    ander = bouwers.maak_deelnemer(voornaam="Anna", achternaam="Peeters", email="anna@voorbeeld.be")
    bouwers.aanwezigheid(Vergadering.objects.get(kenmerk="2006-06-06"), ander)
    gegevens = export.verzamelen(johan)
    aanwezigheden = next(t for t in gegevens.tabellen if t.label == "werkgroep.Aanwezigheid")
    assert [rij["deelnemer"] for rij in aanwezigheden.rijen] == [johan.pk]
    assert "anna@voorbeeld.be" not in export.als_json(gegevens)
    assert {rij["id"] for rij in _tabel(gegevens, "projecten.ProjectDeelnemer").rijen} == set(
        ProjectDeelnemer.objects.filter(deelnemer=johan).values_list("pk", flat=True)
    )


def _tabel(gegevens, label):
    return next(t for t in gegevens.tabellen if t.label == label)


def test_the_command_writes_one_archive_with_json_html_and_the_uploaded_file(johan, tmp_path):
    pad = tmp_path / "johan.zip"
    uit = io.StringIO()
    call_command("persoonsgegevens", ADRES, "-o", str(pad), stdout=uit)
    assert NAAM in uit.getvalue()
    with zipfile.ZipFile(pad) as zip_:
        namen = zip_.namelist()
        data = json.loads(zip_.read("gegevens.json"))
        html = zip_.read("gegevens.html").decode("utf-8")
    assert data["persoon"]["naam"] == NAAM
    assert data["gegevens"]["uitnodigingen.Uitnodiging"][0]["opmerking"] == "Ziek"
    assert "Persoonsgegevens van Johan Dejonckheere" in html
    assert "Uitnodigingen" in html  # the models' Dutch names
    assert any(n.startswith("bestanden/vergaderstukken.Vergaderstuk/") for n in namen)


def test_the_person_is_named_by_number_address_or_name_and_never_guessed(johan, seed):
    assert deelnemer_zoeken(str(johan.pk)) == johan
    assert deelnemer_zoeken(ADRES.upper()) == johan
    assert deelnemer_zoeken("johan dejonckheere") == johan
    with pytest.raises(CommandError, match="Geen deelnemer"):
        deelnemer_zoeken("Niemand Hier")
    bouwers.maak_deelnemer(voornaam="Anna", achternaam="Peeters")
    bouwers.maak_deelnemer(voornaam="anna", achternaam="peeters")
    with pytest.raises(CommandError, match="Meer dan één deelnemer"):
        deelnemer_zoeken("Anna Peeters")


def test_the_secretariat_downloads_it_from_the_participants_admin(johan, secretariaat, coordinator):
    url = reverse("admin:werkgroep_deelnemer_changelist")
    data = {"action": "persoonsgegevens_uitvoeren", "_selected_action": [johan.pk]}
    antwoord = bouwers.aangemeld(secretariaat).post(url, data)
    assert antwoord.status_code == 200
    assert antwoord["Content-Type"] == "application/zip"
    inhoud = b"".join(antwoord.streaming_content)
    assert "gegevens.json" in zipfile.ZipFile(io.BytesIO(inhoud)).namelist()
    # The coordinator reads the participants but may not take them out.
    geweigerd = bouwers.aangemeld(coordinator).post(url, data)
    assert geweigerd.status_code in (302, 403)
    assert geweigerd.get("Content-Type") != "application/zip"

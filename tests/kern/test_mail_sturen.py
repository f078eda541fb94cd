"""``kern.mail.sturen``: one mail per address, an address counted once whatever its case,
none without one, the number it returns is the number sent, and each mail carries the
attachments."""

from __future__ import annotations

import pytest
from django.core import mail as django_mail

from kern import mail

pytestmark = pytest.mark.django_db


def test_each_address_gets_one_mail_and_the_count_says_how_many(
    django_capture_on_commit_callbacks,
):
    ontvangers = [
        mail.Ontvanger(adres="els@derde.be", naam="Els"),
        mail.Ontvanger(adres=" ELS@Derde.be ", naam="Els nog eens"),
        mail.Ontvanger(adres="", naam="Zonder adres"),
        mail.Ontvanger(adres="michel@lmw.be", naam="Michel"),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        aantal = mail.sturen("werkgroep/mail/welkom", ontvangers, {"link": "x", "geldig_dagen": 3})
    assert aantal == 2
    assert sorted(b.to[0] for b in django_mail.outbox) == [
        "Els <els@derde.be>",
        "Michel <michel@lmw.be>",
    ]


def test_nobody_to_mail_is_zero(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert mail.sturen("werkgroep/mail/welkom", [mail.Ontvanger(adres=" ")]) == 0
    assert django_mail.outbox == []


def test_each_mail_carries_the_attachments(django_capture_on_commit_callbacks):
    ontvangers = [mail.Ontvanger(adres="els@derde.be"), mail.Ontvanger(adres="michel@lmw.be")]
    bijlagen = [("lijst.csv", "a;b\n", "text/csv"), ("logo.png", b"\x89PNG", "image/png")]
    with django_capture_on_commit_callbacks(execute=True):
        mail.sturen("projecten/mail/fiche_ingediend", ontvangers, {}, bijlagen=bijlagen)
    assert len(django_mail.outbox) == 2
    for bericht in django_mail.outbox:
        assert bericht.attachments == [
            ("lijst.csv", "a;b\n", "text/csv"),
            ("logo.png", b"\x89PNG", "image/png"),
        ]


def test_an_alternative_goes_in_multipart_alternative_with_its_parameters(
    django_capture_on_commit_callbacks,
):
    """E.g. a calendar request (iMIP): beside the text, with ``method=…`` kept."""
    alternatief = mail.Alternatief(
        "BEGIN:VCALENDAR\r\n", "text/calendar; method=REQUEST; charset=UTF-8"
    )
    with django_capture_on_commit_callbacks(execute=True):
        mail.klaarzetten(
            {
                "aan": "els@derde.be",
                "onderwerp": "Onderwerp",
                "tekst": "Tekst",
                "bijlagen": [mail.alternatief_json(alternatief)],
            }
        )
    (bericht,) = django_mail.outbox
    bericht = bericht.message()
    assert bericht.get_content_type() == "multipart/alternative"
    tekst, kalender = bericht.get_payload()
    assert tekst.get_content_type() == "text/plain"
    assert kalender.get_content_type() == "text/calendar"
    assert kalender.get_param("method") == "REQUEST"
    assert kalender.get_content_charset() == "utf-8"
    assert kalender.get_filename() is None
    assert kalender.get_payload(decode=True) == b"BEGIN:VCALENDAR\r\n"

"""A form refused by the CSRF check gets the site's page in the reader's language, saying
what happened and how to send it again without retyping; not Django's "403 Forbidden"."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests import bouwers


@pytest.mark.django_db
def test_a_login_without_its_token_gets_the_sites_page_in_dutch():
    antwoord = Client(enforce_csrf_checks=True).post(
        reverse("login"), {"username": "jdejonckheere", "password": "demo"}
    )
    assert antwoord.status_code == 403
    html = antwoord.content.decode()
    assert "Uw formulier is niet verstuurd." in html
    assert "knop Terug" in html and "Herlaad" in html  # back, reload, send again
    assert "Werkgroepsite" in html  # the site's base template
    assert "Forbidden" not in html
    assert "CSRF cookie not set" not in html  # English library text stays in the log


def test_a_logged_in_member_sees_the_page_with_the_sites_menu(lid):
    client = Client(enforce_csrf_checks=True)
    client.force_login(lid)
    antwoord = client.post(reverse("site:profiel"), {"first_name": "Anders", "last_name": "X"})
    assert antwoord.status_code == 403
    html = antwoord.content.decode()
    assert "Uw formulier is niet verstuurd." in html and "Afmelden" in html
    lid.refresh_from_db()
    assert lid.first_name != "Anders"  # nothing was saved


def test_the_page_is_the_one_django_is_told_to_use():
    assert settings.CSRF_FAILURE_VIEW == "config.views.csrf_mislukt"


@pytest.mark.django_db
def test_in_english_the_page_is_the_same_template_through_gettext(settings):
    """The English words come from the catalogue (make messages); the page follows the
    reader's language like every other page."""
    client = Client(enforce_csrf_checks=True)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    antwoord = client.post(reverse("login"), {"username": "x", "password": "y"})
    assert antwoord.status_code == 403
    assert '<html lang="en">' in antwoord.content.decode()
    assert [t.name for t in antwoord.templates][0] == "403_csrf.html"


def test_with_its_token_the_form_is_sent(lid):
    client = bouwers.aangemeld(lid)
    assert client.post(reverse("site:profiel"), {"first_name": "Johan"}).status_code != 403

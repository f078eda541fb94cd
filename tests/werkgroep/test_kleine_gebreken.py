"""Small defects of issue 12, each pinned by the behaviour it fixes."""

import datetime as dt
import html
import re

from django.urls import reverse
from django.utils import timezone

from werkgroep import selectors, services
from werkgroep.models import Kalendersleutel


def test_organisations_list_parents_before_their_parts(seed):
    """'Sociale Zaken' of Stad Antwerpen comes right after it, not among the S's."""
    namen = [str(o) for o in selectors.organisaties()]
    stad = next(i for i, n in enumerate(namen) if n == "Stad Antwerpen")
    assert "Sociale Zaken" in namen[stad + 1]
    kul = next(i for i, n in enumerate(namen) if n == "KULeuven")
    assert "HIVA" in namen[kul + 1]
    bovenaan = [n for n in namen if "›" not in n]
    assert bovenaan == sorted(bovenaan, key=str.casefold)


def test_the_organisations_page_shows_that_order(client_van, coordinator, seed):
    pagina = client_van(coordinator).get(reverse("werkgroep:organisaties")).content.decode()
    rijen = [html.unescape(r) for r in re.findall(r"<tr[^>]*><td>(.*?)</td>", pagina)]
    assert rijen == [str(o) for o in selectors.organisaties()]


def test_a_calendar_key_keeps_its_date_until_renewed(lid):
    sleutel = services.kalendersleutel_geven(account=lid)
    vroeger = timezone.now() - dt.timedelta(days=30)
    Kalendersleutel.objects.filter(pk=sleutel.pk).update(aangemaakt=vroeger)
    sleutel.refresh_from_db()
    sleutel.save()  # any other save keeps the date
    sleutel.refresh_from_db()
    assert sleutel.aangemaakt == vroeger
    oud = sleutel.sleutel
    vernieuwd = services.kalendersleutel_vernieuwen(account=lid)
    assert vernieuwd.sleutel != oud
    assert vernieuwd.aangemaakt > vroeger + dt.timedelta(days=29)

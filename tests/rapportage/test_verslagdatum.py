"""Issue 22: the report states recorded facts, each as of when it was recorded.

The report's date is chosen by the coordinator (``?datum=``, ``--datum``) and defaults to
the day it is made; a meeting's status is said as it stood on that date (its history), only
where one was recorded, and "voorzien" for a meeting still to come then.
"""

import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone, translation

from rapportage.jaarverslag import jaarverslag_context
from rapportage.models import Verslagbestand
from tests.rapportage.test_jaarverslag import SLUG, pdf_tekst, verslag_tekst
from werkgroep.models import Vergadering

EIND_2006 = dt.date(2006, 12, 31)
JANUARI_2007 = dt.date(2007, 1, 15)


def _statussen(seed, datum, jaar=2006) -> dict[str, str]:
    verslag = jaarverslag_context(seed, jaar, verslagdatum=datum)["verslag"]
    return {
        str(v.datum): str(v.verslagstatus)
        for v in verslag["vergaderingen"] + verslag["voorbereidende_vergaderingen"]
    }


def _op(jaar, maand, dag) -> dt.datetime:
    return timezone.make_aware(dt.datetime(jaar, maand, dag, 12))  # noqa: DTZ001 (local)


def _wijzig(vergadering: Vergadering, status: str, wanneer: dt.datetime) -> None:
    """A change the secretariat saved on ``wanneer`` (its history row is dated then)."""
    vergadering.status = status
    vergadering._history_date = wanneer
    vergadering.save()


def test_a_report_made_while_the_source_was_written_plans_what_was_still_to_come(seed):
    """1 August 2006, between the source's 21/08 and 25/09: what is to come is "voorzien",
    the source's word; past meetings say nothing unless held was recorded."""
    with translation.override("nl-be"):
        assert _statussen(seed, dt.date(2006, 8, 1)) == {
            "27/02/2006": "",
            "06/06/2006": "",
            "25/09/2006": "voorzien",
            "oktober/november 2006": "voorzien",
            "december 2006": "voorzien",
            "14/04/2006": "",
            "21/08/2006": "voorzien",
        }
        assert set(_statussen(seed, dt.date(2006, 8, 1), jaar=2005).values()) == {"gehouden"}


def test_no_past_meeting_is_planned_and_none_held_before_its_day(seed):
    with translation.override("nl-be"):
        assert set(_statussen(seed, JANUARI_2007).values()) == {""}
        # On 31/12/2006 the month "december 2006" has not passed yet: still planned.
        assert [s for s in _statussen(seed, EIND_2006).values() if s] == ["voorzien"]
        # The 2005 meetings were held (the source tells it), but not before their day.
        assert _statussen(seed, dt.date(2005, 12, 5), jaar=2005) == {
            "16/09/2005": "gehouden",
            "02/12/2005": "gehouden",
            "12/12/2005": "voorzien",
        }


def test_statuses_are_read_as_they_stood_on_the_report_date(seed):
    """October/November 2006: cancelled on 20/10/2006, corrected to held in 2007."""
    oktober = Vergadering.objects.get(kenmerk="2006-10/2006-11")
    _wijzig(oktober, Vergadering.Status.GEANNULEERD, _op(2006, 10, 20))
    _wijzig(oktober, Vergadering.Status.GEHOUDEN, _op(2007, 1, 10))
    with translation.override("nl-be"):
        assert _statussen(seed, dt.date(2006, 10, 19))["oktober/november 2006"] == "voorzien"
        assert _statussen(seed, dt.date(2006, 10, 20))["oktober/november 2006"] == "geannuleerd"
        assert _statussen(seed, EIND_2006)["oktober/november 2006"] == "geannuleerd"
        assert _statussen(seed, timezone.localdate())["oktober/november 2006"] == "gehouden"
        # Recorded only after the report date: not said then (nothing was recorded then).
        december = Vergadering.objects.get(kenmerk="2006-12")
        _wijzig(december, Vergadering.Status.GEHOUDEN, timezone.now())
        assert _statussen(seed, JANUARI_2007)["december 2006"] == ""
        assert _statussen(seed, EIND_2006)["december 2006"] == "voorzien"
        assert _statussen(seed, timezone.localdate())["december 2006"] == "gehouden"


def test_the_pdf_says_the_chosen_date_and_the_statuses_as_of_then(seed):
    oktober = Vergadering.objects.get(kenmerk="2006-10/2006-11")
    _wijzig(oktober, Vergadering.Status.GEANNULEERD, _op(2006, 10, 20))
    tekst = verslag_tekst("2006", datum=dt.date(2006, 9, 1))
    assert "Opgemaakt op 1 september 2006" in tekst
    assert "25/09/2006 · vergadering · voorzien" in tekst
    assert "oktober/november 2006 · vergadering · voorzien" in tekst
    assert "december 2006 · rondetafelgesprek · voorzien" in tekst
    assert "06/06/2006 · vergadering Voorstelling" in tekst  # past, nothing recorded
    laat = verslag_tekst("2006", datum=JANUARI_2007)
    assert "Opgemaakt op 15 januari 2007" in laat
    assert "oktober/november 2006 · vergadering · geannuleerd" in laat
    assert "december 2006 · rondetafelgesprek Rondetafelgesprek" in laat  # past: no status
    assert "· voorzien" not in laat  # (the costs' status "voorzien" is the ledger's word)
    engels = verslag_tekst("2006", taal="en", datum=dt.date(2006, 9, 1))
    assert "25/09/2006 · meeting · planned" in engels


def test_reading_the_history_costs_no_query(seed, django_assert_num_queries):
    from tests.bouwers import groei, groei_grootboek

    groei(seed, 5)
    groei_grootboek(seed, 5)
    oktober = Vergadering.objects.get(kenmerk="2006-10/2006-11")
    _wijzig(oktober, Vergadering.Status.GEANNULEERD, _op(2006, 10, 20))
    # As test_jaarverslag's pin: the status as of then is read in the meetings' own query.
    with django_assert_num_queries(22):
        jaarverslag_context(seed, 2006, verslagdatum=EIND_2006)


def test_the_page_offers_the_date_and_its_pdf_link_carries_it(client_van, coordinator, seed):
    client = client_van(coordinator)
    pagina = client.get(reverse("rapportage:jaarverslag", args=[SLUG, 2006])).content.decode()
    vandaag = timezone.localdate().isoformat()
    assert f'name="datum" value="{vandaag}"' in pagina
    assert f'href="/werkgroepen/{SLUG}/jaarverslag/2006.pdf?datum={vandaag}"' in pagina
    pagina = client.get(
        reverse("rapportage:jaarverslag", args=[SLUG, 2006]), {"datum": "31/12/2006"}
    ).content.decode()
    assert "Opgemaakt op 31 december 2006" in pagina
    assert f'href="/werkgroepen/{SLUG}/jaarverslag/2006.pdf?datum=2006-12-31"' in pagina
    thema = client.get(
        reverse("rapportage:themaverslag", args=[seed.thema.slug, 2006]), {"datum": "2006-09-01"}
    ).content.decode()
    assert "Opgemaakt op 1 september 2006" in thema
    assert "25/09/2006 · vergadering · voorzien" in thema


def test_each_report_date_is_its_own_report(client_van, coordinator, seed):
    """The date is part of what the report is kept by: asking for another date never serves
    the PDF of the first."""
    client = client_van(coordinator)
    url = reverse("rapportage:jaarverslag_pdf", args=[SLUG, 2006])
    september = pdf_tekst(client.get(url, {"datum": "2006-09-01"}).getvalue())
    assert "Opgemaakt op 1 september 2006" in september
    december = pdf_tekst(client.get(url, {"datum": "2006-12-31"}).getvalue())
    assert "Opgemaakt op 31 december 2006" in december
    assert "voorzien" in september.replace("We voorzien", "")
    assert list(Verslagbestand.objects.values_list("verslagdatum", flat=True)) == [EIND_2006]


def test_the_command_makes_the_report_as_of_the_chosen_date(seed, tmp_path):
    uit = tmp_path / "verslag.pdf"
    call_command("jaarverslag", SLUG, "2006", "-o", str(uit), "--datum", "2006-09-01", verbosity=0)
    tekst = pdf_tekst(uit.read_bytes())
    assert "Opgemaakt op 1 september 2006" in tekst
    assert "25/09/2006 · vergadering · voorzien" in tekst
    call_command("jaarverslag", SLUG, "2006", "-o", str(uit), verbosity=0)
    with translation.override("nl-be"):
        vandaag = timezone.localdate().strftime("%d/%m/%Y")
    assert vandaag[:2].lstrip("0") in pdf_tekst(uit.read_bytes())


@pytest.mark.parametrize(
    ("datum", "fout"),
    [
        ("31-12-2006", "is geen datum"),
        ("2999-01-01", "niet later opgemaakt zijn dan vandaag"),
        ("2005-12-31", "vóór 1 januari 2006"),
    ],
)
def test_the_command_refuses_a_date_it_cannot_use(seed, tmp_path, datum, fout):
    uit = tmp_path / "verslag.pdf"
    with pytest.raises(CommandError, match=fout):
        call_command("jaarverslag", SLUG, "2006", "-o", str(uit), "--datum", datum, verbosity=0)
    assert not uit.exists()


def test_the_schedule_has_a_status_column_only_when_it_has_a_status_to_state(seed):
    """Made today, no 2006 meeting has a recorded outcome: a column of empty cells would
    only say "status unknown" seven times; 2005's held meetings keep it."""

    def schema(periode: str, datum: dt.date) -> str:
        tekst = verslag_tekst(periode, datum=datum)
        return tekst[tekst.index("Vergaderfrequentie Datum") :][:60]

    assert schema("2006", JANUARI_2007).startswith("Vergaderfrequentie Datum Soort 27/02")
    assert schema("2006", dt.date(2006, 9, 1)).startswith(
        "Vergaderfrequentie Datum Soort Status 27/02"
    )
    assert schema("2005-2006", JANUARI_2007).startswith(
        "Vergaderfrequentie Datum Soort Status 16/09/2005"
    )

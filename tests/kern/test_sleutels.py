"""One declaration per natural key: every model with ``sleutel()`` reads back what it writes."""

import pytest
from django.apps import apps

from financien.models import Budget
from kern.sleutels import SleutelManager
from werkgroep.models import Werkgroep


def _modellen_met_sleutel():
    return [m for m in apps.get_models() if hasattr(getattr(m, "natural_key", None), "lookups")]


def test_every_declared_key_finds_its_own_record(seed):
    gezien = 0
    for model in _modellen_met_sleutel():
        for obj in model.objects.all()[:20]:
            assert model.objects.get_by_natural_key(*obj.natural_key()) == obj
            gezien += 1
    assert gezien > 50  # the seed has records of most of these models


def test_the_generic_manager_replaced_every_hand_written_one():
    """Only the organisation's path (any depth) keeps a manager of its own."""
    eigen = {
        m.__name__
        for m in apps.get_models()
        if m.__module__.split(".")[0] in {"werkgroep", "projecten", "validering", "financien"}
        and hasattr(m._default_manager, "get_by_natural_key")
        and not isinstance(m._default_manager, SleutelManager)
    }
    assert eigen == {"Organisatie", "ProjectOrganisatie"}
    assert len(_modellen_met_sleutel()) >= 20


def test_a_key_ending_in_an_empty_link_is_found(seed):
    totaal = Budget.objects.create(werkgroep=Werkgroep.objects.first(), jaar=2031, bedrag=1)
    assert totaal.natural_key()[-1] is None
    assert Budget.objects.get_by_natural_key(*totaal.natural_key()[:-1]) == totaal


def test_a_key_with_too_many_parts_is_not_found(seed):
    with pytest.raises(Budget.DoesNotExist):
        Budget.objects.get_by_natural_key("x", 2006, None, "te veel")

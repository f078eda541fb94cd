"""Every import compares keys and references as values: the whole export of each, with every
key and reference cell in other capitals and spacing (a date in another writing), previews as
the same records, nothing new, nothing changed, no line a twin of another; and confirming it
writes nothing, keeping the writing each record had. The imports come from the admin's list,
so a new import is in this test the day it is added."""

from __future__ import annotations

import pytest
from django.contrib.admin.models import LogEntry

from kern.datums import Datumaanduiding, OngeldigeDatum, Precisie
from kern.spreadsheets import BelgischeCSV, Verwijzing, importfouten
from werkgroep.resources import VergaderingWidget

from .rondreis import export_csv, imports, rondreis_wereld

IMPORTS = imports()


def anders_geschreven(tekst: str) -> str:
    """The same value as another person types it: "VVSG" as "  vvsg ", "Stad Antwerpen ›
    Sociale Zaken" as "  STAD  ANTWERPEN > SOCIALE  ZAKEN ", "02/12/05" as "2/12/2005"."""
    tekst = str(tekst or "")
    if not tekst.strip():
        return tekst
    try:
        datum = Datumaanduiding.parse(tekst)
    except OngeldigeDatum:
        datum = None
    if datum is not None and datum.precisie == Precisie.DAG:
        return f"{datum.van.day}/{datum.van.month}/{datum.van.year}"
    anders = tekst.swapcase() if tekst != tekst.lower() else tekst.upper()
    return "  " + anders.replace(" › ", " > ").replace(" ", "  ") + " "


def verwijzende_kolommen(resource) -> list[str]:
    """The columns that say which record a line is, or name another record."""
    kolommen = list(resource._sleutelkolommen())
    for veld in resource.fields.values():
        verwijst = isinstance(veld.widget, Verwijzing | VergaderingWidget)
        deel_van_verwijzing = veld.readonly and "__" in (veld.attribute or "")
        if (verwijst or deel_van_verwijzing) and veld.column_name not in kolommen:
            kolommen.append(veld.column_name)
    return kolommen


def test_every_import_of_the_admin_is_here():
    assert len(IMPORTS) == 14, sorted(IMPORTS)


@pytest.mark.parametrize("soort", sorted(IMPORTS))
def test_keys_and_references_in_other_capitals_and_spacing_are_the_same_records(seed, soort):
    rondreis_wereld(seed)
    resource = IMPORTS[soort]
    model = resource._meta.model
    data = BelgischeCSV().create_dataset(export_csv(resource))
    assert data.height > 0, f"{soort}: the world has nothing to export"
    kolommen = verwijzende_kolommen(resource())
    assert kolommen
    anders = 0
    for kop in kolommen:
        if kop in data.headers:
            waarden = [anders_geschreven(w) for w in data[kop]]
            anders += sum(w != o for w, o in zip(waarden, data[kop], strict=True))
            del data[kop]
            data.append_col(waarden, header=kop)
    assert anders >= data.height, f"{soort}: every line has a key or reference written otherwise"
    voor = list(model.objects.order_by("pk").values())
    historiek = model.history.count() if hasattr(model, "history") else None

    voorvertoning = resource().import_data(data, dry_run=True)
    assert importfouten(voorvertoning) == []
    assert (voorvertoning.totals["new"], voorvertoning.totals["update"]) == (0, 0)
    assert voorvertoning.totals["skip"] == data.height

    bevestigd = resource().import_data(data, dry_run=False)
    assert importfouten(bevestigd) == []
    assert list(model.objects.order_by("pk").values()) == voor
    if historiek is not None:
        assert model.history.count() == historiek
    assert not LogEntry.objects.exists()

"""The world the round-trip files were exported from, and the imports as the admin lists them.

``tests/bestanden/rondreis/*_export.csv`` are the site's CSV exports of this world; LibreOffice
opened and changed them (``tests/bestanden/calc.py``). The seed holds no attendance and no
speaker that is a participant, and one strand: a few records are added so that every import
has lines and a reference that can change.
"""

from __future__ import annotations

from kern.management.commands.importeer import importeerbaar
from kern.spreadsheets import BelgischeCSV, VeiligeXLSX


def rondreis_wereld(seed) -> None:
    """The seed and: a second strand, a participant as speaker, attendance of one meeting."""
    from werkgroep.models import Aanwezigheid, Agendapunt, Deelnemer, Thema, Vergadering

    Thema.objects.create(naam="Werk en Zorg", slug="werk-en-zorg")
    deelnemer = Deelnemer.objects.get_by_natural_key
    punt = Agendapunt.objects.get(vergadering__kenmerk="2006-09-25", volgorde=1)
    punt.spreker = deelnemer("Koen", "Devriendt")
    punt.save()
    eerste = Vergadering.objects.get(kenmerk="2005-09-16")
    for (voornaam, achternaam), status in [
        (("Els", "Baele"), "aanwezig"),
        (("Tom", "Speelman"), "verontschuldigd"),
        (("Michel", "Bortels"), "aanwezig"),
    ]:
        Aanwezigheid.objects.create(
            vergadering=eerste, deelnemer=deelnemer(voornaam, achternaam), status=status
        )


def imports() -> dict:
    """{soort: resource class} of every import the admin offers (``manage.py importeer``'s)."""
    return {soort: admin.resource_classes[0] for soort, admin in importeerbaar().items()}


def export_csv(resource) -> bytes:
    """The admin's CSV export of every record, as the secretariat downloads it."""
    return BelgischeCSV().export_data(resource().export()).encode("utf-8")


def export_xlsx(resource) -> bytes:
    """The admin's XLSX export: dates, times and amounts as real cells."""
    return VeiligeXLSX().export_data(resource().export(force_native_type=True))

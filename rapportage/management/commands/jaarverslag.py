"""python manage.py jaarverslag <slug> <periode> -o FILE.pdf [--taal en] [--datum 2006-12-31]
python manage.py jaarverslag --themawerking <slug> <jaar> -o FILE.pdf

The report date is the day it is made unless ``--datum`` chooses another (statuses as
they were recorded on that day).

Rendered here and now (no background task), from the same ``Verslag`` as the site's PDF,
with the same annexes embedded.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.http import Http404
from django.utils import translation

from kern.pdf import render_pdf
from rapportage.jaarverslag import pdf_bijlagen
from rapportage.verslag import (
    THEMAWERKING,
    WERKGROEP,
    OngeldigePeriode,
    OngeldigeVerslagdatum,
    Verslag,
    lees_verslagdatum,
)


class Command(BaseCommand):
    help = "Schrijf het jaarverslag van een werkgroep of (--themawerking) een themawerking als PDF."

    def add_arguments(self, parser):
        parser.add_argument(
            "slug", help="slug van de werkgroep, bv. regierol-van-de-lokale-besturen"
        )
        parser.add_argument("periode", help="een jaar (2006) of jaren (2005-2006)")
        parser.add_argument("-o", "--output", required=True, help="het PDF-bestand")
        parser.add_argument("--taal", default="nl-be", help="nl-be (standaard) of en")
        parser.add_argument(
            "--datum",
            default="",
            help="de datum van het verslag, bv. 2006-12-31 of 31/12/2006 (standaard: vandaag)",
        )
        parser.add_argument(
            "--themawerking",
            action="store_true",
            help="de slug is die van een themawerking: één jaar, een hoofdstuk per werkgroep",
        )

    def handle(self, *args, slug, periode, output, taal, datum, themawerking, **options):
        soort = THEMAWERKING if themawerking else WERKGROEP
        try:
            verslag = Verslag.uit_periode(soort, slug, periode)
        except OngeldigePeriode:
            raise CommandError(
                f"{periode!r} is not a year (2006)"
                + ("." if themawerking else " or a range of years in order (2005-2006).")
            ) from None
        with translation.override(taal):
            try:
                verslagdatum = lees_verslagdatum(datum, verslag.jaar_van) if datum else None
            except OngeldigeVerslagdatum as fout:
                raise CommandError(str(fout)) from None
            try:
                template_name, context = verslag.document(verslagdatum)
            except Http404:
                raise CommandError(f"No {soort} with slug {slug!r}.") from None
            # The annexes the secretariat attached, embedded as the site's PDF embeds them.
            pdf = render_pdf(template_name, context, pdf_bijlagen(context))
        Path(output).write_bytes(pdf)
        self.stdout.write(self.style.SUCCESS(f"{output}: {len(pdf)} bytes"))

"""python manage.py jaarverslag <slug> <jaar> -o FILE.pdf"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from rapportage.jaarverslag import jaarverslag_context
from rapportage.pdf import render_pdf
from werkgroep.models import Werkgroep


class Command(BaseCommand):
    help = "Schrijf het jaarverslag van een werkgroep als PDF."

    def add_arguments(self, parser):
        parser.add_argument(
            "slug", help="slug van de werkgroep, bv. regierol-van-de-lokale-besturen"
        )
        parser.add_argument("jaar", type=int)
        parser.add_argument("-o", "--output", required=True, help="het PDF-bestand")
        parser.add_argument("--taal", default="nl-be", help="nl-be (standaard) of en")

    def handle(self, *args, slug, jaar, output, taal, **options):
        try:
            werkgroep = Werkgroep.objects.get(slug=slug)
        except Werkgroep.DoesNotExist:
            raise CommandError(f"No working group with slug {slug!r}.") from None
        with translation.override(taal):
            pdf = render_pdf(
                "rapportage/jaarverslag_pdf.html", jaarverslag_context(werkgroep, jaar)
            )
        Path(output).write_bytes(pdf)
        self.stdout.write(self.style.SUCCESS(f"{output}: {len(pdf)} bytes"))

"""Restore a ``reservekopie`` file: empty the database, then load every record, in one go.

Run ``migrate`` first, on the same version of the code that wrote the backup. The
restore is one transaction: if a record does not load, the database is left as it was.
"""

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


class Command(BaseCommand):
    help = (
        "Vervang alle gegevens door die van een reservekopie (JSON). Eerst 'migrate'. "
        "Vraagt bevestiging, tenzij --no-input."
    )

    def add_arguments(self, parser):
        parser.add_argument("bestand")
        parser.add_argument("--no-input", action="store_false", dest="interactive")

    def handle(self, *args, bestand, interactive, **options):
        if interactive:
            antwoord = input("This replaces ALL data in the database. Type 'ja' to go on: ")
            if antwoord.strip().lower() != "ja":
                raise CommandError("Nothing was changed.")
        with transaction.atomic():
            # flush empties every table and recreates content types, permissions and
            # the roles; the backup brings the rest, the roles with their own numbers.
            call_command("flush", interactive=False, verbosity=0)
            Group.objects.all().delete()
            call_command("loaddata", bestand, verbosity=0)
        self.stdout.write(self.style.SUCCESS(f"Restored from {bestand}."))

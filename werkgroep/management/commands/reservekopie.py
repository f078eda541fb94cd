"""A database-neutral backup: every record as JSON, with the primary keys kept.

Primary keys stay as they are, because addresses (``/vergaderingen/12/``, the iCal
feed) and history rows refer to them. Content types and permissions are written by
natural key, since a new database numbers them itself. Sessions are left out.
On PostgreSQL, ``pg_dump`` is the backup of choice (docs/operations.md); this one
serves SQLite and moving between databases.
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand

# rapportage.Jaarverslag is a table-less model that only carries a permission.
UITGESLOTEN = ["contenttypes", "auth.permission", "sessions", "rapportage.jaarverslag"]


class Command(BaseCommand):
    help = "Schrijf alle gegevens naar een JSON-bestand (herstellen met 'herstellen')."

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", required=True, help="Het bestand, bv. backup.json")

    def handle(self, *args, output, **options):
        call_command(
            "dumpdata",
            natural_foreign=True,
            exclude=UITGESLOTEN,
            indent=1,
            output=output,
            verbosity=0,
        )
        self.stdout.write(self.style.SUCCESS(f"Backup written to {output}."))

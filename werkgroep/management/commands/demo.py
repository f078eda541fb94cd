"""Set up the local demo: migrate, load the seed, create the demo accounts."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from werkgroep import rollen
from werkgroep.models import Deelnemer
from werkgroep.services import account_aanmaken

DEMO_WACHTWOORD = "demo"


class Command(BaseCommand):
    help = (
        "Zet de demo op: migreer, laad de werkgroep uit de bron en maak de accounts "
        "secretariaat, coordinator en jdejonckheere (wachtwoord 'demo'). Alleen met DEBUG aan."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "The demo creates accounts with the password 'demo' and refuses to run with "
                "DEBUG off. Run it only on a local machine with DEBUG=true."
            )
        call_command("migrate", interactive=False, verbosity=0)
        call_command("loaddata", "regierol_lokale_besturen", verbosity=0)
        account_aanmaken(
            gebruikersnaam="secretariaat",
            wachtwoord=DEMO_WACHTWOORD,
            rol=rollen.SECRETARIAAT,
            staff=True,
        )
        account_aanmaken(
            gebruikersnaam="coordinator",
            wachtwoord=DEMO_WACHTWOORD,
            rol=rollen.COORDINATOR,
            staff=True,
        )
        account_aanmaken(
            gebruikersnaam="jdejonckheere",
            wachtwoord=DEMO_WACHTWOORD,
            rol=rollen.LID,
            deelnemer=Deelnemer.objects.get_by_natural_key("Johan", "Dejonckheere"),
        )
        self.stdout.write(
            self.style.SUCCESS(
                "Demo ready: log in at http://127.0.0.1:8000/ as secretariaat, coordinator "
                "or jdejonckheere, password 'demo'."
            )
        )

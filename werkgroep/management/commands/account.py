"""Create an account for a new member, coordinator or secretariat from the server's shell."""

from getpass import getpass

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from werkgroep import rollen
from werkgroep.models import Deelnemer
from werkgroep.services import account_aanmaken, welkomstmail_sturen

ROLLEN = {
    "secretariaat": (rollen.SECRETARIAAT, True),
    "coordinator": (rollen.COORDINATOR, True),
    "lid": (rollen.LID, False),
}


class Command(BaseCommand):
    help = (
        "Maak een account (of zet het opnieuw) in één rol, voor een lid gekoppeld aan een "
        "deelnemer. Zonder --wachtwoord krijgt de persoon een mail met een link om zelf een "
        "wachtwoord te kiezen (de links beginnen met SITE_ADRES)."
    )

    def add_arguments(self, parser):
        parser.add_argument("gebruikersnaam")
        parser.add_argument("--rol", choices=sorted(ROLLEN), required=True)
        parser.add_argument(
            "--deelnemer",
            nargs=2,
            metavar=("VOORNAAM", "ACHTERNAAM"),
            help="De deelnemer van dit account (nodig voor een lid).",
        )
        parser.add_argument(
            "--wachtwoord",
            action="store_true",
            help="Vraag een wachtwoord (twee keer) in plaats van 'wachtwoord vergeten'.",
        )

    @transaction.atomic
    def handle(self, *args, gebruikersnaam, rol, deelnemer, wachtwoord, **options):
        groep, staff = ROLLEN[rol]
        if rol == "lid" and not deelnemer:
            raise CommandError("A member's account needs --deelnemer VOORNAAM ACHTERNAAM.")
        persoon = None
        if deelnemer:
            try:
                persoon = Deelnemer.objects.get_by_natural_key(*deelnemer)
            except Deelnemer.DoesNotExist:
                raise CommandError(
                    f"No participant {' '.join(deelnemer)}: add them in the admin first."
                ) from None
        geheim = None
        if wachtwoord:
            geheim = getpass("Wachtwoord: ")
            if geheim != getpass("Nog eens: "):
                raise CommandError("The two passwords differ; nothing was changed.")
            try:
                validate_password(geheim)
            except ValidationError as fout:
                raise CommandError(" ".join(fout.messages)) from None
        account = account_aanmaken(
            gebruikersnaam=gebruikersnaam,
            wachtwoord=geheim,
            rol=groep,
            deelnemer=persoon,
            staff=staff,
        )
        if geheim:
            uitleg = "."
        elif welkomstmail_sturen(account, basis_url=settings.SITE_ADRES):
            uitleg = f"; a mail to {account.email} has the link to choose a password."
        else:
            uitleg = (
                "; no e-mail address, so no mail: add one in the admin and send the link "
                "from the accounts' list, or use 'wachtwoord vergeten'."
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Account {account.username} ({groep})"
                + (f", linked to {persoon}" if persoon else "")
                + uitleg
            )
        )

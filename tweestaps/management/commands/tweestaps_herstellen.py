"""Remove every second factor of an account whose phone is lost (the secretariat, after
checking who asks). The next login asks the password only, then a new app."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from tweestaps import services


class Command(BaseCommand):
    help = _("Verwijder alle tweede factoren van een account (verloren telefoon).")

    def add_arguments(self, parser):
        parser.add_argument("gebruikersnaam", help=_("de gebruikersnaam van het account"))

    def handle(self, *args, gebruikersnaam, **options):
        user = get_user_model().objects.filter(username=gebruikersnaam).first()
        if user is None:
            raise CommandError(
                _("Geen account met gebruikersnaam %(naam)s.") % {"naam": gebruikersnaam}
            )
        aantal = services.factoren_wissen(user=user)
        self.stdout.write(
            _(
                "%(aantal)d tweede factor(en) van %(naam)s verwijderd. Bij de volgende aanmelding "
                "volstaat het wachtwoord; daarna koppelt %(naam)s een nieuwe app."
            )
            % {"aantal": aantal, "naam": gebruikersnaam}
        )

"""Remove every second factor of an account whose phone is lost (the secretariat, after
checking who asks), as the admin's action "Tweede factor herstellen…" does: through
``services.factoren_herstellen``, so the account gets the same notice. The next login asks
the password only, then a new factor."""

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
        aantal = services.factoren_herstellen(account=user)
        if not aantal:
            self.stdout.write(
                _("%(naam)s had geen tweede factor; er is niets veranderd.")
                % {"naam": gebruikersnaam}
            )
            return
        self.stdout.write(
            _(
                "%(aantal)d tweede factor(en) van %(naam)s verwijderd. Bij de volgende aanmelding "
                "volstaat het wachtwoord; daarna koppelt %(naam)s een nieuwe app."
            )
            % {"aantal": aantal, "naam": gebruikersnaam}
        )

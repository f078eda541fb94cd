"""The participants and accounts whose addresses could not simply be joined into one."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from werkgroep import selectors, services


class Command(BaseCommand):
    help = _(
        "Toont de adresconflicten die nog open staan: een deelnemer en zijn account met twee "
        "verschillende adressen (dat van de deelnemer bleef), of een adres dat al bij een "
        "ander account hoort. Met --afgehandeld NUMMER ... markeert u ze als nagekeken."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--afgehandeld",
            nargs="+",
            type=int,
            metavar="NUMMER",
            help=_("Markeer deze conflicten als afgehandeld (na nakijken met de persoon)."),
        )

    def handle(self, *args, afgehandeld=None, **options):
        if afgehandeld:
            gemarkeerd = services.adresconflicten_afhandelen(nummers=afgehandeld)
            if gemarkeerd != len(set(afgehandeld)):
                raise CommandError(_("Niet elk nummer is een open adresconflict."))
            self.stdout.write(
                _("%(aantal)d adresconflict(en) afgehandeld.") % {"aantal": gemarkeerd}
            )
            return
        conflicten = list(selectors.open_adresconflicten())
        if not conflicten:
            self.stdout.write(_("Geen open adresconflicten."))
            return
        for conflict in conflicten:
            self.stdout.write(
                f"{conflict.pk}\t{conflict.deelnemer.naam}\t{conflict.account.username}\t"
                f"deelnemer: {conflict.adres_deelnemer or '-'}\t"
                f"account: {conflict.adres_account or '-'}\t{conflict.get_soort_display()}"
            )

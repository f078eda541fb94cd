"""``manage.py bewaren [--droog]``: the retention policy applied, daily
(``persoonsgegevens.bewaren`` does it; this prints what it did)."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from persoonsgegevens import bewaren
from persoonsgegevens.beleid import beleid

GEDAAN = {
    bewaren.VERWIJDEREN: gettext_lazy("verwijderd"),
    bewaren.LEEGMAKEN: gettext_lazy("leeggemaakt"),
    bewaren.DEACTIVEREN: gettext_lazy("gedeactiveerd"),
}
DROOG = {
    bewaren.VERWIJDEREN: gettext_lazy("zou verwijderd worden"),
    bewaren.LEEGMAKEN: gettext_lazy("zou leeggemaakt worden"),
    bewaren.DEACTIVEREN: gettext_lazy("zou gedeactiveerd worden"),
}
BLIJFT = gettext_lazy(
    "voorbij de termijn, blijft bewaard (ter informatie: verwijderen beslist een persoon)"
)


class Command(BaseCommand):
    help = _(
        "Past het bewaarbeleid toe (persoonsgegevens/bewaarbeleid.yaml): wat voorbij zijn "
        "termijn is, wordt verwijderd of leeggemaakt, per termijn in één transactie. ESF-bewijs "
        "wordt nooit verwijderd, alleen geteld. Dagelijks te draaien; veilig om meermaals te "
        "draaien. Met --droog toont het wat het zou doen, zonder iets te wijzigen."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--droog",
            action="store_true",
            help=_("Toon per termijn wat verwijderd of leeggemaakt zou worden; wijzig niets."),
        )

    def handle(self, *args, droog: bool, **options):
        if droog:
            self.stdout.write(_("Proef (--droog): er wordt niets gewijzigd."))
        termijnen = beleid().termijnen
        for termijn, regels in bewaren.toepassen(droog=droog):
            t = termijnen[termijn]
            self.stdout.write(
                _("%(termijn)s (%(instelling)s = %(waarde)s, eenheid %(eenheid)s):")
                % {
                    "termijn": termijn,
                    "instelling": t.instelling,
                    "waarde": t.waarde,
                    "eenheid": t.eenheid,
                }
            )
            for regel in regels:
                if regel.actie == bewaren.TELLEN:
                    actie = BLIJFT
                else:
                    actie = (DROOG if droog else GEDAAN)[regel.actie]
                self.stdout.write(
                    _("  %(aantal)s %(wat)s: %(actie)s")
                    % {"aantal": regel.aantal, "wat": regel.wat, "actie": actie}
                )
                for naam in regel.namen:
                    self.stdout.write(f"    - {naam}")

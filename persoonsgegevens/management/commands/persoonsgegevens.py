"""``manage.py persoonsgegevens <persoon> -o archief.zip``: everything the site holds about
one person (GDPR art. 15), the same archive as the admin's action."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kern import inzage
from persoonsgegevens import export, services
from persoonsgegevens.models import Uitvoer
from werkgroep.models import Deelnemer


def deelnemer_zoeken(wie: str) -> Deelnemer:
    """The one participant ``wie`` names: a number, an e-mail address, or "Voornaam Achternaam"."""
    wie = wie.strip()
    if wie.isdigit():
        gevonden = Deelnemer.objects.filter(pk=int(wie))
    elif "@" in wie:
        gevonden = Deelnemer.objects.filter(Q(email__iexact=wie) | Q(account__email__iexact=wie))
    else:
        voornaam, _spatie, achternaam = wie.partition(" ")
        gevonden = Deelnemer.objects.filter(
            voornaam__iexact=voornaam.strip(), achternaam__iexact=achternaam.strip()
        )
    gevonden = list(gevonden.distinct()[:10])
    if not gevonden:
        raise CommandError(_("Geen deelnemer gevonden voor “%(wie)s”.") % {"wie": wie})
    if len(gevonden) > 1:
        namen = ", ".join(f"{d.pk}: {d.voornaam} {d.achternaam}" for d in gevonden)
        raise CommandError(
            _("Meer dan één deelnemer voor “%(wie)s”; geef het nummer: %(namen)s.")
            % {"wie": wie, "namen": namen}
        )
    return gevonden[0]


class Command(BaseCommand):
    help = _(
        "Schrijft alles wat de site over één persoon bewaart naar een ZIP-archief "
        "(gegevens.json, gegevens.html en opgeladen bestanden): AVG art. 15. De persoon is een "
        "deelnemernummer, een e-mailadres of “Voornaam Achternaam”."
    )

    def add_arguments(self, parser):
        parser.add_argument("persoon")
        parser.add_argument("-o", "--uitvoer", required=True, type=Path)

    def handle(self, *args, persoon, uitvoer, **options):
        deelnemer = deelnemer_zoeken(persoon)
        gegevens = export.verzamelen(deelnemer)
        archief = export.archief(gegevens)
        with transaction.atomic():  # the record, and the file only once it is written
            inzage.vastleggen(
                wat=gettext_lazy("Persoonsgegevens van %(naam)s"),
                waarden={"naam": gegevens.persoon.naam},
                bron="manage.py persoonsgegevens",
                personen=1,
            )
            uitvoer.write_bytes(archief)
            services.uitvoer_vastleggen(
                deelnemer=deelnemer, gegevens=gegevens, via=Uitvoer.Via.OPDRACHT
            )
        self.stdout.write(
            _("%(rijen)d gegevens over %(naam)s in %(tabellen)d soorten geschreven naar %(pad)s.")
            % {
                "rijen": gegevens.aantal_rijen,
                "naam": gegevens.persoon.naam,
                "tabellen": len(gegevens.tabellen),
                "pad": uitvoer,
            }
        )

"""``manage.py importeer <soort> <bestand> [--bevestig]``: an import from the terminal.

The same as the admin's import page, for a file that would take long through a browser:
the same formats, limits and Dutch messages, the same preview (nothing saved without
``--bevestig``) and all or nothing. The kinds are the admin's importable models, named as
in its URLs (``kostenpost``, ``vergadering``, ``deelnemer``…). A progress bar on a terminal.
"""

from __future__ import annotations

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from kern.spreadsheets import (
    BelgischeCSV,
    OnleesbaarBestand,
    SpreadsheetAdmin,
    VeiligeODS,
    VeiligeXLSX,
    importfouten,
    totalen,
)

FORMATEN = {
    ".csv": BelgischeCSV,
    ".txt": BelgischeCSV,
    ".tsv": BelgischeCSV,
    ".xlsx": VeiligeXLSX,
    ".ods": VeiligeODS,
}


def importeerbaar() -> dict[str, SpreadsheetAdmin]:
    """{model name: its admin} for every model the admin imports."""
    beheerd = [model for model in apps.get_models() if admin.site.is_registered(model)]
    return {
        model._meta.model_name: model_admin
        for model in beheerd
        if isinstance(model_admin := admin.site.get_model_admin(model), SpreadsheetAdmin)
    }


class Command(BaseCommand):
    help = _("Lees een spreadsheet in zoals de importpagina van het beheer (CSV, XLSX of ODS).")

    def add_arguments(self, parser):
        parser.add_argument("soort", help=_("wat het bestand bevat, bv. kostenpost"))
        parser.add_argument("bestand", type=Path)
        parser.add_argument(
            "--bevestig",
            action="store_true",
            help=_("sla de gegevens op; zonder deze optie alleen de voorvertoning"),
        )
        parser.add_argument("--gebruiker", help=_("wie inleest: de historiek noemt die gebruiker"))

    def handle(self, *args, soort, bestand, bevestig, gebruiker, **opties):
        admins = importeerbaar()
        if soort not in admins:
            raise CommandError(
                _("Onbekende soort “%(soort)s”; kies uit: %(soorten)s.")
                % {"soort": soort, "soorten": ", ".join(sorted(admins))}
            )
        formaat = FORMATEN.get(bestand.suffix.lower())
        if formaat is None:
            raise CommandError(
                _("Geef een CSV-, XLSX- of ODS-bestand (.csv, .txt, .tsv, .xlsx of .ods).")
            )
        try:
            inhoud = bestand.read_bytes()
        except OSError as fout:
            raise CommandError(
                _("Het bestand kan niet gelezen worden: %(fout)s") % {"fout": fout.strerror}
            ) from None
        if len(inhoud) > settings.IMPORT_MAX_BYTES:
            raise CommandError(
                _("Het bestand is %(grootte)s; het maximum is %(max)s.")
                % {
                    "grootte": filesizeformat(len(inhoud)),
                    "max": filesizeformat(settings.IMPORT_MAX_BYTES),
                }
            )
        wie = None
        if gebruiker:
            wie = get_user_model().objects.filter(username=gebruiker).first()
            if wie is None:
                raise CommandError(_("Onbekende gebruiker “%(naam)s”.") % {"naam": gebruiker})
        try:
            dataset = formaat().create_dataset(inhoud)
        except OnleesbaarBestand as fout:
            raise CommandError(str(fout)) from None
        resource = admins[soort].get_import_resource_classes(None)[0]()
        if self.stderr.isatty():
            resource.voortgang = self._balk
        resultaat = resource.import_data(dataset, dry_run=not bevestig, user=wie)
        if resource.voortgang:
            self.stderr.write("")
        fouten = importfouten(resultaat)
        if fouten:
            for fout in fouten:
                plaats = _("regel %(regel)s") % {"regel": fout.regel} if fout.regel else ""
                if fout.kolom:
                    plaats += ", " + _("kolom %(kolom)s") % {"kolom": fout.kolom}
                waarde = f" “{fout.waarde}”" if fout.waarde else ""
                self.stderr.write(f"{plaats}{waarde}: {fout.reden}" if plaats else fout.reden)
            raise CommandError(_("Het bestand is niet ingelezen; er is niets opgeslagen."))
        if bevestig:
            self.stdout.write(_("Ingelezen: %(totalen)s.") % {"totalen": totalen(resultaat)})
        else:
            self.stdout.write(
                _("Voorvertoning: %(totalen)s. Er is niets opgeslagen; bevestig met --bevestig.")
                % {"totalen": totalen(resultaat)}
            )

    def _balk(self, gedaan: int, totaal: int) -> None:
        if gedaan % 100 and gedaan != totaal:
            return
        breedte = 30
        vol = breedte * gedaan // max(totaal, 1)
        self.stderr.write(f"\r[{'#' * vol}{'.' * (breedte - vol)}] {gedaan}/{totaal}", ending="")
        self.stderr.flush()

"""Django's makemessages, which also finds the texts of the retention policy.

The policy's texts for readers are Dutch in ``bewaarbeleid.yaml`` (one place, beside the rule
they explain), and xgettext does not read YAML. While the catalogues are made, a Python file
with each text as ``pgettext("bewaarbeleid", …)`` (a keyword xgettext knows; the file is never
imported) lies in the folder makemessages reads (the current one); it is removed afterwards,
so the texts are never written twice in the code."""

from pathlib import Path

from django.core.management.commands import makemessages

from persoonsgegevens.beleid import CONTEXT, teksten

TIJDELIJK = "_bewaarbeleid_teksten.py"


class Command(makemessages.Command):
    def handle(self, *args, **options):
        regels = [f"pgettext({CONTEXT!r}, {tekst!r})" for tekst in teksten()]
        tijdelijk = Path.cwd() / TIJDELIJK
        tijdelijk.write_text(
            "from django.utils.translation import pgettext\n\n" + "\n".join(regels) + "\n",
            encoding="utf-8",
        )
        try:
            return super().handle(*args, **options)
        finally:
            tijdelijk.unlink(missing_ok=True)

"""Remind the invited who did not answer, a few days before the meeting. Run daily."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from kern import mail
from uitnodigingen.services import herinneringen_sturen


class Command(BaseCommand):
    help = _(
        "Mailt wie nog niet antwoordde op een uitnodiging een herinnering, "
        "HERINNERING_DAGEN_VOORAF dagen voor de vergadering. Veilig om meermaals te draaien: "
        "niemand krijgt dezelfde herinnering twee keer. Stuurt ook opnieuw wat een gestopte "
        "verwerker niet afmaakte, en vergeet verstuurde mails na BEWAREN_MAILS_DAGEN dagen."
    )

    def handle(self, *args, **options):
        # Mail a stopped worker had claimed goes out again (as the worker itself does).
        mail.terugnemen()
        mail.opruimen()
        aantal = herinneringen_sturen()
        self.stdout.write(
            _("%(aantal)s herinnering(en) verstuurd (tot %(dagen)s dagen vooraf).")
            % {"aantal": aantal, "dagen": settings.HERINNERING_DAGEN_VOORAF}
        )

"""Accounts linked to a participant get the participant's name when they have none:
the site greets people by name (``services.account_aanmaken`` does so for new ones)."""

from django.db import migrations


def namen_geven(apps, schema_editor):
    Deelnemer = apps.get_model("werkgroep", "Deelnemer")
    for deelnemer in Deelnemer.objects.filter(
        account__isnull=False, account__first_name="", account__last_name=""
    ).select_related("account"):
        account = deelnemer.account
        account.first_name, account.last_name = deelnemer.voornaam, deelnemer.achternaam
        account.save(update_fields=["first_name", "last_name"])


class Migration(migrations.Migration):
    dependencies = [("werkgroep", "0006_werkgroep_secretariaat_esf_referentie")]

    operations = [migrations.RunPython(namen_geven, migrations.RunPython.noop)]

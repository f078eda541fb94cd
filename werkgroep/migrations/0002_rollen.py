"""Creates the three roles as groups: Secretariaat, Coördinator and Lid."""

from django.db import migrations

ROLLEN = ["Secretariaat", "Coördinator", "Lid"]


def maak_rollen(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for naam in ROLLEN:
        Group.objects.get_or_create(name=naam)


def verwijder_rollen(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLLEN).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("werkgroep", "0001_initial"),
    ]

    operations = [migrations.RunPython(maak_rollen, verwijder_rollen)]

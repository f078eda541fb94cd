"""Each ledger line keeps its key as a value, so the database counts lines written twice."""

from django.db import migrations, models

from kern.datums import sleutelwaarde


def sleutels_invullen(apps, schema_editor):
    # The rule of Kostenpost.sleutel_als_tekst, as it stands in this migration.
    for model in ("Kostenpost", "HistoricalKostenpost"):
        Model = apps.get_model("financien", model)  # noqa: N806
        lijnen = list(Model.objects.only("pk", "vergadering_zoals_geschreven", "omschrijving"))
        for lijn in lijnen:
            lijn.dubbelsleutel = (
                f"{sleutelwaarde(lijn.vergadering_zoals_geschreven)}\x1f"
                f"{sleutelwaarde(lijn.omschrijving)}"
            )
        Model.objects.bulk_update(lijnen, ["dubbelsleutel"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("financien", "0003_categorie_vraagt_spreker")]

    operations = [
        migrations.AddField(
            model_name="kostenpost",
            name="dubbelsleutel",
            field=models.CharField(
                db_index=True,
                default="",
                editable=False,
                help_text=(
                    "De geschreven datum en de omschrijving als waarden (14/04/06 is 14/04/2006, "
                    "hoofdletters en spaties terzijde): vindt een regel die twee keer geschreven is."
                ),
                max_length=600,
                verbose_name="sleutel als waarde",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="historicalkostenpost",
            name="dubbelsleutel",
            field=models.CharField(
                db_index=True,
                default="",
                editable=False,
                help_text=(
                    "De geschreven datum en de omschrijving als waarden (14/04/06 is 14/04/2006, "
                    "hoofdletters en spaties terzijde): vindt een regel die twee keer geschreven is."
                ),
                max_length=600,
                verbose_name="sleutel als waarde",
            ),
            preserve_default=False,
        ),
        migrations.RunPython(sleutels_invullen, migrations.RunPython.noop),
    ]

"""A meeting's report lives in its minutes (``vergaderstukken.Notulen``): the free-text field
goes, after ``vergaderstukken`` carried every text into the minutes (issue 24)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("werkgroep", "0010_organisatie_pad"),
        ("vergaderstukken", "0005_verslag_naar_notulen"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="historicalvergadering",
            name="verslag",
        ),
        migrations.RemoveField(
            model_name="vergadering",
            name="verslag",
        ),
    ]

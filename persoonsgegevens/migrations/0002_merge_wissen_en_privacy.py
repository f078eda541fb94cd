"""Joins the two first migrations of the app, made side by side (erasure and privacy page)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("persoonsgegevens", "0001_privacyverklaring"),
        ("persoonsgegevens", "0001_uitvoer_en_wisverzoek"),
    ]

    operations = []

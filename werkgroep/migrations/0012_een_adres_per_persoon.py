"""One address per person (issue 25): the model that keeps the conflicts, then the participants
and their accounts brought to one address by the rule of ``werkgroep.models.adressen_samenbrengen``
(the participant's wins; an empty one takes the other). Each conflict is printed and kept as an
``Adresconflict`` for ``manage.py adresconflicten``.

Reversible for what it replaced: going back gives each account the address it had before a
conflict replaced it. Addresses copied into empty fields stay: they were the person's own.
"""

import sys

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

from werkgroep.models import adressen_samenbrengen


def samenbrengen(apps, schema_editor):
    Deelnemer = apps.get_model("werkgroep", "Deelnemer")
    Adresconflict = apps.get_model("werkgroep", "Adresconflict")
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    paren = Deelnemer.objects.filter(account__isnull=False).select_related("account")
    for deelnemer in paren.order_by("pk"):
        account = deelnemer.account
        gevonden = {"adres_deelnemer": deelnemer.email, "adres_account": account.email}
        adres, verschil = adressen_samenbrengen(deelnemer.email, account.email)
        gedeeld = adres and User.objects.filter(email__iexact=adres).exclude(pk=account.pk).exists()
        if gedeeld:
            soort = "gedeeld"
        else:
            if deelnemer.email != adres:
                deelnemer.email = adres
                deelnemer.save(update_fields=["email"])
            if account.email != adres:
                account.email = adres
                account.save(update_fields=["email"])
            if not verschil:
                continue
            soort = "verschillend"
        Adresconflict.objects.create(deelnemer=deelnemer, account=account, soort=soort, **gevonden)
        uitleg = {
            "verschillend": f"{adres} kept, the account's {gevonden['adres_account']} replaced",
            "gedeeld": "left as they were: the participant's address is another account's",
        }[soort]
        sys.stdout.write(
            f"\n  Adresconflict ({soort}): {deelnemer.voornaam} {deelnemer.achternaam} "
            f"(account {account.username}): participant {gevonden['adres_deelnemer'] or '-'}, "
            f"account {gevonden['adres_account'] or '-'}: {uitleg}."
        )


def terugzetten(apps, schema_editor):
    Adresconflict = apps.get_model("werkgroep", "Adresconflict")
    for conflict in Adresconflict.objects.filter(soort="verschillend").select_related("account"):
        account = conflict.account
        if account.email == conflict.adres_deelnemer:
            account.email = conflict.adres_account
            account.save(update_fields=["email"])


class Migration(migrations.Migration):
    dependencies = [
        ("werkgroep", "0011_vergadering_zonder_verslag"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Adresconflict",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "soort",
                    models.CharField(
                        choices=[
                            (
                                "verschillend",
                                "twee verschillende adressen: dat van de deelnemer blijft",
                            ),
                            ("gedeeld", "het adres van de deelnemer hoort bij een ander account"),
                        ],
                        max_length=20,
                        verbose_name="soort",
                    ),
                ),
                (
                    "adres_deelnemer",
                    models.EmailField(
                        blank=True, max_length=254, verbose_name="adres van de deelnemer"
                    ),
                ),
                (
                    "adres_account",
                    models.EmailField(
                        blank=True, max_length=254, verbose_name="adres van het account"
                    ),
                ),
                (
                    "gemeld_op",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="gemeld op"
                    ),
                ),
                (
                    "afgehandeld_op",
                    models.DateTimeField(blank=True, null=True, verbose_name="afgehandeld op"),
                ),
                (
                    "account",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="adresconflicten",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="account",
                    ),
                ),
                (
                    "deelnemer",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="adresconflicten",
                        to="werkgroep.deelnemer",
                        verbose_name="deelnemer",
                    ),
                ),
            ],
            options={
                "verbose_name": "adresconflict",
                "verbose_name_plural": "adresconflicten",
                "ordering": ["gemeld_op", "pk"],
            },
        ),
        migrations.RunPython(samenbrengen, terugzetten),
    ]

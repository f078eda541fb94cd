"""Carry every meeting's free-text report (``Vergadering.verslag``) into its minutes, before
``werkgroep`` drops the field: one place for a meeting's minutes (issue 24).

A meeting without minutes gets minutes *vastgelegd* (recorded) holding the text: final,
read like approved minutes, without an approval nobody gave. A meeting with minutes keeps
them and their status; the text is appended under :data:`KOP`, which says where it came
from. Reversible: the text goes back to the field, recorded minutes are removed, and the
appended part (from :data:`KOP` on) is cut off again.
"""

from django.db import migrations

#: Stored data, in the language of the texts (not translated): where the appended text came from.
KOP = "Verslag van de vergadering, overgenomen uit het vroegere verslagveld van de vergadering:"
TUSSEN = "\n\n"


def verslag_naar_notulen(apps, schema_editor):
    Vergadering = apps.get_model("werkgroep", "Vergadering")
    Notulen = apps.get_model("vergaderstukken", "Notulen")
    met_tekst = Vergadering.objects.exclude(verslag="").order_by("pk")
    for vergadering in met_tekst.iterator():
        tekst = vergadering.verslag.strip()
        if not tekst:
            continue
        notulen = Notulen.objects.filter(vergadering=vergadering).first()
        if notulen is None:
            Notulen.objects.create(vergadering=vergadering, status="vastgelegd", tekst=tekst)
            continue
        eigen = f"{notulen.tekst.rstrip()}{TUSSEN}" if notulen.tekst.strip() else ""
        notulen.tekst = f"{eigen}{KOP}\n{tekst}"
        notulen.versie += 1  # an open tab then merges instead of overwriting
        notulen.save(update_fields=["tekst", "versie", "gewijzigd_op"])


def notulen_naar_verslag(apps, schema_editor):
    Vergadering = apps.get_model("werkgroep", "Vergadering")
    Notulen = apps.get_model("vergaderstukken", "Notulen")
    for notulen in Notulen.objects.select_related("vergadering").order_by("pk").iterator():
        if notulen.status == "vastgelegd":
            tekst, eigen = notulen.tekst, None
        elif notulen.tekst.startswith(f"{KOP}\n"):
            tekst, eigen = notulen.tekst[len(KOP) + 1 :], ""
        elif f"{TUSSEN}{KOP}\n" in notulen.tekst:
            eigen, _kop, tekst = notulen.tekst.rpartition(f"{TUSSEN}{KOP}\n")
        else:
            continue
        Vergadering.objects.filter(pk=notulen.vergadering_id).update(verslag=tekst)
        if eigen is None:
            notulen.delete()
        else:
            notulen.tekst = eigen
            notulen.versie += 1
            notulen.save(update_fields=["tekst", "versie", "gewijzigd_op"])


class Migration(migrations.Migration):
    dependencies = [
        ("vergaderstukken", "0004_notulen_status_vastgelegd"),
        ("werkgroep", "0010_organisatie_pad"),
    ]

    operations = [migrations.RunPython(verslag_naar_notulen, notulen_naar_verslag)]

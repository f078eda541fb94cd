"""The three roles and what each may do.

The groups are made by a data migration, and made again after every migrate or
flush if missing; their permissions are (re)granted then too, because the
permissions of later apps exist only then.
"""

from django.contrib.auth.models import Group, Permission
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Q

SECRETARIAAT = "Secretariaat"
COORDINATOR = "Coördinator"
LID = "Lid"

# Apps whose records the secretariat keeps and the coordinator reads.
PROJECT_APPS = [
    "werkgroep",
    "projecten",
    "validering",
    "financien",
    "uitnodigingen",
    "vergaderstukken",
    "rapportage",
]


def rechten_toekennen(sender=None, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    """Secretariaat may do everything in the project's apps, manage accounts and lockouts,
    and read the access log;
    Coördinator may view everything and export; Lid gets no admin rights."""
    if Group._meta.db_table not in connections[using].introspection.table_names():
        return  # auth migrated backwards
    secretariaat, coordinator, _lid = (
        Group.objects.get_or_create(name=naam)[0] for naam in (SECRETARIAAT, COORDINATOR, LID)
    )
    projectrechten = Permission.objects.filter(content_type__app_label__in=PROJECT_APPS)
    accountrechten = Permission.objects.filter(
        Q(content_type__app_label="auth", content_type__model="user")
        | Q(content_type__app_label="axes")  # unlock locked-out accounts
        | Q(content_type__app_label="kern", codename="view_inzage")  # read the access log
    )
    secretariaat.permissions.set(list(projectrechten) + list(accountrechten))
    coordinator.permissions.set(
        projectrechten.filter(Q(codename__startswith="view_") | Q(codename__startswith="export_"))
    )

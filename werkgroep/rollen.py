"""The three roles and what each may do.

The groups themselves are made by a data migration; their permissions are
(re)granted after every migrate, because the permissions of later apps exist
only then.
"""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

SECRETARIAAT = "Secretariaat"
COORDINATOR = "Coördinator"
LID = "Lid"

# Apps whose records the secretariat keeps and the coordinator reads.
PROJECT_APPS = ["werkgroep", "projecten", "validering", "financien", "rapportage"]


def rechten_toekennen(sender=None, **kwargs) -> None:
    """Secretariaat may do everything in the project's apps, manage accounts and lockouts;
    Coördinator may view everything and export; Lid gets no admin rights."""
    try:
        secretariaat = Group.objects.get(name=SECRETARIAAT)
        coordinator = Group.objects.get(name=COORDINATOR)
    except Group.DoesNotExist:
        return  # the data migration has not run yet (e.g. migrating backwards)
    projectrechten = Permission.objects.filter(content_type__app_label__in=PROJECT_APPS)
    accountrechten = Permission.objects.filter(
        Q(content_type__app_label="auth", content_type__model="user")
        | Q(content_type__app_label="axes")  # unlock locked-out accounts
    )
    secretariaat.permissions.set(list(projectrechten) + list(accountrechten))
    coordinator.permissions.set(
        projectrechten.filter(Q(codename__startswith="view_") | Q(codename__startswith="export_"))
    )

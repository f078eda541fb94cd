"""The yearly report from the working group's admin page (an action on WerkgroepAdmin)."""

from django.contrib import admin, messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult

from werkgroep.admin import WerkgroepAdmin


@admin.action(description=_("Jaarverslag (PDF) van de gekozen werkgroep"))
def jaarverslag(modeladmin, request, queryset):
    if not request.user.has_perm("rapportage.jaarverslag_maken"):
        modeladmin.message_user(request, _("U mag geen jaarverslagen maken."), messages.ERROR)
        return None
    if queryset.count() != 1:
        modeladmin.message_user(request, _("Kies precies één werkgroep."), messages.WARNING)
        return None
    return redirect("rapportage:jaarverslag_jaren", slug=queryset.get().slug)


# rapportage reads every app and no app imports it: the action is added from here.
WerkgroepAdmin.actions = [*(WerkgroepAdmin.actions or []), jaarverslag]

# The task queue's records (django-tasks-db registers them) are plumbing, not records the
# secretariat keeps: a failed report says so on its own page, the cause is in the log.
if admin.site.is_registered(DBTaskResult):
    admin.site.unregister(DBTaskResult)

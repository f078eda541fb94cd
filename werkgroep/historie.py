"""django-simple-history's admin, with its revert kept for those who may change the record."""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin


class HistorieAdmin(SimpleHistoryAdmin):
    """Shows every version to who may view the record; only who may change it reverts.

    simple-history's version page saves a POST for anyone allowed to *view* the
    history, so without this a read-only coordinator could restore an old version.
    """

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            obj = self.get_object(request, unquote(object_id))
            if not self.has_change_permission(request, obj):
                raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

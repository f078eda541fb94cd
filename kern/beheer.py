"""What every model admin of the project shares beyond Django's own."""

from __future__ import annotations


class AlleenVerwijzingenDieJeMagOpenen:
    """Leave out read-only links to records the reader may not open.

    Django's admin shows a read-only foreign key as a link to the related record's change
    page without asking whether the reader may open it. A reader with the view permission
    only (the coordinator) met links to accounts that answer 403. For such a reader, a
    foreign key to a model whose admin refuses them is left out of the page; who may
    change the record (the secretariat) still sees and edits it.
    """

    def _gesloten_verwijzingen(self, request) -> set[str]:
        gesloten = set()
        for veld in self.model._meta.get_fields():
            if not (veld.concrete and (veld.many_to_one or veld.one_to_one)):
                continue
            site, model = self.admin_site, veld.related_model
            beheer = site.get_model_admin(model) if site.is_registered(model) else None
            if beheer is None or not beheer.has_view_permission(request):
                gesloten.add(veld.name)
        return gesloten

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if self.has_change_permission(request, obj):
            return fieldsets
        gesloten = self._gesloten_verwijzingen(request)

        def open_(velden):
            gebleven = []
            for veld in velden:
                if isinstance(veld, (list, tuple)):
                    if rij := open_(veld):
                        gebleven.append(tuple(rij))
                elif veld not in gesloten:
                    gebleven.append(veld)
            return gebleven

        return [(naam, {**opties, "fields": open_(opties["fields"])}) for naam, opties in fieldsets]

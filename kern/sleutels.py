"""Natural keys declared once per model: the fixture, backups and imports name records by them.

A model says which lookups make up its key::

    natural_key = sleutel("werkgroep__slug", "volgorde", na=["werkgroep.werkgroep"])
    objects = SleutelManager()

``natural_key()`` follows the same lookups on the instance that
``SleutelManager.get_by_natural_key()`` filters on, so writing and reading a key
cannot drift apart. ``na`` lists the models that must be loaded first.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import models


def _volgen(obj, lookup: str):
    """``werkgroep__slug`` on an instance: ``obj.werkgroep.slug`` (None if a link is empty)."""
    for deel in lookup.split("__"):
        if obj is None:
            return None
        obj = getattr(obj, deel)
    return obj


def sleutel(*lookups: str, na: Sequence[str] = ()):
    """A ``natural_key`` method made of ``lookups``; ``na`` becomes its ``dependencies``."""

    def natural_key(self) -> tuple:
        return tuple(_volgen(self, lookup) for lookup in lookups)

    natural_key.lookups = lookups
    if na:
        # Only when there are any: Django appends to an empty list it finds here.
        natural_key.dependencies = list(na)
    return natural_key


class SleutelManager(models.Manager):
    """``get_by_natural_key`` for every model whose key is declared with ``sleutel()``."""

    def get_by_natural_key(self, *waarden):
        lookups = self.model.natural_key.lookups
        if len(waarden) > len(lookups):
            raise self.model.DoesNotExist(f"{self.model.__name__}: {waarden!r}")
        # A key may end in empty links (a budget without category): they are None.
        waarden = (*waarden, *[None] * (len(lookups) - len(waarden)))
        return self.get(**dict(zip(lookups, waarden, strict=True)))

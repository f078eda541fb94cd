"""Who may do what: how a rule is built from a role, and how a view asks one.

Each app declares its rules once, as named predicates of the ``rules`` package in
``<app>/rules.py``, registered as ``<app>.<verb>`` (``werkgroep.vergadering_zien``). Views
ask them with :func:`vereist`, templates with ``perms.<app>.<rule>`` or ``{% has_perm %}``,
selectors with ``user.has_perm("<app>.<rule>", obj)``. This module knows no domain.
"""

from __future__ import annotations

import rules
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ImproperlyConfigured
from django.http import Http404

_ROLLEN = ModelBackend()


def modelrecht(naam: str) -> rules.Predicate:
    """A role as a predicate: the account is active and holds the model permission ``naam``
    (roles are groups granted model permissions, ``werkgroep/rollen.py``). Asked of Django's
    ModelBackend itself, so a rule never asks itself, and cached on the user like
    ``user.has_perm``: no query after the first."""

    def heeft(user) -> bool:
        return user.is_active and _ROLLEN.has_perm(user, naam)

    return rules.predicate(heeft, name=f"heeft {naam}")


def vereist(request, regel: str, obj=None, *, weigering: type[Exception] = Http404) -> None:
    """Raise ``weigering`` unless the user may ``regel`` (on ``obj``). The site answers 404
    for pages that are not yours (so they do not say that something exists), and 403
    (``weigering=PermissionDenied``) where the reader sees the page but may not take the step.
    """
    if not rules.perm_exists(regel):
        raise ImproperlyConfigured(f"no rule {regel!r}: declare it in its app's rules.py")
    if not request.user.has_perm(regel, obj):
        raise weigering

"""Every page of ours is named in its app's namespace (``werkgroep:vergadering_detail``,
``site:home``): a name says which app owns the page, and two apps cannot take one name.

Only Django's own names stay bare: the login and password views (``LOGIN_URL`` and Django's
views reverse them by those names) and the language switch.
"""

from django.contrib.auth import urls as auth_urls
from django.urls import URLPattern, URLResolver, get_resolver, include, path

DJANGO_NAMEN = {p.name for p in auth_urls.urlpatterns} | {"set_language"}


def _zonder_naamruimte(patronen, naamruimte: str = "") -> set[str]:
    """Every URL name in ``patronen`` that is in no namespace, Django's own left out."""
    bloot = set()
    for p in patronen:
        if isinstance(p, URLResolver):
            bloot |= _zonder_naamruimte(p.url_patterns, naamruimte or (p.namespace or ""))
        elif isinstance(p, URLPattern) and p.name and not naamruimte:
            bloot.add(p.name)
    return bloot - DJANGO_NAMEN


def test_every_url_of_ours_has_a_namespace():
    assert _zonder_naamruimte(get_resolver().url_patterns) == set()


def test_the_check_finds_a_name_without_a_namespace():
    """The walk sees a bare name, also inside an include without ``app_name``."""

    def view(request):
        raise NotImplementedError

    patronen = [
        path("a/", include(([path("b/", view, name="binnen")], "app"))),
        path("c/", include([path("d/", view, name="bloot_in_include")])),
        path("e/", view, name="bloot"),
        path("accounts/login/", view, name="login"),
    ]
    assert _zonder_naamruimte(patronen) == {"bloot_in_include", "bloot"}


def test_each_app_names_its_own_namespace():
    """The namespace is the app's label: ``app_name`` in every ``<app>/urls.py``."""
    from importlib import import_module

    for app in [
        "werkgroep",
        "projecten",
        "validering",
        "financien",
        "vergaderstukken",
        "uitnodigingen",
        "rapportage",
    ]:
        assert import_module(f"{app}.urls").app_name == app
    assert import_module("config.site_urls").app_name == "site"

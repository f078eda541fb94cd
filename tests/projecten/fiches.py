"""What the fiche tests share: the seed's Werk.waardig fiche, its URL, a logged-in client."""

from __future__ import annotations

from django.test import Client

from projecten.models import Projectfiche

URL = "/projecten/werkwaardig/fiche/"


def werkwaardig() -> Projectfiche:
    return Projectfiche.objects.get(project__slug="werkwaardig")


def aangemeld(user) -> Client:
    """A client of its own per person (or per browser tab)."""
    client = Client()
    client.force_login(user)
    return client


def opslaan(client, versie, **tekst):
    return client.post(URL, {"gelezen_versie": str(versie), "opslaan": "1", **tekst})

"""The form in which the search compares texts: case folded, accents taken off, so
"Coordinatie" finds "Coördinatiecentrum" and "de rynck" finds "De Rynck".

On SQLite the database compares in the same form through a function registered on every
new connection (``zoekvorm(kolom)``): SQLite has no ``unaccent`` and its ``LIKE`` folds
only ASCII letters. PostgreSQL does the same with ``translate()`` (``config/zoeken.py``).
"""

from __future__ import annotations

import unicodedata


def zonder_accenten(tekst: str) -> str:
    """``tekst`` without its accents (the combining marks after NFKD); PostgreSQL's
    ``translate()`` table is built from it too."""
    return "".join(c for c in unicodedata.normalize("NFKD", tekst) if not unicodedata.combining(c))


def zoekvorm(tekst: str | None) -> str | None:
    """``tekst`` case folded, without accents."""
    return None if tekst is None else zonder_accenten(str(tekst).casefold())


def registreren(sender, connection, **kwargs) -> None:
    """``connection_created``: give a new SQLite connection the function ``zoekvorm``."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("zoekvorm", 1, zoekvorm, deterministic=True)

"""The catalog: documents, their sentences and claims, and their metadata by id, in SQLite
(``catalog.sqlite`` in the index folder). ``store``: the database (``Catalog``, its one writer);
``records``: the rows (``Record``, ``record_of``, ``document_of``). Imports neither Whoosh nor
Textual."""

from __future__ import annotations

from nkterm.catalog.records import Record, document_of, parts_of, record_of
from nkterm.catalog.store import (
    CATALOG_FILE,
    CATALOG_FILES,
    CATALOG_VERSION,
    Catalog,
    CatalogDamaged,
    CatalogWriter,
    HitRow,
)

__all__ = [
    "CATALOG_FILE",
    "CATALOG_FILES",
    "CATALOG_VERSION",
    "Catalog",
    "CatalogDamaged",
    "CatalogWriter",
    "HitRow",
    "Record",
    "document_of",
    "parts_of",
    "record_of",
]

"""The search backend protocol: what the library and the build ask of a search index, whatever
runs it (the embedded Whoosh backend, ``nkterm.search.whoosh``; later perhaps a shared
OpenSearch/Elasticsearch one for a team's archive). Only plain data crosses it: queries are
nkterm's query tree, parsed once (``nkterm.search.query.prepare`` -> ``Request``: the tree of
``nkterm.search.querytree`` and the unscored filters), hits are ``nkterm.models`` dataclasses (``SearchResult``,
``Hit``, ``Span``: character offsets into ``Document.text``), documents are ``Document`` and
``Claim``, failures are ``nkterm.errors`` errors. Imports no Whoosh."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from nkterm.catalog import Record
from nkterm.errors import IndexDamaged, IndexError, IndexLocked, IndexMissing
from nkterm.models import Claim, Document, Hit, SearchResult, Span
from nkterm.search.queryparse import BAD_QUERY, UNRUNNABLE_QUERY
from nkterm.search.querytree import Request

__all__ = [
    "BAD_QUERY",
    "UNRUNNABLE_QUERY",
    "BackendWriter",
    "Hit",
    "IndexDamaged",
    "IndexError",
    "IndexLocked",
    "IndexMissing",
    "Request",
    "SearchBackend",
    "SearchResult",
    "Span",
    "Upsert",
]


@dataclass(frozen=True)
class Upsert:
    """One document for the backend to add or replace: ``payload`` is what the backend's own
    encoder made of it (in a build worker), ``new`` skips looking for an old copy, ``record``
    the catalog's record of it (``nkterm.catalog.Record``), which the backend's writer puts
    in the catalog in the same commit (without one, the catalog forgets the document)."""

    id: str
    payload: dict[str, Any]
    new: bool = False
    record: Record | None = None


class BackendWriter(Protocol):
    """A batch of changes, visible to searches once committed; one writer at a time."""

    def upsert(self, item: Upsert) -> None: ...
    def delete(self, doc_id: str) -> None: ...
    def commit(self, *, merge: bool) -> None: ...
    def cancel(self) -> None: ...


@runtime_checkable
class SearchBackend(Protocol):
    """A search index over one corpus's documents."""

    # -- searching
    def search(
        self,
        text: Request,
        *,
        limit: int = 20,
        offsets_for: int | None = None,
        suggest: bool = True,
        start: int = 0,
        timeline: bool = False,
    ) -> SearchResult:
        """Ranked hits for a query; never raises for a bad query (``SearchResult.error``)."""
        ...

    def hits_in(self, doc_id: str, text: Request) -> tuple[Span, ...]:
        """Offsets of every word of ``doc_id`` that the query matches."""
        ...

    def suggest(self, text: Request) -> str | None:
        """A "did you mean" correction, or None."""
        ...

    def more_like(self, text: str, *, exclude: str | None = None, limit: int = 10) -> list[tuple[str, float]]:
        """Ids and scores of documents that discuss what ``text`` discusses."""
        ...

    def timeline(self, text: Request | str = "") -> dict[str, int]:
        """Matching documents per month ("2024-08" -> n) for a query ("": every document)."""
        ...

    # -- term statistics
    def idf(self, term: str, fieldname: str = "body") -> float: ...
    def doc_frequencies(self, terms: Iterable[str], fieldname: str = "body") -> dict[str, int]:
        """How many documents hold each term (0: none), looked up in one batch."""
        ...

    def idfs(self, terms: Iterable[str], fieldname: str = "body") -> dict[str, float]:
        """``idf`` of each term, looked up in one batch (``doc_frequencies``)."""
        ...

    def doc_count(self) -> int: ...
    def key_terms(self, text: str, numterms: int = 12) -> list[tuple[str, float]]: ...

    # -- stored documents
    def document(self, doc_id: str) -> Document: ...
    def load(self, doc_id: str) -> tuple[Document, list[Claim]]: ...
    def claims(self, doc_id: str) -> list[Claim]: ...

    # -- writing
    def writer(self, lock_timeout: float) -> BackendWriter:
        """A writer (raises ``IndexLocked`` when another process holds the lock)."""
        ...

    def apply(
        self,
        upserts: Iterable[Upsert],
        deletes: Iterable[str],
        *,
        lock_timeout: float = 2.0,
        merge: bool = True,
    ) -> None:
        """Add or replace ``upserts``, remove ``deletes``, in one commit (``merge``: as
        ``BackendWriter.commit``)."""
        ...

    def reset(self, reason: str | None = None) -> None:
        """Throw the index away and start an empty one (a rebuild)."""
        ...

    def segment_count(self) -> int: ...
    def optimize(self, *, lock_timeout: float = 0.0) -> bool: ...
    def close(self) -> None: ...

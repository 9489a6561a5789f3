"""``Library.bookmarks``: the user's bookmarks, anchored against the indexed documents.

Owns what a face does with bookmarks: list them (re-anchored in the text as indexed, the text
every offset points into, as the reader shows it), find a typed quote in a document, add,
remove (by a unique start of the id), export (Markdown, W3C JSON, CSV) and import. The file,
its lock and its format are ``nkterm.bookmarks.BookmarkStore``'s, loaded on first use. Errors
are ``nkterm.bookmarks.BookmarksError`` (file problems, locks, invalid passages) and
``nkterm.errors.BadRequest`` (a quote not found, an unknown or ambiguous id).
Must not import Textual, Whoosh, the CLI or the reader.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

from nkterm.errors import BadRequest
from nkterm.models import Claim, Document

if TYPE_CHECKING:
    from nkterm.bookmarks import Bookmark, BookmarkStore, ClaimRef, ImportReport

ExportFormat = Literal["md", "json", "csv"]
MIN_ID_PREFIX = 4  # the shortest start of an id that ``remove`` accepts

# What a person types for what documents print: straight quotes for curly ones, '-' for dashes.
_EQUIVALENT = {
    "'": "['\u2018\u2019\u02bc]",
    '"': '["\u201c\u201d\u201e]',
    "-": "[-\u2010\u2011\u2012\u2013\u2014]",
}


def find_quote(text: str, quote: str) -> list[tuple[int, int]]:
    """Where ``quote`` occurs in ``text``: any run of whitespace matches any other, straight
    quotes and hyphens match their typographic forms; case matters unless nothing matched."""
    words = quote.split()
    if not words:
        return []
    pattern = r"\s+".join("".join(_EQUIVALENT.get(ch, re.escape(ch)) for ch in word) for word in words)
    for flags in (0, re.IGNORECASE):
        spans = [m.span() for m in re.finditer(pattern, text, flags)]
        if spans:
            return spans
    return []


@dataclass(frozen=True, slots=True)
class QuoteMatch:
    """Where a typed quote was found: the chosen occurrence (1-based) of ``count``."""

    doc_id: str
    start: int
    end: int
    occurrence: int
    count: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "start": self.start,
            "end": self.end,
            "occurrence": self.occurrence,
            "count": self.count,
        }


class Documents(Protocol):
    """What bookmarks need of a library (``nkterm.library.Library`` is one): its documents as
    indexed, by id, and which ids it holds."""

    def document(self, doc_id: str) -> Document: ...
    def find_document(self, doc_id: str) -> Document | None: ...
    def __contains__(self, doc_id: object) -> bool: ...


class Bookmarks:
    """The bookmarks of one user (``path``, default ``bookmarks.yaml`` in ``$NKTERM_DATA``)
    over one library's documents."""

    def __init__(self, library: Documents, path: Path | None = None) -> None:
        self._library = library
        self._path = path
        self._store: BookmarkStore | None = None

    @property
    def store(self) -> BookmarkStore:
        """The bookmark file (``nkterm.bookmarks.BookmarkStore``), opened on first use."""
        if self._store is None:
            from nkterm.bookmarks.store import BookmarkStore

            self._store = BookmarkStore(self._path)
        return self._store

    @property
    def path(self) -> Path:
        return self.store.path

    def load(self) -> tuple[Bookmark, ...]:
        """Read the file again (another process may have changed it); never raises for bad
        content: ``problems`` names each broken entry, ``read_only_reason`` a broken file."""
        return self.store.load()

    @property
    def problems(self) -> tuple[str, ...]:
        return self.store.problems

    @property
    def read_only_reason(self) -> str | None:
        return self.store.read_only_reason

    def list(
        self,
        *,
        doc_id: str | None = None,
        tag: str | None = None,
        text: str | None = None,
        anchored: bool = True,
    ) -> list[Bookmark]:
        """Bookmarks in file order: of one document, carrying ``tag``, containing ``text`` (in
        the quote, note or tags; case ignored). ``anchored``: each with its ``anchor``, where
        it is in the indexed text now (``exact``, ``moved``, ``fuzzy``, or ``orphan`` when its
        passage left the document; an orphan is kept, never dropped)."""
        found = self.store.list(doc_id=doc_id, text=text, tag=tag)
        return self.store.anchored(self._library.find_document, found) if anchored else found

    def find(self, doc_id: str, quote: str, occurrence: int | None = None) -> QuoteMatch:
        """The ``occurrence``-th (default: first) place ``quote`` occurs in the document, as
        ``find_quote`` matches it. Raises ``BadRequest`` when it is not there (or not that
        often), ``DocumentNotFound``."""
        doc = self._library.document(doc_id)
        spans = find_quote(doc.text, quote)
        if not spans:
            flat = " ".join(quote.split())
            shown = flat if len(flat) <= 80 else flat[:79] + "…"
            raise BadRequest(f"quote not found in {doc_id!r}: “{shown}”")
        number = occurrence or 1
        if not 1 <= number <= len(spans):
            raise BadRequest(f"the quote occurs {len(spans)} time(s) in {doc_id!r}, not {number}")
        start, end = spans[number - 1]
        return QuoteMatch(doc.id, start, end, number, len(spans))

    def add(
        self,
        doc_id: str,
        start: int,
        end: int,
        *,
        note: str = "",
        tags: Iterable[str] = (),
        claim: Claim | ClaimRef | None = None,
    ) -> Bookmark:
        """Bookmark ``start..end`` of the document as indexed, and save. Raises
        ``DocumentNotFound``, ``InvalidBookmark`` (a blank or out-of-range passage),
        ``BookmarksReadOnly`` / ``BookmarksLocked`` / ``BookmarksWriteError``."""
        return self.store.add(self._library.document(doc_id), start, end, note=note, tags=tags, claim=claim)

    def add_quote(
        self,
        doc_id: str,
        quote: str,
        *,
        occurrence: int | None = None,
        note: str = "",
        tags: Iterable[str] = (),
    ) -> Bookmark:
        """``find`` the quote, then ``add`` it."""
        found = self.find(doc_id, quote, occurrence)
        return self.add(doc_id, found.start, found.end, note=note, tags=tags)

    def resolve_id(self, given: str) -> str:
        """The id of the one bookmark whose id is ``given`` or starts with it (at least
        ``MIN_ID_PREFIX`` characters). Raises ``BadRequest``."""
        ids = [b.id for b in self.store.bookmarks]
        if given in ids:
            return given
        matches = [i for i in ids if i.startswith(given)] if len(given) >= MIN_ID_PREFIX else []
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise BadRequest(f"{given!r} is the start of {len(matches)} bookmark ids; give more of it")
        raise BadRequest(f"no bookmark with id {given!r}; `nkterm bookmarks list` shows the ids")

    def remove(self, bookmark_id: str) -> Bookmark:
        """Delete a bookmark (its id, or a unique start of it) and save; returns it."""
        return self.store.remove(self.resolve_id(bookmark_id))

    def export(self, format: ExportFormat = "md") -> str:
        """All bookmarks as Markdown notes (a section per document, the quote, a citation),
        W3C Web Annotation JSON (what ``import_json`` reads back) or CSV."""
        if format == "json":
            return self.store.export_json()
        if format == "csv":
            return self.store.export_csv(self._library.find_document)
        if format == "md":
            return self.store.export_markdown(self._library.find_document)
        raise BadRequest(f"unknown export format {format!r}: md, json or csv")

    def import_json(self, data: str | bytes | object) -> ImportReport:
        """Add the bookmarks of a W3C JSON export; those of documents the index does not know,
        or with ids that look like paths, are rejected and named in the report."""
        return self.store.import_json(data, self._library)

"""The reader's messages: what widgets and worker threads tell the screen that owns them.

Widgets post these up; the screen answers by setting attributes on its children ("messages up,
attributes down"). Worker threads post them too (``post_message`` is thread-safe); messages
that can flood define ``can_replace``. Plain data only: never a Whoosh object.
"""

from __future__ import annotations

from dataclasses import KW_ONLY, dataclass
from typing import TYPE_CHECKING

from textual.message import Message

from nkterm.models import Claim, DocSummary, Document, SearchResult, Span
from nkterm.tui.view.document_layout import Prepared

if TYPE_CHECKING:
    from collections.abc import Callable

    from nkterm.bookmarks import Bookmark
    from nkterm.index import UpdateReport
    from nkterm.library import Library


# -- from the widgets ------------------------------------------------------------------------------


@dataclass(eq=False)
class DocumentChosen(Message):
    """The user picked a document (enter or click in the list, the command palette)."""

    doc_id: str


@dataclass(eq=False)
class ClaimHighlighted(Message):
    """The claims panel's cursor moved onto a claim: the reader follows it."""

    claim: Claim
    _: KW_ONLY
    focus_reader: bool = False


@dataclass(eq=False)
class CursorMoved(Message):
    """The reader's sentence cursor moved (or the view scrolled)."""

    doc_id: str
    cursor: Span
    top: int  # offset of the text at the top of the view
    claim: Claim | None

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, CursorMoved)


@dataclass(eq=False)
class SearchRequested(Message):
    """The search bar's text settled: run the query."""

    query: str

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, SearchRequested)


@dataclass(eq=False)
class SearchHitChosen(Message):
    """Open result number ``rank`` of the current results."""

    rank: int


@dataclass(eq=False)
class SuggestionApplied(Message):
    """The user took the "did you mean" suggestion."""

    suggestion: str


# -- from worker threads ---------------------------------------------------------------------------


@dataclass(eq=False)
class IndexProgress(Message):
    """``done`` of ``total`` documents indexed so far."""

    done: int
    total: int

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, IndexProgress)


@dataclass(eq=False)
class SummariesLoaded(Message):
    """The document list's data, from the index manifest. ``final`` once the index is up to
    date (the first list may come from the index as it was at start-up)."""

    summaries: list[DocSummary]
    library: Library | None
    _: KW_ONLY
    final: bool
    report: UpdateReport | None = None


@dataclass(eq=False)
class IndexFailed(Message):
    """Indexing could not run (locked by another process, unreadable corpus...)."""

    text: str


@dataclass(eq=False)
class DocumentLoaded(Message):
    prepared: Prepared
    target: str  # "saved", "first-hit", "last-hit", "top"
    request: int
    elapsed_ms: float = 0.0  # time spent in the worker


@dataclass(eq=False)
class DocumentExtras(Message):
    """What a long document's worker sends after its text: the claims, and the search hits if
    they had to be computed."""

    doc_id: str
    request: int
    claims: tuple[Claim, ...]
    hits: tuple[Span, ...] | None


@dataclass(eq=False)
class DocumentFailed(Message):
    doc_id: str
    text: str


@dataclass(eq=False)
class SearchAnswered(Message):
    result: SearchResult
    request: int
    _: KW_ONLY
    more: bool = False  # the next page of the same query: appended to the hits shown


@dataclass(eq=False)
class MoreResultsWanted(Message):
    """The results list scrolled to its last loaded row: load the next page."""

    loaded: int

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, MoreResultsWanted)


# -- bookmarks ---------------------------------------------------------------------------------


@dataclass(eq=False)
class BookmarkRequested(Message):
    """b in a reader: bookmark ``[start, end)`` of ``doc``'s text; ``claim`` is the claim the
    cursor was on, ``sentences`` how many sentences the passage covers. ``done`` is called
    (on the UI thread) once the bookmark is saved, e.g. to end the reader's selection."""

    doc: Document
    start: int
    end: int
    claim: Claim | None
    sentences: int = 1
    done: Callable[[], None] | None = None


@dataclass(eq=False)
class BookmarksChanged(Message):
    """The bookmarks file changed (from this app): marks and lists load again. ``saved``: the
    bookmark just added or edited, if any."""

    doc_id: str | None = None
    saved: Bookmark | None = None


@dataclass(eq=False)
class BookmarksLoaded(Message):
    """From a worker: ``bookmarks`` (anchored) of ``doc_id``, or of every document when
    ``doc_id`` is None; ``problems``: what is wrong with the file, for a notification;
    ``read_only``: why the file cannot be written (broken, or from a newer nkterm)."""

    doc_id: str | None
    bookmarks: tuple[Bookmark, ...]
    problems: tuple[str, ...] = ()
    read_only: str | None = None


@dataclass(eq=False)
class BookmarksFailed(Message):
    """From a worker: a bookmark could not be read or saved; ``text`` names the file."""

    text: str

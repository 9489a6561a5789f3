"""The reader's messages: what widgets and worker threads tell the screen that owns them.

Widgets post these up; the screen answers by setting attributes on its children ("messages up,
attributes down"). Worker threads post them too (``post_message`` is thread-safe); messages
that can flood define ``can_replace``. Plain data only: never a Whoosh object.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

from nkterm.models import Claim, DocSummary, Document, SearchResult, Span
from nkterm.tui.view.document_layout import Prepared

if TYPE_CHECKING:
    from collections.abc import Callable

    from nkterm.bookmarks import Bookmark
    from nkterm.index import Index, UpdateReport


# -- from the widgets ------------------------------------------------------------------------------


class DocumentChosen(Message):
    """The user picked a document (enter or click in the list, the command palette)."""

    def __init__(self, doc_id: str) -> None:
        super().__init__()
        self.doc_id = doc_id


class ClaimHighlighted(Message):
    """The claims panel's cursor moved onto a claim: the reader follows it."""

    def __init__(self, claim: Claim, *, focus_reader: bool = False) -> None:
        super().__init__()
        self.claim = claim
        self.focus_reader = focus_reader


class CursorMoved(Message):
    """The reader's sentence cursor moved (or the view scrolled)."""

    def __init__(self, doc_id: str, cursor: Span, top: int, claim: Claim | None) -> None:
        super().__init__()
        self.doc_id = doc_id
        self.cursor = cursor
        self.top = top  # offset of the text at the top of the view
        self.claim = claim

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, CursorMoved)


class SearchRequested(Message):
    """The search bar's text settled: run the query."""

    def __init__(self, query: str) -> None:
        super().__init__()
        self.query = query

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, SearchRequested)


class SearchHitChosen(Message):
    """Open result number ``rank`` of the current results."""

    def __init__(self, rank: int) -> None:
        super().__init__()
        self.rank = rank


class SuggestionApplied(Message):
    """The user took the "did you mean" suggestion."""

    def __init__(self, suggestion: str) -> None:
        super().__init__()
        self.suggestion = suggestion


# -- from worker threads ---------------------------------------------------------------------------


class IndexProgress(Message):
    """``done`` of ``total`` documents indexed so far."""

    def __init__(self, done: int, total: int) -> None:
        super().__init__()
        self.done = done
        self.total = total

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, IndexProgress)


class SummariesLoaded(Message):
    """The document list's data, from the index manifest. ``final`` once the index is up to
    date (the first list may come from the index as it was at start-up)."""

    def __init__(
        self,
        summaries: list[DocSummary],
        index: Index | None,
        *,
        final: bool,
        report: UpdateReport | None = None,
    ) -> None:
        super().__init__()
        self.summaries = summaries
        self.index = index
        self.final = final
        self.report = report


class IndexFailed(Message):
    """Indexing could not run (locked by another process, unreadable corpus...)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class DocumentLoaded(Message):
    def __init__(self, prepared: Prepared, target: str, request: int, elapsed_ms: float = 0.0) -> None:
        super().__init__()
        self.prepared = prepared
        self.target = target  # "saved", "first-hit", "last-hit", "top"
        self.request = request
        self.elapsed_ms = elapsed_ms  # time spent in the worker


class DocumentExtras(Message):
    """What a long document's worker sends after its text: the claims, and the search hits if
    they had to be computed."""

    def __init__(
        self, doc_id: str, request: int, claims: tuple[Claim, ...], hits: tuple[Span, ...] | None
    ) -> None:
        super().__init__()
        self.doc_id = doc_id
        self.request = request
        self.claims = claims
        self.hits = hits


class DocumentFailed(Message):
    def __init__(self, doc_id: str, text: str) -> None:
        super().__init__()
        self.doc_id = doc_id
        self.text = text


class SearchAnswered(Message):
    def __init__(self, result: SearchResult, request: int, *, more: bool = False) -> None:
        super().__init__()
        self.result = result
        self.request = request
        self.more = more  # the next page of the same query: appended to the hits shown


class MoreResultsWanted(Message):
    """The results list scrolled to its last loaded row: load the next page."""

    def __init__(self, loaded: int) -> None:
        super().__init__()
        self.loaded = loaded

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, MoreResultsWanted)


# -- bookmarks ---------------------------------------------------------------------------------


class BookmarkRequested(Message):
    """b in a reader: bookmark ``[start, end)`` of ``doc``'s text; ``claim`` is the claim the
    cursor was on, ``sentences`` how many sentences the passage covers. ``done`` is called
    (on the UI thread) once the bookmark is saved, e.g. to end the reader's selection."""

    def __init__(
        self,
        doc: Document,
        start: int,
        end: int,
        claim: Claim | None,
        sentences: int = 1,
        done: Callable[[], None] | None = None,
    ) -> None:
        super().__init__()
        self.doc = doc
        self.start = start
        self.end = end
        self.claim = claim
        self.sentences = sentences
        self.done = done


class BookmarksChanged(Message):
    """The bookmarks file changed (from this app): marks and lists load again. ``saved``: the
    bookmark just added or edited, if any."""

    def __init__(self, doc_id: str | None = None, saved: Bookmark | None = None) -> None:
        super().__init__()
        self.doc_id = doc_id
        self.saved = saved


class BookmarksLoaded(Message):
    """From a worker: ``bookmarks`` (anchored) of ``doc_id``, or of every document when
    ``doc_id`` is None; ``problems``: what is wrong with the file, for a notification;
    ``read_only``: why the file cannot be written (broken, or from a newer nkterm)."""

    def __init__(
        self,
        doc_id: str | None,
        bookmarks: tuple[Bookmark, ...],
        problems: tuple[str, ...] = (),
        read_only: str | None = None,
    ) -> None:
        super().__init__()
        self.doc_id = doc_id
        self.bookmarks = bookmarks
        self.problems = problems
        self.read_only = read_only


class BookmarksFailed(Message):
    """From a worker: a bookmark could not be read or saved; ``text`` names the file."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

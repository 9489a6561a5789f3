"""The comparison screen's feeder: the thread workers that read two documents, align them and
lay them out, and that read the two documents' bookmarks; and the messages they post.

``ComparisonFeed`` is the base class of ``CompareScreen`` (screens/compare.py), as
``FeedScreen`` is the main screen's. Everything here runs off the UI thread: Whoosh and the
disk are reached only from the worker, which opens its own ``Library`` when the app has none
yet (``nkterm compare A B`` starts before the reader's index worker has answered). Bookmarks
come from the app's store (``NktermApp.bookmarks``), which the main screen writes.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from textual import work
from textual.message import Message
from textual.screen import Screen
from textual.worker import get_current_worker

from nkterm.models import Document, Span
from nkterm.tui.view.document_layout import Prepared, prepare

if TYPE_CHECKING:
    from nkterm.compare import Alignment
    from nkterm.library import Library
    from nkterm.tui.app import NktermApp


class ComparisonReady(Message):
    """The worker's answer: both documents laid out, and their alignment."""

    def __init__(
        self, request: int, a: Prepared, b: Prepared, alignment: Alignment, elapsed_ms: float
    ) -> None:
        super().__init__()
        self.request = request
        self.a = a
        self.b = b
        self.alignment = alignment
        self.elapsed_ms = elapsed_ms


class ComparisonFailed(Message):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class ComparisonBookmarks(Message):
    """The bookmarked passages of the documents on each side ("a", "b"), anchored in their
    text; ``problem``: why the bookmarks file could not be read (``spans`` is then empty)."""

    def __init__(self, request: int, spans: dict[str, tuple[Span, ...]], problem: str | None = None) -> None:
        super().__init__()
        self.request = request
        self.spans = spans
        self.problem = problem


class ComparisonFeed(Screen[None]):
    """The comparison's worker; ``CompareScreen`` handles what it posts."""

    @property
    def nk(self) -> NktermApp:
        return self.app  # type: ignore[return-value]

    @work(thread=True, exclusive=True, group="compare")
    def load_comparison(
        self, index: Library | None, a_id: str, b_id: str, width_a: int, width_b: int, request: int
    ) -> None:
        """Read both documents and their claims, align them (corpus IDF), lay both out."""
        from nkterm.library import Library

        started = time.perf_counter()
        worker = get_current_worker()
        own = index is None  # started from the command line before the reader's index is up
        if index is None:
            index = Library(self.nk.corpus, self.nk.index_dir)
        try:
            missing = [doc_id for doc_id in (a_id, b_id) if index.find_document(doc_id) is None]
            if missing:
                self.post_message(ComparisonFailed(f"no document {missing[0]!r} in the index"))
                return
            alignment = index.compare(a_id, b_id)  # the documents and claims are cached
            prepared_a = prepare(index.document(a_id), index.claims(a_id), width_a)
            prepared_b = prepare(index.document(b_id), index.claims(b_id), width_b)
        except Exception as exc:  # noqa: BLE001 - an unreadable index is a message, not a crash
            self.post_message(ComparisonFailed(f"cannot compare {a_id} and {b_id}: {exc}"))
            return
        finally:
            if own:
                index.close()
        if not worker.is_cancelled:
            elapsed = (time.perf_counter() - started) * 1000
            self.post_message(ComparisonReady(request, prepared_a, prepared_b, alignment, elapsed))

    @work(thread=True, exclusive=True, group="compare-bookmarks")
    def load_bookmarks(self, docs: dict[str, Document], request: int) -> None:
        """The bookmarks of the document on each side, anchored in its text: read when the
        documents arrive, when the screen is shown again, and when the main screen says the
        bookmarks changed (``BookmarksChanged``, after a save): the file is read once."""
        from nkterm.bookmarks import BookmarksError

        store = self.nk.bookmarks
        worker = get_current_worker()
        try:
            store.load()
            spans = {
                side: tuple(
                    span
                    for bookmark in store.list(doc_id=doc.id)
                    if (span := store.anchor(bookmark, doc).span) is not None and span.end > span.start
                )
                for side, doc in docs.items()
            }
        except BookmarksError as exc:
            self.post_message(ComparisonBookmarks(request, {}, str(exc)))
            return
        if not worker.is_cancelled:
            self.post_message(ComparisonBookmarks(request, spans))

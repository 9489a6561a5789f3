"""The comparison screen's feeder, ``ComparisonLoader``: the thread workers that read two
documents, align them and lay them out, and that read the two documents' bookmarks; and the
messages they post.

A plain object the comparison holds (``CompareScreen.loader``), not a base class, as
``DocumentFeed`` is the main screen's: it is given the screen it runs workers on and posts to
and the app's services (``ReaderHost``). Everything here runs off the UI thread: Whoosh and
the disk are reached only from the workers, which use the app's ``Library`` (``nkterm compare
A B`` may start before the reader's index worker has opened it: the library opens its index
when first asked). Bookmarks come from the app's store, which the main screen writes.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from textual.message import Message
from textual.screen import Screen
from textual.worker import get_current_worker

from nkterm.models import Document, Span
from nkterm.tui.view.document_layout import Prepared, prepare

if TYPE_CHECKING:
    from nkterm.compare import Alignment
    from nkterm.tui.services import ReaderHost


@dataclass(eq=False)
class ComparisonReady(Message):
    """The worker's answer: both documents laid out, and their alignment."""

    request: int
    a: Prepared
    b: Prepared
    alignment: Alignment
    elapsed_ms: float


@dataclass(eq=False)
class ComparisonFailed(Message):
    text: str


@dataclass(eq=False)
class ComparisonBookmarks(Message):
    """The bookmarked passages of the documents on each side ("a", "b"), anchored in their
    text; ``problem``: why the bookmarks file could not be read (``spans`` is then empty)."""

    request: int
    spans: dict[str, tuple[Span, ...]] = field(default_factory=dict)
    problem: str | None = None


class ComparisonLoader:
    """The comparison's workers; ``CompareScreen`` handles what they post."""

    def __init__(self, screen: Screen[Any], host: ReaderHost) -> None:
        self.screen = screen
        self.host = host

    def load(self, a_id: str, b_id: str, width_a: int, width_b: int, request: int) -> None:
        self.screen.run_worker(
            lambda: self._compare_worker(a_id, b_id, width_a, width_b, request),
            thread=True,
            exclusive=True,
            group="compare",
        )

    def _compare_worker(self, a_id: str, b_id: str, width_a: int, width_b: int, request: int) -> None:
        """Read both documents and their claims, align them (corpus IDF), lay both out."""
        started = time.perf_counter()
        worker = get_current_worker()
        library = self.host.services.library
        post = self.screen.post_message
        try:
            missing = [doc_id for doc_id in (a_id, b_id) if library.find_document(doc_id) is None]
            if missing:
                post(ComparisonFailed(f"no document {missing[0]!r} in the index"))
                return
            alignment = library.compare(a_id, b_id)  # the documents and claims are cached
            prepared_a = prepare(library.document(a_id), library.claims(a_id), width_a)
            prepared_b = prepare(library.document(b_id), library.claims(b_id), width_b)
        except Exception as exc:  # noqa: BLE001 - an unreadable index is a message, not a crash
            post(ComparisonFailed(f"cannot compare {a_id} and {b_id}: {exc}"))
            return
        if not worker.is_cancelled:
            elapsed = (time.perf_counter() - started) * 1000
            post(ComparisonReady(request, prepared_a, prepared_b, alignment, elapsed))

    def load_bookmarks(self, docs: dict[str, Document], request: int) -> None:
        self.screen.run_worker(
            lambda: self._bookmarks_worker(docs, request),
            thread=True,
            exclusive=True,
            group="compare-bookmarks",
        )

    def _bookmarks_worker(self, docs: dict[str, Document], request: int) -> None:
        """The bookmarks of the document on each side, anchored in its text: read when the
        documents arrive, when the screen is shown again, and when the main screen says the
        bookmarks changed (``BookmarksChanged``, after a save): the file is read once."""
        from nkterm.bookmarks import BookmarksError

        store = self.host.bookmarks
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
            self.screen.post_message(ComparisonBookmarks(request, {}, str(exc)))
            return
        if not worker.is_cancelled:
            self.screen.post_message(ComparisonBookmarks(request, spans))

"""The comparison screen's feeder: the thread workers that read two documents, align them and
lay them out, and that read the two documents' bookmarks; and the messages they post.

``ComparisonFeed`` is the base class of ``CompareScreen`` (screens/compare.py), as
``FeedScreen`` is the main screen's. Everything here runs off the UI thread: Whoosh and the
disk are reached only from the worker, which opens its own ``Index`` when the app has none
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
    from nkterm.index import Index
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


SAVE_WAIT = 2.0  # seconds to wait for a bookmark being saved to reach the file
SAVE_POLL = 0.05


class ComparisonFeed(Screen[None]):
    """The comparison's worker; ``CompareScreen`` handles what it posts."""

    @property
    def nk(self) -> NktermApp:
        return self.app  # type: ignore[return-value]

    @work(thread=True, exclusive=True, group="compare")
    def load_comparison(
        self, index: Index | None, a_id: str, b_id: str, width_a: int, width_b: int, request: int
    ) -> None:
        """Read both documents and their claims, align them (corpus IDF), lay both out."""
        from nkterm.compare import align, corpus_idf
        from nkterm.index import Index

        started = time.perf_counter()
        worker = get_current_worker()
        own = index is None  # started from the command line before the reader's index is up
        if index is None:
            index = Index(self.nk.corpus, self.nk.index_dir)
        try:
            doc_a, claims_a = index.load(a_id)
            doc_b, claims_b = index.load(b_id)
            alignment = align(doc_a, doc_b, claims_a, claims_b, idf=corpus_idf(index))
            prepared_a = prepare(doc_a, claims_a, width_a)
            prepared_b = prepare(doc_b, claims_b, width_b)
        except KeyError as exc:
            self.post_message(ComparisonFailed(f"no document {exc.args[0]!r} in the index"))
            return
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
    def load_bookmarks(self, docs: dict[str, Document], request: int, saving: Span | None = None) -> None:
        """The bookmarks of the document on each side, anchored in its text. ``saving``: a
        passage of ``docs["a"]`` or ``docs["b"]`` that the main screen is saving: read the file
        again until it holds a bookmark there (at most ``SAVE_WAIT`` seconds; a failed save
        is the main screen's to report)."""
        from nkterm.bookmarks import BookmarksError

        store = self.nk.bookmarks
        worker = get_current_worker()
        deadline = time.monotonic() + SAVE_WAIT
        while True:
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
            found = saving is None or any(saving in found for found in spans.values())
            if found or worker.is_cancelled or time.monotonic() > deadline:
                break
            time.sleep(SAVE_POLL)
        if not worker.is_cancelled:
            self.post_message(ComparisonBookmarks(request, spans))

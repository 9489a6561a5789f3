"""The main screen's feeders: the workers that bring in the index, documents and reading
positions, and where their answers land.

``FeedScreen`` is the base class of ``MainScreen`` (which owns the layout, the keys and the
search walk). Every index and disk access here runs in a thread worker: the UI thread never
touches Whoosh or a file. A long document shows its text first; its claims (and hits still to
find) follow in ``DocumentExtras``.
"""

from __future__ import annotations

import gc
import threading
import time
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.screen import Screen
from textual.timer import Timer
from textual.worker import get_current_worker

from nkterm.models import Span
from nkterm.render import one_line, safe
from nkterm.tui.messages import (
    DocumentExtras,
    DocumentFailed,
    DocumentLoaded,
    IndexFailed,
    IndexProgress,
    SummariesLoaded,
)
from nkterm.tui.view.document_layout import prepare
from nkterm.tui.widgets.claim_list import ClaimsPane
from nkterm.tui.widgets.document_list import DocumentsPane
from nkterm.tui.widgets.document_view import DocumentView
from nkterm.tui.widgets.status import StatusBar

if TYPE_CHECKING:
    from nkterm.library import Library
    from nkterm.tui.app import NktermApp
    from nkterm.tui.screens.search import SearchChoice

PROGRESSIVE_CHARS = 150_000  # longer documents show their text before their claims are loaded
LIST_PAINT_WAIT = 1.0  # s: at most this long the index worker waits for the first list's frame
INDEX_WATCH_SECONDS = 2.0  # how often the index folder is looked at for a re-index from the CLI


class FeedScreen(Screen[None]):
    """Workers and their answers; ``MainScreen`` supplies the widgets and the hooks below."""

    documents: DocumentsPane
    reader: DocumentView
    claims: ClaimsPane
    search_choice: SearchChoice | None

    def __init__(self) -> None:
        super().__init__()
        self.indexing: tuple[int, int] | None = None  # (done, total) while the index updates
        self.last_load_ms = 0.0  # the loading worker's time for the last document (benchmarks)
        self._request = 0
        self._pending_open: str | None = None
        self._pending_hit_target: str | None = None
        self._save_timer: Timer | None = None
        self._final = False
        self._words: dict[str, int] = {}
        self._list_painted = threading.Event()  # the manifest's list is on screen (the worker waits)
        self._generation = -1  # the index generation the list on screen was read from
        self._watch_timer: Timer | None = None

    @property
    def nk(self) -> NktermApp:
        return self.app  # type: ignore[return-value]

    # .. hooks for MainScreen ..

    def _status(self) -> None:
        """Redraw the status line."""

    def _document_shown(self) -> None:
        """A document has just been put in the reader."""

    def _reader_width(self) -> int:
        """The width the reader will have, for laying a document out in its worker."""
        return self.reader.scrollable_content_region.width or max(20, self.size.width - 2)

    # .. the index ..

    @work(thread=True, exclusive=True, group="index")
    def start_index(self) -> None:
        """Show the list from the manifest at once, then open the index, check it, and bring
        it up to date.

        The first list comes from ``manifest.json`` alone (``nkterm.manifest``): no Whoosh
        import, no index opened (at 20,000 documents that is most of the way to the list).
        The index is opened afterwards, in this worker; the list it reads replaces the first
        one if they differ, and the update's list (``final``) replaces both, so a stale or
        mismatched manifest is never shown for good."""
        from nkterm.manifest import quick_summaries

        corpus, directory = self.nk.corpus, self.nk.index_dir
        try:
            quick = quick_summaries(directory)
        except Exception:  # noqa: BLE001 - opening the index below says what is wrong
            quick = None
        if quick is not None:
            self._list_painted.clear()
            self.post_message(SummariesLoaded(quick, None, final=False))
            # Whoosh's import and the corpus scan below hold the GIL: let the list paint first
            self._list_painted.wait(LIST_PAINT_WAIT)

        from nkterm.errors import IndexLocked
        from nkterm.library import Library

        usable = False  # whether the list on screen was read from a checked index
        library = Library(corpus, directory)  # one for the reader: it reads while it updates
        try:
            if library.has_index():
                checked = library.documents()
                usable = True
                # the same rows: the list stays as it is, only the index arrives
                self.post_message(
                    SummariesLoaded(quick if checked == quick else checked, library, final=False)
                )
        except Exception as exc:  # noqa: BLE001 - a broken index is rebuilt below
            self.post_message(IndexFailed(f"the index could not be read ({exc}); rebuilding it"))
            library = Library(corpus, directory)

        def progress(done: int, total: int) -> None:
            self.post_message(IndexProgress(done, total))

        try:
            # merging segments waits for `nkterm index`: never while the reader starts
            report = library.update(progress, merge=False)
        except Exception as exc:  # noqa: BLE001 - say so, keep what we have
            locked = isinstance(exc, IndexLocked)
            self.post_message(
                IndexFailed(f"{exc} (showing the index as it is)" if locked else f"indexing failed: {exc}")
            )
            if quick is not None and not usable:  # the manifest's list, of an index that failed its check
                self.post_message(SummariesLoaded([], None, final=True))
            return
        from nkterm.manifest import latest_generation

        self._generation = latest_generation(directory)
        self.post_message(SummariesLoaded(library.documents(), library, final=True, report=report))

    @work(thread=True, exclusive=True, group="index-watch")
    def watch_index(self) -> None:
        """Refresh the list when another process (``nkterm index``) committed to the index:
        one listing of the index folder every ``INDEX_WATCH_SECONDS``; the list is read only
        when the generation changed, from the list file written with it."""
        from nkterm.manifest import latest_generation, quick_summaries

        directory = self.nk.index_dir
        generation = latest_generation(directory)
        if generation == self._generation or generation < 0:
            return
        summaries = quick_summaries(directory)
        if summaries is None:
            return  # the list file of the new generation is not written yet: next time
        from nkterm.library import Library

        self._generation = generation
        self.post_message(SummariesLoaded(summaries, Library(self.nk.corpus, directory), final=True))

    @on(IndexProgress)
    def _progress(self, message: IndexProgress) -> None:
        self.indexing = (message.done, message.total)
        self.query_one(StatusBar).progress(message.done, message.total)
        self._status()

    @on(IndexFailed)
    def _index_failed(self, message: IndexFailed) -> None:
        self.indexing = None
        self.query_one(StatusBar).progress_done()
        self.notify(message.text, title="Index", severity="error", timeout=10, markup=False)
        if self.documents.list_view.waiting:
            self.documents.set_summaries([])
        self._status()

    @on(SummariesLoaded)
    def _summaries(self, message: SummariesLoaded) -> None:
        if self._final and not message.final:
            return  # the up-to-date list arrived first
        self._final = self._final or message.final
        if message.library is not None or message.final:
            self.nk.library = message.library  # None: the manifest's list, shown before the index opens
        if message.final:
            # what start-up built stays for good: later collections skip it (a 100,000-word
            # document's claims load in half the time)
            gc.freeze()
        if message.summaries is not self.nk.summaries:  # the checked index found the same rows
            self.nk.summaries = message.summaries
            self._words = {s.id: s.words for s in message.summaries}
            self.documents.set_summaries(message.summaries)
        if message.library is None and not message.final:
            self.call_after_refresh(self._list_painted.set)
        if self.reader.doc_id:
            self.documents.select_id(self.reader.doc_id)
        if message.final:
            self.indexing = None
            self.query_one(StatusBar).progress_done()
            self._report(message.report)
            if self._watch_timer is None:
                self._watch_timer = self.set_interval(INDEX_WATCH_SECONDS, self.watch_index)
        self._status()
        if self._pending_open:
            doc_id = self._pending_open
            if any(s.id == doc_id for s in message.summaries):
                self._pending_open = None
                self.open_document(doc_id)
            elif message.final:
                self._pending_open = None
                self.notify(
                    f"no document {doc_id!r} in this corpus", severity="error", timeout=8, markup=False
                )

    def _report(self, report: Any) -> None:
        if report is None:
            return
        if report.rebuilt and report.rebuilt != "new index":
            self.notify(safe(report.rebuilt), title="Index", severity="warning", timeout=8, markup=False)
        if report.problems:
            shown = "; ".join(safe(str(p)) for p in report.problems[:3])
            more = f" and {len(report.problems) - 3} more" if len(report.problems) > 3 else ""
            self.notify(
                f"{len(report.problems)} file(s) skipped or repaired: {shown}{more} (`nkterm index` lists them)",
                title="Corpus",
                severity="warning",
                timeout=10,
                markup=False,
            )

    # .. opening documents ..

    def open_document(
        self, doc_id: str, *, target: str = "saved", query: str | None = None, hits: tuple[Span, ...] = ()
    ) -> None:
        index = self.nk.library
        if index is None:
            self._pending_open = doc_id
            return
        if query is None and self.search_choice is not None:
            query = self.search_choice.result.query  # a search in progress highlights every document
        self.record_position()
        self._request += 1
        self.query_one(StatusBar).say("opening…")
        words = self._words.get(doc_id)
        self.load_document(index, doc_id, target, query, hits, self._reader_width(), self._request, words)

    @work(thread=True, exclusive=True, group="document")
    def load_document(
        self,
        index: Library,
        doc_id: str,
        target: str,
        query: str | None,
        hits: tuple[Span, ...],
        width: int,
        request: int,
        words: int | None = None,
    ) -> None:
        """Load, make safe and lay out a document. A long one shows its text first: its claims
        (and hits still to find) follow in a ``DocumentExtras`` message."""
        started = time.perf_counter()
        worker = get_current_worker()
        try:
            doc = index.document(doc_id)
            progressive = len(doc.text) > PROGRESSIVE_CHARS
            find_hits = bool(query) and not hits
            claims = None if progressive else index.claims(doc_id)
            if find_hits and not progressive:
                hits = index.hits_in(doc_id, query or "")
            prepared = prepare(doc, claims, width, hits, query, words=words)
            if worker.is_cancelled:
                return
            elapsed = (time.perf_counter() - started) * 1000
            self.post_message(DocumentLoaded(prepared, target, request, elapsed))
            if progressive:
                claims = index.claims(doc_id)
                found = index.hits_in(doc_id, query) if find_hits and query else None
                if not worker.is_cancelled:
                    self.post_message(DocumentExtras(doc_id, request, tuple(claims), found))
        except LookupError:  # DocumentNotFound
            self.post_message(
                DocumentFailed(doc_id, f"no document {doc_id!r} in the index (was it removed?)")
            )
        except Exception as exc:  # noqa: BLE001 - an unreadable document is a notification
            self.post_message(DocumentFailed(doc_id, f"cannot open {doc_id}: {exc}"))

    @on(DocumentExtras)
    def _extras(self, message: DocumentExtras) -> None:
        reader = self.reader
        if message.request != self._request or reader.doc_id != message.doc_id:
            return
        reader.set_claims(message.claims)
        self.claims.set_claims(
            reader.prepared.claims if reader.prepared else (),
            reader.prepared.display if reader.prepared else "",
        )
        self.claims.select_claim(reader.current_claim)
        if message.hits is not None:
            reader.set_hits(message.hits, reader.prepared.query if reader.prepared else None)
            if self._pending_hit_target and message.hits:
                reader.goto_hit(0 if self._pending_hit_target == "first-hit" else len(message.hits) - 1)
        self._pending_hit_target = None
        self._status()

    @on(DocumentFailed)
    def _failed(self, message: DocumentFailed) -> None:
        self.notify(message.text, title="Document", severity="error", timeout=8, markup=False)
        self._status()

    @on(DocumentLoaded)
    def _loaded(self, message: DocumentLoaded) -> None:
        if message.request != self._request:
            return
        prepared = message.prepared
        self.last_load_ms = message.elapsed_ms
        saved = self.nk.positions.get(prepared.doc.id) if message.target == "saved" else None
        reader = self.reader
        self._pending_hit_target = None
        if message.target in ("first-hit", "last-hit") and not prepared.hits and prepared.query:
            self._pending_hit_target = message.target  # the hits come with the extras
        if saved is not None:
            reader.show(prepared, target="saved", cursor=saved.cursor, top=saved.top)
        else:
            reader.show(prepared, target="top" if message.target == "saved" else message.target)
        self.claims.set_claims(prepared.claims, prepared.display)
        self.claims.select_claim(reader.current_claim)
        self.sub_title = one_line(prepared.doc.title)
        self.documents.select_id(prepared.doc.id)
        self._document_shown()

    # .. positions ..

    @work(thread=True, group="state")
    def load_positions(self) -> None:
        store = self.nk.positions
        store.load()
        if store.problem:
            self.app.call_from_thread(self.notify, store.problem, severity="warning", markup=False)
        self.app.call_from_thread(self.positions_loaded)

    def positions_loaded(self) -> None:
        """The reading positions are in (a hook: the main screen reopens the last document)."""

    def record_position(self) -> None:
        """Note where the reader is (scrolling alone posts no message: this reads it)."""
        reader = self.reader
        if reader.doc_id is not None and reader.prepared is not None and reader.prepared.display:
            self.nk.positions.set(reader.doc_id, reader.cursor.start, reader.top_offset)

    def on_unmount(self) -> None:
        self.record_position()  # the app writes the file once it has stopped
        gc.unfreeze()

    def _save_soon(self) -> None:
        self._save_timer = None
        self.record_position()
        self.save_positions()

    @work(thread=True, exclusive=True, group="state")
    def save_positions(self) -> None:
        try:
            self.nk.positions.save()
        except OSError as exc:
            self.app.call_from_thread(
                self.notify, f"cannot save reading positions: {exc}", severity="warning", markup=False
            )

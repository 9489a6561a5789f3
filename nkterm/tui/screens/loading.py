"""The main screen's feeder, ``DocumentFeed``: the workers that bring in the index, documents and
reading positions, and where their answers land.

A plain object the main screen holds (``MainScreen.feed``), not a base class: it is given what it
works on (the screen it runs workers on and posts to, the app's services as a ``ReaderHost``,
the list, reader and claims widgets, and the screen's hooks), and the screen hands it the
messages its workers post (one line each). Every index and disk access here runs in a thread
worker (``screen.run_worker(..., thread=True)``): the UI thread never touches Whoosh or a file.
A long document shows its text first; its claims (and hits still to find) follow in
``DocumentExtras``.
"""

from __future__ import annotations

import dataclasses
import gc
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.screen import Screen
from textual.timer import Timer
from textual.worker import get_current_worker

from nkterm.models import Span
from nkterm.render import one_line, safe
from nkterm.tui import heap
from nkterm.tui.messages import (
    DocumentExtras,
    DocumentFailed,
    DocumentLoaded,
    IndexFailed,
    IndexProgress,
    SummariesLoaded,
)
from nkterm.tui.view.document_layout import Prepared, prepare
from nkterm.tui.widgets.claim_list import ClaimsPane
from nkterm.tui.widgets.document_list import DocumentsPane
from nkterm.tui.widgets.document_view import DocumentView
from nkterm.tui.widgets.status import StatusBar

if TYPE_CHECKING:
    from nkterm.library import Library
    from nkterm.tui.services import ReaderHost

PROGRESSIVE_CHARS = 150_000  # longer documents show their text before their claims are loaded
LIST_PAINT_WAIT = 1.0  # s: at most this long the index worker waits for the first list's frame
INDEX_WATCH_SECONDS = 2.0  # how often the index folder is looked at for a re-index from the CLI


class DocumentFeed:
    """The index, the documents and the reading positions of one screen's reader."""

    def __init__(
        self,
        screen: Screen[Any],
        host: ReaderHost,
        *,
        documents: DocumentsPane,
        reader: DocumentView,
        claims: ClaimsPane,
        status: Callable[[], None],
        shown: Callable[[], None],
        reader_width: Callable[[], int],
        search_query: Callable[[], str | None],
        positions_loaded: Callable[[], None],
    ) -> None:
        self.screen = screen
        self.host = host
        self.documents = documents
        self.reader = reader
        self.claims = claims
        self._status = status  # redraw the status line
        self._document_shown = shown  # a document has just been put in the reader
        self._reader_width = reader_width  # the reader's width, for laying a document out
        self._search_query = search_query  # the search in progress: it highlights every document
        self._positions_loaded = positions_loaded
        self.indexing: tuple[int, int] | None = None  # (done, total) while the index updates
        self.last_load_ms = 0.0  # the loading worker's time for the last document (benchmarks)
        self.pending_open: str | None = None  # opened when the list arrives
        self.reopen_last = False  # the positions came first: choose the last read when the list arrives
        self._request = 0
        self._pending_hit_target: str | None = None
        self._save_timer: Timer | None = None
        self._final = False
        self._words: dict[str, int] = {}
        self._list_painted = threading.Event()  # the manifest's list is on screen (the worker waits)
        self._generation = -1  # the index generation the list on screen was read from
        self._watch_timer: Timer | None = None

    def _post(self, message: Any) -> None:
        self.screen.post_message(message)

    def _bar(self) -> StatusBar:
        return self.screen.query_one(StatusBar)

    def _notify(self, text: str, **kwargs: Any) -> None:
        self.screen.notify(text, markup=False, **kwargs)

    # .. the index ..

    def start_index(self) -> None:
        self.screen.run_worker(self._index_worker, thread=True, exclusive=True, group="index")

    def _index_worker(self) -> None:
        """Show the list from the manifest at once, then open the index, check it, and bring
        it up to date.

        The first list comes from ``manifest.json`` alone (``nkterm.manifest``): no Whoosh
        import, no index opened (at 20,000 documents that is most of the way to the list).
        The index is opened afterwards, in this worker; the list it reads replaces the first
        one if they differ, and the update's list (``final``) replaces both, so a stale or
        mismatched manifest is never shown for good."""
        from nkterm.manifest import quick_summaries

        library = self.host.services.library  # one for the reader: it reads while it updates
        directory = library.index_dir
        try:
            quick = quick_summaries(directory)
        except Exception:  # noqa: BLE001 - opening the index below says what is wrong
            quick = None
        if quick is not None:
            self._list_painted.clear()
            self._post(SummariesLoaded(quick, None, final=False))
            # Whoosh's import and the corpus scan below hold the GIL: let the list paint first
            self._list_painted.wait(LIST_PAINT_WAIT)

        from nkterm.errors import IndexLocked, without_advice

        usable = False  # whether the list on screen was read from a checked index
        announced = False  # whether the user was told the index is being rebuilt
        try:
            if library.has_index():
                checked = library.documents()
                usable = True
                # the same rows: the list stays as it is, only the index arrives
                self._post(SummariesLoaded(quick if checked == quick else checked, library, final=False))
        except Exception as exc:  # noqa: BLE001 - a broken index is rebuilt below
            self._post(IndexFailed(f"rebuilding the index: {without_advice(exc)}"))
            announced = True
            library.close()

        def progress(done: int, total: int) -> None:
            self._post(IndexProgress(done, total))

        try:
            # merging segments waits for `nkterm index`: never while the reader starts
            report = library.update(progress, merge=False)
        except Exception as exc:  # noqa: BLE001 - say so, keep what we have
            locked = isinstance(exc, IndexLocked)
            self._post(
                IndexFailed(f"{exc} (showing the index as it is)" if locked else f"indexing failed: {exc}")
            )
            if quick is not None and not usable:  # the manifest's list, of an index that failed its check
                self._post(SummariesLoaded([], None, final=True))
            return
        from nkterm.manifest import latest_generation

        self._generation = latest_generation(directory)
        if announced and report.rebuilt:  # said once, when the rebuild began
            report = dataclasses.replace(report, rebuilt=None)
        self._post(SummariesLoaded(library.documents(), library, final=True, report=report))

    def watch_index(self) -> None:
        self.screen.run_worker(self._watch_worker, thread=True, exclusive=True, group="index-watch")

    def _watch_worker(self) -> None:
        """Refresh the list when another process (``nkterm index``) committed to the index:
        one listing of the index folder every ``INDEX_WATCH_SECONDS``; the list is read only
        when the generation changed, from the list file written with it."""
        from nkterm.manifest import latest_generation, quick_summaries

        directory = self.host.index_dir
        generation = latest_generation(directory)
        if generation == self._generation or generation < 0:
            return
        summaries = quick_summaries(directory)
        if summaries is None:
            return  # the list file of the new generation is not written yet: next time
        self._generation = generation
        self._post(SummariesLoaded(summaries, self.host.services.fresh_library(), final=True))

    def progress(self, message: IndexProgress) -> None:
        self.indexing = (message.done, message.total)
        self._bar().progress(message.done, message.total)
        self._status()

    def index_failed(self, message: IndexFailed) -> None:
        self.indexing = None
        self._bar().progress_done()
        self._notify(message.text, title="Index", severity="error", timeout=10)
        if self.documents.list_view.waiting:
            self.documents.set_summaries([])
        self._status()

    def summaries_loaded(self, message: SummariesLoaded) -> None:
        host = self.host
        if self._final and not message.final:
            return  # the up-to-date list arrived first
        self._final = self._final or message.final
        if message.library is not None or message.final:
            host.library = message.library  # None: the manifest's list, shown before the index opens
        if message.final:
            # what start-up built stays for good: later collections skip it (a 100,000-word
            # document's claims load in half the time); a long list is settled once drawn
            if len(message.summaries) >= heap.BIG_LIST:
                self.screen.call_after_refresh(heap.settle)
            else:
                gc.freeze()
        if message.summaries is not host.summaries:  # the checked index found the same rows
            host.summaries = message.summaries
            self._words = {s.id: s.words for s in message.summaries}
            self.documents.set_summaries(message.summaries)
        if message.library is None and not message.final:
            self.screen.call_after_refresh(self._list_painted.set)
        if self.reader.doc_id:
            self.documents.select_id(self.reader.doc_id)
        if message.final:
            self.indexing = None
            self._bar().progress_done()
            self._report(message.report)
            if self._watch_timer is None:
                self._watch_timer = self.screen.set_interval(INDEX_WATCH_SECONDS, self.watch_index)
        self._status()
        if self.pending_open:
            doc_id = self.pending_open
            if any(s.id == doc_id for s in message.summaries):
                self.pending_open = None
                self.open_document(doc_id)
            elif message.final:
                self.pending_open = None
                self._notify(f"no document {doc_id!r} in this corpus", severity="error", timeout=8)
        elif self.reopen_last and message.summaries:
            self.reopen_last = False
            self._positions_loaded()

    def _report(self, report: Any) -> None:
        if report is None:
            return
        if report.rebuilt and report.rebuilt != "new index":
            self._notify(safe(report.rebuilt), title="Index", severity="warning", timeout=8)
        if report.problems:
            shown = "; ".join(safe(str(p)) for p in report.problems[:3])
            more = f" and {len(report.problems) - 3} more" if len(report.problems) > 3 else ""
            self._notify(
                f"{len(report.problems)} file(s) skipped or repaired: {shown}{more} (`nkterm index` lists them)",
                title="Corpus",
                severity="warning",
                timeout=10,
            )

    # .. opening documents ..

    def open_document(
        self, doc_id: str, *, target: str = "saved", query: str | None = None, hits: tuple[Span, ...] = ()
    ) -> None:
        library = self.host.library
        if library is None:
            self.pending_open = doc_id
            return
        if query is None:
            query = self._search_query()  # a search in progress highlights every document
        self.record_position()
        self._request += 1
        self._bar().say("opening…")
        words = self._words.get(doc_id)
        request, width = self._request, self._reader_width()
        self.screen.run_worker(
            lambda: self._load_worker(library, doc_id, target, query, hits, width, request, words),
            thread=True,
            exclusive=True,
            group="document",
        )

    def _load_worker(
        self,
        library: Library,
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
            doc = library.document(doc_id)
            progressive = len(doc.text) > PROGRESSIVE_CHARS
            find_hits = bool(query) and not hits
            claims = None if progressive else library.claims(doc_id)
            if find_hits and not progressive:
                hits = library.hits_in(doc_id, query or "")
            prepared = prepare(doc, claims, width, hits, query, words=words)
            if worker.is_cancelled:
                return
            elapsed = (time.perf_counter() - started) * 1000
            self._post(DocumentLoaded(prepared, target, request, elapsed))
            if progressive:
                claims = library.claims(doc_id)
                found = library.hits_in(doc_id, query) if find_hits and query else None
                if not worker.is_cancelled:
                    self._post(DocumentExtras(doc_id, request, tuple(claims), found))
        except LookupError:  # DocumentNotFound
            self._post(DocumentFailed(doc_id, f"no document {doc_id!r} in the index (was it removed?)"))
        except Exception as exc:  # noqa: BLE001 - an unreadable document is a notification
            self._post(DocumentFailed(doc_id, f"cannot open {doc_id}: {exc}"))

    def extras(self, message: DocumentExtras) -> None:
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
        self._settle_after(reader.prepared)

    def _settle_after(self, prepared: Prepared | None) -> None:
        """A long document on screen: collect once its frame is drawn, so that no later
        frame pays for walking its objects (``nkterm.tui.heap``)."""
        if prepared is not None and len(prepared.display) >= heap.BIG_TEXT:
            self.screen.call_after_refresh(heap.settle)

    def failed(self, message: DocumentFailed) -> None:
        self._notify(message.text, title="Document", severity="error", timeout=8)
        self._status()

    def loaded(self, message: DocumentLoaded) -> None:
        if message.request != self._request:
            return
        prepared = message.prepared
        self.last_load_ms = message.elapsed_ms
        saved = self.host.positions.get(prepared.doc.id) if message.target == "saved" else None
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
        self.screen.sub_title = one_line(prepared.doc.title)
        self.documents.select_id(prepared.doc.id)
        self._document_shown()
        if prepared.claims_loaded:  # else once its claims are in (``extras``)
            self._settle_after(prepared)

    # .. positions ..

    def last_read(self) -> str | None:
        """The document of this corpus read most recently: positions are kept for every corpus
        (the seeds opened after the BBC corpus said "no document 'politics/077' in this
        corpus" and opened nothing)."""
        positions = self.host.positions
        last = positions.last()
        ids = {s.id for s in self.host.summaries}
        if last is None or last in ids:
            return last
        seen = ((p.seen, doc_id) for doc_id in ids if (p := positions.get(doc_id)) is not None)
        return max(seen, default=(0.0, None))[1]

    def load_positions(self) -> None:
        self.screen.run_worker(self._positions_worker, thread=True, group="state")

    def _positions_worker(self) -> None:
        store = self.host.positions
        store.load()
        app = self.screen.app
        if store.problem:
            app.call_from_thread(self._notify, store.problem, severity="warning")
        app.call_from_thread(self._positions_loaded)

    def record_position(self) -> None:
        """Note where the reader is (scrolling alone posts no message: this reads it)."""
        reader = self.reader
        if reader.doc_id is not None and reader.prepared is not None and reader.prepared.display:
            self.host.positions.set(reader.doc_id, reader.cursor.start, reader.top_offset)

    def moved(self, doc_id: str, cursor: int, top: int, delay: float) -> None:
        """The cursor moved: note it, and write the positions ``delay`` s after the last move."""
        self.host.positions.set(doc_id, cursor, top)
        if self._save_timer is None:
            self._save_timer = self.screen.set_timer(delay, self._save_soon)

    def unmounted(self) -> None:
        self.record_position()  # the app writes the file once it has stopped
        heap.release()

    def _save_soon(self) -> None:
        self._save_timer = None
        self.record_position()
        self.screen.run_worker(self._save_worker, thread=True, exclusive=True, group="state")

    def _save_worker(self) -> None:
        try:
            self.host.positions.save()
        except OSError as exc:
            self.screen.app.call_from_thread(
                self._notify, f"cannot save reading positions: {exc}", severity="warning"
            )

"""The main screen: document list, reader and claims panel side by side (or one at a time).

Owns the layout (panes collapse and stack on narrow terminals), the keys that work anywhere
on it, the claim filter and the status line. It is composed of plain controllers, not a tower of
base classes: ``DocumentFeed`` (screens/loading.py: the index, documents and positions
workers), ``BookmarkMarks`` (screens/bookmarking.py: saving, marking and jumping to
bookmarks) and ``SearchWalk`` (screens/search_walk.py: ``/``, n/N through every result); the
message handlers here hand their messages on to them, one line each. The app's services come
in typed (``ReaderHost``). Widgets post messages here; this screen answers by setting their
attributes.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len
from textual import events, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Container, Horizontal, Vertical
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Header

from nkterm.tui.messages import (
    BookmarkRequested,
    BookmarksChanged,
    BookmarksFailed,
    BookmarksLoaded,
    ClaimHighlighted,
    CursorMoved,
    DocumentChosen,
    DocumentExtras,
    DocumentFailed,
    DocumentLoaded,
    IndexFailed,
    IndexProgress,
    SummariesLoaded,
)
from nkterm.tui.screens.bookmarking import BookmarkMarks
from nkterm.tui.screens.legend import LegendScreen
from nkterm.tui.screens.loading import DocumentFeed
from nkterm.tui.screens.main_keys import MAIN_BINDINGS
from nkterm.tui.screens.search_walk import SearchWalk
from nkterm.tui.widgets.claim_list import ClaimsPane
from nkterm.tui.widgets.document_list import DocumentsPane
from nkterm.tui.widgets.document_view import DocumentView
from nkterm.tui.widgets.footer import MainFooter
from nkterm.tui.widgets.status import ClaimDetail, StatusBar

if TYPE_CHECKING:
    from nkterm.models import Span
    from nkterm.tui.services import ReaderHost

NARROW = 100  # below this many columns one pane shows at a time
LIST_SHARE = 0.38  # of the terminal's width for the document list (at least LIST_MIN columns)
LIST_MIN, LIST_MAX, LIST_STEP = 42, 100, 8
READER_MIN = 72  # columns the reader keeps before the list grows past LIST_MIN
READER_BESIDE_CLAIMS = 8  # more beside the claims panel (its lines are shorter there)
CLAIMS_WIDTH = 60  # the claims panel beside the reader (nkterm.tcss: MainScreen.-wide #claims)
WIDE = 160  # from this many columns the claims panel sits beside the reader
SAVE_DELAY = 1.0  # seconds after the last move before positions are written


class MainScreen(Screen[None]):
    AUTO_FOCUS = "DocumentList"

    BINDINGS: ClassVar[list[BindingType]] = MAIN_BINDINGS

    def __init__(self, host: ReaderHost, *, sort: str = "title") -> None:
        super().__init__()
        self.host = host
        self.show_list = True
        self._narrow: bool | None = None  # the width class _apply_layout last laid out
        self._list_when_wide = True  # show_list on a wide screen, kept while the screen is narrow
        # None: beside the reader on wide terminals only (read here for preset_layout)
        self.show_claims: bool | None = host.config.show_claims
        self.check_worthy_only = False
        self.list_steps = 0  # > and < widen and narrow the list by LIST_STEP columns each
        # kept as attributes: the screen reads them until (and while) it unmounts
        self.documents = DocumentsPane(sort=sort, id="documents")
        self.reader = DocumentView(id="reader")
        self.claims = ClaimsPane(id="claims")
        self.feed = DocumentFeed(
            self,
            host,
            documents=self.documents,
            reader=self.reader,
            claims=self.claims,
            status=self._status,
            shown=self._document_shown,
            reader_width=self._reader_width,
            search_query=lambda: self.walk.query,
            positions_loaded=self.positions_loaded,
        )
        self.marks = BookmarkMarks(self, host, self.reader, open_document=self.open_document)
        self.walk = SearchWalk(
            self,
            host,
            reader=self.reader,
            documents=self.documents,
            open_document=self.open_document,
            changed=self._walked,
            indexing=lambda: self.feed.indexing,
        )

    @property
    def indexing(self) -> tuple[int, int] | None:
        """(done, total) while the index updates."""
        return self.feed.indexing

    def _walked(self) -> None:
        self.refresh_bindings()
        self._status()

    def open_document(
        self, doc_id: str, *, target: str = "saved", query: str | None = None, hits: tuple[Span, ...] = ()
    ) -> None:
        self.feed.open_document(doc_id, target=target, query=query, hits=hits)

    def goto_passage(self, doc_id: str, offset: int) -> None:
        """Open ``doc_id`` (if it is not the open one) with the cursor on ``offset``."""
        if self.marks.goto_passage(doc_id, offset):
            self._document_shown()

    def request_bookmark(self, message: BookmarkRequested) -> None:
        self.marks.request(message)

    # .. the controllers' messages ..

    @on(IndexProgress)
    def _index_progress(self, message: IndexProgress) -> None:
        self.feed.progress(message)

    @on(IndexFailed)
    def _index_failed(self, message: IndexFailed) -> None:
        self.feed.index_failed(message)

    @on(SummariesLoaded)
    def _summaries(self, message: SummariesLoaded) -> None:
        self.feed.summaries_loaded(message)

    @on(DocumentLoaded)
    def _loaded(self, message: DocumentLoaded) -> None:
        self.feed.loaded(message)

    @on(DocumentExtras)
    def _extras(self, message: DocumentExtras) -> None:
        self.feed.extras(message)

    @on(DocumentFailed)
    def _failed(self, message: DocumentFailed) -> None:
        self.feed.failed(message)

    @on(BookmarksLoaded)
    def _bookmarks_loaded(self, message: BookmarksLoaded) -> None:
        self.marks.loaded(message)

    @on(BookmarksFailed)
    def _bookmarks_failed(self, message: BookmarksFailed) -> None:
        self.marks.failed(message)

    @on(BookmarksChanged)
    def _bookmarks_changed(self, message: BookmarksChanged) -> None:
        self.marks.changed(message)

    @on(BookmarkRequested)
    def _bookmark_requested(self, message: BookmarkRequested) -> None:
        message.stop()
        self.marks.request(message)

    def on_unmount(self) -> None:
        self.feed.unmounted()

    # .. composition and layout ..

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="≡")
        with Horizontal(id="panes"):
            yield self.documents
            with Container(id="reading"):
                with Vertical(id="reader-pane"):
                    yield self.reader
                    yield ClaimDetail(id="detail")
                yield self.claims
        yield StatusBar(id="status")
        yield MainFooter(compact=True)

    def on_mount(self) -> None:
        self.marks.check()
        config = self.host.config
        self.check_worthy_only = config.check_worthy_only
        self.show_claims = config.show_claims
        self.reader.set_check_worthy_only(self.check_worthy_only)
        self.claims.set_check_worthy_only(self.check_worthy_only)
        self.feed.pending_open = self.host.start_doc
        self._apply_layout()
        self.documents.list_view.focus()
        self._status()
        self.feed.load_positions()
        self.feed.start_index()

    def on_resize(self) -> None:
        self._apply_layout()
        self.call_after_refresh(self._status)  # its wording follows the width

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        owner = self._owner(event.widget)
        for name, pane in (
            ("documents", self.documents),
            ("reader", self.query_one("#reader-pane")),
            ("claims", self.claims),
        ):
            pane.set_class(name == owner, "-active")

    def _claims_visible(self, width: int | None = None) -> bool:
        if self.show_claims is not None:
            return self.show_claims
        return (self.size.width if width is None else width) >= WIDE

    def _layout_classes(self, width: int) -> dict[str, bool]:
        """The five layout classes for a screen ``width`` columns wide."""
        narrow = width < NARROW
        return {
            "-narrow": narrow,
            "-wide": width >= WIDE,
            "-no-list": not self.show_list,
            "-no-claims": not self._claims_visible(width),
            "-list-only": narrow and self.show_list,
        }

    def preset_layout(self, width: int) -> None:
        """The layout classes for the terminal's ``width``, set before the screen is styled
        (the app calls it as it installs the screen): its widgets are styled once, with them,
        instead of once without and again, all of them, as ``on_mount`` adds them."""
        self.update_classes(self._layout_classes(width), update=False)

    def _apply_layout(self) -> None:
        width = self.size.width
        narrow = width < NARROW
        if self._narrow is not None and narrow != self._narrow:
            self._width_class_changed(narrow)
        self._narrow = narrow
        # one restyle of the screen for all five (not one per class changed); none when the
        # classes are already right (preset_layout)
        self.update_classes(self._layout_classes(width))
        self.documents.styles.width = None if narrow else self.list_width()
        # ctrl+p stays listed in the help: on a narrow footer its room goes to the pane's keys
        self.query_one(Footer).show_command_palette = not narrow
        self.call_after_refresh(self._fix_focus)

    def _width_class_changed(self, narrow: bool) -> None:
        """Narrowed below NARROW columns (one pane at a time): the pane the user was in stays,
        not the list (a reader resized from 120 to 80 columns showed the document list and
        took the focus from the text); widened again: the list as it was beside the reader."""
        if narrow:
            self._list_when_wide = self.show_list
            if self.reader.prepared is not None and self._owner(self.focused) != "documents":
                self.show_list = False
        else:
            self.show_list = self.show_list or self._list_when_wide

    def action_toggle_explain(self) -> None:
        self.toggle_class("-explain")
        self.call_after_refresh(self.query_one(ClaimDetail).redraw)

    def list_width(self) -> int:
        """The list's columns beside the reader: a share of the terminal, never fewer than
        LIST_MIN, and room left for the reader."""
        width = self.size.width
        beside = CLAIMS_WIDTH if width >= WIDE and self._claims_visible() else 0
        reader = READER_MIN + (READER_BESIDE_CLAIMS if beside else 0)
        base = max(LIST_MIN, min(LIST_MAX, round(width * LIST_SHARE), width - beside - reader))
        return max(24, min(width - beside - 40, base + self.list_steps * LIST_STEP))

    def action_list_width(self, step: int) -> None:
        if self.size.width < NARROW:
            self.notify("the list fills the screen at this width", timeout=2)
            return
        before = self.list_width()
        self.list_steps += step
        if self.list_width() == before:
            self.list_steps -= step
        self._apply_layout()

    def _fix_focus(self) -> None:
        """If the focused pane was just hidden, focus the first pane still on screen."""
        visible = self._visible_panes()
        if self._owner(self.focused) in visible or not visible:
            return
        self._pane(visible[0]).focus()

    def _owner(self, widget: Widget | None) -> str | None:
        """Which pane ``widget`` belongs to: "documents", "reader" or "claims"."""
        if widget is None:
            return None
        for name, pane in (("documents", self.documents), ("reader", self.reader), ("claims", self.claims)):
            if widget is pane or pane in widget.ancestors:
                return name
        return None

    def _pane(self, name: str) -> Widget:
        return {
            "documents": self.documents.list_view,
            "reader": self.reader,
            "claims": self.claims.list_view,
        }[name]

    def _visible_panes(self) -> list[str]:
        narrow = self.size.width < NARROW
        out: list[str] = []
        if self.show_list:
            out.append("documents")
        if not (narrow and self.show_list):
            out.append("reader")
            if self._claims_visible():
                out.append("claims")
        return out

    def action_pane(self, step: int) -> None:
        names = ["documents", "reader", "claims"]
        i = names.index(self._owner(self.focused) or "documents")
        narrow = self.size.width < NARROW
        for k in range(1, len(names) + 1):
            name = names[(i + step * k) % len(names)]
            if name == "claims" and not self._claims_visible():
                continue
            if name == "documents" and not self.show_list and not narrow:
                continue
            if name != "documents" and self.reader.prepared is None:
                continue
            if narrow:
                self.show_list = name == "documents"
            self._apply_layout()
            self._pane(name).focus()
            return

    def action_toggle_list(self) -> None:
        if self.show_list and self.size.width < NARROW and self.reader.prepared is None:
            self.notify("open a document first (enter)", timeout=2)
            return
        self.show_list = not self.show_list
        self._apply_layout()
        (self.documents.list_view if self.show_list else self.reader).focus()

    def action_toggle_claims(self) -> None:
        self.show_claims = not self._claims_visible()
        if self.show_claims and self.show_list and self.size.width < NARROW:
            self.show_list = False
        self._apply_layout()
        # the reader may have lost height to the panel: the cursor sentence stays in view
        self.call_after_refresh(self.reader.keep_cursor_in_view)
        if self.show_claims:
            self.claims.list_view.focus()
        elif self._owner(self.focused) in (None, "claims"):
            self.reader.focus()

    def positions_loaded(self) -> None:
        """No document asked for on the command line: reopen the one read last, where it was."""
        if self.host.start_doc or self.feed.pending_open or self.reader.doc_id is not None:
            return
        if not self.host.summaries:
            self.feed.reopen_last = True  # chosen when the list arrives (it calls this again)
            return
        last = self.feed.last_read()
        if last is not None:
            # after the next refresh: the reader has its width then, so the saved top line holds
            self.call_after_refresh(self._reopen, last)

    def _reopen(self, doc_id: str) -> None:
        if self.reader.doc_id is None:  # the user has not opened one meanwhile
            self.open_document(doc_id)

    def action_toggle_check_worthy(self) -> None:
        self.check_worthy_only = not self.check_worthy_only
        self.reader.set_check_worthy_only(self.check_worthy_only)
        self.claims.set_check_worthy_only(self.check_worthy_only)
        self._status()

    def action_compare(self) -> None:
        from nkterm.tui.screens.compare_picker import choose_and_compare

        choose_and_compare(
            self, self.reader.doc_id or self.documents.list_view.current_id(), list(self.host.summaries)
        )

    def action_corroborate(self) -> None:
        from nkterm.tui.screens.corroborate import corroborate_cursor

        corroborate_cursor(self, self.reader)

    def action_legend(self) -> None:
        strong = self.reader._style("claim-strong")
        self.app.push_screen(LegendScreen(self.reader.kind_styles(), strong))

    def action_sort_documents(self) -> None:
        self.documents.action_cycle_sort()

    def action_reader_claim(self, direction: int) -> None:
        self.reader.action_claim(direction)

    def _document_shown(self) -> None:
        self.documents.document_opened()
        if self.size.width < NARROW:
            self.show_list = False
            self._apply_layout()
        self.reader.focus()
        self.marks.shown()
        self._status()
        self.refresh_bindings()

    def _reader_width(self) -> int:
        width = self.reader.scrollable_content_region.width
        if width:
            return width
        panes = self.size.width
        if self.size.width >= NARROW:
            panes -= self.documents.outer_size.width if self.show_list else 0
            panes -= self.claims.outer_size.width if self.size.width >= WIDE and self._claims_visible() else 0
        return max(20, panes - 2)

    @on(DocumentChosen)
    def _chosen(self, message: DocumentChosen) -> None:
        self.open_document(message.doc_id)

    # .. the cursor ..

    @on(CursorMoved)
    def _moved(self, message: CursorMoved) -> None:
        reader = self.reader
        self.query_one(ClaimDetail).show(message.claim, reader.where(), reader.part())
        self.claims.select_claim(message.claim)
        self.feed.moved(message.doc_id, message.cursor.start, message.top, SAVE_DELAY)
        self._status()

    @on(ClaimHighlighted)
    def _claim_highlighted(self, message: ClaimHighlighted) -> None:
        self.reader.goto_claim(message.claim)
        if message.focus_reader:
            if self.size.width < NARROW:
                self.show_claims = False
                self._apply_layout()
            self.reader.focus()

    # .. search (``SearchWalk``) ..

    def action_search(self) -> None:
        self.walk.open_search()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("next_hit", "previous_hit", "clear_search"):
            return self.walk.choice is not None
        return True

    def action_next_hit(self) -> None:
        self.walk.next_hit()

    def action_previous_hit(self) -> None:
        self.walk.previous_hit()

    def action_clear_search(self) -> None:
        self.walk.clear()

    # .. the status line ..

    def _status(self) -> None:
        """The status line; during a search, when the full wording does not fit (80 columns),
        the short one with the search first ("result 3/95 · hit 1/3 · 'flood' · n/N esc"),
        then what else fits."""
        total = len(self.host.summaries)
        corpus = self.host.corpus
        name = corpus.name or Path(corpus).name
        indexing = self.indexing
        claims = "check-worthy claims only (w)" if self.check_worthy_only else "all claims (w)"
        parts = [f"{name}: {total} documents"]
        if indexing is not None:
            parts.append(f"indexing {indexing[0]}/{indexing[1]}")
        parts.append(claims)
        searching = self.walk.status()
        bar = self.query_one(StatusBar)
        line = " · ".join([*parts, searching] if searching is not None else parts)
        room = bar.text_room()
        if searching is not None and room and cell_len(line) > room:
            line = self.walk.status(room) or ""
            short = [
                "check-worthy only (w)" if self.check_worthy_only else "",
                f"indexing {indexing[0]}/{indexing[1]}" if indexing is not None else "",
                f"{name}: {total:,} docs",
            ]
            for part in short:
                if part and cell_len(line) + 3 + cell_len(part) <= room:
                    line += f" · {part}"
        bar.say(line)

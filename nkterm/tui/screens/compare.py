"""The comparison screen: two documents side by side, their aligned passages marked in both.

Owns the layout (two ``ComparePane``s side by side from ``SIDE_BY_SIDE`` columns, stacked A
above B below that), the list of pairs and its relation filter, walking the pairs (``]``/``[``),
and scrolling synchronised by alignment: when the cursor in one pane reaches a passage that
has a partner, the other pane puts that partner level with it (``s`` turns this off). The
alignment (``nkterm.compare.align`` with the corpus IDF) and the layout of both documents run
in a thread worker (``group="compare"``): the UI thread never touches Whoosh or the disk.

Bookmarked passages are marked in both panes as in the reader (``▌`` in the gutter), read in
a thread worker when the documents arrive, when the screen is shown again, and after ``b`` in
a pane: the app saves that bookmark through the main screen (``BookmarkRequested``), which
tells every screen once it is in the file (``BookmarksChanged``): this one reads them again.

``open_comparison`` shows it (one instance, installed and reused); the reader's ``c`` picks
the second document in ``screens/compare_picker.py`` first.
"""

from __future__ import annotations

import bisect
import time
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from nkterm.models import Document, Span
from nkterm.render import safe
from nkterm.tui.messages import BookmarksChanged
from nkterm.tui.screens.compare_load import (
    ComparisonBookmarks,
    ComparisonFailed,
    ComparisonLoader,
    ComparisonReady,
)
from nkterm.tui.services import host_of
from nkterm.tui.teardown import torn_down
from nkterm.tui.view.marks import BOOKMARK_GUTTER
from nkterm.tui.widgets.compare_view import ComparePane, CompareView, PaneMoved
from nkterm.tui.widgets.footer import MainFooter
from nkterm.tui.widgets.pair_list import (
    FILTERS,
    SYMBOLS,
    WORDS,
    CompareItem,
    PairHighlighted,
    PairList,
    items_of,
    marks_for,
)

if TYPE_CHECKING:
    from nkterm.compare import Alignment
    from nkterm.tui.services import ReaderHost

SIDE_BY_SIDE = 100  # from this many columns the panes stand side by side; below, A above B
CONTEXT_ROWS = 2  # a placed passage starts this many rows below the top of its pane
_PAIR_KEYS = Binding.Group("pair")
# what the workers' answers draw on besides the panes' readers and the list (held as attributes)
_DRAWN_ON = (
    "#pairs-title",
    "#compare-status",
    "#compare-pane-a > .compare-pane-title",
    "#compare-pane-b > .compare-pane-title",
)


class CompareScreen(Screen[None]):
    """Document A against document B. ``at``: an offset of A to start at (its pair if any).

    One instance is kept installed (``open_comparison``) and pointed at new documents with
    ``compare``: styling a fresh screen's two readers costs ~0.3 s, reusing it nothing."""

    AUTO_FOCUS = "#compare-view-a"

    BINDINGS: ClassVar[list[BindingType]] = [
        # priority: the panes are readers, whose [ ] walk claims; here they walk the pairs
        Binding(
            "right_square_bracket",
            "pair(1)",
            "next pair",
            tooltip="next pair in the list: both panes go to its passages",
            id="compare.next-pair",
            group=_PAIR_KEYS,
            priority=True,
        ),
        Binding(
            "left_square_bracket",
            "pair(-1)",
            "previous pair",
            tooltip="previous pair in the list",
            id="compare.previous-pair",
            group=_PAIR_KEYS,
            priority=True,
        ),
        Binding(
            "s",
            "toggle_sync",
            "sync",
            tooltip="scroll by alignment: a pane follows the other to a passage's partner (on/off)",
            id="compare.toggle-sync",
        ),
        Binding(
            "f",
            "filter(1)",
            "filter",
            tooltip="list pairs, agrees, differs, related, only in A, only in B, or everything (cycles)",
            id="compare.filter",
        ),
        Binding("F", "filter(-1)", "filter back", show=False, id="compare.filter-back"),
        Binding(
            "tab",
            "pane(1)",
            "next pane",
            show=False,
            tooltip="focus the next pane: A, B, the pair list",
            id="compare.next-pane",
        ),
        Binding("shift+tab", "pane(-1)", "previous pane", show=False, id="compare.previous-pane"),
        Binding("escape", "close", "back", tooltip="close the comparison", id="compare.close"),
    ]

    def __init__(self, host: ReaderHost, a_id: str, b_id: str, *, at: int | None = None) -> None:
        super().__init__()
        self.loader = ComparisonLoader(self, host)  # its workers: the alignment, the bookmarks
        self.sync = True
        self.ready_ms: float | None = None  # from the request to both panes shown (benchmarks)
        self.worker_ms: float | None = None  # of which the worker: read, align, lay out
        self._requested_at = 0.0
        self._request = 0
        self._pending = True  # load when the screen is (next) shown
        self._reset(a_id, b_id, at)
        self.panes = {"a": ComparePane("a", id="compare-pane-a"), "b": ComparePane("b", id="compare-pane-b")}
        self.pair_list = PairList(id="pair-list")

    def _reset(self, a_id: str, b_id: str, at: int | None) -> None:
        self.a_id = a_id
        self.b_id = b_id
        self.at = at
        self.filter = "pairs"
        self.alignment: Alignment | None = None
        self.items: list[CompareItem] = []
        self.current: CompareItem | None = None
        self._paired: dict[str, tuple[list[int], list[CompareItem]]] = {}
        self._anchor: dict[str, CompareItem | None] = {"a": None, "b": None}
        # cursors we just set, per pane: their echoes (PaneMoved) are no move of the user's
        self._expect: dict[str, list[Span]] = {"a": [], "b": []}
        self._docs: dict[str, Document] = {}
        self._bookmarks: dict[str, tuple[Span, ...]] = {"a": (), "b": ()}

    def compare(self, a_id: str, b_id: str, *, at: int | None = None) -> None:
        """Point the screen at two (other) documents; they load when it is shown."""
        self._reset(a_id, b_id, at)
        self._requested_at = time.perf_counter()
        if self.is_mounted:
            self.pair_list.empty = "aligning the two documents…"
            self.pair_list.show([], None)
            self.query_one("#pairs-title", Static).update(Text("aligning…"), layout=False)
            for pane in self.panes.values():
                pane.set_title("loading…", "")
            self._status()
        self._pending = True
        if self.is_current:
            self._start()

    def view(self, side: str) -> CompareView:
        return self.panes[side].view

    # .. composition and layout ..

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="≡")
        with Container(id="compare-panes"):
            yield self.panes["a"]
            yield self.panes["b"]
        with Vertical(id="pairs"):
            yield Static(Text("aligning…"), id="pairs-title", markup=False)
            yield self.pair_list
        yield Static(id="compare-status", markup=False)
        yield MainFooter(compact=True)

    def on_mount(self) -> None:
        self._requested_at = self._requested_at or time.perf_counter()
        self.sub_title = "comparison"
        self.pair_list.empty = "aligning the two documents…"
        self._apply_layout()
        self._status()
        self._start()

    def on_screen_resume(self) -> None:
        self._apply_layout()
        if self._pending:
            self._start()
        elif self._docs:  # bookmarks may have changed meanwhile (the panel, the reader)
            self._load_bookmarks()

    def _start(self) -> None:
        # at once, not after the first refresh: the widths are known from the terminal's, and
        # the worker runs while the screen draws itself
        if not self.is_mounted:
            return
        self._pending = False
        self._request += 1
        self.loader.load(self.a_id, self.b_id, self._pane_width("a"), self._pane_width("b"), self._request)

    def on_resize(self) -> None:
        self._apply_layout()

    def _apply_layout(self) -> None:
        self.set_class(self.size.width < SIDE_BY_SIDE, "-stacked")
        self.query_one(Footer).show_command_palette = self.size.width >= SIDE_BY_SIDE

    def _pane_width(self, side: str) -> int:
        width = self.view(side).scrollable_content_region.width
        if width:
            return width
        full = self.app.size.width or 80
        # side by side: half each, less A's border; and the scrollbar
        return max(
            20, (full // 2 if full >= SIDE_BY_SIDE else full) - 1 - (side == "a" and full >= SIDE_BY_SIDE)
        )

    def on_descendant_focus(self) -> None:
        focused = self.focused
        # on the title lines only: a class on a pane would restyle its reader, ~30 component
        # classes, at every focus move
        for side, pane in self.panes.items():
            pane.query_one(".compare-pane-title").set_class(focused is self.view(side), "-active")
        self.query_one("#pairs-title").set_class(focused is self.pair_list, "-active")

    @property
    def closing(self) -> bool:
        """Whether the screen is being taken down: at exit the app closes the widgets of this
        (installed) screen one by one in no set order, so an answer of its workers, or the echo
        of a pane's move, can come after a title or the status line it draws on was removed
        (``nkterm.tui.teardown``); it then draws nothing."""
        return torn_down(self, *_DRAWN_ON)

    @on(ComparisonFailed)
    def _failed(self, message: ComparisonFailed) -> None:
        if self.closing:
            return
        self.pair_list.empty = message.text
        self.pair_list.reset_rows()
        self.query_one("#pairs-title", Static).update(Text("the comparison failed"), layout=False)
        self.notify(message.text, title="Compare", severity="error", timeout=8, markup=False)

    @on(ComparisonReady)
    def _ready(self, message: ComparisonReady, tries: int = 0) -> None:
        if message.request != self._request or self.closing:  # (also a retry after the refresh)
            return
        if not self.pair_list.scrollable_content_region.height and tries < 10:
            # faster than the screen's first layout: placing passages needs the panes' sizes
            self.call_after_refresh(self._ready, message, tries + 1)
            return
        self.alignment = alignment = message.alignment
        self.items = items_of(alignment)
        self._docs = {"a": message.a.doc, "b": message.b.doc}
        self._load_bookmarks()
        for side, prepared in (("a", message.a), ("b", message.b)):
            self.view(side).show(prepared, target="top")
            self._expect[side].append(self.view(side).cursor)
            doc = prepared.doc
            self.panes[side].set_title(doc.title, f"{doc.id} · {doc.word_count:,} words")
            paired = sorted(
                (item for item in self.items if item.pair is not None and not item.also),  # one partner each
                key=lambda item: item.passage(side).start,  # type: ignore[union-attr]
            )
            starts = [item.passage(side).start for item in paired]  # type: ignore[union-attr]
            self._paired[side] = (starts, paired)
        self.pair_list.empty = "no pairs of this kind (f: next filter)"
        self._apply_filter(keep=None)
        self._apply_marks()
        first = self._item_at(self.at) if self.at is not None else None
        shown = self.pair_list.rows
        if first is None and self.at is not None:
            self.view("a").place(self.at, CONTEXT_ROWS)
            self.notify("that passage has no partner in B", timeout=4)
        elif first is not None or shown:
            item = first or shown[0]
            if item not in shown:
                self.filter = "all"
                self._apply_filter(keep=item)
            self.pair_list.select(self.pair_list.rows.index(item), notify=False)
            self.show_item(item)
        self.ready_ms = (time.perf_counter() - self._requested_at) * 1000
        self.worker_ms = message.elapsed_ms
        self._status()

    def _item_at(self, offset: int) -> CompareItem | None:
        """The row whose A passage holds ``offset``: its pair, else the passage alone."""
        for item in self.items:
            if item.a is not None and item.a.start <= offset < item.a.end:
                return item
        return None

    # .. the list ..

    def _apply_filter(self, keep: CompareItem | None) -> None:
        kinds = FILTERS[self.filter][1]
        self.pair_list.show([item for item in self.items if item.kind in kinds], keep)
        alignment = self.alignment
        if alignment is None:
            return
        count = {
            r: sum(1 for p in alignment.pairs if p.relation == r) for r in ("agrees", "differs", "related")
        }
        independence = alignment.independence
        title = Text()  # wrapped (nkterm.tcss): cut, it lost the counts after "not independent"
        if independence is not None and not independence.independent:
            title.append(f"not independent: {safe('; '.join(independence.reasons))}", style="bold")
            title.append(" · ")
        title.append(
            f"{FILTERS[self.filter][0]}: {len(self.pair_list.rows)} listed (f) · "
            f"{len(alignment.pairs)} pairs: {count['agrees']} agree, {count['differs']} differ, "
            f"{count['related']} related · {len(alignment.only_a)} only in A · {len(alignment.only_b)} only in B"
        )
        self.query_one("#pairs-title", Static).update(title, layout=True)

    def action_filter(self, step: int) -> None:
        names = list(FILTERS)
        self.filter = names[(names.index(self.filter) + step) % len(names)]
        self._apply_filter(keep=self.current)
        self._status()

    @on(PairHighlighted)
    def _highlighted(self, message: PairHighlighted) -> None:
        self.show_item(message.item)
        if message.chosen:
            side = "a" if message.item.a is not None else "b"
            self.view(side).focus()

    def action_pair(self, direction: int) -> None:
        rows = self.pair_list.rows
        if not rows:
            self.notify("nothing listed (f: another filter)", timeout=2)
            return
        if self.current in rows:
            i = rows.index(self.current) + direction
        else:
            i = self.pair_list.cursor if direction > 0 else len(rows) - 1
        if not 0 <= i < len(rows):
            self.notify(f"that was the {'last' if direction > 0 else 'first'} one listed", timeout=2)
            return
        self.pair_list.select(i, notify=False)
        self.show_item(rows[i])

    # .. placing passages ..

    def show_item(self, item: CompareItem) -> None:
        """Both panes to the item's passages, the two halves of a pair level with each other."""
        self.current = item
        row = min(CONTEXT_ROWS, self.view("a").scrollable_content_region.height // 4)
        if item.a is not None and item.b is not None:
            row_a = self._move("a", item.a.start, row)
            row_b = self._move("b", item.b.start, row_a)
            if row_b != row_a:  # B could not go that far: bring A level with it instead
                self._move("a", item.a.start, row_b)
            self._anchor = {"a": item, "b": item}
        else:
            side = "a" if item.a is not None else "b"
            passage = item.passage(side)
            assert passage is not None
            self._move(side, passage.start, row)
            self._anchor[side] = self._anchor_at(side, self.view(side).cursor)
        self._apply_marks()
        self._status()

    def _move(self, side: str, offset: int, row: int) -> int:
        view = self.view(side)
        landed = view.place(offset, row)
        self._expect[side].append(view.cursor)
        return landed

    def _anchor_at(self, side: str, cursor: Span) -> CompareItem | None:
        """The last paired passage of ``side`` that starts before the cursor sentence ends:
        the pair the reader of that pane is at, or has just gone past."""
        starts, paired = self._paired.get(side, ([], []))
        i = bisect.bisect_left(starts, cursor.end) - 1
        return paired[i] if i >= 0 else None

    @on(PaneMoved)
    def _pane_moved(self, message: PaneMoved) -> None:
        if self.closing:
            return
        side = message.side
        expected = self._expect[side]
        if message.cursor in expected:  # we moved it (echoes can merge: drop the older ones too)
            del expected[: expected.index(message.cursor) + 1]
            return
        expected.clear()
        anchor = self._anchor_at(side, message.cursor)
        if anchor is None or anchor is self._anchor.get(side):
            self._anchor[side] = anchor
            self._status()
            return
        self._anchor[side] = anchor
        if self.sync:
            self._follow(side, anchor)
        self._status()

    def _follow(self, side: str, item: CompareItem) -> None:
        """The other pane to ``item``'s passage there, level with this pane's."""
        other = "b" if side == "a" else "a"
        here, there = item.passage(side), item.passage(other)
        assert here is not None and there is not None
        view = self.view(side)
        row = view.row_of(here.start)
        height = max(1, view.scrollable_content_region.height)
        self._move(other, there.start, max(0, min(row if row is not None else 0, height - 1)))
        self._anchor[other] = item
        self.current = item
        if item in self.pair_list.rows:
            self.pair_list.select(self.pair_list.rows.index(item), notify=False)
        self._apply_marks()

    def action_toggle_sync(self) -> None:
        self.sync = not self.sync
        self.notify(f"synchronised scrolling {'on' if self.sync else 'off'}", timeout=2)
        self._status()

    # .. marks and bookmarks ..

    def _apply_marks(self) -> None:
        if self.alignment is None:
            return
        for side in ("a", "b"):
            self.view(side).set_marks(marks_for(self.items, self.current, side, self._bookmarks[side]))

    def _load_bookmarks(self) -> None:
        self.loader.load_bookmarks(dict(self._docs), self._request)

    @on(ComparisonBookmarks)
    def _bookmarks_read(self, message: ComparisonBookmarks) -> None:
        if message.request != self._request or self.closing:
            return
        if message.problem:
            self.notify(safe(message.problem), title="Bookmarks", severity="error", timeout=8, markup=False)
        self._bookmarks = {side: message.spans.get(side, ()) for side in ("a", "b")}
        self._apply_marks()
        self._status()

    @on(BookmarksChanged)
    def _bookmarks_changed(self, message: BookmarksChanged) -> None:
        """A bookmark was saved (``b`` in a pane goes to the app, which has the main screen
        save it; the main screen then tells every screen): mark it here."""
        message.stop()
        if self._docs and (message.doc_id is None or message.doc_id in {d.id for d in self._docs.values()}):
            self._load_bookmarks()

    # .. keys and the status line ..

    def action_pane(self, step: int) -> None:
        order: list[Any] = [self.view("a"), self.view("b"), self.pair_list]
        i = order.index(self.focused) if self.focused in order else -1
        order[(i + step) % len(order)].focus()

    def action_close(self) -> None:
        self.dismiss(None)

    def _bookmarked(self, item: CompareItem) -> str:
        """``▌ bookmarked in A`` (B, A and B) when the item's passages overlap a bookmark: the
        current pair's gutter shows ``▌`` rather than its relation then, which this says."""
        sides = [
            side.upper()
            for side in ("a", "b")
            if (p := item.passage(side)) is not None
            and any(s.start < p.end and p.start < s.end for s in self._bookmarks[side])
        ]
        return f" · {BOOKMARK_GUTTER} bookmarked in {' and '.join(sides)}" if sides else ""

    def _status(self) -> None:
        # the keys and the place first: only the reason's end (past two lines) may be cut
        parts = [f"sync {'on' if self.sync else 'off'} (s)", "tab: next pane"]  # (tab: not in the footer)
        item, rows = self.current, self.pair_list.rows
        if self.alignment is None:
            parts.append(f"aligning {self.a_id} and {self.b_id}…")
        elif item is not None:
            where = f"{rows.index(item) + 1} of {len(rows)}" if item in rows else "not listed"
            tag = f"{SYMBOLS[item.kind]} {WORDS[item.kind]}"
            if item.pair is not None:
                tag += f" {item.pair.similarity:.2f}"
            tag += f" ({where}){self._bookmarked(item)}"
            if item.pair is not None and item.pair.reason:
                tag += f": {safe(item.pair.reason)}"
            parts.append(tag)
        self.query_one("#compare-status", Static).update(
            Text(" · ".join(parts), overflow="ellipsis"), layout=False
        )


COMPARE_SCREEN = "compare"  # the installed comparison screen's name


def open_comparison(
    app: App[Any], a_id: str, b_id: str, *, at: int | None = None, replace: Screen[Any] | None = None
) -> None:
    """Show the comparison of ``a_id`` and ``b_id`` (pushed, or in place of ``replace`` when
    that is the top screen). One ``CompareScreen`` is installed and reused."""
    if app.is_screen_installed(COMPARE_SCREEN):
        screen = app.get_screen(COMPARE_SCREEN)
        assert isinstance(screen, CompareScreen)
    else:
        screen = CompareScreen(host_of(app), a_id, b_id, at=at)
        app.install_screen(screen, COMPARE_SCREEN)
    if screen in app.screen_stack and app.screen is not screen:
        app.notify("a comparison is open below this screen: close it first (esc)", timeout=4)
        return
    screen.compare(a_id, b_id, at=at)
    if app.screen is screen:
        return
    if replace is not None and app.screen is replace:
        app.switch_screen(screen)
    else:
        app.push_screen(screen)

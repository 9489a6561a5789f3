"""The comparison screen: two documents side by side, their aligned passages marked in both.

Owns the layout (two ``ComparePane``s side by side from ``SIDE_BY_SIDE`` columns, stacked A
above B below that), the list of pairs and its relation filter, walking the pairs (``]``/``[``),
and scrolling synchronised by alignment: when the cursor in one pane reaches a passage that
has a partner, the other pane puts that partner level with it (``s`` turns this off). The
alignment (``nkterm.compare.align`` with the corpus IDF) and the layout of both documents run
in a thread worker (``group="compare"``): the UI thread never touches Whoosh or the disk.

Also here: ``ComparePicker``, the small list the reader's ``c`` opens to choose the second
document, and ``choose_and_compare``, what ``c`` runs.
"""

from __future__ import annotations

import bisect
import time
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Vertical
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Header, Input, Static
from textual.worker import get_current_worker

from nkterm.messages import DocumentChosen, Prepared
from nkterm.models import DocSummary, Span
from nkterm.render import safe
from nkterm.widgets.compare_view import ComparePane, CompareView, PaneMoved
from nkterm.widgets.document_layout import prepare
from nkterm.widgets.document_list import DocumentList, filter_summaries, sort_summaries
from nkterm.widgets.marks import Mark
from nkterm.widgets.pair_list import (
    DIFFERS,
    FILTERS,
    SYMBOLS,
    WORDS,
    CompareItem,
    PairHighlighted,
    PairList,
    items_of,
)

if TYPE_CHECKING:
    from nkterm.app import NktermApp
    from nkterm.compare import Alignment
    from nkterm.screens.main import MainScreen

SIDE_BY_SIDE = 100  # from this many columns the panes stand side by side; below, A above B
CONTEXT_ROWS = 2  # a placed passage starts this many rows below the top of its pane
_PAIR_KEYS = Binding.Group("pair")
MARK_ROLES = {"agrees": "pair", "differs": "differs"}  # relation -> mark role (nkterm.tcss)
ONLY_GUTTER = "◦"  # the gutter symbol of the current passage when it has no partner


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
            tooltip="list pairs, agrees, differs, only in A, only in B, or everything (cycles)",
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

    def __init__(self, a_id: str, b_id: str, *, at: int | None = None) -> None:
        super().__init__()
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

    @property
    def nk(self) -> NktermApp:
        return self.app  # type: ignore[return-value]

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
        yield Footer(compact=True)

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

    def _start(self) -> None:
        # at once, not after the first refresh: the widths are known from the terminal's, and
        # the worker runs while the screen draws itself
        if not self.is_mounted:
            return
        self._pending = False
        self._request += 1
        self.load_comparison(
            self.nk.index, self.a_id, self.b_id, self._pane_width("a"), self._pane_width("b"), self._request
        )

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

    # .. the worker ..

    @work(thread=True, exclusive=True, group="compare")
    def load_comparison(
        self, index: Any, a_id: str, b_id: str, width_a: int, width_b: int, request: int
    ) -> None:
        """Read both documents and their claims, align them (corpus IDF), lay both out."""
        from nkterm.compare import align, corpus_idf
        from nkterm.index import Index

        started = time.perf_counter()
        worker = get_current_worker()
        own = index is None  # started from the command line before the reader's index is up
        if own:
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

    @on(ComparisonFailed)
    def _failed(self, message: ComparisonFailed) -> None:
        self.pair_list.empty = message.text
        self.pair_list.reset_rows()
        self.query_one("#pairs-title", Static).update(Text("the comparison failed"), layout=False)
        self.notify(message.text, title="Compare", severity="error", timeout=8, markup=False)

    @on(ComparisonReady)
    def _ready(self, message: ComparisonReady) -> None:
        if message.request != self._request:
            return
        self.alignment = alignment = message.alignment
        self.items = items_of(alignment)
        for side, prepared in (("a", message.a), ("b", message.b)):
            self.view(side).show(prepared, target="top")
            self._expect[side].append(self.view(side).cursor)
            doc = prepared.doc
            self.panes[side].set_title(doc.title, f"{doc.id} · {doc.word_count:,} words")
            paired = sorted(
                (item for item in self.items if item.pair is not None),
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
        differ = sum(1 for p in alignment.pairs if p.relation == "differs")
        title = Text(
            f"{FILTERS[self.filter][0]}: {len(self.pair_list.rows)} listed (f) · "
            f"{len(alignment.pairs)} pairs: {len(alignment.pairs) - differ} agree, {differ} differ · "
            f"{len(alignment.only_a)} only in A · {len(alignment.only_b)} only in B",
            no_wrap=True,
            overflow="ellipsis",
        )
        self.query_one("#pairs-title", Static).update(title, layout=False)

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

    # .. marks ..

    def _apply_marks(self) -> None:
        """Every paired passage marked in both panes, its relation in the gutter as well as in
        colour (``=`` agrees, ``≠`` differs); the current row's passages drawn stronger (an
        "only in" passage gets ``◦``)."""
        if self.alignment is None:
            return
        current = self.current
        for side in ("a", "b"):
            marks: list[Mark] = []
            for item in self.items:
                passage = item.passage(side)
                if passage is not None and item.pair is not None:
                    marks.append(Mark(passage.start, passage.end, MARK_ROLES[item.kind], SYMBOLS[item.kind]))
            passage = current.passage(side) if current is not None else None
            if current is not None and passage is not None:
                symbol = SYMBOLS[current.kind] if current.pair is not None else ONLY_GUTTER
                marks.append(Mark(passage.start, passage.end, "pair-current", symbol))
                if current.kind == DIFFERS:  # keep the differing colour, bold on top of it
                    marks.append(Mark(passage.start, passage.end, "differs", symbol))
            self.view(side).set_marks(tuple(marks))

    # .. keys and the status line ..

    def action_pane(self, step: int) -> None:
        order: list[Any] = [self.view("a"), self.view("b"), self.pair_list]
        i = order.index(self.focused) if self.focused in order else -1
        order[(i + step) % len(order)].focus()

    def action_close(self) -> None:
        self.dismiss(None)

    def _status(self) -> None:
        parts = [f"sync {'on' if self.sync else 'off'} (s)"]
        item, rows = self.current, self.pair_list.rows
        if self.alignment is None:
            parts.append(f"aligning {self.a_id} and {self.b_id}…")
        elif item is not None:
            where = f"{rows.index(item) + 1} of {len(rows)}" if item in rows else "not listed"
            tag = f"{SYMBOLS[item.kind]} {WORDS[item.kind]}"
            if item.pair is not None:
                tag += f" {item.pair.similarity:.2f}"
                if item.pair.reason:
                    tag += f": {safe(item.pair.reason)}"
            parts.append(f"{tag} ({where})")
        parts.append("] [ walk · f filter · tab panes · esc back")
        self.query_one("#compare-status", Static).update(
            Text(" · ".join(parts), no_wrap=True, overflow="ellipsis"), layout=False
        )


# -- choosing the second document -----------------------------------------------------------------


class ComparePicker(ModalScreen["str | None"]):
    """Every other document, filterable as you type; dismisses with the chosen id."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "cancel", id="compare-picker.close"),
        Binding("down", "move(1)", "down", show=False, id="compare-picker.down"),
        Binding("up", "move(-1)", "up", show=False, id="compare-picker.up"),
        Binding("pagedown", "move(10)", "page down", show=False, id="compare-picker.page-down"),
        Binding("pageup", "move(-10)", "page up", show=False, id="compare-picker.page-up"),
    ]

    def __init__(self, doc_id: str, title: str, summaries: list[DocSummary]) -> None:
        super().__init__()
        self.doc_id = doc_id
        self.doc_title = title
        self.summaries = sort_summaries([s for s in summaries if s.id != doc_id], "title")

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-box"):
            title = Text("Compare ", no_wrap=True, overflow="ellipsis")
            title.append(" ".join(safe(self.doc_title).split()), style="bold")
            title.append(" with…")
            yield Static(title, id="picker-title", markup=False)
            yield Input(
                placeholder="type to filter by title, source or id · enter compares · esc cancels",
                id="picker-filter",
            )
            yield DocumentList(id="picker-list")

    def on_mount(self) -> None:
        self._apply()
        self.query_one(Input).focus()

    @property
    def list_view(self) -> DocumentList:
        return self.query_one(DocumentList)

    def _apply(self) -> None:
        text = self.query_one(Input).value
        doc_list = self.list_view
        doc_list.show(filter_summaries(self.summaries, text), doc_list.current_id())

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self._apply()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        chosen = self.list_view.current_id()
        if chosen is not None:
            self._done(chosen)

    def _done(self, other: str) -> None:
        # straight on to the comparison, in this screen's place: showing the reader again in
        # between would restyle it for nothing
        open_comparison(self.app, self.doc_id, other, replace=self)

    @on(DocumentChosen)
    def _chosen(self, message: DocumentChosen) -> None:
        message.stop()
        self._done(message.doc_id)

    def action_move(self, delta: int) -> None:
        self.list_view.action_move(delta)

    def action_close(self) -> None:
        self.dismiss(None)


def choose_and_compare(main: MainScreen) -> None:
    """The reader's ``c``: compare the open document (else the one under the list's cursor)
    with one picked from a list."""
    doc_id = main.reader.doc_id or main.documents.list_view.current_id()
    if doc_id is None:
        main.notify("open a document first (enter), then c compares it with another", timeout=3)
        return
    summaries = list(main.nk.summaries)
    if not any(s.id != doc_id for s in summaries):
        main.notify("there is no other document to compare with", timeout=3)
        return
    title = next((s.title for s in summaries if s.id == doc_id), doc_id)
    main.app.push_screen(ComparePicker(doc_id, title, summaries))


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
        screen = CompareScreen(a_id, b_id, at=at)
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

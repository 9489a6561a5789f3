"""The corroboration screen: what the rest of the corpus says about one claim.

The reader's ``o`` opens it for the claim under the cursor (or, outside any claim, the cursor's
sentence). ``nkterm.compare.corroboration_report`` runs in a thread worker
(``group="corroborate"``); the title says how many passages from how many independent sources
discuss the claim, or "no passage in the corpus discusses this". Each result shows its
document's title, the relation as a symbol and a word (never colour alone), similarity, whether
its document is independent of the claim's, the reason and shared terms, and the passage; the
line under the list gives the highlighted result's whole reason (a row cuts it to the width).
Weak word matches ("weakly related") are listed only after ``w``. ``enter`` opens that document
at the passage; ``c`` opens the comparison of the two documents at the claim.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, Static
from textual.worker import get_current_worker

from nkterm.models import Span
from nkterm.render import explanation, one_line, safe
from nkterm.tui.services import host_of
from nkterm.tui.teardown import torn_down
from nkterm.tui.widgets.footer import MainFooter
from nkterm.tui.widgets.item_list import ItemList

if TYPE_CHECKING:
    from textual.screen import Screen

    from nkterm.compare import Corroboration, CorroborationReport
    from nkterm.library import Library
    from nkterm.tui.services import ReaderHost
    from nkterm.tui.widgets.document_view import DocumentView

RESULT_LIMIT = 20
SYMBOLS = {"agrees": "=", "differs": "≠", "related": "≈", "weakly related": "~"}
STYLES = {"weakly related": "related"}  # relation -> its component class suffix, when not itself


@dataclass(eq=False)
class CorroborationsReady(Message):
    report: CorroborationReport
    elapsed_ms: float


@dataclass(eq=False)
class CorroborationFailed(Message):
    text: str


@dataclass(eq=False)
class CorroborationChosen(Message):
    result: Corroboration


@dataclass(eq=False)
class CorroborationHighlighted(Message):
    row: int


class CorroborationList(ItemList["Corroboration"]):
    """Three lines a result: relation, similarity and title; shared terms; the passage."""

    ROW_HEIGHT = 3
    EMPTY_TEXT = "looking through the corpus…"

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "corroboration-list--agrees",
        "corroboration-list--differs",
        "corroboration-list--related",
        "corroboration-list--title",
        "corroboration-list--reason",
        "corroboration-list--meta",
    }

    def render_row(self, row: int, line: int, width: int) -> Text:
        result = self.rows[row]
        meta = self._style("corroboration-list--meta")
        if line == 0:
            out = Text(f"{row + 1:>3}. ")
            symbol = SYMBOLS.get(result.relation, "?")
            style = STYLES.get(result.relation, result.relation)
            out.append(
                f"{symbol} {result.relation.upper():<7}", style=self._style(f"corroboration-list--{style}")
            )
            out.append(f"  {result.similarity:.2f}  ", style=meta)
            if not result.independent:
                out.append("not independent  ", style=self._style("corroboration-list--reason"))
            out.append(one_line(result.title), style=self._style("corroboration-list--title"))
            out.append(f"  {safe(result.doc_id)} {result.passage.start}–{result.passage.end}", style=meta)
            return out
        if line == 1:
            reason = self._style("corroboration-list--reason")
            return explanation(
                Text("      "),
                result.reason,
                result.shared_terms,
                reason_style=reason,
                meta=meta,
                joint=" · ",
            )
        return Text("      " + one_line(result.passage.text))

    def row_chosen(self, row: int) -> None:
        self.post_message(CorroborationChosen(self.rows[row]))

    def row_highlighted(self, row: int) -> None:
        self.post_message(CorroborationHighlighted(row))


class CorroborateScreen(Screen[None]):
    """Passages elsewhere in the corpus that discuss ``span`` of document ``doc_id``."""

    AUTO_FOCUS = "CorroborationList"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "c",
            "compare",
            "compare",
            tooltip="compare the two documents, starting at this claim",
            id="corroborate.compare",
        ),
        Binding(
            "w",
            "toggle_weak",
            "weak matches",
            tooltip="also list the weakly related passages (shared words only) - on/off",
            id="corroborate.toggle-weak",
        ),
        Binding("escape", "close", "back", tooltip="back to the reader", id="corroborate.close"),
    ]

    def __init__(self, doc_id: str, title: str, span: Span, text: str, label: str = "claim") -> None:
        super().__init__()
        self.doc_id = doc_id
        self.doc_title = title
        self.span = span
        self.text = text  # the claim as the reader shows it (already made safe)
        self.label = label
        self.results: list[Corroboration] | None = None
        self.report: CorroborationReport | None = None
        self.show_weak = False
        self.ready_ms: float | None = None

    @property
    def host(self) -> ReaderHost:
        return host_of(self.app)

    @property
    def list_view(self) -> CorroborationList:
        return self.query_one(CorroborationList)

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="≡")
        head = Text(f"Corroborating this {self.label} of ", style="bold")
        head.append(one_line(self.doc_title))
        head.append(f"  {self.doc_id} {self.span.start}–{self.span.end}\n")
        head.append(" ".join(self.text.split()))
        yield Static(head, id="corroborate-claim", markup=False)
        yield Static(Text("looking through the corpus…"), id="corroborate-title", markup=False)
        yield CorroborationList(id="corroborations")
        yield Static(Text(""), id="corroborate-detail", markup=False)
        yield MainFooter(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "corroboration"
        self._started = time.perf_counter()
        self.find(self.host.library, self.doc_id, self.span)

    @work(thread=True, exclusive=True, group="corroborate")
    def find(self, index: Library | None, doc_id: str, span: Span) -> None:
        worker = get_current_worker()
        started = time.perf_counter()
        try:
            if index is None:
                raise RuntimeError("the index is not ready yet; try again shortly")
            report = index.corroborate(doc_id, span.start, span.end, limit=RESULT_LIMIT).report
        except Exception as exc:  # noqa: BLE001 - a broken index is a message, not a crash
            self.post_message(CorroborationFailed(f"corroboration failed: {exc}"))
            return
        if not worker.is_cancelled:
            self.post_message(CorroborationsReady(report, (time.perf_counter() - started) * 1000))

    @on(CorroborationFailed)
    def _failed(self, message: CorroborationFailed) -> None:
        self.list_view.empty = message.text
        self.list_view.reset_rows()
        self.query_one("#corroborate-title", Static).update(Text(message.text), layout=True)

    @on(CorroborationsReady)
    def _ready(self, message: CorroborationsReady) -> None:
        self.report = message.report
        self.ready_ms = (time.perf_counter() - self._started) * 1000
        self._show()

    def _show(self) -> None:
        report = self.report
        if report is None:
            return
        view = self.list_view
        view.rows = self.results = [*report.found, *(report.weak if self.show_weak else ())]
        # the title above says what the corpus holds: the empty list does not say it again
        view.empty = ""
        view.reset_rows()
        counts = {r: sum(1 for c in report.found if c.relation == r) for r in SYMBOLS}
        summary = ", ".join(f"{n} {SYMBOLS[r]} {r}" for r, n in counts.items() if n)
        title = report.summary() + (f" ({summary})" if summary else "")
        if report.weak:
            title += f" · {len(report.weak)} weakly related (w {'hides' if self.show_weak else 'lists'} them)"
        if view.rows:
            title += " · enter opens the document there · c compares the two documents"
        title += " · esc back"
        # wrapped, not cut (nkterm.tcss): at 80 columns the keys were lost after "e…"
        self.query_one("#corroborate-title", Static).update(Text(title), layout=True)
        self._detail()

    def _detail(self) -> None:
        """The highlighted result's whole reason, under the list: its row cuts it to the width."""
        view = self.list_view
        result = view.current
        text = Text("")
        if result is not None:
            text = Text(f"{view.cursor + 1} of {len(view.rows)}  {SYMBOLS.get(result.relation, '?')} ")
            text.append(f"{result.relation} {result.similarity:.2f}: ")
            text.append(" ".join(result.reason.split()))
        self.query_one("#corroborate-detail", Static).update(text, layout=True)

    @on(CorroborationHighlighted)
    def _highlighted(self, _message: CorroborationHighlighted) -> None:
        if not torn_down(self, CorroborationList, "#corroborate-detail"):
            self._detail()

    def action_toggle_weak(self) -> None:
        self.show_weak = not self.show_weak
        self._show()

    @on(CorroborationChosen)
    def _chosen(self, message: CorroborationChosen) -> None:
        result = message.result
        self.dismiss(None)
        self.host.goto_passage(result.doc_id, result.passage.start)

    def action_compare(self) -> None:
        from nkterm.tui.screens.compare import open_comparison

        result = self.list_view.current
        if result is None:
            self.notify("no result to compare with", timeout=2)
            return
        open_comparison(self.app, self.doc_id, result.doc_id, at=self.span.start)

    def action_close(self) -> None:
        self.dismiss(None)


def corroborate_cursor(main: Screen[Any], reader: DocumentView) -> None:
    """The reader's ``o``: corroborate the claim under ``reader``'s cursor (else its sentence)."""
    prepared = reader.prepared
    if prepared is None or reader.doc_id is None:
        main.notify(
            "open a document first (enter), then o corroborates the claim under the cursor", timeout=3
        )
        return
    claim = reader.current_claim
    span = Span(claim.start, claim.end) if claim is not None else reader.cursor
    if span.end <= span.start:
        main.notify("nothing under the cursor to corroborate", timeout=2)
        return
    label = "claim" if claim is not None else "sentence"
    text = prepared.display[span.start : span.end]
    main.app.push_screen(CorroborateScreen(reader.doc_id, prepared.doc.title, span, text, label))

"""``ComparePicker``: the small list the reader's ``c`` opens to choose the document to
compare with (every other document, filtered as you type), and ``choose_and_compare``, what
``c`` runs. The choice goes straight on to ``open_comparison``, in the picker's place.
Reads only the document summaries the app already holds: no index, no disk.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from nkterm.listing import sort_summaries
from nkterm.models import DocSummary
from nkterm.render import one_line
from nkterm.tui.messages import DocumentChosen
from nkterm.tui.screens.compare import open_comparison
from nkterm.tui.view.listing import filter_summaries
from nkterm.tui.widgets.document_list import DocumentList

if TYPE_CHECKING:
    from textual.screen import Screen


class ComparePicker(ModalScreen["str | None"]):
    """Every other document, filterable as you type; dismisses with the chosen id."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "cancel", id="compare-picker.close"),
        Binding("down", "move(1)", "down", show=False, id="compare-picker.down"),
        Binding("up", "move(-1)", "up", show=False, id="compare-picker.up"),
        Binding("pagedown", "move(10)", "page down", show=False, id="compare-picker.page-down"),
        Binding("pageup", "move(-10)", "page up", show=False, id="compare-picker.page-up"),
        # a priority binding runs as the key arrives: the input's own enter ran after the keys
        # typed behind it ("oil⏎j" typed fast filtered for "oilj", "no documents", and stayed)
        Binding("enter", "choose", "compare", show=False, priority=True, id="compare-picker.choose"),
    ]

    def __init__(self, doc_id: str, title: str, summaries: list[DocSummary]) -> None:
        super().__init__()
        self.doc_id = doc_id
        self.doc_title = title
        self.summaries = sort_summaries([s for s in summaries if s.id != doc_id], "title")

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-box"):
            title = Text("Compare ", no_wrap=True, overflow="ellipsis")
            title.append(one_line(self.doc_title), style="bold")
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

    def action_choose(self) -> None:
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


def choose_and_compare(main: Screen[Any], doc_id: str | None, summaries: list[DocSummary]) -> None:
    """The reader's ``c``: compare the open document (else the one under the list's cursor)
    with one picked from a list."""
    if doc_id is None:
        main.notify("open a document first (enter), then c compares it with another", timeout=3)
        return
    if not any(s.id != doc_id for s in summaries):
        main.notify("there is no other document to compare with", timeout=3)
        return
    title = next((s.title for s in summaries if s.id == doc_id), doc_id)
    main.app.push_screen(ComparePicker(doc_id, title, summaries))
